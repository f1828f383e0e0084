"""Follow-ups: a complete new question starts afresh; a fragment continues the last one."""

from __future__ import annotations


# -- a complete question does not inherit the last one's project, call or filter ------------
def test_a_ranking_asked_after_a_project_fact_ranks_every_project(chat) -> None:
    assert "€268,727" in chat.say("What was the total budget of CLUSGRID?").text
    reply = chat.say("the earliest and the latest end date")
    assert "5FOREXCELLENCE" in reply.text and "30 September 2017" in reply.text
    assert "SmartSports4GoodLife" in reply.text and "2 February 2022" in reply.text
    assert "CLUSGRID" not in reply.text


def test_a_ranking_asked_after_a_call_list_ranks_every_project(chat) -> None:
    assert "CLUSTEM" in chat.say("show me the projects of the first call").text
    reply = chat.say("which project had the smallest total budget?")
    assert "ECRI" in reply.text and "€228,949" in reply.text


def test_a_new_filter_after_a_fact_is_not_about_that_project(chat) -> None:
    chat.say("how much did CECIL get from the EU?")
    reply = chat.say("which projects wrapped up in 2018?")
    for name in ("INNO-DROP", "CLUSGRID", "TRACE-KEI", "COSMENERG", "ECRI"):
        assert name in reply.text
    assert "CECIL" not in reply.text


# -- a bare superlative continues: same rows, same field -------------------------------------
def test_a_bare_superlative_after_a_call_ranking_stays_in_that_call(chat) -> None:
    reply = chat.say("which first-call project had the biggest total budget?")
    assert "RUE AERO" in reply.text and "€263,060" in reply.text
    reply = chat.say("smallest?")
    assert "CECIL" in reply.text and "€247,283" in reply.text
    assert "ECRI" not in reply.text


def test_a_bare_superlative_after_which_of_those_stays_among_those(chat) -> None:
    chat.say("which projects ended in 2017?")
    reply = chat.say("among those, which had the biggest total budget?")
    assert "RUE AERO" in reply.text and "€263,060" in reply.text
    reply = chat.say("lowest one?")
    assert "CECIL" in reply.text and "€247,283" in reply.text
    assert "ECRI" not in reply.text and "€160,477" not in reply.text


# -- "which of those ...", "how many is that?", "they": the rows of the last answer ---------
def test_which_of_those_in_a_call_filters_the_last_list(chat) -> None:
    reply = chat.say("which projects had an EU contribution above 250k?")
    assert "CECIL" in reply.text and "SmartSports4GoodLife" in reply.text
    reply = chat.say("which of these belonged to the second call?")
    assert "SmartSports4GoodLife" in reply.text
    assert "CECIL" not in reply.text and "MATERIALIX" not in reply.text
    assert "INNO-DROP" not in reply.text


def test_which_of_them_in_a_call_after_a_date_filter(chat) -> None:
    chat.say("projects that finished in 2017")
    reply = chat.say("which of them were in call 2?")
    assert reply.text.startswith("No project")
    assert "SmartSports4GoodLife" not in reply.text and "ECRI" not in reply.text


def test_how_many_is_that_counts_the_last_list(chat) -> None:
    chat.say("which projects ended in 2017?")
    reply = chat.say("how many was that?")
    assert "6" in reply.text and "12" not in reply.text
    reply = chat.say("and what did they receive from the EU altogether?")
    assert "€1,581,490" in reply.text


def test_that_after_a_filtered_list_is_the_list_not_every_project(chat) -> None:
    chat.say("list the projects with a total budget over 280k")
    reply = chat.say("how many is that?")
    assert "4" in reply.text and "12" not in reply.text


# -- "it", "that one", "that call": the one project or call the last answer was about -------
def test_that_one_after_a_top_ranking_is_the_project_found(chat) -> None:
    reply = chat.say("which first-call project had the largest total budget?")
    assert "RUE AERO" in reply.text
    reply = chat.say("how much did that one get from the EU?")
    assert "RUE AERO" in reply.text and "€249,851" in reply.text
    assert "MATERIALIX" not in reply.text


def test_its_after_a_list_of_one_is_that_project(chat) -> None:
    reply = chat.say("projects that started in 2020")
    assert "SmartSports4GoodLife" in reply.text
    assert "€469,905" in chat.say("what was its total budget?").text
    assert "2 February 2022" in chat.say("and that one's end date?").text


