"""Transcripts per capability of the question engine, in our own words.

Each case is a question and what its answer must (and must not) say. Declines and partial
answers are here too: a figure for a question other than the one asked is the worst outcome.
"""

from __future__ import annotations

import re

import pytest

from bot.engine import Context, Engine

FIGURE = re.compile(r"€\s?\d|\d{3}[,.]\d{3}")


def says(reply_text: str, *parts: str) -> bool:
    return all(p.lower() in reply_text.lower() for p in parts)


NEGATION = [
    ("projects that didn't kick off in 2016", ["SmartSports4GoodLife"], ["ECRI", "TCE"]),
    ("projects not from the 2nd call", ["MATERIALIX", "TCE"], ["ECRI", "CLUSGRID"]),
    ("which projects were not active during 2018?", ["MATERIALIX"], ["ECRI", "INNO-DROP"]),
    ("projects that did not get more than 240k from the EU", ["ECRI"], ["CECIL", "CLUSTEM"]),
]
RANGES = [
    ("projects with a total budget between 280k and 290k", ["INNO-DROP", "COSMENERG"], ["ECRI"]),
    ("which project got the EU contribution nearest to 215k?", ["TRACE-KEI"], ["ECRI"]),
    ("projects lasting at least 24 months", ["MATERIALIX", "ECRI"], ["5FOREXCELLENCE"]),
    ("EU contribution under 100k?", ["No project"], ["ECRI"]),
]
MONTHS = [
    ("projects running in December 2016", ["ECRI", "MATERIALIX"], ["SmartSports4GoodLife"]),
    ("which projects were running in October 2016?", ["TCE"], ["ECRI", "CLUSGRID"]),
    ("projects ending before October 2017", ["5FOREXCELLENCE"], ["TCE", "CECIL"]),
]
ORDINALS = [
    ("which project had the third smallest EU contribution?", ["COSMENERG"], []),
    ("top 2 projects by total budget", ["SmartSports4GoodLife", "TRACE-KEI"], ["ECRI"]),
    ("the last project to begin", ["SmartSports4GoodLife"], []),
    ("rank the first call projects by budget, lowest first", ["CECIL"], ["ECRI"]),
]


@pytest.mark.parametrize(
    ("question", "present", "absent"), [*NEGATION, *RANGES, *MONTHS, *ORDINALS]
)
def test_conditions_and_orders(ask, question: str, present: list[str], absent: list[str]) -> None:
    text = ask(question).text
    for name in present:
        assert name in text, text
    for name in absent:
        assert not re.search(rf"\b{re.escape(name)}\b", text), text


@pytest.mark.parametrize(
    ("question", "answer", "figure"),
    [
        ("did CLUSGRID receive over 250k from the EU?", "No", "€201,545"),
        ("is COSMENERG's budget above 250,000?", "Yes", "€280,685"),
        ("was TCE running in 2017?", "Yes", "31 December 2017"),
        ("did ECRI start in 2015?", "No", "16 November 2016"),
        ("is TRACE-KEI in the second call?", "Yes", "2nd call"),
        ("has ECRI ended?", "Yes", "15 November 2018"),
        ("did MATERIALIX get more from the EU than its total budget?", "Yes", "€308,894"),
        ("did CECIL and TCE end on the same day?", "Yes", "31 December 2017"),
        ("did ECRI get more EU money than CLUSGRID?", "No", "€160,477"),
    ],
)
def test_yes_no_starts_with_the_answer_and_shows_the_figure(
    ask, question: str, answer: str, figure: str
) -> None:
    text = ask(question).text
    assert text.startswith(answer), text
    assert figure in text, text


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("EU contribution of TCE plus that of ECRI, added together", ["€397,427"]),
        ("how much more did CECIL get from the EU than TCE?", ["€62,500"]),
        ("median total budget of the first call", ["€253,929.50"]),
        ("mean EU contribution of the second call", ["€226,592.17"]),
        ("how much did ECRI put in beyond the EU grant?", ["€68,472"]),
        ("difference between the highest and the lowest EU contribution", ["€199,512"]),
        ("how many days did CLUSGRID and ECRI run at the same time?", ["730 days"]),
        (
            "how many days passed between the end of TCE and the start of SmartSports4GoodLife?",
            ["764 days"],
        ),
    ],
)
def test_arithmetic(ask, question: str, figures: list[str]) -> None:
    text = ask(question).text
    for figure in figures:
        assert figure in text, text


