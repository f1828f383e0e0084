"""Named projects side by side: their figures, which is higher and by how much, whether
they share a value, and one project's two figures compared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine import thresholds
from bot.engine.evaluate import Result
from bot.engine.query import Query
from bot.engine.render.wording import COMPARATIVES, Renderer
from bot.engine.reply import bold
from bot.knowledge import NOT_PUBLISHED

ORDERED = ("money", "date", "span", "ratio", "difference")  # two values with a gap between
# the words for the top and the bottom of a figure, by its kind (keys of the answers)
SUPERLATIVES = {"date": ("g_latest", "g_earliest"), "span": ("g_longest", "g_shortest")}

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase


class ComparisonAnswers:
    """Comparisons of named projects, said with both figures."""

    def __init__(self, renderer: Renderer) -> None:
        self.r = renderer
        self.k = renderer.k
        self.ev = renderer.ev

    def compare_answer(self, result: Result) -> str:
        query, rows = result.query, result.rows
        lines: list[str] = []
        for name in query.fields:
            f = self.k.fields[name]
            if any(not self.r.published(p, name) for p in rows):
                lines += [self.r.field_sentence(p, name) for p in rows]
                continue
            values = fmt.join([f"{p.acronym} {bold(self.r.value(p, name))}" for p in rows])
            if "same" in query.parts:
                lines.append(self.same(rows, name))
                continue
            if "check" in query.parts:  # a yes/no question: the verdict, with both figures
                lines.append(self.verdict(query, rows, name))
                continue
            lines.append(
                self.r.t("compare_values", Label=fmt.sentence_case(f.label), values=values)
            )
            if f.kind in ("money", "date", "span", "ratio", "difference"):
                lines.append(self.verdict(query, rows, name))
        lines += self.r.caveat_lines(rows, list(query.fields))
        return "\n".join(line for line in lines if line)

    def same(self, rows: list[ProjectBase], name: str) -> str:
        label = self.r.label(name)
        values = {self.r.value(p, name) for p in rows}
        names = fmt.join([p.acronym for p in rows])
        if len(values) == 1:
            return self.r.t(
                "compare_yes_same", projects=names, label=label, value=bold(values.pop())
            )
        shown = fmt.join([f"{p.acronym}'s {label} is {bold(self.r.value(p, name))}" for p in rows])
        raw = [self.ev.value(p, name) for p in rows]  # (a derived figure too)
        if len(rows) == 2 and NOT_PUBLISHED not in raw and self.k.fields[name].kind in ORDERED:
            gap = self.r.gap(name, raw[0], raw[1])  # "No: ... €236,950 and ... €236,944 (€6 apart)"
            return self.r.t("compare_no_same_gap", values=shown, gap=gap)
        return self.r.t("compare_no_same", values=shown)

    def verdict(self, query: Query, rows: list[ProjectBase], name: str) -> str:
        f = self.k.fields[name]
        desc = query.order.descending if query.order is not None else True
        ranked = sorted(rows, key=lambda p: self.ev.value(p, name), reverse=desc)
        winner, loser = ranked[0], ranked[-1]
        a, b = self.ev.value(winner, name), self.ev.value(loser, name)
        if a == b:
            return self.r.t(
                "compare_same",
                projects=fmt.join([p.acronym for p in rows]),
                label=f.label,
                value=bold(self.r.value(winner, name)),
            )
        if len(rows) > 2 and "check" not in query.parts:  # "which of A, B and C ...?"
            return self.top(ranked, name, desc)
        more, less = COMPARATIVES.get(f.kind, ("higher", "lower"))
        word = more if desc else less
        gap_word = "more" if f.kind not in COMPARATIVES else word
        if "check" in query.parts:
            subject = next(p for p in rows if p.acronym == query.parts[1])
            other = next(p for p in rows if p is not subject)
            won = subject is winner
            answer = "answer_yes" if won else "answer_no"
            gap = self.r.gap(name, a, b)
            if won and len(query.parts) > 2 and isinstance(a, int | float):  # "much bigger?"
                answer, share = by_degree(query.parts[2], a, b)
                gap += f" ({fmt.percent(share)})" if fmt.percent(share) != fmt.percent(0) else ""
            return self.r.t(
                "compare_check",
                answer=self.r.t(answer),
                subject=subject.acronym,
                label=f.label,
                subject_value=self.r.value(subject, name),
                word=word if won else (less if desc else more),
                other=other.acronym,
                other_value=self.r.value(other, name),
                gap=gap,
            )
        return self.r.t(
            "compare_verdict",
            winner=bold(winner.acronym),
            label=f.label,
            word=word,
            winner_value=self.r.value(winner, name),
            loser_value=self.r.value(loser, name),
            gap=self.r.gap(name, a, b),
            gap_word=gap_word if f.kind != "date" else "apart",
        )

    def top(self, ranked: list[ProjectBase], name: str, desc: bool) -> str:
        """Of three or more projects, the one with the highest (lowest) figure and how far
        ahead of the next it is; all of them when they tie at the top."""
        kind = self.k.fields[name].kind
        most, least = SUPERLATIVES.get(kind, ("g_largest", "g_smallest"))
        word = self.r.t(most if desc else least)
        top = self.ev.value(ranked[0], name)
        tied = [p for p in ranked if self.ev.value(p, name) == top]
        label, value = self.r.label(name), bold(self.r.value(ranked[0], name))
        if len(tied) > 1:
            names = fmt.join([p.acronym for p in tied])
            return self.r.t("compare_top_tie", projects=names, word=word, label=label, value=value)
        runner = ranked[1]
        return self.r.t(
            "compare_top",
            winner=bold(ranked[0].acronym),
            word=word,
            label=label,
            value=value,
            next=runner.acronym,
            gap=self.r.gap(name, top, self.ev.value(runner, name)),
        )

    def compare_fields_answer(self, result: Result) -> str:
        query = result.query
        p = result.rows[0]
        a, b = query.fields
        va, vb = self.ev.value(p, a), self.ev.value(p, b)
        desc = query.order.descending if query.order else True
        holds = va > vb if desc else va < vb
        text = self.r.t(
            "compare_fields",
            answer=self.r.t("answer_yes" if holds else "answer_no"),
            acronym=p.acronym,
            label=self.r.label(a),
            value=bold(self.r.value(p, a)),
            word="more" if va > vb else "less",
            other_label=self.r.label(b),
            other_value=bold(self.r.value(p, b)),
        )
        return " ".join([text, *self.r.caveats(p, [a, b])])


def by_degree(degree: str, a: float, b: float) -> tuple[str, float]:
    """ "much bigger?" of a gap from ``a`` to ``b``: the answer's opening word ("Yes, by a
    lot", "No, not by much") and the gap as a share of the larger figure."""
    share = abs(a - b) / max(abs(a), abs(b))
    large = share >= thresholds.LARGE_GAP
    return f"answer_{degree}_{'yes' if large == (degree == 'large') else 'no'}", share