def test_it_after_a_call_is_that_call(chat) -> None:
    assert "2018" in chat.say("when was the third call?").text
    reply = chat.say("what did it focus on?")
    assert "ClusterXchange" in reply.text


def test_its_focus_after_a_call(chat) -> None:
    chat.say("tell me about the first call")
    reply = chat.say("what was its focus?")
    assert "value-chain" in reply.text and "ClusterXchange" not in reply.text


def test_that_call_after_a_project_is_the_projects_call(chat) -> None:
    assert "1st call" in chat.say("which call was TCE in?").text
    reply = chat.say("what was the total EU funding of that call?")
    assert "€1,581,490" in reply.text


def test_that_call_after_a_total_over_a_call_keeps_the_call(chat) -> None:
    assert "€1,359,553" in chat.say("how much EU money went to the second call?").text
    reply = chat.say("and what was the mean total budget in that call?")
    assert "€302,940" in reply.text


# -- "which one", "the fourth one", "by how much?": one of the projects just shown ----------
def test_which_one_after_two_projects_compares_them_on_the_field_asked(chat) -> None:
    assert "€284,392" in chat.say("what was the total budget of INNO-DROP?").text
    assert "€284,984" in chat.say("and TRACE-KEI?").text
    reply = chat.say("which one is larger?")
    assert "TRACE-KEI's total budget is higher" in reply.text
    assert "SmartSports4GoodLife" not in reply.text
    assert "€592" in chat.say("by how much?").text


def test_by_how_much_after_a_comparison_of_two_grants(chat) -> None:
    chat.say("compare the EU contributions of CLUSGRID and ECRI")
    assert "€41,068" in chat.say("by how much?").text


def test_the_nth_one_is_the_nth_project_shown(chat) -> None:
    chat.say("list the first call projects")
    reply = chat.say("when did the fourth one end?")
    assert "5FOREXCELLENCE" in reply.text and "30 September 2017" in reply.text
    assert "MATERIALIX" not in reply.text
    reply = chat.say("and when did the seventh one end?")  # six were shown
    assert "2018" not in reply.text and "INNO-DROP" not in reply.text


def test_the_second_one_after_a_comparison(chat) -> None:
    chat.say("compare the end dates of CLUSGRID and SmartSports4GoodLife")
    reply = chat.say("how much did the second one get from the EU?")
    assert "€359,989" in reply.text and "€201,545" not in reply.text


def test_the_other_one_with_a_name_asks_the_same_of_it(chat) -> None:
    assert "1 January 2016" in chat.say("CECIL's start date?").text
    assert "16 November 2016" in chat.say("and the other one, COSMENERG?").text


def test_another_project_keeps_the_unit_asked_for(chat) -> None:
    assert "731 days" in chat.say("how many days did CLUSTEM run?").text
    assert "days" in chat.say("and TCE?").text


def test_it_beside_another_name_is_the_last_project(chat) -> None:
    chat.say("tell me about ECRI")
    reply = chat.say("how does it compare with CLUSGRID?")
    assert "ECRI" in reply.text and "€160,477" in reply.text and "€201,545" in reply.text


def test_it_as_the_value_to_compare_with(chat) -> None:
    assert "€201,545" in chat.say("what did CLUSGRID get from the EU?").text
    reply = chat.say("which projects got more than it?")
    assert "TRACE-KEI" in reply.text and "MATERIALIX" in reply.text
    assert "ECRI" not in reply.text


def test_a_bare_how_many_counts_the_last_list(chat) -> None:
    chat.say("show me the second call's projects")
    reply = chat.say("how many were there?")
    assert "6" in reply.text and "12" not in reply.text


def test_a_yes_no_about_it_is_about_the_last_project(chat) -> None:
    assert "€160,477" in chat.say("what did ECRI get?").text
    reply = chat.say("was it more than 200k?")
    assert reply.text.startswith("No") and "ECRI" in reply.text
    reply = chat.say("and CLUSGRID?")
    assert reply.text.startswith("Yes") and "€201,545" in reply.text


def test_and_the_first_one_asks_the_same_of_it(chat) -> None:
    chat.say("top 3 by EU contribution")
    assert "CECIL started on 1 January 2016" in chat.say("when did the third one start?").text
    reply = chat.say("and the first one?")
    assert "SmartSports4GoodLife started on 3 February 2020" in reply.text


def test_how_much_more_after_two_figures_of_one_project(chat) -> None:
    assert "€284,984" in chat.say("what was TRACE-KEI's total budget?").text
    assert "€213,738" in chat.say("and its EU contribution?").text
    reply = chat.say("how much more is the total budget?")
    assert "€71,246" in reply.text


