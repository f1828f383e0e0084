"""Is a group message meant for the bot, and what is the question once the mention is gone?

In a group the bot answers only when it is @mentioned (by username, or a ``text_mention``
of its id) or when someone replies to one of its messages; commands are routed by PTB's
``CommandHandler``, which already ignores ``/cmd@OtherBot``. A photo's caption is read like
a text, with the same rules. Entity offsets are UTF-16 code units, so an emoji before the
mention shifts them: ``parse_entities`` does that arithmetic.
"""

from __future__ import annotations

from telegram import Message, MessageEntity

MENTIONS: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
ASK = "/ask"  # the one command whose edit is a question edited


def question_for_bot(message: Message, bot_id: int, bot_username: str | None) -> str | None:
    """The question the message (its text, or a photo's caption) puts to the bot, without
    the mention; ``None``: not for us."""
    text = message.text if message.text is not None else message.caption or ""
    handle = f"@{bot_username}".lower() if bot_username else None
    found = (
        message.parse_entities(MENTIONS)
        if message.text is not None
        else message.parse_caption_entities(MENTIONS)
    )
    mentions = [
        entity
        for entity, value in found.items()
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


def question_in_edit(
    message: Message, bot_id: int, bot_username: str | None, private: bool
) -> str | None:
    """The question an edited message puts to the bot: as a new one would (in a group only
    when it is for the bot); an edited ``/ask QUESTION`` asks QUESTION; ``None``: none."""
    text = message.text if message.text is not None else message.caption or ""
    command, _, rest = text.partition(" ")
    if command.startswith("/"):
        name, _, to = command.partition("@")
        mine = not to or to.lower() == (bot_username or "").lower()
        asked = " ".join(rest.split()) if name.lower() == ASK and mine else ""
        return asked or None
    if private:
        return text
    return question_for_bot(message, bot_id, bot_username)
