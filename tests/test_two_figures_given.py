"""Working with the two figures just given: "by how much?", "ratio?", "in %?", "how far
apart are they?" after two projects compared, after "biggest?" then "smallest?", after "which
call got more?"; and a step typed as a symbol ("x2", "/ 3", "- 10k"). Never sure: the words
point back."""

from __future__ import annotations

SURE = 0.9


def test_by_what_percentage_after_two_projects_compared(chat) -> None:
    chat.say("compare ECRI and TCE eu funding")
    reply = chat.say("by what percentage?")
    assert "47.7% more" in reply.text and reply.text.startswith("TCE's")
    assert reply.confidence < SURE


def test_ratio_after_a_comparison_is_not_the_co_financing_share(chat) -> None:
    chat.say("clusgrid eu vs ecri eu")
    reply = chat.say("ratio?")
    assert "1.26 times" in reply.text and "co-financing" not in reply.text


def test_in_percent_after_the_same_figure_of_two_projects_in_turn(chat) -> None:
    chat.say("TCE eu grant")
    chat.say("and ECRI")
    assert "47.7% more" in chat.say("in %?").text
    assert "1.48 times" in chat.say("ratio between them").text


def test_spread_between_the_two_a_ranking_picked(chat) -> None:
    chat.say("biggest total budget in call 2?")
    chat.say("smallest?")
    reply = chat.say("spread between them")
    assert "€240,956" in reply.text and "SmartSports4GoodLife" in reply.text
    assert "105.2% more" in chat.say("and in %?").text


def test_how_far_apart_after_smallest_then_largest(chat) -> None:
    chat.say("which first call project had the smallest budget")
    chat.say("and the largest one")
    reply = chat.say("how far apart are they")
    assert "€15,777" in reply.text and "RUE AERO" in reply.text and "CECIL" in reply.text


def test_by_how_much_exactly_after_which_call_got_more(chat) -> None:
    chat.say("which call had the bigger total eu contribution")
    assert "€221,937" in chat.say("by how much exactly").text
    assert "16.3% more" in chat.say("in %?").text


def test_by_how_much_then_another_figure_asks_the_first_question_again(chat) -> None:
    chat.say("Which call had the bigger total budget?")
    assert "€287,494" in chat.say("by how much?").text
    reply = chat.say("and in EU money?")
    assert "€221,937" in reply.text and "1st call" in reply.text


def test_a_percentage_of_a_whole_and_its_part_is_the_share(chat) -> None:
    chat.say("total budget of all projects")
    chat.say("and how much of that came from the EU?")
    assert "87.9% of the total budget" in chat.say("as a percentage?").text


def test_a_heading_call_scopes_both_extremes(chat) -> None:
    reply = chat.say("second call: biggest and smallest total budget")
    assert "2nd call" in reply.text and "12 projects" not in reply.text
    assert "2.05 times" in chat.say("ratio between them").text


def test_a_step_typed_as_a_symbol(chat) -> None:
    chat.say("clustem budget")
    assert "€525,060" in chat.say("x2").text
    assert "€515,060" in chat.say("- 10k").text
    assert "€257,530" in chat.say("/2").text
    assert "€283,283" in chat.say("x 1.1").text


def test_a_word_that_starts_with_x_is_not_times(chat) -> None:
    chat.say("clustem budget")
    assert "€" not in chat.say("xylophone").text


def test_divide_by_the_number_of_projects_just_added(chat) -> None:
    chat.say("trace-kei eu grant")
    chat.say("plus inno-drops")
    chat.say("+ clusgrid")
    assert "€209,525.67" in chat.say("divide by 3").text


def test_a_name_with_a_hyphen_keeps_it(chat) -> None:
    reply = chat.say("TRACE-KEI budget")
    assert "€284,984" in reply.text and reply.confidence >= SURE


def test_as_a_percentage_of_the_budget_after_one_projects_figure(chat) -> None:
    chat.say("TRACE-KEI budget")
    chat.say("minus the eu contribution")
    reply = chat.say("what percent of the budget is that")
    assert "25.0% of TRACE-KEI's total budget" in reply.text and reply.confidence < SURE