def test_that_keeps_the_figure_just_given(chat) -> None:
    assert "€263,060" in chat.say("total budget of RUE AERO").text
    reply = chat.say("is that more than CLUSTEM's?")
    assert "€262,530" in reply.text and "€249,851" not in reply.text
    assert "€228,949" in chat.say("what was ECRI's total budget?").text
    assert chat.say("was it above 220k?").text.startswith("Yes")  # its EU grant is 160,477


def test_an_and_before_a_whole_question_does_not_drop_its_order(chat) -> None:
    assert "16 November 2016" in chat.say("when did ECRI start?").text
    reply = chat.say("and which project started first?")
    assert "MATERIALIX" in reply.text and "ECRI" not in reply.text


def test_an_and_before_a_question_naming_its_rows_starts_afresh(chat) -> None:
    chat.say("what did CECIL get from the EU?")
    assert "€236,947" in chat.say("and the median of all projects?").text


def test_both_parts_of_a_fragment_keep_the_last_rows(chat) -> None:
    chat.say("which second-call project got the least from the EU?")
    reply = chat.say("and the earliest and the latest start?")
    assert "16 November 2016" in reply.text and "3 February 2020" in reply.text
    assert "1 January 2016" not in reply.text  # the first call's projects started then


def test_which_of_them_after_a_top_three_is_among_the_three(chat) -> None:
    chat.say("top 3 by EU contribution")  # SmartSports4GoodLife, MATERIALIX, CECIL
    reply = chat.say("which of them were in call 1?")
    assert "MATERIALIX" in reply.text and "CECIL" in reply.text
    assert "RUE AERO" not in reply.text and "(2)" in reply.text


def test_a_fragment_not_understood_is_said_so_not_answered_over_every_project(chat) -> None:
    chat.say("what was MATERIALIX's EU contribution?")
    chat.say("and its budget?")
    reply = chat.say("so how much bigger is the EU part?")  # "how much bigger": not yet known
    assert "SmartSports4GoodLife" not in reply.text and "12 projects" not in reply.text


def test_what_a_project_focused_on_is_not_the_figure_just_given(chat) -> None:
    assert "€201,545" in chat.say("what did CLUSGRID get from the EU").text
    reply = chat.say("what did it focus on?")
    assert "€201,545" not in reply.text.splitlines()[0]
    reply = chat.say("how many is that?")  # a count of one project's figure: not guessed
    assert reply.confidence < 0.9


def test_a_bare_superlative_after_a_plain_list_ranks_that_list(chat) -> None:
    chat.say("which projects were in the first call?")
    reply = chat.say("smallest?")
    assert "5FOREXCELLENCE" in reply.text and "ECRI" not in reply.text


def test_it_after_the_top_three_gives_the_figure_of_each(chat) -> None:
    chat.say("top 3 by total budget")  # SmartSports4GoodLife, TRACE-KEI, INNO-DROP
    reply = chat.say("when did it end?")
    assert "2 February 2022" in reply.text and "15 November 2018" in reply.text
    assert "12 projects" not in reply.text and "ECRI" not in reply.text


def test_which_one_after_a_ranking_ranks_by_its_figure(chat) -> None:
    chat.say("top 3 by total budget")  # SmartSports4GoodLife, TRACE-KEI, INNO-DROP
    chat.say("which of them were in call 2?")
    reply = chat.say("which one is smallest?")
    assert "INNO-DROP" in reply.text and "€284,392" in reply.text


def test_their_after_a_list_means_those_projects(chat) -> None:
    chat.say("which projects ended in 2018")
    assert "€1,347,737" in chat.say("what's their combined total budget?").text
    assert "€199,912.80" in chat.say("and their average EU contribution?").text


def test_their_own_in_a_question_of_rows_is_each_ones_own(chat) -> None:
    chat.say("which projects ended in 2018")
    text = chat.say("which projects got more from the EU than their own total budget?").text
    assert "MATERIALIX" in text and "CECIL" in text and "INNO-DROP" not in text


def test_an_ordinal_after_a_ranking_is_a_place_not_a_call(chat) -> None:
    chat.say("who had the 2nd biggest EU grant")
    assert chat.say("and the third?").text.startswith("CECIL has the 3rd largest EU contribution")


def test_an_ordinal_after_a_calls_total_is_another_call(chat) -> None:
    chat.say("total EU contribution in call 2")
    assert "€1,581,490" in chat.say("and the first?").text


