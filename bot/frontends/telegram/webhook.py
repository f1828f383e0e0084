"""The webhook endpoint: Telegram POSTs updates here, which go to the application's queue.

PTB's own webhook server reads a whole request body (up to 100 MB) before it looks at the
secret. This one checks the secret and the declared size first, reads at most
``MAX_UPDATE_BYTES`` of a body, and answers a body that is not an update with 400.
``GET /healthz`` on the same server says whether the bot is serving.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Bot, Update
from tornado.httpserver import HTTPServer

from bot.frontends.telegram.journal import Journal

logger = logging.getLogger(__name__)

MAX_UPDATE_BYTES = 1_000_000  # Telegram's updates are a few kilobytes
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    def initialize(
        self, bot: Bot, queue: asyncio.Queue[object], secret: str, journal: Journal | None
    ) -> None:
        self.bot = bot
        self.queue = queue
        self.secret = secret
        self.journal = journal
        self.body = bytearray()

    def prepare(self) -> None:
        """Refuse before the body is read: wrong method, wrong secret, too big."""
        if self.request.method != "POST":
            self._refuse(HTTPStatus.METHOD_NOT_ALLOWED)
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self._refuse(HTTPStatus.FORBIDDEN)
        declared = self.request.headers.get("Content-Length", "0")
        if not declared.isdigit() or int(declared) > MAX_UPDATE_BYTES:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)

    def _refuse(self, status: HTTPStatus) -> None:
        self.set_status(status)
        self.set_header("Connection", "close")
        self.finish()
        raise tornado.web.Finish

    def data_received(self, chunk: bytes) -> None:
        self.body += chunk
        if len(self.body) > MAX_UPDATE_BYTES:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)

    async def post(self) -> None:
        try:
            data: Any = json.loads(bytes(self.body))
            update = Update.de_json(data, self.bot) if isinstance(data, dict) else None
        except Exception as exc:  # whatever the body holds, it is not an update: 400
            logger.info("webhook: a body that is not an update (%s)", type(exc).__name__)
            update = None
        if update is None:
            self.set_status(HTTPStatus.BAD_REQUEST)
            return
        # written down before Telegram hears 200; a repeat of a known update is not queued
        if self.journal is None or await self.journal.record_async([data]):
            await self.queue.put(update)
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: Any) -> None:
        """A refused request is not an error worth a traceback."""
        if args and isinstance(args[1], tornado.web.Finish):
            return
        super().log_exception(*args)


Health = Callable[[], "dict[str, object] | None"]  # what serves, or None when not serving
HEALTH_PATH = "/healthz"


class HealthHandler(tornado.web.RequestHandler):
    """``GET /healthz``: 200 and what serves (``{"status": "ok", "projects": 12, ...}``) while
    the bot is running with its knowledge loaded, else 503; for a load balancer, Docker's
    HEALTHCHECK or a monitor. No secret is asked and none is said."""

    def initialize(self, health: Health) -> None:
        self.health = health

    def get(self) -> None:
        found = self.health()
        self.set_status(HTTPStatus.OK if found is not None else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Cache-Control", "no-store")
        self.finish({"status": "ok", **found} if found is not None else {"status": "starting"})


def webhook_server(
    bot: Bot,
    queue: asyncio.Queue[object],
    secret: str,
    path: str,
    journal: Journal | None,
    *,
    health: Health | None = None,
) -> HTTPServer:
    """An HTTP server for ``/path`` (and ``/healthz`` with ``health``); call
    ``listen(port, address)`` to start it."""
    handler_args = {"bot": bot, "queue": queue, "secret": secret, "journal": journal}
    routes: list[Any] = [(rf"/{path.strip('/')}/?", UpdateHandler, handler_args)]
    if health is not None and path.rstrip("/") != HEALTH_PATH:
        routes.insert(0, (HEALTH_PATH, HealthHandler, {"health": health}))
    app = tornado.web.Application(routes)
    return HTTPServer(app, max_body_size=MAX_UPDATE_BYTES, idle_connection_timeout=60)
