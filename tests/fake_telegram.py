"""A fake Telegram Bot API server on 127.0.0.1, for end-to-end tests and the benchmark.

It speaks the real HTTP protocol PTB speaks (``POST /bot<TOKEN>/<method>``), so the bot
under test runs unchanged with ``base_url`` pointed here. Tests push updates (messages,
photos with a caption, edits, button presses, inline queries) that the bot fetches with
``getUpdates``, then assert on the requests the bot made. Like Telegram, it refuses what
Telegram would refuse: HTML it cannot parse, messages over 4096 characters, callback data
over 64 bytes, more than 50 inline results, a callback answer over 200 characters, an edit
of a message that is not there or that changes nothing ("message is not modified"), a
wrong token.

``faults`` lets a test make the next calls of a method fail (an HTTP status, a
``retry_after``, a delay, a dropped connection); see ``Fault``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

TOKEN = "123456789:AAFakeTokenForTestsOnly-abcdefghijklmn"
BOT_ID = 123456789
BOT_USERNAME = "ClusterExcellenceTestBot"
JSON_PARAMS = {
    "reply_markup",
    "results",
    "commands",
    "entities",
    "link_preview_options",
    "reply_parameters",
    "allowed_updates",
    "button",
}
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "blockquote", "tg-spoiler", "span", "tg-emoji",
}  # fmt: skip
MENTION = re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b")
COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(HTMLParser):
    """Parses as strictly as Telegram: known tags only, balanced, every '<' and '&' escaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise ValueError(f'Unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            raise ValueError(f'Unmatched end tag "{tag}"')

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(markup: str) -> str:
    """The visible text of Telegram HTML; ``ValueError`` where Telegram would refuse it."""
    stray = re.search(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", markup)
    if stray:
        raise ValueError(f"Can't parse entities: unescaped '&' at byte offset {stray.start()}")
    if re.search(r"<(?![a-zA-Z/])", markup) or markup.count("<") != markup.count(">"):
        raise ValueError("Can't parse entities: unescaped '<' or '>'")
    parser = _TelegramHTML()
    parser.feed(markup)
    parser.close()
    if parser.stack:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1]}"')
    return "".join(parser.text)


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)
    result: Any = None  # set when the call succeeded
    abandoned: bool = False  # the client hung up before the (slow) answer
    status: int | None = None  # the HTTP status answered; None while pending or dropped

    @property
    def finished(self) -> bool:
        return self.status is not None or self.abandoned

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> int:
        return int(self.params["chat_id"])

    def buttons(self) -> list[tuple[str, str]]:
        """``(label, callback_data)`` of every inline keyboard button, row by row."""
        markup = self.params.get("reply_markup") or {}
        return [
            (b["text"], b.get("callback_data", ""))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]


@dataclass
class Fault:
    """Makes the next ``times`` calls of ``method`` fail: with ``status`` (and ``retry_after``),
    after ``delay`` seconds, or by closing the connection (``drop``)."""

    method: str
    times: int = 1
    status: int = 500  # 200 with a delay: slow, then fine (if the bot still waits)
    retry_after: int | None = None
    delay: float = 0.0
    drop: bool = False
    description: str = "Internal Server Error"


