"""Long answers: a page at a time ("Showing 1–20 of 1,234. Say “more” for the next 20."),
the button for the next page, and any answer cut to fit one message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine import thresholds
from bot.engine.evaluate import Result
from bot.engine.query import Query
from bot.engine.render.wording import Renderer
from bot.engine.reply import NextPage, Suggestion

if TYPE_CHECKING:
    from bot.knowledge.schema import ProjectBase


class Pages:
    """Paging and the length of one message."""

    def __init__(self, renderer: Renderer) -> None:
        self.r = renderer
        self.k = renderer.k

    @property
    def more_word(self) -> str:
        """What a user says for the next page (the first of the YAML's phrases)."""
        return next(iter(self.k.language.followups.more), "more")

    def page(self, query: Query, rows: list[ProjectBase]) -> tuple[list[ProjectBase], str]:
        """The rows of the page ``query`` asks for, and the line that says where it stands
        ("Showing 1–20 of 1,234. Say “more” for the next 20."); all rows when they fit."""
        size, total = thresholds.PAGE_SIZE, len(rows)
        start = query.page * size
        if total <= size and not start:
            return rows, ""
        if start >= total:  # "more" after the last page (or after a list that fit one)
            return [], self.r.t("page_end", total=f"{total:,}")
        shown = rows[start : start + size]
        last = start + len(shown)
        slots = {"first": f"{start + 1:,}", "last": f"{last:,}", "total": f"{total:,}"}
        if last >= total:
            return shown, self.r.t("page_last", **slots)
        more = min(size, total - last)
        return shown, self.r.t("page_note", **slots, more=self.more_word, next=more)

    def next_page(self, result: Result) -> Suggestion | None:
        """The button for the next page of a long answer, or ``None`` when all was shown."""
        query, total = result.query, len(result.rows)
        order = query.order
        if query.act == "count" and total > thresholds.NAMES_SHOWN:
            left = min(thresholds.PAGE_SIZE, total)
        elif query.act == "list" or (query.act == "rank" and order and order.limit != 1):
            left = min(thresholds.PAGE_SIZE, total - (query.page + 1) * thresholds.PAGE_SIZE)
            left = left if total > thresholds.PAGE_SIZE else 0
        else:
            left = 0
        if left <= 0 or (order is not None and order.closest is not None):
            return None
        return NextPage(self.r.t("page_button", next=left), self.more_word)

    def within_limit(self, text: str) -> str:
        """``text`` cut at a line break so that it fits one message, saying what was left."""
        if len(text) <= thresholds.MAX_ANSWER:
            return text
        lines = text.split("\n")
        kept: list[str] = []
        size = 200  # room for the note
        for line in lines:
            if size + len(line) + 1 > thresholds.MAX_ANSWER:
                break
            kept.append(line)
            size += len(line) + 1
        if not kept:  # one enormous line
            return text[: thresholds.MAX_ANSWER - 200] + "…\n" + self.r.t("cut_note", count=1)
        return "\n".join([*kept, self.r.t("cut_note", count=f"{len(lines) - len(kept):,}")])
