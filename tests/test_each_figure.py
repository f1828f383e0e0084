"""The figures of a call's projects, each ("the budgets of the call 2 projects", "call 2
grants"), where "the budget of call 2" is the call's total; a ratio said both ways round;
a figure as a part of the overall total; a call comparison asked again of another figure."""

from __future__ import annotations

SURE = 0.9


def test_the_budgets_of_a_calls_projects_are_each_listed_with_their_total(chat) -> None:
    for question in (
        "budgets of the call 2 projects",
        "second call projects' budgets?",
        "what were the budgets in call 2",
        "the 2nd call's budgets",
    ):
        reply = chat.say(question)
        assert "SmartSports4GoodLife — €469,905" in reply.text, question
        assert "ECRI — €228,949" in reply.text, question
        assert "Together: €1,817,642" in reply.text, question


def test_eu_grants_of_a_call_are_each_listed(chat) -> None:
    reply = chat.say("call 1 eu contributions please")
    assert "MATERIALIX — €308,894" in reply.text
    assert "TCE — €236,950" in reply.text
    assert "Together: €1,581,490" in reply.text
    assert "more than its total budget" in reply.text  # MATERIALIX's caveat, with its figure


def test_the_budget_of_a_call_is_still_its_total(chat) -> None:
    for question in ("budget of call 2", "sum of the budgets in call 2", "call 2 total budget"):
        reply = chat.say(question)
        assert "€1,817,642" in reply.text, question
        assert "€469,905" not in reply.text, question


def test_dates_of_a_calls_projects_are_listed_without_a_total(chat) -> None:
    reply = chat.say("start dates of the call 2 projects")
    assert "SmartSports4GoodLife — 3 February 2020" in reply.text
    assert "Together" not in reply.text


def test_how_many_times_said_the_other_way_round_too(chat) -> None:
    reply = chat.say("how many times ECRI's EU contribution is MATERIALIX's?")
    assert "0.52 times" in reply.text and "1.92 times" in reply.text
    reply = chat.say("how many times the smallest EU grant is the largest one?")
    assert "0.45 times" in reply.text and "2.24 times" in reply.text
    reply = chat.say("how many times bigger is SmartSports4GoodLife's budget than ECRI's?")
    assert "2.05 times" in reply.text and "Put the other way" not in reply.text


def test_a_calls_total_as_a_percentage_of_the_overall_total(chat) -> None:
    reply = chat.say("call 2 total budget as a percentage of the overall total")
    assert "54.3%" in reply.text
    assert "co-financing" not in reply.text


def test_a_call_comparison_asked_again_of_another_figure(chat) -> None:
    reply = chat.say("which call got more from the EU, 1st or 2nd?")
    assert reply.text.startswith("The 1st call")
    reply = chat.say("and total budget?")
    assert reply.text.startswith("The 2nd call") and "€287,494" in reply.text
    assert reply.confidence < SURE  # a fragment, read with the question before it


def test_words_about_why_someone_asks_are_passed_over(chat) -> None:
    reply = chat.say("For the piece: how much EU money went to each of the two calls?")
    assert "€1,581,490" in reply.text and "€1,359,553" in reply.text
    assert "%" not in reply.text


def test_a_statistic_alone_after_two_projects_figures_is_of_those_two(chat) -> None:
    chat.say("how much did ECRI and COSMENERG get from the EU")
    reply = chat.say("sum?")
    assert "€370,987" in reply.text and reply.confidence < SURE
    reply = chat.say("difference?")
    assert "€50,033" in reply.text


def test_how_much_more_did_one_of_the_two_get(chat) -> None:
    chat.say("how much did ECRI and COSMENERG get from the EU")
    reply = chat.say("how much more did cosmenerg get")
    assert reply.text.startswith("COSMENERG's EU contribution")
    assert "€50,033 more than ECRI's" in reply.text
    chat.say("ECRI budget")
    chat.say("and TCE?")
    reply = chat.say("how much more did TCE have?")
    assert reply.text.startswith("TCE's total budget") and "€20,473" in reply.text


def test_the_average_of_three_figures_just_given(chat) -> None:
    chat.say("budgets of TCE, ECRI and CECIL")
    reply = chat.say("average?")
    assert "€241,884.67" in reply.text


def test_total_alone_after_two_figures_is_not_taken_for_their_sum(chat) -> None:
    chat.say("EU money of ECRI and COSMENERG")
    reply = chat.say("total?")  # may be their total budgets: not added up as if sure
    assert "€370,987" not in reply.text or reply.confidence < SURE