def test_and_who_is_last_after_a_ranking_is_its_bottom(chat) -> None:
    chat.say("who got the most from the EU?")
    assert chat.say("and who's last?").text.startswith("ECRI has the smallest EU contribution")


def test_how_much_bigger_after_two_figures_of_one_project(chat) -> None:
    chat.say("what was MATERIALIX's EU contribution?")
    chat.say("and its budget?")
    assert "€50,457 more" in chat.say("so how much bigger is the EU part?").text


def test_only_the_ones_over_an_amount_after_a_list_by_a_figure(chat) -> None:
    chat.say("list the second call projects by budget")
    text = chat.say("only the ones over 280k").text
    assert "total budget above €280,000 (4)" in text
    assert "ECRI" not in text and "MATERIALIX" not in text


def test_now_the_bottom_three_keeps_the_figure(chat) -> None:
    chat.say("top 3 projects by total budget")
    text = chat.say("now the bottom 3").text
    assert "the 3 with the smallest total budget" in text and "3. 5FOREXCELLENCE" in text
    assert "4." not in text


def test_the_same_for_another_call(chat) -> None:
    chat.say("average EU contribution in call 1")
    assert "€226,592.17" in chat.say("the same for call 2").text


def test_and_without_a_project_leaves_it_out_of_the_last_figure(chat) -> None:
    chat.say("total EU contribution of the second call")
    text = chat.say("and without SmartSports4GoodLife?").text
    assert "5 projects" in text and "€999,564" in text


def test_of_those_after_a_composed_answer_is_those(chat) -> None:
    """A list the grammar answered is remembered like any other: "which of those" is them."""
    chat.say("where did the EU fund less than 80 % of the budget?")
    said = chat.say("which of those started last?").text
    assert "of those 6 projects" in said and "SmartSports4GoodLife" in said, said


def test_only_those_above_keeps_the_figure_the_list_was_chosen_by(chat) -> None:
    """ "budgets above 240k", then "only those above 250k": still budgets, not EU money."""
    chat.say("which budgets are above €240k?")
    said = chat.say("only those above 250k").text
    assert "total budget above €250,000" in said and "(8)" in said, said


def test_they_after_one_named_project_is_that_project(chat) -> None:
    """ "who got ...?" names one project: "when did they start?" is about it, while
    "which of them" still means the projects it was chosen from."""
    chat.say("who got the fourth largest EU grant")
    assert chat.say("when did they start").text.startswith("RUE AERO started on 1 January 2016")
    chat.say("who got the fourth largest EU grant")
    assert "of those 12 projects" in chat.say("which of them started first").text


def test_who_opening_a_question_is_not_a_field_left_unread(ask) -> None:
    """ "who" asks for names; it is not the partners' field left out of the answer."""
    reply = ask("who got the fourth largest EU grant and when did they start")
    assert "RUE AERO started on 1 January 2016" in reply.text and reply.confidence >= 0.9


def test_the_project_described_right_after_is_not_the_last_one(chat) -> None:
    chat.say("which project had the lowest co-financing rate")  # ECRI
    text = chat.say("when did the project with the biggest budget start and end").text
    assert text.startswith("The project with the largest total budget: SmartSports4GoodLife")
    chat.say("what did ECRI get")
    assert chat.say("when did the project end").text.startswith("ECRI ended")


# -- "them" were one call's projects: another call replaces them -----------------------------
def test_another_call_after_a_figure_of_them_is_that_calls_figure(chat) -> None:
    assert "6 projects" in chat.say("how many projects in call 2").text
    assert "€226,592.17" in chat.say("average EU contribution for them?").text
    reply = chat.say("and for call 1?")
    assert "€263,581.67" in reply.text and "0 projects" not in reply.text


def test_it_after_the_grammar_picked_one_project_is_that_project(chat) -> None:
    reply = chat.say("Of the projects that ended in 2017, which got the most EU money")
    assert reply.text.startswith("MATERIALIX")
    assert "1 January 2016" in chat.say("and when did it start?").text


def test_leaving_a_project_out_of_the_last_figure(chat) -> None:
    assert "€1,359,553" in chat.say("total EU for call 2").text
    assert "€999,564" in chat.say("excluding SmartSports?").text
    reply = chat.say("and the average of those")
    assert "€199,912.80" in reply.text and "€269,547.40" in reply.text  # both figures, of those