def test_more_than_the_budget_is_still_a_check_of_that(chat) -> None:
    chat.say("tell me about CECIL")
    chat.say("EU contribution?")
    reply = chat.say("wait, that's more than the budget??")
    assert "SmartSports4GoodLife" not in reply.text


def test_also_in_a_yes_no_question(chat) -> None:
    chat.say("which project has the largest budget")
    reply = chat.say("did it also get the biggest eu grant?")
    assert reply.text.startswith("Yes") and "€359,989" in reply.text


def test_and_another_project_after_a_share_worked_out_of_one(chat) -> None:
    chat.say("total eu contribution of the first call")
    chat.say("what share of that did MATERIALIX take")
    reply = chat.say("and CECIL?")
    assert reply.text.startswith("CECIL's EU contribution (€299,450) is 18.9%")
    assert reply.confidence < SURE


def test_a_rate_per_year_after_per_month_and_then_another_project(chat) -> None:
    chat.say("RUE AERO budget")
    chat.say("how much is that per month")
    assert "€131,530 a year" in chat.say("and per year?").text
    assert "ECRI's total budget (€228,949)" in chat.say("and ECRI?").text


def test_a_rate_times_twelve(chat) -> None:
    chat.say("INNO-DROP's EU funding per month")
    reply = chat.say("what's that times 12")
    assert "INNO-DROP's EU contribution a month (€8,887.25) is €106,647" in reply.text


def test_one_projects_figure_as_a_percent_of_anothers_without_naming_it(chat) -> None:
    chat.say("cecil eu grant")
    chat.say("and clusgrid's")
    reply = chat.say("cecils is what percent of clusgrid's")
    assert "CECIL's EU contribution (€299,450) is 148.6% of CLUSGRID's" in reply.text
    assert reply.confidence < SURE


def test_two_figures_worked_out_after_one_project_are_its_own(chat, ask) -> None:
    chat.say("clustem total budget")
    chat.say("and the eu grant")
    reply = chat.say("budget divided by eu grant")
    assert "CLUSTEM's total budget (€262,530) is 1.05 times" in reply.text
    assert reply.confidence < SURE
    assert "12 projects" in ask("budget divided by eu grant").text  # with no one talked about


def test_a_project_alone_after_a_total_is_its_figure(chat) -> None:
    chat.say("eu contribution for the first call all together")
    reply = chat.say("materialix alone?")
    assert reply.text.startswith("MATERIALIX received €308,894") and reply.confidence < SURE


def test_how_much_more_is_the_first_one(chat) -> None:
    chat.say("budget of TRACE-KEI vs INNO-DROP")
    reply = chat.say("how much more is the first one")
    assert "TRACE-KEI's total budget (€284,984) is €592 more" in reply.text


def test_how_many_times_bigger_is_the_second_one(chat) -> None:
    chat.say("What's ECRI's total budget?")
    chat.say("and COSMENERG's")
    chat.say("sum of those two")
    assert "1.23 times" in chat.say("how many times bigger is the second one").text


def test_as_a_percentage_after_an_own_contribution_is_its_own_share(chat) -> None:
    chat.say("INNO-DROP budget?")
    chat.say("eu contribution")
    assert "€71,098" in chat.say("so how much did the partners contribute").text
    assert "25.0% of its total budget" in chat.say("as a percentage?").text


def test_a_gap_as_a_percentage_of_the_total_is_of_its_budget(chat) -> None:
    chat.say("ECRI budget and eu contribution")
    chat.say("whats the gap between those two numbers")
    reply = chat.say("as a percentage of the total?")
    assert "29.9% of ECRI's total budget" in reply.text and reply.confidence < SURE


def test_an_own_contribution_as_a_percentage_of_the_total(chat) -> None:
    chat.say("ECRI own contribution")
    assert "29.9% of ECRI's total budget" in chat.say("as a percentage of the total?").text


def test_a_share_of_the_call_total_read_as_the_programme_is_never_sure(chat) -> None:
    chat.say("ECRI got what from the EU")
    assert chat.say("as a percentage of the call total").confidence < SURE
