"""Idioms: word patterns read as a whole once the words are found, before any reading —
"wasn't ECRI in call 1?" (a yes/no asked negatively), "didn't start until 2020" (in or
after 2020), "about 249k" (roughly that amount). The words come from
``knowledge/language.yaml``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine.frame import Frame, Span

if TYPE_CHECKING:  # the schema (pydantic) is not loaded by a cached start
    from bot.knowledge.schema import Language


class Idioms:
    """Rewrites a frame's spans where an idiom's words stand."""

    def __init__(self, language: Language, projects: int = 0) -> None:
        self.projects = projects  # "across the twelve projects": all of them, counted
        self.negative_yesno_words = set(language.negative_yesno), set(language.negative_yesno_tags)
        self.roughly_words = set(language.roughly_before_amount)
        self.counted_words = set(language.counted_before_number)
        self.placed_words = set(language.placed_before_number)
        self.split_negations = dict(language.split_negation)
        self.split_off_pages = dict(language.split_not_on_page)
        self.same_words = {w for w in language.same if " " not in w}  # "same", "identical"

    def read(self, frame: Frame) -> None:
        self.negative_yesno(frame)
        self.not_until(frame)
        self.roughly(frame)
        self.counted(frame)
        self.placed(frame)
        self.figures_shown(frame)
        self.same_inside(frame)
        self.split_negation(frame)
        self.split_off_page(frame)

    def same_inside(self, frame: Frame) -> None:
        """ "is the end date the same for all projects in call 1?": "the same for", which
        opens a follow-up ("the same for ECRI?"), inside a question says "the same"."""
        for s in [s for s in frame.spans if (s.kind, s.value) == ("follow", "continue")]:
            inside = [i for i in range(s.start, s.end) if frame.words[i] in self.same_words]
            if s.start > 0 and inside:
                frame.spans.remove(s)
                frame.spans.append(Span(inside[0], inside[0] + 1, "same", "same"))

    def split_negation(self, frame: Frame) -> None:
        """ "leaving call 2 out, ...": a negation said in two words around what it leaves
        out is a negation where it starts (the last word only closes it)."""
        for i, j in _split(frame.words, self.split_negations):
            frame.spans = [
                s for s in frame.spans if not (s.start <= i < s.end or s.start <= j < s.end)
            ]
            frame.spans += [Span(i, i + 1, "neg", "not"), Span(j, j + 1, "filler", "filler")]
            return

    def split_off_page(self, frame: Frame) -> None:
        """ "what did CECIL spend its EU contribution on?": what the money went to, which the
        page does not say, asked in two words around what was spent (the last word of the
        question closes it)."""
        words = frame.words
        for i, j in _split(words, self.split_off_pages, nearest=1):
            if j == len(words) - 1:
                said = f"{words[i]} … {words[j]}"
                frame.spans = [s for s in frame.spans if not s.start <= i < s.end]
                frame.spans.append(Span(i, i + 1, "not_on_page", said))
                return
        # "how much did CLUSGRID spend on travel?": what it went to, named by words that name
        # nothing the page has
        for i, word in enumerate(words[:-2]):
            if self.split_off_pages.get(word) != words[i + 1]:
                continue
            if not any(s.start > i + 1 and s.kind not in ("filler", "yesno") for s in frame.spans):
                frame.spans = [s for s in frame.spans if not s.start <= i < s.end]
                frame.spans.append(Span(i, len(words), "not_on_page", " ".join(words[i:])))
                return

    def not_until(self, frame: Frame) -> None:
        """ "SmartSports4GoodLife didn't start until 2020": it started in or after 2020 (the
        negation belongs to "until", not to the start)."""
        untils = [s for s in frame.spans if (s.kind, s.value) == ("cmp", "until")]
        for neg in [s for s in frame.spans if s.kind == "neg"]:
            after = next((u for u in untils if 0 < u.start - neg.end <= 2), None)
            if after is not None:
                frame.spans.remove(neg)
                frame.spans.remove(after)
                frame.spans += [
                    Span(neg.start, neg.end, "filler", "filler"),
                    Span(after.start, after.end, "cmp", "since"),
                ]
                return

    def roughly(self, frame: Frame) -> None:
        """ "about 249k": a word that means roughly right before an amount ("tell me about
        ECRI" is not)."""
        amounts = {s.start for s in frame.spans if s.kind in ("amount", "percent")}
        for i, word in enumerate(frame.words[:-1]):
            if word in self.roughly_words and i + 1 in amounts:
                frame.spans = [s for s in frame.spans if not s.start <= i < s.end]
                frame.spans.append(Span(i, i + 1, "cmp", "closest"))

    def counted(self, frame: Frame) -> None:
        """ "the total budget of all 12 projects", "the average of those 11": the number
        counts the projects meant, it does not pick some of them."""
        words = frame.words
        for s in [s for s in frame.spans if s.kind == "number" and s.end - s.start == 1]:
            before = {" ".join(words[i : s.start]) for i in range(max(0, s.start - 3), s.start)}
            if before & self.counted_words or self._all_of_them(frame, s):
                frame.spans = [x for x in frame.spans if not x.start <= s.start < x.end]
                frame.spans.append(Span(s.start, s.end, "filler", "filler"))

    def placed(self, frame: Frame) -> None:
        """ "what's number 6 on that list?", "which call was number three in?": the number
        is a place in the list shown, as "the sixth" is, whatever names it ("who's number
        4?", "project number 3"; "call number 2" is a call's name, read before)."""
        words = frame.words
        for s in [s for s in frame.spans if s.kind == "number" and s.end - s.start == 1]:
            at = s.start - 1
            if at < 0 or words[at] not in self.placed_words:
                continue
            frame.spans = [x for x in frame.spans if not at <= x.start < s.end]
            frame.spans.append(Span(at, s.end, "ordinal", str(int(s.value))))
            # "numbers 2 and 3": the number after the joining word is a place too
            joined = {x.end for x in frame.spans if x.kind == "conj" and x.start == s.end}
            after = [x for x in frame.spans if x.kind == "number" and x.start in joined]
            for x in after[:1]:
                frame.spans.remove(x)
                frame.spans.append(Span(x.start, x.end, "ordinal", str(int(x.value))))

    @staticmethod
    def figures_shown(frame: Frame) -> None:
        """ "add both totals", "the gap between those two sums": an aggregate's word after
        words pointing at what was shown, with no field of its own, in a question of
        arithmetic, names those figures."""
        plural = {s.end: s for s in frame.spans if (s.kind, s.value) == ("follow", "plural")}
        fields = {s.start for s in frame.spans if s.kind == "field"}
        arith = {s.start for s in frame.spans if s.kind == "arith"}
        for op in [s for s in frame.spans if s.kind == "op" and s.start in plural]:
            if op.value in ("max", "min", "count", "quantity", "list") or op.end in fields:
                continue
            if not arith - {op.start}:
                continue  # ("both together, how many months?": their sum, said by it)
            frame.spans = [x for x in frame.spans if not op.start <= x.start < op.end]
            frame.spans.remove(plural[op.start])
            frame.spans.append(Span(plural[op.start].start, op.end, "follow", "plural"))

    def _all_of_them(self, frame: Frame, number: Span) -> bool:
        """ "across the twelve projects": as many as the page lists, said of the projects
        ("the top 12 by budget" still ranks)."""
        after = {s.kind for s in frame.spans if s.start == number.end}
        limited = any(s.kind == "limit" and s.end == number.start for s in frame.spans)
        return number.value == self.projects and bool(after & {"noun"}) and not limited

    def negative_yesno(self, frame: Frame) -> None:
        """ "wasn't ECRI in the first call?", "ECRI wasn't in the first call, was it?": the
        negation asks, it does not turn the question around; the span says so (the answer
        then gives the facts without a bare "Yes" or "No", which would be read two ways)."""
        asks, tags = self.negative_yesno_words
        words = frame.words
        tagged = len(words) > 2 and " ".join(words[-2:]) in tags
        for i, s in enumerate(frame.spans):
            asked = s.start == 0 or tagged
            if asked and s.kind == "neg" and " ".join(words[s.start : s.end]) in asks:
                frame.spans[i] = Span(s.start, s.end, "yesno", "negative")
                break
        else:
            return
        if tagged:  # "was it": the tag, not a pronoun pointing back
            end = len(words)
            frame.spans = [s for s in frame.spans if s.end <= end - 2]
            frame.spans.append(Span(end - 2, end, "yesno", "tag"))


def _split(words: list[str], pairs: dict[str, str], nearest: int = 2) -> list[tuple[int, int]]:
    """Where a phrase said in two words around others stands: (first word, closing word),
    ``nearest`` to five words apart."""
    found = []
    for i, word in enumerate(words):
        closing = pairs.get(word)
        ends = [j for j in range(i + nearest, min(i + 6, len(words))) if words[j] == closing]
        if closing is not None and ends:
            found.append((i, ends[0]))
    return found