def test_median_is_not_the_mean(ask) -> None:
    text = ask("median EU contribution").text
    assert "€236,947" in text and "245,086" not in text


def test_several_parts_are_all_answered(ask) -> None:
    text = ask("what were the start date and the total budget of CLUSGRID?").text
    assert says(text, "16 November 2016", "€268,727")
    both = ask("the smallest and the largest EU contribution").text
    assert says(both, "ECRI", "SmartSports4GoodLife")


def test_follow_ups_edit_the_last_question(engine: Engine) -> None:
    chat = Context()
    top = engine.answer("largest EU contribution in the second call", chat).text
    assert "SmartSports4GoodLife" in top
    least = engine.answer("and the smallest?", chat).text
    assert "ECRI" in least and "MATERIALIX" not in least
    by_budget = engine.answer("and by total budget?", chat).text
    assert "ECRI" in by_budget and "€228,949" in by_budget
    engine.answer("projects that ended in 2017", chat)
    among = engine.answer("which of them got the least from the EU?", chat).text
    assert "5FOREXCELLENCE" in among and "ECRI" not in among


def test_a_follow_up_keeps_the_project(engine: Engine) -> None:
    chat = Context()
    engine.answer("tell me about CLUSGRID", chat)
    assert "15 November 2018" in engine.answer("and its end date?", chat).text
    assert "2nd call" in engine.answer("which call was it in?", chat).text
    others = engine.answer("which other projects were in that call?", chat).text
    assert "• ECRI" in others and "• CLUSGRID" not in others


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when did the smart grid project end", "15 November 2018"),
        ("budget of the aerospace one", "€263,060"),
        ("the textile project: how much did the EU give?", "€249,401"),
    ],
)
def test_projects_named_by_their_subject(ask, question: str, expected: str) -> None:
    assert expected in ask(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what does SME stand for?", "small and medium-sized enterprises"),
        ("what are KETs?", "Key Enabling Technologies"),
        ("which call mentioned the ClusterXchange pilot scheme?", "third call"),
        ("who were the calls aimed at?", "business networks"),
        ("was there a call for proposals in 2017?", "No"),
        ("was a call launched in 2015?", "Yes"),
    ],
)
def test_page_text_and_calls_as_events(ask, question: str, expected: str) -> None:
    assert expected in ask(question).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Quelle était la contribution de l'UE pour CLUSGRID ?", "€201,545"),
        ("Welches Gesamtbudget hatte CECIL?", "€247,283"),
        ("¿Qué presupuesto total tuvo ECRI?", "€228,949"),
    ],
)
def test_other_languages(ask, question: str, expected: str) -> None:
    assert expected in ask(question).text


@pytest.mark.parametrize(
    "question",
    [
        "standard deviation of the EU contributions",
        "which project had the biggest budget per month?",
        "what will the next call fund?",
        "total budget of the sixth call",
        "how much did the EU give to the Orbit project?",
        "what did the big one get?",
    ],
)
def test_what_is_not_understood_gets_no_figure(ask, question: str) -> None:
    reply = ask(question)
    assert not FIGURE.search(reply.text), reply.text
    said = r"not sure|does not say|does not mention|no such|don't know|won't guess"
    assert re.search(said, reply.text)


def test_a_partial_answer_says_what_was_understood_and_what_was_not(ask) -> None:
    reply = ask("which project had the highest budget per month?")
    assert "ranking" in reply.text and "per month" in reply.text
    assert reply.meta["not_understood"] == ["per month"]


