"""Inline mode: ``@YourBot question`` in any chat offers the answer as an article to send.

A decline is never offered to be sent into a chat: what the bot can answer (its help) is
offered instead, and so are the options of an ask-back only when they are answers.

``@YourBot`` alone offers the projects' cards, a page of them at a time (Telegram asks for
the next page with the ``offset`` it was given), so a programme of thousands of projects
costs one page of cards, not thousands. Answers are kept by query text and page until the
knowledge is reloaded.
"""

from __future__ import annotations

from collections import OrderedDict

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.engine import Engine, Reply
from bot.frontends.telegram.render import MESSAGE_LIMIT, split_html
from bot.operations import Operations
from bot.stats import outcome

INLINE_MAX_RESULTS = 50  # Telegram's limit per answerInlineQuery
INLINE_CACHE_SECONDS = 300  # how long Telegram may reuse our inline results
INLINE_CACHE_SIZE = 1024  # inline answers kept here, by query text and page
MAX_PAGE = 100_000  # an offset beyond any programme's pages is not ours

Results = tuple[list[InlineQueryResultArticle], str]  # the articles, and the next offset


class InlineMode:
    def __init__(self, operations: Operations) -> None:
        self.ops = operations
        self._kept: OrderedDict[tuple[str, int], Results] = OrderedDict()
        self._generation = operations.generation

    @property
    def engine(self) -> Engine:
        return self.ops.engine

    async def answer(self, update: Update, ctx: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        if query is None:
            return
        text = " ".join(query.query.split())
        offset = query.offset or ""
        page = int(offset) if offset.isdigit() and int(offset) < MAX_PAGE else 0
        if self._generation != self.ops.generation:  # the knowledge was reloaded
            self._kept.clear()
            self._generation = self.ops.generation
        key = (text, page)
        found = self._kept.get(key)
        if found is None:
            found = self._kept[key] = self.results(text, page)
            while len(self._kept) > INLINE_CACHE_SIZE:
                self._kept.popitem(last=False)
        self._kept.move_to_end(key)
        articles, next_offset = found
        await query.answer(
            articles, cache_time=INLINE_CACHE_SECONDS, is_personal=False, next_offset=next_offset
        )

    def results(self, text: str, page: int = 0) -> Results:
        """The answer as an article; for an empty query, one article per project of the
        page ``page`` of the projects, and the offset that asks for the next page."""
        if not text:
            listing = self.engine.projects_by_call(page=page)
            items = [item for section in listing.menu for item in section.items]
            cards = [(item.label, self.engine.open(item.ref)) for item in items]
            articles = [
                _article(f"{page}.{i}" if page else str(i), label, reply)
                for i, (label, reply) in enumerate(cards)
                if reply
            ]
            return articles[:INLINE_MAX_RESULTS], str(page + 1) if listing.more else ""
        reply = self.engine.answer(text)
        if outcome(reply) == "declined":
            return [self._help()], ""
        articles = [_article("0", _first_line(reply), reply)]
        for i, suggestion in enumerate(reply.suggestions if reply.intent == "clarify" else ()):
            option = self.engine.answer(suggestion.question)
            if outcome(option) != "declined":
                articles.append(_article(str(i + 1), suggestion.label, option))
        return articles[:INLINE_MAX_RESULTS], ""

    def _help(self) -> InlineQueryResultArticle:
        """What the bot can answer, offered instead of a decline."""
        reply = self.engine.help()
        title = self.ops.said("inline_help") or _first_line(reply)
        return _article("help", title, reply)


def _first_line(reply: Reply, limit: int = 64) -> str:
    line = reply.text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _article(result_id: str, title: str, reply: Reply) -> InlineQueryResultArticle:
    first = split_html(reply.html, MESSAGE_LIMIT)[0]
    description = " ".join(reply.text.split())
    if description.startswith(title):  # a card repeats its title: describe the rest
        description = description[len(title) :].lstrip(" —-:")
    return InlineQueryResultArticle(
        id=result_id,
        title=title,
        description=description[:200],
        input_message_content=InputTextMessageContent(first, parse_mode=ParseMode.HTML),
    )