class FakeTelegram:
    """The fake server; ``async with FakeTelegram() as tg`` starts it on a free port."""

    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Cluster Excellence",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.calls: list[Call] = []
        self.by_method: dict[str, list[Call]] = {}
        self.faults: list[Fault] = []
        self.pending: list[dict[str, Any]] = []
        self.chats: dict[int, dict[str, Any]] = {}
        self.sent: dict[int, Call] = {}  # message_id -> the sendMessage that made it
        self.shown: dict[int, dict[str, Any]] = {}  # message_id -> the bot's message as it is
        self.asked: dict[int, dict[str, Any]] = {}  # update_id -> a user's message, as sent
        self.delivered_at: dict[int, float] = {}  # update_id -> when getUpdates handed it out
        self.next_update_id = 1  # Telegram's ids restart (``restart_ids``) after a quiet week
        self._message_ids = itertools.count(1000)
        self._callback_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.closing = False

    # -- life cycle -------------------------------------------------------------------------
    async def __aenter__(self) -> FakeTelegram:
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.closing = True  # release long polls still waiting, so shutdown is quick
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """In PTB's ``base_url`` form: the token is appended to it."""
        return f"http://127.0.0.1:{self.port}/bot"

    # -- updates a test pushes --------------------------------------------------------------
    def user(self, user_id: int = 1001, first_name: str = "Ann") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name}

    def push(self, body: dict[str, Any]) -> int:
        """Queue an update (``{"message": ...}`` etc.); returns its update_id."""
        update_id = self.next_update_id
        self.next_update_id += 1
        self.pending.append({"update_id": update_id, **body})
        asyncio.get_running_loop().create_task(self._notify())
        return update_id

    def restart_ids(self, start: int) -> None:
        """Number the next updates from ``start``, as Telegram does after a week without
        updates ("chosen randomly instead of sequentially"), possibly below those before."""
        self.next_update_id = start

    def message(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int | None = None,
        chat_type: str = "private",
        reply_to: Call | None = None,
        entities: list[dict[str, Any]] | None = None,
        first_name: str = "Ann",
        topic: int | None = None,
        photo: bool = False,
    ) -> int:
        """A user's text message; entities (commands, @mentions) found as Telegram would;
        ``topic``: asked in that topic of a forum; ``photo``: a photo, ``text`` its caption."""
        user = self.user(user_id if user_id is not None else chat_id, first_name)
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = first_name
        else:
            chat["title"] = f"Group {chat_id}"
        self.chats[chat_id] = chat
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
        }
        if photo:
            message["photo"] = [{"file_id": "p1", "file_unique_id": "u1", "width": 9, "height": 9}]
        _worded(message, text, entities, "caption" if photo else "text")
        if reply_to is not None:
            message["reply_to_message"] = reply_to.result
        if topic is not None:
            chat["is_forum"] = True
            message.update(message_thread_id=topic, is_topic_message=True)
        update_id = self.push({"message": message})
        self.asked[update_id] = message
        return update_id

    def edit(self, update_id: int, text: str) -> int:
        """The user edits the message of ``update_id`` (its text, or its caption) to ``text``:
        Telegram sends it again as an ``edited_message``."""
        original = self.asked[update_id]
        edited = {k: v for k, v in original.items() if k not in ("entities", "caption_entities")}
        edited["edit_date"] = int(time.time())
        _worded(edited, text, None, "caption" if "caption" in original else "text")
        return self.push({"edited_message": edited})

    def other(self, kind: str, body: dict[str, Any], chat_id: int = 1001) -> int:
        """Any other message-like update (``kind`` = "message", "edited_message", ...)."""
        chat = self.chats.get(chat_id, {"id": chat_id, "type": "private", "first_name": "Ann"})
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.user(chat_id),
            **body,
        }
        return self.push({kind: message})

    @staticmethod
    def entities(text: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        command = COMMAND.match(text)
        if command:
            found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command[0])})
        for mention in MENTION.finditer(text):
            if command and mention.start() < command.end():
                continue
            found.append(
                {
                    "type": "mention",
                    "offset": utf16_len(text[: mention.start()]),
                    "length": utf16_len(mention[0]),
                }
            )
        return found

    def press(self, sent: Call, label: str, user_id: int | None = None) -> int:
        """Press the button ``label`` on a message the bot sent."""
        data = dict(sent.buttons()).get(label)
        assert data is not None, f"no button {label!r} in {sent.buttons()}"
        return self.push(
            {
                "callback_query": {
                    "id": str(next(self._callback_ids)),
                    "from": self.user(user_id if user_id is not None else sent.chat_id),
                    "chat_instance": "fake-chat-instance",
                    "message": sent.result,
                    "data": data,
                }
            }
        )

    def inline(self, query: str, user_id: int = 1001, offset: str = "") -> int:
        """An inline query; ``offset``: the ``next_offset`` of the results before (scrolled)."""
        return self.push(
            {
                "inline_query": {
                    "id": str(next(self._callback_ids)),
                    "from": self.user(user_id),
                    "query": query,
                    "offset": offset,
                }
            }
        )

    # -- what the bot did -------------------------------------------------------------------
    def of(self, method: str) -> list[Call]:
        return list(self.by_method.get(method, []))

    def delivered(self, chat_id: int | None = None) -> list[Call]:
        """The messages that really reached a chat (sendMessage calls that succeeded)."""
        return [
            c
            for c in self.by_method.get("sendMessage", [])
            if c.result is not None and (chat_id is None or c.chat_id == chat_id)
        ]

    def fail(self, method: str, times: int = 1, **how: Any) -> Fault:
        """Make the next ``times`` calls of ``method`` fail (see ``Fault``)."""
        fault = Fault(method, times, **how)
        self.faults.append(fault)
        return fault

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        where: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """The first ``count`` calls of ``method`` (matching ``where``), waiting for them."""

        found: list[Call] = []
        seen = 0  # calls of ``method`` already looked at: each is checked once, not per wake-up

        def enough() -> bool:
            nonlocal seen
            calls = self.by_method.get(method, [])
            if where is None:  # every call made counts, finished or not
                found[:] = calls
                return len(found) >= count
            while seen < len(calls) and calls[seen].finished:  # judge a call once it is over
                if where(calls[seen]):
                    found.append(calls[seen])
                seen += 1
            return len(found) >= count

        async def arrived() -> list[Call]:
            async with self._changed:
                await self._changed.wait_for(enough)
            return found[:count]

        try:
            return await asyncio.wait_for(arrived(), timeout)
        except TimeoutError:
            got = [(c.method, c.params) for c in self.calls[-10:]]
            raise AssertionError(f"expected {count} {method} call(s); last calls: {got}") from None

    async def quiet(self, seconds: float = 0.3) -> None:
        """Let the bot run for a moment (to check that it does *not* answer)."""
        await asyncio.sleep(seconds)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- the HTTP side ----------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        params = await _params(request)
        call = Call(method, params)
        self.calls.append(call)
        self.by_method.setdefault(method, []).append(call)
        fault = next((f for f in self.faults if f.method in (method, "*") and f.times > 0), None)
        if fault is not None:
            fault.times -= 1
            if fault.delay:
                await asyncio.sleep(fault.delay)
                if request.transport is None or request.transport.is_closing():
                    call.abandoned = True  # the bot gave up waiting: nothing was done
                    await self._notify()
                    return web.Response(status=504)
            if fault.drop:
                assert request.transport is not None
                call.status = 0  # no HTTP answer at all
                request.transport.close()
                return web.Response(status=500)
            if fault.status != 200:
                call.status = fault.status
                await self._notify()
                return _error(fault.status, fault.description, fault.retry_after)
        handler = getattr(self, f"_api_{method}", None)
        try:
            result = await handler(params) if handler else True
        except ValueError as exc:
            call.status = 400
            await self._notify()
            return _error(400, f"Bad Request: {exc}")
        call.result, call.status = result, 200
        await self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return self.bot

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        if offset > self.next_update_id + 10:
            # the Bot API server answers an offset "in the future" from the head of its queue
            # (tdlib's TQueue: "Specified from_id is in the future"), confirming nothing
            offset = 0
        if offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        if not self.pending and timeout:
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self.pending) or self.closing),
                        timeout,
                    )
        limit = int(params.get("limit") or 100)
        batch = self.pending[:limit]
        now = time.perf_counter()
        for update in batch:
            self.delivered_at.setdefault(update["update_id"], now)
        return batch

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        text = str(params.get("text", ""))
        visible = parse_html(text) if params.get("parse_mode") == "HTML" else text
        if not visible.strip():
            raise ValueError("message text is empty")
        if utf16_len(visible) > 4096:
            raise ValueError("message is too long")
        _check_markup(params.get("reply_markup"))
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chats.get(chat_id, {"id": chat_id, "type": "private"}),
            "from": self.bot,
            "text": visible,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.sent[message["message_id"]] = self.calls[-1]
        self.shown[message["message_id"]] = {
            "message": message,
            "text": text,
            "markup": params.get("reply_markup") or None,
        }
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        message_id, text = int(params["message_id"]), str(params.get("text", ""))
        shown = self.shown.get(message_id)
        if shown is None or shown["message"]["chat"]["id"] != int(params["chat_id"]):
            raise ValueError("message to edit not found")
        visible = parse_html(text) if params.get("parse_mode") == "HTML" else text
        if not visible.strip() or utf16_len(visible) > 4096:
            raise ValueError("message text is empty or too long")
        markup = params.get("reply_markup") or None
        _check_markup(markup)
        if (text, markup) == (shown["text"], shown["markup"]):
            raise ValueError(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        message = {**shown["message"], "text": visible, "edit_date": int(time.time())}
        message.pop("reply_markup", None)
        if markup:  # an edit without a keyboard removes the one the message had
            message["reply_markup"] = markup
        self.shown[message_id] = {"message": message, "text": text, "markup": markup}
        return message

    async def _api_deleteMessage(self, params: dict[str, Any]) -> Any:
        if self.shown.pop(int(params["message_id"]), None) is None:
            raise ValueError("message to delete not found")
        return True

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        if len(str(params.get("text", ""))) > 200:
            raise ValueError("MESSAGE_TOO_LONG")
        return True

    async def _api_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        results = params.get("results") or []
        if len(results) > 50:
            raise ValueError("RESULTS_TOO_MUCH")
        ids = [r["id"] for r in results]
        if len(set(ids)) != len(ids) or any(len(i.encode()) > 64 for i in ids):
            raise ValueError("RESULT_ID_DUPLICATE or RESULT_ID_INVALID")
        for result in results:
            content = result["input_message_content"]
            text = content["message_text"]
            visible = parse_html(text) if content.get("parse_mode") == "HTML" else text
            if utf16_len(visible) > 4096:
                raise ValueError("MESSAGE_TOO_LONG")
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        for command in params.get("commands") or []:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
                raise ValueError("BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= 256:
                raise ValueError("BOT_COMMAND_DESCRIPTION_INVALID")
        return True


def _worded(
    message: dict[str, Any], text: str, entities: list[dict[str, Any]] | None, field: str
) -> None:
    """Give ``message`` its ``text`` (or caption) and their entities, found as Telegram would."""
    message[field] = text
    found = entities if entities is not None else FakeTelegram.entities(text)
    if found:
        message["entities" if field == "text" else "caption_entities"] = found


def _check_markup(markup: Any) -> None:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                raise ValueError("BUTTON_DATA_INVALID")


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        body = await request.json()
        return dict(body) if isinstance(body, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = value if isinstance(value, str) else ""
        params[key] = json.loads(text) if key in JSON_PARAMS and text else text
    params.update(request.query)
    return params


def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)


def visible_text(call: Call) -> str:
    """What the user sees of a sendMessage: HTML parsed, entities unescaped."""
    text = call.text
    return parse_html(text) if call.params.get("parse_mode") == "HTML" else text