@pytest.mark.parametrize(
    ("question", "month"),
    [
        ("projects active in March", "March"),  # a run is in every month of some year
        ("what did CLUSGRID get in october", "october"),
    ],
)
def test_a_month_without_a_year_is_said_not_understood_not_dropped(
    ask, question: str, month: str
) -> None:
    # before, "which projects ended in october?" listed all twelve, as if "in october" was
    # not there
    reply = ask(question)
    assert reply.meta["not_understood"] == [month], reply.text
    assert not FIGURE.search(reply.text) and "•" not in reply.text
    assert "October 2017" in ask("which projects ended in october 2017?").text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("which projects ended in october?", "No project on the page that ended in October"),
        ("who started in january", "Projects that started in January (any year) (6)"),
        ("Any project that started in February?", "SmartSports4GoodLife"),
        ("which projects ended in November", "(5)"),
    ],
)
def test_a_day_in_a_month_of_any_year(ask, question: str, said: str) -> None:
    assert said in ask(question).text


def test_a_new_aggregate_declared_in_yaml_answers(ask) -> None:
    """The README's worked example: "range" is three lines of YAML and one function."""
    assert "€240,956" in ask("what is the range of the budgets?").text
    assert "€199,512" in ask("range of EU contributions in the second call").text


def test_declines_and_partial_answers_name_what_was_not_understood(ask) -> None:
    assert ask("which projects got more than 200k per year?").meta["not_understood"] == ["per year"]
    assert "capital" in ask("what is the capital of Atlantis").meta["not_understood"]


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        ("how many calls were there after 2014?", "2 calls", "MATERIALIX"),
        ("which projects were funded in 2014?", "MATERIALIX", "ECRI"),
        ("which third call project got the most?", "ESCP-4x", "€"),
        ("what share of the second call's total budget did the EU pay?", "74.8%", "ECRI"),
        ("when did the first call open exactly?", "not an exact date", "January"),
        # understood since the grammar (issue 19): the others that ended that month
        ("which projects ended in the same month as ECRI?", "INNO-DROP", "• ECRI"),
    ],
)
def test_calls_shares_and_what_the_page_cannot_say(
    ask, question: str, expected: str, absent: str
) -> None:
    text = ask(question).text
    assert expected in text and absent not in text, text


def test_a_follow_up_can_switch_the_call(engine: Engine) -> None:
    chat = Context()
    assert "€1,359,553" in engine.answer("total EU contribution of the second call", chat).text
    assert "€1,581,490" in engine.answer("and the first?", chat).text
    assert "ESCP-4x" in engine.answer("what about call 3?", chat).text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "how many days were there between the start of MATERIALIX and the end of ECRI?",
            "1049 days",
        ),
        ("by how many days did ECRI outlast TCE?", "1 day longer"),
        ("which started later, CLUSGRID or TCE?", "CLUSGRID's start date is later"),
    ],
)
def test_dates_between_projects(ask, question: str, expected: str) -> None:
    assert expected in ask(question).text


def test_the_unanswered_log_says_what_was_not_understood(engine: Engine, tmp_path) -> None:
    import json

    from bot.unanswered import UnansweredLog

    log = UnansweredLog(tmp_path / "u.jsonl")
    for question in ["budget per decade of TCE", "what's the weather in Brussels", "clusgrem"]:
        log.record(question, engine.answer(question, Context()), 1)
    entries = [json.loads(line) for line in (tmp_path / "u.jsonl").read_text().splitlines()]
    assert [e["outcome"] for e in entries] == ["declined", "declined", "asked back"]
    assert entries[0]["not_understood"] == ["per decade"]
    assert entries[1]["not_understood"] == ["weather"]  # "Brussels" is a word for the EU
    assert entries[2]["not_understood"] == ["clusgrem"]


@pytest.mark.parametrize(
    ("question", "present", "absent"),
    [
        ("which projects got less EU money than TCE?", "5FOREXCELLENCE", "CECIL"),
        ("which project got more than CLUSGRID?", "RUE AERO", "ECRI"),
        ("projects that started before ECRI", "MATERIALIX", "SmartSports4GoodLife"),
    ],
)
def test_a_project_after_a_comparison_is_the_value_compared_with(
    ask, question: str, present: str, absent: str
) -> None:
    text = ask(question).text
    assert present in text and absent not in text, text


