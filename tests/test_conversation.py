"""Follow-ups keep context per chat; greetings, help and thanks."""

from __future__ import annotations


def test_same_field_new_project_then_same_project_new_field(chat) -> None:
    assert "€201,545" in chat.say("what did CLUSGRID get from the EU").text
    assert "€160,477" in chat.say("and ECRI?").text
    assert "15 November 2018" in chat.say("when did it end?").text


def test_its_total_budget_then_what_about(chat) -> None:
    assert "€299,450" in chat.say("How much did CECIL receive from the EU?").text
    assert "€247,283" in chat.say("and its total budget?").text
    assert "€249,422" in chat.say("what about TCE?").text


def test_card_then_a_question_about_it(chat) -> None:
    assert "€213,738" in chat.say("Tell me about TRACE-KEI").text
    assert "2nd call" in chat.say("which call was it in?").text


def test_which_of_them_after_a_list(chat) -> None:
    chat.say("Which projects were in the first call?")
    reply = chat.say("which of them got the most?")
    assert "MATERIALIX" in reply.text
    assert "€308,894" in reply.text
    assert "6 projects" not in reply.text or "those 6 projects" in reply.text


def test_which_of_them_after_a_filter(chat) -> None:
    chat.say("projects with a budget under 250k")
    assert "ECRI" in chat.say("which of these got the least from the EU").text


def test_two_chats_do_not_mix(engine) -> None:
    from bot.engine import Context

    first, second = Context(), Context()
    engine.answer("what did CLUSGRID get from the EU", first)
    engine.answer("total budget of CECIL", second)
    assert "€160,477" in engine.answer("and ECRI?", first).text  # EU contribution
    assert "€228,949" in engine.answer("and ECRI?", second).text  # total budget


def test_pronoun_without_context_asks_which_project(ask) -> None:
    reply = ask("when did it end?")
    assert reply.intent == "which_project"
    assert "Which project" in reply.text


def test_greeting_help_thanks(ask) -> None:
    assert "Hello" in ask("hi").text
    help_text = ask("help").text
    assert "for example" in help_text and "CLUSGRID" in help_text
    assert "welcome" in ask("thanks!").text


def test_contexts_are_bounded_and_idle_ones_expire(monkeypatch) -> None:
    from bot.engine import Conversations
    from bot.engine import context as context_module

    now = [1000.0]
    monkeypatch.setattr(context_module.time, "monotonic", lambda: now[0])
    conversations = Conversations(max_chats=100, idle_seconds=30 * 60)
    for chat in range(500):
        conversations.get(str(chat)).projects = ["ECRI"]
    assert len(conversations) == 100  # the oldest went first
    assert conversations.get("499").projects == ["ECRI"]
    now[0] += 31 * 60
    assert conversations.get("499").projects == []  # idle for 31 minutes: forgotten
    assert len(conversations) <= 100 - 63  # and the idle ones are swept out as we go


def test_its_after_a_name_is_that_name_not_the_last_subject(chat) -> None:
    chat.say("what was ECRI's budget")
    text = chat.say("did CECIL receive more EU money than its own total budget?").text
    assert "CECIL's EU contribution (€299,450) is more than its total budget" in text
    assert "ECRI" not in text


def test_a_lone_field_after_a_ranking_asks_about_the_project_it_picked(chat) -> None:
    assert chat.say("biggest project?").text.startswith("SmartSports4GoodLife")
    assert "2nd call" in chat.say("which call").text
    # a field that re-ranks is a new ranking, not a figure of the one picked
    chat.say("which project got the most")
    assert "largest total budget" in chat.say("and by total budget?").text


def test_difference_after_one_figure_of_two_projects_asked_in_turn(chat) -> None:
    chat.say("TRACE-KEI budget")
    chat.say("and INNO-DROP?")
    assert "€592" in chat.say("difference?").text  # 284,984 - 284,392
    chat.say("ECRI EU money")
    chat.say("and CLUSGRID")
    assert "€362,022" in chat.say("combined?").text  # 160,477 + 201,545


def test_which_ones_and_their_total_after_a_count(chat) -> None:
    chat.say("how many projects got more than 250k from the eu")
    listed = chat.say("which ones").text
    assert "MATERIALIX — €308,894" in listed and "ECRI" not in listed
    assert "€968,333" in chat.say("total of those").text  # 308,894 + 299,450 + 359,989


def test_the_difference_between_two_calls_asked_in_turn(chat) -> None:
    chat.say("sum of EU contributions, call 1")
    chat.say("and call 2's?")
    assert "€221,937" in chat.say("difference between the two?").text  # 1,581,490 - 1,359,553
