"""A small immutable value that is not a tuple, for the few types that must not be one.

The engine's value types are ``NamedTuple``s or these rather than dataclasses: creating a
dataclass runs generated code, and with two dozen of them that (with importing
``dataclasses`` and ``inspect``) was a third of a cold ``ask``.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Value:
    """Equal and hashed by its slots (but those in ``uncompared``), immutable once made."""

    __slots__: tuple[str, ...] = ()
    uncompared: ClassVar[tuple[str, ...]] = ()

    def _parts(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def _compared(self) -> tuple[Any, ...]:
        return tuple(getattr(self, n) for n in self.__slots__ if n not in self.uncompared)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Value)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._compared()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (object.__new__, (type(self),), self._parts())

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._set(**state)

    def _set(self, **values: Any) -> None:
        """For ``__init__`` only."""
        for name, value in values.items():
            object.__setattr__(self, name, value)