# -- after a composed answer, a fragment rewords the question before it ----------------------
def test_a_figure_named_after_a_composed_sum_is_summed_instead(chat) -> None:
    assert "€496,705" in chat.say("sum of budgets of CECIL and TCE").text
    reply = chat.say("and their EU contributions?")
    assert "€536,400" in reply.text  # 299,450 + 236,950
    assert reply.confidence < 0.9  # a fragment: read as the last question, never sure
    assert "€268,200" in chat.say("and the average?").text  # of the same two projects


def test_the_question_a_fragment_would_reword_survives_a_restart(chat) -> None:
    from bot.engine import memory

    chat.say("sum of budgets of CECIL and TCE")
    chat.context = memory.load_one(memory.dump_one(chat.context))
    assert "€536,400" in chat.say("and their EU contributions?").text


def test_a_call_named_after_a_composed_count_asks_it_of_that_call(chat) -> None:
    first = chat.say("the end date of the call 2 project with the smallest budget")
    assert "ECRI" in first.text and "15 November 2018" in first.text
    reply = chat.say("and in call 1?")
    assert "CECIL" in reply.text and "31 December 2017" in reply.text


def test_how_much_after_a_composed_which_call_is_that_question_with_it(chat) -> None:
    chat.say("which call got more EU money")
    reply = chat.say("by how much")
    assert "€221,937" in reply.text  # 1,581,490 - 1,359,553
    assert 0.5 <= reply.confidence < 0.9


def test_a_fragment_saying_more_than_one_thing_is_not_swapped_in(chat) -> None:
    chat.say("sum of budgets of CECIL and TCE")
    reply = chat.say("and the weather in Brussels?")
    assert "€" not in reply.text


# -- how sure a follow-up is: only a figure asked again of another name or of "it" -----------
def test_a_name_swapped_into_the_last_question_is_sure(chat) -> None:
    chat.say("when did CLUSGRID end?")
    reply = chat.say("and ECRI?")
    assert "ECRI ended on 15 November 2018" in reply.text
    assert reply.confidence >= 0.9


def test_a_comparison_said_alone_is_a_yes_no_of_the_last_figure_never_sure(chat) -> None:
    chat.say("What did ECRI cost?")
    reply = chat.say("cheaper than CECIL?")
    assert reply.text.startswith("Yes") and "€228,949" in reply.text and "€247,283" in reply.text
    assert reply.confidence < 0.9
    chat.say("what did TCE get from the EU?")
    reply = chat.say("over 250k?")
    assert reply.text.startswith("No") and reply.confidence < 0.9


def test_a_fragment_read_as_an_edit_of_a_list_is_never_sure(chat) -> None:
    chat.say("first call sorted by EU grant, high to low")
    reply = chat.say("top two only")
    assert "MATERIALIX" in reply.text and "CECIL" in reply.text
    assert "SmartSports4GoodLife" not in reply.text
    assert reply.confidence < 0.9


def test_the_part_understood_is_answered_and_the_rest_said_unread(chat) -> None:
    reply = chat.say("is SmartSports4GoodLife really from the 2nd call? it started so late")
    assert reply.text.startswith("Yes") and "2nd call" in reply.text
    assert "“late”" in reply.text and reply.confidence < 0.5


def test_the_first_one_is_never_sure_which_one_it_was(chat) -> None:
    chat.say("The most expensive second-call project?")
    chat.say("and the cheapest one?")
    reply = chat.say("and the first one's EU grant?")
    assert "€" in reply.text and reply.confidence < 0.9


def test_bigger_after_two_projects_compares_them(chat) -> None:
    chat.say("tell me about ECRI")
    chat.say("tell me about TCE")
    reply = chat.say("bigger?")
    assert "ECRI" in reply.text and "TCE" in reply.text and "SmartSports4GoodLife" not in reply.text
    assert reply.confidence < 0.9


def test_a_ranking_that_leaves_out_the_it_it_was_asked_of_is_never_sure(chat) -> None:
    chat.say("CLUSGRID EU grant?")
    chat.say("more than COSMENERG got?")  # two projects: "it" below is not read as one
    reply = chat.say("where does it rank in call 2 by EU money?")
    assert reply.confidence < 0.9


def test_a_calls_share_is_never_sure_which_share(chat) -> None:
    reply = chat.say("what share is call 1's?")
    assert "103.4%" in reply.text and reply.confidence < 0.9


def test_a_figure_is_never_a_share_of_itself(chat) -> None:
    reply = chat.say("what percentage did the EU pay for call 1 projects")
    assert "100.0%" not in reply.text
