"""Yes/no questions that lean on the one before: the same question of another project ("and
SmartSports4GoodLife, same?"), a comparison said without its other side after two projects
compared ("did it have a smaller budget too?", "so RUE AERO got more, yes?"). Never sure."""

from __future__ import annotations

SURE = 0.9


def test_the_same_end_month_asked_of_another_project(chat) -> None:
    chat.say("INNO-DROP start and end dates pls")
    assert chat.say("did it end in the same month as CLUSGRID?").text.startswith("Yes")
    reply = chat.say("and SmartSports4GoodLife, same?")
    assert reply.text.startswith("No") and "2 February 2022" in reply.text
    assert reply.confidence < SURE
    assert chat.say("and ECRI?").text.startswith("Yes: ECRI and CLUSGRID")


def test_a_smaller_budget_too_is_against_the_other_of_the_two(chat) -> None:
    chat.say("did ECRI get more eu funding than CLUSGRID?")
    reply = chat.say("did it have a smaller budget too")
    assert reply.text.startswith("Yes") and "€228,949" in reply.text and "€268,727" in reply.text


def test_a_tagged_guess_after_two_compared(chat) -> None:
    chat.say("RUE AERO vs CLUSTEM, EU contribution")
    reply = chat.say("so RUE AERO got more, yes?")
    assert reply.text.startswith("Yes") and "€450" in reply.text


def test_a_later_start_after_two_compared(chat) -> None:
    chat.say("RUE AERO vs CLUSTEM, EU contribution")
    reply = chat.say("did CLUSTEM start later?")
    assert reply.text.startswith("No") and "same" in reply.text


def test_how_many_months_earlier_after_two_looked_up_is_their_gap(chat) -> None:
    chat.say("when did CLUSTEM end")
    chat.say("and 5FOREXCELLENCE?")
    assert "3 months" in chat.say("how many months earlier is that").text


def test_a_share_of_the_total_after_one_project_is_of_it(chat) -> None:
    chat.say("how much did INNO-DROP get from the EU")
    reply = chat.say("what's the EU part as a share of the total")
    assert "75.0% of INNO-DROP's total budget" in reply.text and reply.confidence < SURE
