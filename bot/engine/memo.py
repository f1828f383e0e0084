"""A bounded memo: what was worked out once, by what it was worked out from.

Questions repeat their words, their wordings and their conditions; each step that is pure
(matching a window of words, correcting a spelling, choosing rows) remembers its results
here. When full it starts again rather than grow, so memory stays bounded whatever is asked.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self.items.get(key)

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """The value remembered for ``key``, else ``make()``, remembered. A key that cannot
        be hashed (a list inside a query) is not remembered: worked out each time."""
        try:
            found = self.items.get(key)
        except TypeError:
            return make()
        return self.put(key, make()) if found is None else found

    def put(self, key: K, value: V) -> V:
        if len(self.items) >= self.size:
            self.items.clear()
        self.items[key] = value
        return value

    def __len__(self) -> int:
        return len(self.items)
