""" "that's the budget, right?" after one project's figure: whether the figure just given was
the one the question names. When it was not, the answer says which figure it was and gives
the one named."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from bot.engine import thresholds
from bot.engine.context import Context
from bot.engine.frame import Frame
from bot.engine.grammar import tree as t
from bot.engine.query import Query
from bot.engine.reply import Reply, bold

if TYPE_CHECKING:
    from bot.engine.render.wording import Renderer

# what "is that the total budget?" may say beside the figure it names
BESIDE = {"follow", "yesno", "field", "filler", "conj", "gram"}


def names_that(frame: Frame, stopwords: Collection[str]) -> bool:
    """Whether ``frame`` asks which figure "that" was: "that" (or "it"), a yes/no, one field
    named after it, and nothing else ("is that the total budget?", "that's the EU part,
    right?")."""
    pointers = frame.find("follow", "pronoun")
    fields = {str(s.value) for s in frame.find("field")}
    asks = frame.find("yesno")
    if not pointers or not asks or len(fields) != 1 or frame.unknown:
        return False
    # "is that ...?", "that was ..., wasn't it?", "that's ..., right?": asked of "that"
    end = len(frame.words)
    if not any(s.start in (0, pointers[0].end) or s.end == end for s in asks):
        return False
    named = min(s.start for s in frame.find("field"))
    covered = {i for s in frame.spans for i in range(s.start, s.end)}
    bare = all(i in covered or w in stopwords for i, w in enumerate(frame.words))
    return bare and pointers[0].start < named and all(s.kind in BESIDE for s in frame.spans)


def what_that_was(renderer: Renderer, frame: Frame, that: t.Of, context: Context) -> Reply | None:
    """ "No: that was TRACE-KEI's EU contribution (€213,738); its total budget is €284,984."
    (never sure: the words point back)."""
    (named,) = {str(s.value) for s in frame.find("field")}
    acronym = that.among.acronyms[0]
    project = next((p for p in renderer.k.projects if p.acronym == acronym), None)
    if project is None or that.field is None or named not in renderer.k.fields:
        return None

    def said(field: str) -> str:
        return bold(renderer.value(project, field))

    slots = {"acronym": acronym, "label": renderer.label(that.field), "value": said(that.field)}
    if named == that.field:
        text = renderer.t("that_was_yes", **slots)
    else:
        text = renderer.t(
            "that_was_no", **slots, other=renderer.label(named), other_value=said(named)
        )
    context.last = Query("lookup", projects=(acronym,), fields=(named,))  # "and ECRI?" next
    context.projects = [acronym]
    source = renderer.k.programme.source.title
    return Reply.build(text, "project_field", thresholds.UNSURE, [], source)
