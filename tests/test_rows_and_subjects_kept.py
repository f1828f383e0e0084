"""What a follow-up leans on, kept: the rows left after some were dropped ("what's left",
"the remaining ones", also in the same message), the other of two compared, the one row
of a list from a call ("the one from the second call"), the one project just talked about
in a yes/no that names none ("was the EU contribution above 200k?"), and a name nobody
knows said as a project's ("the project ClusterBoost")."""

from __future__ import annotations

import pytest

SURE = 0.9


def test_the_sum_of_what_is_left_after_dropping_two(chat) -> None:
    chat.say("first call projects with an EU contribution under 250,000")
    chat.say("Drop RUE AERO and CLUSTEM")
    reply = chat.say("What's the combined EU contribution of what's left?")
    assert "€473,894" in reply.text


def test_dropping_and_asking_in_one_message(chat) -> None:
    chat.say("Show the second call projects.")
    reply = chat.say(
        "Leave out SmartSports4GoodLife. What's the average EU contribution of the remaining ones?"
    )
    assert "€199,912.80" in reply.text


def test_what_is_left_to_pay_is_still_the_own_contribution(chat) -> None:
    chat.say("CLUSGRID budget and EU grant")
    assert "€67,182" in chat.say("and what's left for the partners to pay?").text


def test_the_other_of_two_compared(chat) -> None:
    chat.say("Which has the bigger total budget: CLUSTEM or RUE AERO?")
    reply = chat.say("What about the other one's EU contribution?")
    assert "€249,401" in reply.text and "€249,851" not in reply.text
    assert reply.confidence < SURE


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How long did the one from the second call run?", "3 February 2020"),
        ("what did the second-call one get from the EU", "€359,989"),
        ("and the one in the 2nd call, what was its budget?", "€469,905"),
    ],
)
def test_the_one_row_of_a_list_from_a_call(chat, question: str, expected: str) -> None:
    chat.say("Show me the projects whose EU contribution is above 250k.")
    reply = chat.say(question)
    assert expected in reply.text and reply.confidence < SURE


@pytest.mark.parametrize(
    ("question", "opening", "figure"),
    [
        ("was the EU contribution above 200k?", "No", "€160,477"),
        ("is the co-financing rate above 80%?", "No", "70.1%"),
        ("did the project end before 2019?", "Yes", "15 November 2018"),
        ("was the budget more than 250k?", "No", "€228,949"),
        ("is the total budget under 230k?", "Yes", "€228,949"),
    ],
)
def test_a_yes_no_naming_no_project_is_of_the_one_just_asked(
    chat, question: str, opening: str, figure: str
) -> None:
    chat.say("ECRI budget")
    reply = chat.say(question)
    assert reply.text.startswith(opening) and figure in reply.text
    assert reply.confidence < SURE


def test_asked_of_any_project_stays_of_all(chat) -> None:
    chat.say("ECRI budget")
    reply = chat.say("is there a project with a budget above 400k?")
    assert reply.text.startswith("Yes") and "SmartSports4GoodLife" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "What are TRACE-KEI's budget figures?",
        "TRACE-KEI's funding figures",
        "the money figures for TRACE-KEI",
    ],
)
def test_budget_figures_are_both_amounts(chat, question: str) -> None:
    reply = chat.say(question)
    assert "€284,984" in reply.text and "€213,738" in reply.text


def test_the_page_order_asked_in_other_words(chat) -> None:
    chat.say("List the second-call projects in the order the page shows them.")
    assert "€213,294" in chat.say("What did the second one get from the EU?").text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("How much did the project ClusterBoost get?", "ClusterBoost"),
        ("How much did ClusterBoost get?", "ClusterBoost"),
        ("what did project Foobar receive", "Foobar"),
        ("when did project Alpha start", "Alpha"),
    ],
)
def test_a_name_nobody_knows_is_said_to_be_unknown(chat, question: str, name: str) -> None:
    reply = chat.say(question)
    assert f"don't know a project called “{name}”" in reply.text
    assert "€" not in reply.text


def test_a_verb_after_project_is_not_a_name(chat) -> None:
    reply = chat.say("which single project contributes the most to the budget")
    assert "don't know a project" not in reply.text
    assert "SmartSports4GoodLife" in reply.text and reply.confidence < SURE


@pytest.mark.parametrize(
    "question",
    [
        "which project's EU contribution is closest to that?",
        "Which project's contribution is closest to that average?",
        "which one is nearest to that figure?",
    ],
)
def test_closest_to_a_groups_average_is_one_of_that_group(chat, question: str) -> None:
    chat.say("What is the average EU contribution in the second call?")
    reply = chat.say(question)
    assert "TRACE-KEI" in reply.text and "5FOREXCELLENCE" not in reply.text
    assert reply.confidence < SURE


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("For CLUSGRID, how much of the total budget wasn't covered by the EU?", "€67,182"),
        ("how much of ECRI's budget did the EU not cover", "€68,472"),
        ("how much money came from sources other than the EU in total?", "€406,747"),
    ],
)
def test_the_part_the_eu_did_not_pay_in_other_words(chat, question: str, amount: str) -> None:
    assert amount in chat.say(question).text


def test_what_is_left_to_pay_after_two_figures_of_one_project(chat) -> None:
    chat.say("CLUSGRID budget and EU grant")
    assert "€67,182" in chat.say("and what's left for the partners to pay?").text


@pytest.mark.parametrize(
    ("first", "question", "amount"),
    [
        ("ECRI total budget", "and the EU grant per month?", "€6,686.54"),
        ("ECRI total budget", "budget per year?", "€114,474.50"),
        ("5FOREXCELLENCE EU grant", "thats how much per month?", "€11,283.05"),
        ("5FOREXCELLENCE EU grant", "so per month that's?", "€11,283.05"),
    ],
)
def test_a_figure_per_unit_of_time_of_the_one_project(
    chat, first: str, question: str, amount: str
) -> None:
    chat.say(first)
    reply = chat.say(question)
    assert amount in reply.text and reply.confidence < SURE


def test_the_one_found_closest_is_the_one_asked_about_next(chat) -> None:
    chat.say("average budget overall")
    chat.say("which project is closest to that?")
    assert "COSMENERG started on 16 November 2016" in chat.say("when did that one start?").text


def test_the_same_call_as_the_one_just_asked_about(chat) -> None:
    chat.say("CLUSGRID's dates?")
    reply = chat.say("what other projects were in the same call?")
    assert "INNO-DROP" in reply.text and "MATERIALIX" not in reply.text
    assert "SmartSports4GoodLife" in chat.say("of those, who got the biggest EU grant?").text


def test_the_same_month_and_the_same_day_as_the_one_just_asked_about(chat) -> None:
    chat.say("when did CECIL end")
    assert "TCE" in chat.say("which others ended in the same month?").text
    chat.say("when did INNO-DROP end")
    assert chat.say("did CLUSGRID end on the same day?").text.startswith("Yes")


@pytest.mark.parametrize(
    "question",
    [
        "whats ECRIs overall budget",
        "top3 eu contribution",
        "hold on, I typed the wrong project, I wanted COSMENERG. both numbers please",
    ],
)
def test_a_word_not_typed_as_a_name_is_not_called_an_unknown_project(chat, question: str) -> None:
    assert "don't know a project called" not in chat.say(question).text


def test_every_projects_figure_after_one_project_is_never_sure(chat) -> None:
    chat.say("rue aero eu contrib")
    reply = chat.say("what fraction is EU-funded")
    assert "95.0%" in reply.text and reply.confidence < SURE
