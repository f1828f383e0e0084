"""Pieces of the Telegram front end, with PTB objects and no network."""

from __future__ import annotations

import asyncio
import datetime as dt

from telegram import Chat, Message, MessageEntity, Update, User

from bot.frontends.telegram.addressing import question_for_bot
from bot.frontends.telegram.ordering import ChatOrderedProcessor

BOT = User(id=99, first_name="Bot", is_bot=True, username="ClusterBot")
ANN = User(id=1, first_name="Ann", is_bot=False)
GROUP = Chat(id=-5, type=Chat.SUPERGROUP)
WHEN = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)


def group_message(
    text: str, entities: list[MessageEntity] = (), reply_to: Message | None = None
) -> Message:  # type: ignore[assignment]
    return Message(
        1,
        WHEN,
        GROUP,
        from_user=ANN,
        text=text,
        entities=list(entities),
        reply_to_message=reply_to,
    )


def mention(text: str, handle: str) -> MessageEntity:
    start = text.index(handle)
    offset = len(text[:start].encode("utf-16-le")) // 2
    return MessageEntity(MessageEntity.MENTION, offset, len(handle.encode("utf-16-le")) // 2)


def test_the_mention_is_cut_out_by_utf16_offsets() -> None:
    text = "🧪🧪 @ClusterBot when did ECRI end?"
    message = group_message(text, [mention(text, "@ClusterBot")])
    assert question_for_bot(message, BOT.id, BOT.username) == "🧪🧪 when did ECRI end?"


def test_the_handle_is_matched_without_regard_to_case() -> None:
    text = "@clusterbot budget of TCE"
    message = group_message(text, [mention(text, "@clusterbot")])
    assert question_for_bot(message, BOT.id, BOT.username) == "budget of TCE"


def test_other_mentions_and_plain_chatter_are_not_for_the_bot() -> None:
    text = "@SomeoneElse budget of TCE"
    assert question_for_bot(group_message(text, [mention(text, "@SomeoneElse")]), 99, "x") is None
    assert question_for_bot(group_message("budget of TCE"), BOT.id, BOT.username) is None


def test_a_reply_to_the_bot_is_for_the_bot_whole() -> None:
    ours = Message(2, WHEN, GROUP, from_user=BOT, text="CLUSGRID received €201,545")
    message = group_message("and ECRI?", reply_to=ours)
    assert question_for_bot(message, BOT.id, BOT.username) == "and ECRI?"


def update_in(chat_id: int, update_id: int) -> Update:
    chat = Chat(id=chat_id, type=Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, WHEN, chat, from_user=ANN, text="x"))


async def test_one_chat_is_served_in_order_while_other_chats_overlap() -> None:
    processor = ChatOrderedProcessor(4)
    done: list[str] = []

    async def work(name: str, seconds: float) -> None:
        await asyncio.sleep(seconds)
        done.append(name)

    async with processor:
        await asyncio.gather(
            processor.process_update(update_in(1, 1), work("chat1-first-slow", 0.05)),
            processor.process_update(update_in(1, 2), work("chat1-second", 0.0)),
            processor.process_update(update_in(2, 3), work("chat2", 0.0)),
        )
    assert done.index("chat1-first-slow") < done.index("chat1-second")
    assert done[0] == "chat2"  # another chat did not wait for chat 1
    assert not processor._locks  # locks are dropped when nobody waits