def test_the_average_of_the_top_three_is_of_those_three(ask) -> None:
    # 469,905 + 284,984 + 284,392, over 3 (it was declined before the grammar read "top 3")
    text = ask("what's the average of the top 3 budgets?").text
    assert "3 projects with the largest total budget" in text and "is €346,427" in text, text
    assert "(SmartSports4GoodLife, TRACE-KEI and INNO-DROP)" in text, text  # which three


@pytest.mark.parametrize(
    "question",
    [
        "how many projects got less than half of their budget from the EU?",
    ],
)
def test_a_comparison_or_statistic_left_over_is_not_dropped(ask, question: str) -> None:
    reply = ask(question)
    assert "not sure" in reply.text and not FIGURE.search(reply.text), reply.text


def test_more_than_the_average_is_the_average_of_the_figure_compared(ask) -> None:
    """ "got" is the EU contribution, as everywhere: above the average EU contribution."""
    text = ask("which projects got more than the average?").text
    assert "above the average EU contribution" in text and "€245,086.92" in text, text
    assert "ECRI" not in text and "SmartSports4GoodLife" in text, text


WRAPPERS = [
    "{q}",
    "hey, {q}",
    "can you tell me {q}",
    "I'd like to know {q}",
    "{q} thanks",
    "{Q}",
]
STABLE = [
    ("which projects did not start in 2016?", "SmartSports4GoodLife", "ECRI"),
    ("did ECRI get more than 150k from the EU?", "Yes", "No:"),
    ("which project had the second smallest total budget?", "CECIL", "ECRI"),
    ("median EU contribution of the second call", "€211,902", "€226,592"),
    ("what does IPR stand for?", "intellectual property rights", "€"),
]


@pytest.mark.parametrize("wrapper", WRAPPERS)
@pytest.mark.parametrize(("question", "expected", "absent"), STABLE)
def test_politeness_greetings_and_case_change_nothing(
    ask, wrapper: str, question: str, expected: str, absent: str
) -> None:
    text = ask(wrapper.format(q=question, Q=question.upper())).text
    assert expected in text and absent not in text, text


def test_conversations_are_written_down_and_read_back(engine: Engine) -> None:
    from bot.engine import Conversations
    from bot.engine.memory import dump, load

    before = Conversations()
    engine.answer(
        "which projects did not start in 2016 and ended before March 2022?", before.get("a")
    )
    engine.answer("largest EU contribution in the first call", before.get("b"))
    after = Conversations()
    assert load(dump(before), after) == 2
    assert after.get("a").last == before.get("a").last
    assert "5FOREXCELLENCE" in engine.answer("and the smallest?", after.get("b")).text
    assert load('{"x": {"last": {"__t": "os.system", "v": "ls"}}}', Conversations()) in (0, 1)
    assert load("not json", Conversations()) == 0


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("average end date of the projects", "The average end date of the 12 projects is"),
        ("median start date of the first call projects", "is 1 January 2016"),
        ("sum of the durations of the projects", "The total duration of the 12 projects"),
        ("average durations in the first call", "The average duration of the 6 projects"),
    ],
)
def test_dates_and_durations_have_averages(ask, question: str, expected: str) -> None:
    assert expected in ask(question).text


@pytest.mark.parametrize(
    "question",
    ["total end date of the projects", "the sum of the start dates in the second call"],
)
def test_dates_are_never_added_up(ask, question: str) -> None:
    # there is no total of dates: never a crash, never a figure of another field
    text = ask(question).text
    assert "total" not in text.lower() and "€" not in text, text


@pytest.mark.parametrize(
    "question", ["total flurbs of the projects", "which project has the most flurbs?"]
)
def test_a_total_or_a_ranking_of_an_unknown_word_is_not_the_eu_contribution(
    ask, question: str
) -> None:
    text = ask(question).text
    assert not FIGURE.search(text) and "“flurbs”" in text, text


def test_a_follow_up_never_adds_up_dates(chat) -> None:
    assert "€1,817,642" in chat.say("total budget of the 2nd call").text
    then = chat.say("and the end date?").text  # it crashed: the sum of the end dates
    assert "€" not in then and "total end date" not in then.lower(), then
    assert "average start date of the 6 projects" in chat.say("and the average start date?").text