def test_a_figure_of_the_whole_programme_is_of_all_its_projects(chat) -> None:
    for question in ("what was the total budget of the whole programme", "programme total budget"):
        assert "€3,347,790" in chat.say(question).text, question
    assert "€2,941,043" in chat.say("the programme's EU contribution, all in").text
    reply = chat.say("tell me about the programme")
    assert "COSME" in reply.text or "cluster management excellence" in reply.text


def test_already_under_way_is_begun_before_that_day(chat) -> None:
    reply = chat.say("which projects were already under way when clusgrid started")
    assert "(6)" in reply.text and "TCE" in reply.text
    assert "INNO-DROP" not in reply.text  # it started that very day
    reply = chat.say("which projects were running when clusgrid started")
    assert "INNO-DROP" in reply.text


def test_the_first_two_to_end_are_two_with_their_ties(chat) -> None:
    reply = chat.say("first two projects to wrap up?")
    assert "5FOREXCELLENCE: 30 September 2017" in reply.text
    assert "tie" in reply.text and "TCE" in reply.text


def test_a_percentage_of_a_total(chat) -> None:
    assert "€294,104.30" in chat.say("whats 10 percent of the combined eu funding").text
    assert "€90,882.10" in chat.say("5% of the call 2 budget").text


def test_the_average_of_a_figure_asked_of_one_project_after_another(chat) -> None:
    chat.say("budget of rue aero")
    chat.say("of clustem")
    chat.say("tce")
    reply = chat.say("the average of those?")
    assert "RUE AERO, CLUSTEM and TCE" in reply.text and "€258,337.33" in reply.text


def test_ok_now_another_project(chat) -> None:
    chat.say("clusgrid, eu funding amount?")
    assert "€160,477" in chat.say("ok now ecri").text
    assert "€362,022" in chat.say("add them up").text


def test_the_difference_after_two_figures_added_up(chat) -> None:
    chat.say("how much did 5forexcellence and tce get from the eu, combined?")
    reply = chat.say("whats the difference")
    assert "€6 more than 5FOREXCELLENCE's" in reply.text


def test_calculations_on_the_figure_just_given(chat) -> None:
    chat.say("budget 5forexcellence")
    assert "€511,946" in chat.say("plus clustem's budget").text
    assert "€775,006" in chat.say("plus rue aero too").text
    chat.say("eu money for materialix?")
    assert "€608,344" in chat.say("and combined with CECIL's?").text
    chat.say("tot budget call 1")
    assert "€2,000,053" in chat.say("now add smartsports4goodlife's budget to that").text


def test_the_same_asked_of_another_and_compared(chat) -> None:
    chat.say("CLUSTEM - eu money")
    assert "€210,510" in chat.say("COSMENERG same").text
    assert "€38,891" in chat.say("so clustem got how much more").text
    chat.say("clustem eu grant")
    reply = chat.say("vs rue aero")
    assert "€249,851" in reply.text and "€450" in reply.text


def test_the_total_of_the_three_just_asked_about(chat) -> None:
    chat.say("inno-drop, whats the overall budget")
    chat.say("trace kei")
    chat.say("and cosmenerg")
    assert "€850,061" in chat.say("total of the three").text


def test_a_share_of_a_whole_asked_of_the_figure_just_given(chat) -> None:
    chat.say("smartsports eu contribution")
    reply = chat.say("what share is that of the 2nd call's eu total")
    assert "26.5%" in reply.text and "co-financing" not in reply.text
    chat.say("inno-drop own contribution")
    reply = chat.say("as a % of its budget")  # "its": INNO-DROP's, not the figure's
    assert "25.0%" in reply.text and reply.confidence < SURE


def test_how_many_times_bigger_after_two_figures_and_divide_that(chat) -> None:
    chat.say("smartsports eu")
    chat.say("and ecri's")
    reply = chat.say("how many times bigger")
    assert "2.24 times ECRI's" in reply.text
    chat.say("sum of eu contributions in call 1")
    assert "€263,581.67" in chat.say("divide that by 6 pls").text


def test_halve_it_and_a_plus_sign_on_the_figure_just_given(chat) -> None:
    chat.say("ECRI budget")
    assert "€114,474.50" in chat.say("then halve it").text
    chat.say("clustem eu")
    assert "€450,946" in chat.say("+ clusgrid").text
