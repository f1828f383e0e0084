"""Flood control: a polite limit of questions per user in a sliding window.

Within the limit every question is answered; the first one over it gets one short
"please slow down"; the rest are dropped silently until the window has room again.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from enum import Enum

SLOW_DOWN = (
    "You're asking faster than I can politely answer — please wait a minute, then ask again."
)


class Verdict(Enum):
    ANSWER = "answer"
    WARN = "warn"  # over the limit for the first time in this window: say so, once
    DROP = "drop"  # over the limit again: stay silent


class FloodGate:
    def __init__(
        self,
        per_minute: int,
        window: float = 60.0,
        max_users: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = per_minute
        self.window = window
        self.max_users = max_users
        self.clock = clock
        self._seen: OrderedDict[object, deque[float]] = OrderedDict()
        self._warned: dict[object, float] = {}

    def check(self, user: object) -> Verdict:
        """Record one question from ``user`` and say what to do with it."""
        if self.limit <= 0:  # 0 turns flood control off
            return Verdict.ANSWER
        now = self.clock()
        times = self._seen.pop(user, None) or deque()
        self._seen[user] = times  # most recent last; the least recent are evicted first
        while times and now - times[0] >= self.window:
            times.popleft()
        while len(self._seen) > self.max_users:
            old, _ = self._seen.popitem(last=False)
            self._warned.pop(old, None)
        if len(times) < self.limit:
            times.append(now)
            self._warned.pop(user, None)
            return Verdict.ANSWER
        warned = self._warned.get(user)
        if warned is not None and now - warned < self.window:
            return Verdict.DROP
        self._warned[user] = now
        return Verdict.WARN

    def __len__(self) -> int:
        return len(self._seen)
