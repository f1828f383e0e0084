"""Drilling into a ranking: after "rank ... by ...", a place in it ("number 4", "5th place",
"the middle one", "numbers 2 and 3", "the last one's budget") is a row of the ranking shown,
not a new ranking; the ranking stays in view while its rows are asked about, one after
another."""

from __future__ import annotations

BY_BUDGET_ASC = "Rank the 12 projects by total budget, smallest first."
CALL2_BY_EU_DESC = "List the second-call projects ordered by EU funding, highest first."


def test_a_place_in_the_ranking_is_its_row_not_a_new_ranking(chat) -> None:
    chat.say(BY_BUDGET_ASC)  # ECRI, CECIL, 5FOREXCELLENCE, TCE, MATERIALIX, CLUSTEM, ...
    reply = chat.say("What's in 5th place?")
    assert "MATERIALIX" in reply.text and "EU contribution" not in reply.text.split("\n")[0]
    assert "INNO-DROP" in chat.say("and 10th?").text


def test_number_n_with_a_figure_after_it_is_that_rows_figure(chat) -> None:
    chat.say(BY_BUDGET_ASC)
    assert chat.say("and number 3's budget?").text == (
        "5FOREXCELLENCE had a total budget of €249,416."
    )
    assert "TCE" in chat.say("ok who's number 4 then").text
    assert chat.say("what did project number 2 get from the EU").text.startswith("CECIL")


def test_who_is_number_n_names_the_row_not_its_partners(chat) -> None:
    chat.say("Could you rank all 12 projects by EU contribution, from highest to lowest?")
    reply = chat.say("Who's number 4?")
    assert reply.text.startswith("RUE AERO") and "Partnership Composition" not in reply.text


def test_the_middle_one_and_the_middle_two(chat) -> None:
    chat.say("rank the 2nd call projects that began in 2016 by total budget, biggest first")
    assert chat.say("the middle one?").text.startswith("COSMENERG")  # of five
    chat.say("Sort call 2 by budget, smallest first")
    reply = chat.say("which are the middle two")
    assert "COSMENERG" in reply.text and "INNO-DROP" in reply.text
    assert "CLUSGRID" not in reply.text
    assert "€282,538.50" in chat.say("average of their budgets").text


def test_the_middle_one_of_an_even_list_is_not_guessed(chat) -> None:
    chat.say("Sort call 2 by budget, smallest first")  # six rows: two are in the middle
    reply = chat.say("the middle one?")
    assert "COSMENERG" not in reply.text or "INNO-DROP" in reply.text


def test_the_ranking_stays_in_view_while_its_rows_are_asked_about(chat) -> None:
    chat.say("Could you rank all 12 projects by EU contribution, from highest to lowest?")
    chat.say("who's number 4?")
    assert chat.say("the fifth one's budget").text.startswith("CLUSTEM had a total budget")
    reply = chat.say("and the middle two?")  # of twelve: the 6th and 7th
    assert "TCE" in reply.text and "5FOREXCELLENCE" in reply.text


def test_numbers_two_and_three_added_then_number_six(chat) -> None:
    chat.say(CALL2_BY_EU_DESC)
    assert "€427,032" in chat.say("numbers 2 and 3 - combined EU?").text
    assert chat.say("and number 6's start date").text == "ECRI started on 16 November 2016."


def test_a_place_after_a_gap_between_two_rows(chat) -> None:
    chat.say("rank the call-2 projects by total budget, from the top down")
    assert "€592" in chat.say("what's the gap between the 2nd and 3rd?").text
    assert "€201,545" in chat.say("the fifth one's EU contribution").text  # CLUSGRID


def test_the_last_ones_figure_after_the_first_ones(chat) -> None:
    chat.say("rank call 1 by EU contribution, lowest first")
    assert "5FOREXCELLENCE" in chat.say("the first one - how long did it run?").text
    reply = chat.say("the last one's total budget?")
    assert reply.text.startswith("MATERIALIX had a total budget of €258,437")


def test_the_last_one_to_end_still_ranks_by_date(chat) -> None:
    chat.say("list the second call projects")
    assert "SmartSports4GoodLife" in chat.say("which was the last one to end?").text


def test_the_first_two_combined_after_looking_at_the_last_one(chat) -> None:
    chat.say("second call ranked by EU contribution, smallest first please")
    assert "SmartSports4GoodLife" in chat.say("the last one in that list - end date?").text
    assert "€362,022" in chat.say("and the first two combined, EU money?").text


def test_those_two_in_a_yes_no_question(chat) -> None:
    chat.say("what's the third-largest EU contribution on the whole page?")
    chat.say("and 4th?")
    reply = chat.say("are those two in the same call?")
    assert reply.text.startswith("Yes") and "did not read" not in reply.text


def test_a_place_in_the_ranking_is_never_sure(chat) -> None:
    chat.say(BY_BUDGET_ASC)
    assert chat.say("number 2?").confidence < 0.9


def test_the_ranking_in_view_survives_a_restart(chat) -> None:
    from bot.engine.memory import dump_one, load_one

    chat.say(CALL2_BY_EU_DESC)
    chat.say("numbers 2 and 3 - combined EU?")
    restored = load_one(dump_one(chat.context))
    assert restored is not None and restored.shown == chat.context.shown
    assert len(restored.shown) == 6


def test_what_the_third_got_is_the_third_rows_figure(chat) -> None:
    chat.say("top 3 total budgets in call 1")  # RUE AERO, CLUSTEM, MATERIALIX
    assert chat.say("what did the 3rd get from the EU").text.startswith(
        "MATERIALIX received €308,894"
    )
    chat.say("list the first call projects")
    assert "2nd largest EU contribution" in chat.say("what did the 2nd largest get?").text
