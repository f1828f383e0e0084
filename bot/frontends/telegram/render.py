"""A ``Reply`` made fit for Telegram: messages within 4096 characters, buttons within 64 bytes."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.engine import MenuItem, MenuSection, NextPage, Reply, Suggestion
from bot.engine.memo import Memo
from bot.frontends.telegram import pages

MESSAGE_LIMIT = 4096  # characters (UTF-16 code units) of text, after the HTML is parsed
CALLBACK_LIMIT = 64  # bytes of callback data
MAX_BUTTONS = 90  # buttons in one keyboard; Telegram allows about 100
BUTTONS_PER_ROW = 3
TAG = re.compile(r"</?b>")
# Intents whose suggestions are a choice to make, so they get buttons in groups too.
CHOICES = frozenset({"clarify", "decline", "empty", "help", "greet", "confirm", "which_project"})


def _units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units of the visible text."""
    visible = TAG.sub("", text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return len(visible.encode("utf-16-le")) // 2


def split_html(html: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split an answer into messages of at most ``limit``, on line boundaries.

    A single line longer than ``limit`` is cut at a space (never inside a tag or an
    ``&…;`` entity, which hold no spaces), and a bold run cut in two is closed and reopened.
    """
    if _units(html) <= limit:  # nearly every answer: one message, nothing to cut
        return [html]
    chunks: list[str] = []
    current = ""
    for line in html.split("\n"):
        pieces = [line] if _units(line) <= limit else list(_split_line(line, limit))
        for piece in pieces:
            candidate = f"{current}\n{piece}" if current else piece
            if current and _units(candidate) > limit:
                chunks.append(current)
                current = piece
            else:
                current = candidate
    chunks.append(current)
    return [c for c in chunks if c.strip()] or [html]


def _split_line(line: str, limit: int) -> Iterable[str]:
    bold_open = False
    rest = line
    while rest:
        prefix = "<b>" if bold_open else ""
        budget = limit - 4  # room for a closing </b>
        if _units(prefix + rest) <= limit:
            yield prefix + rest
            return
        cut = _cut_point(rest, budget - len(prefix))
        piece, rest = rest[:cut], rest[cut:].lstrip(" ")
        opened = bold_open
        for tag in TAG.findall(piece):
            opened = tag == "<b>"
        yield prefix + piece + ("</b>" if opened else "")
        bold_open = opened


def _cut_point(text: str, budget: int) -> int:
    """The longest prefix within ``budget`` units ending at a space, else at a safe spot."""
    end, used = 0, 0
    for i, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > budget:
            break
        end = i + 1
    space = text.rfind(" ", 0, end)
    if space > 0:
        return space
    # no space: step back out of any tag or entity the cut would split
    while end > 1 and (text.rfind("<", 0, end) > text.rfind(">", 0, end)):
        end = text.rfind("<", 0, end)
    amp = text.rfind("&", 0, end)
    if amp >= 0 and ";" not in text[amp:end] and end - amp < 10:
        end = amp
    return max(end, 1)


# a question to ask, a menu ref to open, a list's next page, a 👍 or a 👎 (on a ballot's key)
KINDS = ("q", "o", "n", "u", "d")


class Callbacks:
    """Button payloads within Telegram's 64 bytes.

    Short payloads travel in the button itself (``q:`` a question, ``o:`` a menu ref, ``u:``
    and ``d:`` a 👍 or 👎 on the answer of a ballot, ``bot.feedback``); longer ones are kept
    here under a short hash (``k:``), bounded, oldest dropped first.
    A list's "Next" button (``n:``) carries the list it continues, the query of the page it
    was sent under, so that it pages that list whatever was asked since (see ``pages``).
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._long: OrderedDict[str, str] = OrderedDict()

    def encode(self, kind: str, value: str) -> str:
        data = f"{kind}:{value}"
        if len(data.encode("utf-8")) <= CALLBACK_LIMIT:
            return data
        key = hashlib.blake2b(data.encode("utf-8"), digest_size=12).hexdigest()
        self._long[key] = data
        self._long.move_to_end(key)
        while len(self._long) > self.capacity:
            self._long.popitem(last=False)
        return f"k:{key}"

    def decode(self, data: str | None) -> tuple[str, str] | None:
        """``(kind, value)``, or ``None`` for an unknown or forgotten payload."""
        if not data:
            return None
        if data.startswith("k:"):
            data = self._long.get(data[2:], "")
        kind, sep, value = data.partition(":")
        return (kind, value) if sep and kind in KINDS and value else None

    def dump(self) -> str:
        """The long payloads as JSON, so that old buttons work after a restart."""
        return json.dumps(dict(self._long), ensure_ascii=False)

    def load(self, text: str) -> None:
        try:
            saved = json.loads(text)
        except ValueError:
            return
        if isinstance(saved, dict):
            for key, data in list(saved.items())[-self.capacity :]:
                if isinstance(key, str) and isinstance(data, str):
                    self._long[key] = data

    def question(self, text: str) -> str:
        return self.encode("q", text)

    def ref(self, ref: str) -> str:
        return self.encode("o", ref)

    def vote(self, ballot: str, helpful: bool) -> str:
        """A 👍 (``helpful``) or 👎 button's payload: a few bytes, whatever the answer."""
        return self.encode("u" if helpful else "d", ballot)

    def next_page(self, question: str, after: object) -> str:
        """The "Next" button of the list whose page answered the query ``after``."""
        return self.encode("n", pages.payload(question, after))


def suggestion_keyboard(
    suggestions: Iterable[Suggestion], callbacks: Callbacks, after: object = None
) -> InlineKeyboardMarkup | None:
    """One button per suggestion, one per row (they are often whole questions); a list's
    next page carries ``after``, the query its page answered, when there is one."""
    rows = [
        [
            InlineKeyboardButton(
                s.label,
                callback_data=callbacks.next_page(s.question, after)
                if isinstance(s, NextPage) and after is not None
                else callbacks.question(s.question),
            )
        ]
        for s in suggestions
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def menu_overflow(sections: Iterable[MenuSection]) -> int:
    """How many menu items do not fit on one keyboard."""
    return max(0, sum(len(s.items) for s in sections) - MAX_BUTTONS)


def menu_keyboard(
    sections: Iterable[MenuSection], callbacks: Callbacks, more: MenuItem | None = None
) -> InlineKeyboardMarkup | None:
    """Menu items in rows of three; each section starts a new row; ``more`` (the next page)
    last, alone. At most ``MAX_BUTTONS`` buttons (Telegram refuses a keyboard much larger):
    the rest are left out."""
    rows: list[list[InlineKeyboardButton]] = []
    left = MAX_BUTTONS
    for section in sections:
        items = list(section.items)[: max(left, 0)]
        left -= len(items)
        for start in range(0, len(items), BUTTONS_PER_ROW):
            rows.append(
                [
                    InlineKeyboardButton(item.label, callback_data=callbacks.ref(item.ref))
                    for item in items[start : start + BUTTONS_PER_ROW]
                ]
            )
    if more is not None:
        rows.append([InlineKeyboardButton(more.label, callback_data=callbacks.ref(more.ref))])
    return InlineKeyboardMarkup(rows) if rows else None


class Keyboards:
    """Keyboards as Telegram reads them, JSON text, for ``LeanBot.send_text``.

    Most answers end with the same few suggestions ("and its total budget?"), and making
    PTB's buttons and serialising them was a tenth of the bot's work per update: a set of
    suggestions is turned into text once. Only keyboards whose payloads travel whole are
    remembered; a long one is kept by ``Callbacks``, which may forget it, and is made anew.
    """

    def __init__(self, callbacks: Callbacks, size: int = 1024) -> None:
        self.callbacks = callbacks
        self.made: Memo[tuple[Suggestion, ...], str | None] = Memo(size)

    def suggestions(self, suggestions: Sequence[Suggestion], after: object = None) -> str | None:
        """The suggestions' keyboard; ``after``: the query the reply answered (for "Next")."""
        key = tuple(suggestions)
        if after is not None and any(isinstance(s, NextPage) for s in key):
            return as_text(suggestion_keyboard(key, self.callbacks, after))  # this list's own
        found = self.made.get(key)
        if found is not None:
            return found
        markup = suggestion_keyboard(key, self.callbacks)
        text = as_text(markup)
        if markup is not None and not any(
            _kept_aside(b) for row in markup.inline_keyboard for b in row
        ):
            self.made.put(key, text)
        return text

    def menu(self, sections: Iterable[MenuSection], more: MenuItem | None = None) -> str | None:
        return as_text(menu_keyboard(sections, self.callbacks, more))

    def laid_out(
        self,
        reply: Reply,
        private: bool,
        *,
        extra_html: str = "",
        after: object = None,
        row: Sequence[dict[str, str]] = (),
    ) -> tuple[list[str], str | None]:
        """``reply`` as messages (under 4096 characters each) and the keyboard of the last:
        its menu if it has one, else its suggestions (in groups only when they are a choice),
        and ``row`` (👍 / 👎) under them. ``after``: the query it answered (for "Next")."""
        keyboard = None
        if reply.menu:
            keyboard = self.menu(reply.menu, reply.more)
            hidden = menu_overflow(reply.menu)
            if hidden:
                note = f"\n\n({hidden} more not shown as buttons: send /project NAME.)"
                extra_html += html.escape(note, quote=False)
        if keyboard is None and (private or reply.intent in CHOICES):
            keyboard = self.suggestions(reply.suggestions, after)
        return split_html(reply.html + extra_html), with_row(keyboard, row)


def _kept_aside(button: InlineKeyboardButton) -> bool:
    """Whether a button's payload is kept by ``Callbacks`` rather than carried whole."""
    return str(button.callback_data).startswith("k:")


def with_row(keyboard: str | None, row: Sequence[dict[str, str]]) -> str | None:
    """``keyboard`` (its JSON text, or none) with ``row`` (buttons as Telegram reads them)
    added under its buttons: spliced into the text, which is what answers cost least."""
    if not row:
        return keyboard
    added = json.dumps(list(row), ensure_ascii=False)
    if keyboard is None:
        return f'{{"inline_keyboard": [{added}]}}'
    if keyboard.endswith("]]}"):  # as ``as_text`` writes it
        return f"{keyboard[:-2]}, {added}]}}"
    markup = json.loads(keyboard)
    markup["inline_keyboard"].append(list(row))
    return json.dumps(markup, ensure_ascii=False)


def as_text(markup: InlineKeyboardMarkup | None) -> str | None:
    """A keyboard as the JSON text Telegram reads (what PTB would send for it)."""
    return None if markup is None else json.dumps(markup.to_dict())
