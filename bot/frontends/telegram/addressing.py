"""Is a group message meant for the bot, and what is the question once the mention is gone?

In a group the bot answers only when it is @mentioned (by username, or a ``text_mention``
of its id) or when someone replies to one of its messages; commands are routed by PTB's
``CommandHandler``, which already ignores ``/cmd@OtherBot``. Entity offsets are UTF-16 code
units, so an emoji before the mention shifts them: ``parse_entities`` does that arithmetic.
"""

from __future__ import annotations

from telegram import Message, MessageEntity


def question_for_bot(message: Message, bot_id: int, bot_username: str | None) -> str | None:
    """The question the message puts to the bot, without the mention; ``None``: not for us."""
    text = message.text or ""
    handle = f"@{bot_username}".lower() if bot_username else None
    mentions = [
        entity
        for entity, value in message.parse_entities(
            [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
        ).items()
        if (entity.type == MessageEntity.MENTION and handle and value.lower() == handle)
        or (entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id)
    ]
    replied = message.reply_to_message
    is_reply = bool(replied and replied.from_user and replied.from_user.id == bot_id)
    if not mentions and not is_reply:
        return None
    return " ".join(_without(text, mentions).split())


def _without(text: str, entities: list[MessageEntity]) -> str:
    """``text`` with the given entities cut out, offsets counted in UTF-16 code units."""
    units = text.encode("utf-16-le")
    for entity in sorted(entities, key=lambda e: e.offset, reverse=True):
        start, end = entity.offset * 2, (entity.offset + entity.length) * 2
        units = units[:start] + b" " + b"\x00" + units[end:]
    return units.decode("utf-16-le")
