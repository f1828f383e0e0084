"""How an answer is shaped by words that are easy to drop: a superlative said of several
("the lowest budgets": a ranking, not one project), an order asked in a sentence of its own
("... from the EU? biggest first"), a degree asked after a comparison ("by more than 1000
euros?"), and a statement with a question mark that tests a date ("so it ended before
2018?")."""

from __future__ import annotations


def test_a_superlative_of_several_figures_ranks_them(chat) -> None:
    reply = chat.say("Which first call projects had the lowest budgets?")
    lines = reply.text.splitlines()
    assert lines[0].endswith("by total budget, smallest first:")
    assert lines[1] == "1. CECIL: €247,283" and lines[6] == "6. RUE AERO: €263,060"


def test_the_biggest_grants_are_every_grant_largest_first(chat) -> None:
    reply = chat.say("which projects got the biggest EU grants")
    assert reply.text.splitlines()[1] == "1. SmartSports4GoodLife: €359,989"
    assert "12. ECRI: €160,477" in reply.text


def test_one_superlative_of_one_figure_is_still_one_project(chat) -> None:
    assert chat.say("which project had the lowest budget").text == (
        "ECRI has the smallest total budget of the 12 projects: €228,949."
    )
    assert chat.say("which project got the most money from the EU?").text.startswith(
        "SmartSports4GoodLife has the largest EU contribution"
    )


def test_an_order_asked_after_the_question_mark_is_kept(chat) -> None:
    reply = chat.say("which 2nd call projects got less than 215k from the EU? biggest first")
    names = [line.split()[1] for line in reply.text.splitlines()[1:6]]
    assert names == ["TRACE-KEI:", "INNO-DROP:", "COSMENERG:", "CLUSGRID:", "ECRI:"]


def test_a_chatty_sentence_beside_the_question_is_still_passed_over(chat) -> None:
    reply = chat.say("I'm new here. Which project got the most from the EU?")
    assert reply.text.startswith("SmartSports4GoodLife")


def test_by_more_than_an_amount_after_a_comparison(chat) -> None:
    chat.say("is TRACE-KEI's budget bigger than INNO-DROP's?")
    reply = chat.say("by more than 1000 euros?")
    assert reply.text.startswith("No") and "€592" not in reply.text.split("by")[0]
    assert "by €408" in reply.text and reply.confidence < 0.9
    chat.say("is TRACE-KEI's budget bigger than INNO-DROP's?")
    assert chat.say("by more than 500 euros?").text.startswith("Yes")


def test_a_statement_testing_a_date_is_asked_as_a_question(chat) -> None:
    chat.say("is SmartSports4GoodLife from the second call?")
    reply = chat.say("so it ended before 2018?")
    assert reply.text.startswith("No: SmartSports4GoodLife ended on 2 February 2022")
    chat.say("what about ECRI")
    assert chat.say("so it ended after 2017?").text.startswith("Yes")


def test_in_a_statement_still_reads_as_asked(chat) -> None:
    assert "did not run" in chat.say("smartsports active in 2019?").text


def test_the_other_superlative_of_each_call(chat) -> None:
    chat.say("per call, what was the largest EU contribution?")
    reply = chat.say("and the smallest in each call?")
    assert "5FOREXCELLENCE, €236,944" in reply.text and "ECRI, €160,477" in reply.text


def test_the_other_statistic_of_each_call(chat) -> None:
    chat.say("what's the average budget per call?")
    reply = chat.say("and the median?")
    assert "€253,929.50" in reply.text and "€282,538.50" in reply.text
