"""Turn text into comparable tokens, the same way for questions and for the knowledge base."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_POSSESSIVE = re.compile(r"(?<=\w)['’`´]s\b")
_APOSTROPHE = re.compile(r"(?<=\w)['’`´](?=\w)")
_SEPARATORS = re.compile(r"[^\w€]+|_")


# letters that carry no combining accent to strip, spelled as people type them without it
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case without accents: "Éco" -> "eco", "budżet" -> "budzet", "łódź" -> "lodz"."""
    if text.isascii():
        return text.lower()  # nothing to decompose: the common case, made cheap
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokens(text: str, number_words: Mapping[str, int] | None = None) -> list[str]:
    """Words of ``text``: folded, possessives dropped, punctuation and hyphens as spaces.

    With ``number_words``, "five" becomes "5" so "five for excellence" meets "5FOREXCELLENCE".
    """
    text = _POSSESSIVE.sub("", fold(text))
    text = _APOSTROPHE.sub("", text)
    words = [w for w in _SEPARATORS.split(text) if w]
    if number_words:
        words = [str(number_words[w]) if w in number_words else w for w in words]
    return words


def key(text: str, number_words: Mapping[str, int] | None = None) -> str:
    """A name with spaces and punctuation removed: "TRACE-KEI" -> "tracekei"."""
    return "".join(tokens(text, number_words))


def phrase(text: str, number_words: Mapping[str, int] | None = None) -> tuple[str, ...]:
    """A phrase as a tuple of tokens, for exact n-gram look-up."""
    return tuple(tokens(text, number_words))


def tokens_as_typed(text: str, numbers: Mapping[str, int]) -> list[str]:
    """The same words as ``tokens`` but in the user's own spelling, for echoing back."""
    folded = tokens(text, numbers)
    raw = re.sub(r"(?<=\w)['’`´]s\b", "", text)
    raw = re.sub(r"(?<=\w)['’`´](?=\w)", "", raw)
    pieces = [p for p in re.split(r"[^\w€]+|_", raw) if p]
    return pieces if len(pieces) == len(folded) else folded
