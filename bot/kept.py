"""State kept across a restart as one JSON text: ``Bounded``, values by key, the oldest
forgotten first, written down whole (``dump``) and read back (``load``), damage skipped."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Bounded(Generic[T]):
    """Values by key, at most ``capacity`` of them: past it the least recently put go.

    A subclass says how a value is written (``encode``: plain JSON data) and read back
    (``decode``: ``None`` for anything damaged or not its own).
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._kept: OrderedDict[str, T] = OrderedDict()
        self._changed = False  # since the last ``take_changed``

    def put(self, key: str, value: T) -> None:
        self._kept[key] = value
        self._kept.move_to_end(key)
        self._changed = True
        while len(self._kept) > self.capacity:
            self._kept.popitem(last=False)

    def get(self, key: str) -> T | None:
        return self._kept.get(key)

    def __len__(self) -> int:
        return len(self._kept)

    def take_changed(self) -> bool:
        """Whether anything was put since the last call: only then is it written down again."""
        changed, self._changed = self._changed, False
        return changed

    def encode(self, value: T) -> Any:
        raise NotImplementedError

    def decode(self, saved: Any) -> T | None:
        raise NotImplementedError

    def dump(self) -> str:
        """Everything kept, as JSON text, oldest first."""
        import json  # only Telegram keeps it: a cold ``ask`` does without it

        return json.dumps(
            {key: self.encode(value) for key, value in self._kept.items()}, ensure_ascii=False
        )

    def load(self, text: str) -> None:
        """What ``dump`` wrote (the last ``capacity`` of it); damaged entries are skipped."""
        import json

        try:
            saved = json.loads(text)
        except ValueError:
            return
        if not isinstance(saved, dict):
            return
        for key, value in list(saved.items())[-self.capacity :]:
            found = self.decode(value)
            if found is not None:
                self._kept[str(key)] = found
