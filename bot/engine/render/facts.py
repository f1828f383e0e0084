"""Facts about named projects and the calls: a field of a project (with the unit asked
for), a yes/no about one, and the calls for proposals by year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine import formatting as fmt
from bot.engine.evaluate import Result
from bot.engine.frame import Duration, Share
from bot.engine.query import OPS, ORDERING, Condition
from bot.engine.render.comparisons import by_degree
from bot.engine.render.wording import Renderer, days_text
from bot.engine.reply import bold

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase


class FactAnswers:
    """Lookups, yes/no answers and the calls, said."""

    def __init__(self, renderer: Renderer) -> None:
        self.r = renderer
        self.k = renderer.k

    def lookup_answer(self, result: Result) -> str:
        query = result.query
        lines: list[str] = []
        for project in result.rows:
            for name in query.fields:
                sentence = self.r.field_sentence(project, name)
                f = self.k.fields[name]
                if (
                    f.kind == "span"
                    and query.unit in ("days", "weeks")
                    and self.r.published(project, name)
                ):
                    count = self.days(project, name)
                    days, weeks = bold(days_text(count)), bold(f"{count / 7:.1f}")
                    key = "lookup_in_days" if query.unit == "days" else "lookup_in_weeks"
                    sentence = self.r.t(key, sentence=sentence.rstrip("."), days=days, weeks=weeks)
                lines.append(sentence)
            lines += self.r.caveats(project, list(query.fields))
        return " ".join(lines)

    def check_answer(self, result: Result) -> str:
        query = result.query
        cond = query.check
        assert cond is not None and isinstance(result.value, list)
        lines = []
        for project, held in zip(result.rows, result.value, strict=True):
            fact = self.r.field_sentence(project, cond.field)
            if self.k.fields[cond.field].kind == "span" and isinstance(cond.value, Duration):
                fact = fact.rstrip(".") + f" ({days_text(self.days(project, cond.field))})."
            fact += self._precisely(project, cond)
            answer = self.r.t("answer_yes" if held else "answer_no")
            if held and query.parts[:1] in (("large",), ("small",)):  # "much more than 200k?"
                answer, fact = self._by_degree(project, cond, query.parts[0], answer, fact)
            if not self.r.published(project, cond.field):
                answer = self.r.t("answer_unknown")
            lines.append(self.r.t("check", answer=answer, fact=fact))
            lines += self.r.caveats(project, [cond.field])
        if len(result.rows) > 1:
            lines.insert(0, self._verdict(result.rows, [bool(v) for v in result.value]))
        return " ".join(lines)

    def _verdict(self, rows: list[ProjectBase], held: list[bool]) -> str:
        """ "are they all 24 months long?": yes only when every one is."""
        count = len(rows)
        if all(held):
            key = "check_both" if count == 2 else "check_all"
            return self.r.t(key, answer=self.r.t("answer_yes"), count=count)
        if not any(held):
            return self.r.t("check_none", answer=self.r.t("answer_no"), count=count)
        names = fmt.join([p.acronym for p, h in zip(rows, held, strict=True) if not h])
        return self.r.t(
            "check_some", answer=self.r.t("answer_no"), held=sum(held), count=count, names=names
        )

    def _by_degree(
        self, project: ProjectBase, cond: Condition, degree: str, answer: str, fact: str
    ) -> tuple[str, str]:
        """ "only slightly more than 200k?": whether the gap is that small (or large), with
        the gap and its share of the larger figure."""
        value = self.r.ev.value(project, cond.field)
        target = cond.value
        if not isinstance(value, int | float) or not isinstance(target, int | float) or not value:
            return answer, fact
        key, share = by_degree(degree, value, target)
        gap = self.r.gap(cond.field, value, target)
        said = self.r.t("degree_gap", gap=gap, share=fmt.percent(share))
        return self.r.t(key), fact.rstrip(".") + f" {said}."

    def _precisely(self, project: ProjectBase, cond: Condition) -> str:
        """ "95.0%" is not below 95% as shown, but 94.98% is: the figure to two decimals
        where the rounding would hide the answer."""
        value = self.r.ev.value(project, cond.field)
        if self.k.fields[cond.field].kind != "ratio" or not isinstance(value, float):
            return ""
        rounded = cond._replace(op="eq").test(value)  # equal as shown
        if not rounded or cond.op not in ORDERING:
            return ""
        points = cond.value.points if isinstance(cond.value, Share) else 0.0
        return " " + self.r.t("precisely", value=fmt.percent_apart(value, points))

    def days(self, project: ProjectBase, name: str) -> int:
        start, end = (project.value(p) for p in self.k.fields[name].of)
        return int((end - start).days) + 1

    def calls_answer(self, result: Result) -> str:
        if "count" in result.query.parts:
            conditions = ", ".join(
                OPS[c.op].words.format(field="launched", value=self.r.target_text(c))
                for c in result.query.conditions
            )
            names = fmt.join([fmt.call_name(c) for c in result.calls])
            count = len(result.calls)
            word = "call" if count == 1 else "calls"
            return f"{bold(str(count))} {word} for proposals {conditions}" + (
                f": {names}." if names else "."
            )
        if result.calls:
            names = fmt.join([fmt.call_name(c) for c in result.calls])
            if "list" in result.query.parts:
                return fmt.sentence_case(names) + "."
            return self.r.t("calls_yes", calls=names)
        named = [self.k.calls_by_number[n] for n in result.query.calls]
        if named:  # "was the second call launched in 2016?"
            held = [
                f"{fmt.call_name(c).removesuffix(f' ({c.year})')} was in {c.year}" for c in named
            ]
            return self.r.t("calls_no_named", held=fmt.join(held))
        years = fmt.join([str(c.year) for c in self.k.calls])
        return self.r.t("calls_no", years=years)