def test_more_after_a_fact_is_more_about_that_project(chat) -> None:
    assert "€201,545" in chat.say("what did CLUSGRID get from the EU").text
    card = chat.say("tell me more").text  # it was a ranking of all projects' EU money
    assert card.startswith("CLUSGRID") and "Total budget" in card and "largest" not in card


def test_more_after_the_top_one_is_the_next_one(chat) -> None:
    assert chat.say("which project had the smallest budget").text.startswith("ECRI")
    assert chat.say("more").text.startswith("CECIL has the 2nd smallest total budget")
    assert chat.say("next").text.startswith("5FOREXCELLENCE has the 3rd smallest total budget")


def test_a_lone_more_is_not_a_ranking(ask) -> None:
    assert "largest" not in ask("more").text


def test_a_run_between_two_dates_is_one_active_on_some_day_between_them(ask) -> None:
    # it said "No project that started and ended between February 2016 and December 2016":
    # true, but not what was asked; eleven were active then
    text = ask("which projects were active between February and December 2016").text
    assert text.startswith(
        "Projects running at some point between February 2016 and December 2016 (11)"
    ), text
    assert "SmartSports4GoodLife" not in text
    assert "(11)" in ask("which projects ran between 2015 and 2019").text
    assert "(4)" in ask("projects with an EU contribution between 200000 and 214000").text
    text = ask("which projects ran entirely within 2016 and 2017").text
    assert text.startswith("Projects that started and ended between 2016 and 2017 (6)"), text


def test_a_range_of_durations_takes_its_unit_from_its_end(ask) -> None:
    text = ask("projects that lasted between 20 and 23 months").text
    assert "between 20 months and 23 months (1)" in text and "5FOREXCELLENCE" in text
    assert (
        "between 1 year and 2 years" in ask("projects with a duration between 1 and 2 years").text
    )


def test_a_range_whose_start_has_no_unit_takes_the_unit_of_its_end(ask) -> None:
    # "between 200 and 250k" is 200k to 250k, and said so (never "exactly 250k")
    text = ask("projects with an EU contribution between 200 and 250k").text
    assert "between €200,000 and €250,000" in text and "CLUSGRID" in text, text
    assert "MATERIALIX" not in text and "ECRI" not in text, text
    text = ask("any project co-financed between 76 and 80 percent?").text
    assert text.startswith("Yes") and "SmartSports4GoodLife" in text, text


def test_more_after_a_total_lists_the_projects_behind_it(chat) -> None:
    assert "€1,581,490" in chat.say("total EU contribution of the first call").text
    listed = chat.say("more").text  # it was the call's top project, as if "most" was asked
    assert listed.startswith("Projects in the 1st call for proposals (2014) (6):")
    assert "MATERIALIX — €308,894" in listed and "largest" not in listed


def test_since_and_by_are_of_dates_only(ask) -> None:
    # "since" also means "because": never a comparison of amounts
    text = ask(
        "since CLUSGRID got the most EU money of all the projects, how much was it exactly?"
    ).text
    assert "on or after €" not in text
    assert ask("projects started since 2017").text.startswith(
        "Projects that started in or after 2017 (1)"
    )
    assert ask("which projects ended by 2017").text.startswith(
        "Projects that ended in or before 2017 (6)"
    )


# -- a question on a premise: the premise is checked first -----------------------------------
def test_a_premise_the_page_contradicts_is_corrected_before_the_answer(chat) -> None:
    reply = chat.say(
        "Since 5FOREXCELLENCE was the longest-running project, how many months did it last?"
    )
    correction, answer = reply.text.split("\n\n", 1)
    assert correction.startswith("That is not what the page says.")
    assert "11 projects tie" in correction
    assert "21 months" in answer  # "it" is the premise's subject


def test_a_premise_that_holds_leaves_just_the_answer(chat) -> None:
    reply = chat.say("since ECRI got the least EU money, when did it end?")
    assert reply.text == "ECRI ended on 15 November 2018."


def test_two_questions_joined_by_so_are_no_premise(chat) -> None:
    reply = chat.say("which projects started in 2016, so which of them ended in 2018")
    assert "not what the page says" not in reply.text
    assert "ECRI" in reply.text and "MATERIALIX" not in reply.text
