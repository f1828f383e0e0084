"""A figure just given, weighed against another: "is that more than ...?", "more than 1.8m?",
"more than call 2?", and then "by how much?". Never sure: the words point back."""

from __future__ import annotations

SURE = 0.9


def test_a_sum_said_then_weighed_against_a_project_figure(chat) -> None:
    assert "€498,838" in chat.say("add up the budgets of TCE and 5FOREXCELLENCE").text
    reply = chat.say("is that more than SmartSports4GoodLife's budget on its own?")
    assert reply.text.startswith("Yes")
    assert "€469,905" in reply.text and "€28,933" in reply.text
    assert reply.confidence < SURE
    reply = chat.say("by how much?")
    assert "€28,933" in reply.text and reply.confidence < SURE


def test_a_bare_amount_after_a_call_total_is_asked_of_that_total(chat) -> None:
    assert "€1,817,642" in chat.say("what was the combined budget of the 2nd call?").text
    reply = chat.say("more than 1.8 million?")
    assert reply.text.startswith("Yes")
    assert "€1,800,000" in reply.text and "€17,642" in reply.text
    assert "No project" not in reply.text


def test_a_bare_amount_that_the_total_does_not_reach(chat) -> None:
    chat.say("total EU money for call 2")
    reply = chat.say("over 1.5m?")
    assert reply.text.startswith("No")
    assert "€1,359,553" in reply.text and "€140,447" in reply.text


def test_another_call_named_after_a_call_total_is_that_call_s_total(chat) -> None:
    assert "€1,581,490" in chat.say("call 1 total EU contribution?").text
    reply = chat.say("more than call 2?")
    assert reply.text.startswith("Yes")
    assert "€1,359,553" in reply.text and "€221,937" in reply.text
    assert reply.confidence < SURE


def test_the_gap_after_a_no_is_the_larger_less_the_smaller(chat) -> None:
    chat.say("whats the total budget of the first call")
    reply = chat.say("bigger than the second call's?")
    assert reply.text.startswith("No")
    assert "€1,817,642" in reply.text and "€287,494" in reply.text
    reply = chat.say("difference?")
    assert "€287,494" in reply.text and "-€287,494" not in reply.text


def test_a_project_figure_weighed_alone_still_answers_of_that_project(chat) -> None:
    assert "€228,949" in chat.say("ECRI's total budget").text
    reply = chat.say("above 250k?")
    assert reply.text.startswith("No") and "€228,949" in reply.text
    reply = chat.say("cheaper than CECIL?")
    assert reply.text.startswith("Yes") and "€247,283" in reply.text


def test_an_extreme_weighed_names_the_project_that_holds_it(chat) -> None:
    reply = chat.say("was the largest EU grant in call 1 bigger than the largest in call 2?")
    assert reply.text.startswith("No")
    assert "MATERIALIX: €308,894" in reply.text
    assert "SmartSports4GoodLife: €359,989" in reply.text


def test_an_extreme_in_a_list_heading_names_no_project(chat) -> None:
    reply = chat.say("projects with a smaller budget than every first-call project")
    assert "ECRI" in reply.text and "CECIL" not in reply.text


def test_a_new_question_after_a_total_is_not_weighed_against_it(chat) -> None:
    chat.say("total budget of the 2nd call?")
    reply = chat.say("which projects got more than 250k from the EU?")
    assert "CECIL" in reply.text and "SmartSports4GoodLife" in reply.text
    assert not reply.text.startswith(("Yes", "No:"))


# -- "the other call": of the two calls with projects, the one the last answer was not about --
def test_the_other_call_after_a_call_total_asks_the_same_total_of_it(chat) -> None:
    chat.say("which call was COSMENERG in?")
    assert "€1,359,553" in chat.say("how much EU money did that call hand out altogether?").text
    reply = chat.say("and the other call?")
    assert "€1,581,490" in reply.text and "€1,359,553" not in reply.text


def test_the_other_call_after_a_call_average(chat) -> None:
    reply = chat.say("average total budget in call 1?")
    assert "€255,024.67" in reply.text
    reply = chat.say("and for the other call?")
    assert "€302,940.33" in reply.text


def test_which_call_after_a_list_of_projects_is_asked_of_the_calls(chat) -> None:
    chat.say("tell me about the first call")
    reply = chat.say("Which call had the higher total budget?")
    assert "2nd call" in reply.text and "€1,817,642" in reply.text
    assert "RUE AERO" not in reply.text


def test_ok_alone_does_not_repeat_the_last_answer(chat) -> None:
    chat.say("which project had the smallest EU share of its budget?")
    reply = chat.say("ok and who had the biggest own contribution?")
    assert "SmartSports4GoodLife" in reply.text and "€109,916" in reply.text
    assert "ECRI" not in reply.text


def test_a_fragment_no_edit_reads_is_never_sure(chat) -> None:
    chat.say("CECIL start and end?")
    reply = chat.say("same dates as MATERIALIX?")
    assert reply.confidence < SURE


# -- "the first one", "the other one": of the two projects just shown --------------------------
def test_the_first_and_the_other_of_two_extremes(chat) -> None:
    chat.say("which projects got the most and the least from the EU?")
    chat.say("highest and lowest EU contribution?")
    reply = chat.say("the first one's total budget?")
    assert "SmartSports4GoodLife" in reply.text and "€469,905" in reply.text
    reply = chat.say("and the other one's?")
    assert "ECRI" in reply.text and "€228,949" in reply.text
    assert reply.confidence < SURE


def test_the_first_one_after_two_rankings_asked_in_turn(chat) -> None:
    chat.say("priciest project of the second call?")
    chat.say("and the cheapest one?")
    assert "€160,477" in chat.say("that one's EU grant?").text
    reply = chat.say("and the first one's?")
    assert "SmartSports4GoodLife" in reply.text and "€359,989" in reply.text
    reply = chat.say("and the other project?")
    assert "ECRI" in reply.text and "€160,477" in reply.text


# -- a superlative alone after one project's figure: is it the top? -----------------------------
def test_most_expensive_alone_after_a_budget_asks_whether_it_is(chat) -> None:
    chat.say("how much did SmartSports4GoodLife cost in total")
    reply = chat.say("the most expensive?")
    assert reply.text.startswith("Yes") and "SmartSports4GoodLife" in reply.text
    assert reply.confidence < SURE


def test_a_superlative_in_a_call_after_a_figure(chat) -> None:
    chat.say("5FOREXCELLENCE EU grant")
    reply = chat.say("smallest in call 1?")
    assert reply.text.startswith("Yes") and "€236,944" in reply.text


def test_a_superlative_in_its_call_says_no_and_who_is(chat) -> None:
    chat.say("what did TRACE-KEI receive from the EU?")
    reply = chat.say("biggest grant in its call?")
    assert reply.text.startswith("No")
    assert "SmartSports4GoodLife" in reply.text and "€359,989" in reply.text
    reply = chat.say("more than INNO-DROP?")  # still of TRACE-KEI's EU contribution
    assert reply.text.startswith("Yes") and "€444" in reply.text


def test_lowest_of_all_keeps_the_figure_asked(chat) -> None:
    chat.say("ECRI co-financing rate?")
    reply = chat.say("lowest of all?")
    assert reply.text.startswith("Yes") and "70.1%" in reply.text


def test_was_it_in_a_call_is_asked_of_the_project(chat) -> None:
    chat.say("when did SmartSports4GoodLife start?")
    reply = chat.say("was it in the first call?")
    assert reply.text.startswith("No") and "2nd call" in reply.text


# -- a calculation said alone is worked out of the figure just given ----------------------------
def test_a_difference_as_a_percentage_of_one_side(chat) -> None:
    chat.say("TCE's EU grant?")
    chat.say("and CECIL's?")
    assert "€62,500" in chat.say("difference?").text
    reply = chat.say("as a percentage of TCE's?")
    assert "26.4%" in reply.text and "-" not in reply.text.split("\n")[0]
    assert "95.0%" not in reply.text  # not TCE's co-financing share
    assert reply.confidence < SURE


def test_a_total_divided_by_a_number_stays_in_euros(chat) -> None:
    chat.say("combined budget of all the projects")
    reply = chat.say("divided by 12?")
    assert "€278,982.50" in reply.text and "times" not in reply.text


def test_calculations_said_alone_chain(chat) -> None:
    chat.say("COSMENERG EU money")
    assert "€105,255" in chat.say("half of that?").text
    reply = chat.say("minus 5000?")
    assert "€100,255" in reply.text and "€5,000" in reply.text
    reply = chat.say("and its total budget?")
    assert "€280,685" in reply.text


# -- after two projects weighed: "that one" is the one picked, "the other one" the rest ---------
def test_that_one_after_who_got_more_is_the_larger(chat) -> None:
    chat.say("who received more EU money, CLUSGRID or ECRI?")
    assert "CLUSGRID started on 16 November 2016" in chat.say("when did that one start?").text
    reply = chat.say("and the other one?")
    assert "ECRI" in reply.text and "16 November 2016" in reply.text


def test_its_after_which_one_is_bigger_is_the_bigger_one(chat) -> None:
    chat.say("compare the budgets of TCE and CECIL")
    chat.say("which one is bigger?")
    reply = chat.say("what about its EU grant?")
    assert "TCE received €236,950" in reply.text and "CECIL" not in reply.text
    reply = chat.say("and the other one's EU grant?")
    assert "CECIL received €299,450" in reply.text


def test_were_both_asks_of_each_of_the_two(chat) -> None:
    chat.say("which got more from the EU: CECIL or CLUSGRID?")
    reply = chat.say("were they both in the 2nd call?")
    assert "No: CECIL was selected in the 1st call" in reply.text
    assert "Yes: CLUSGRID was selected in the 2nd call" in reply.text


def test_only_the_ones_narrows_the_list_not_names_it(chat) -> None:
    chat.say("Which projects received more than €250,000 from the EU?")
    reply = chat.say("only the ones from call 1")
    assert "MATERIALIX" in reply.text and "CECIL" in reply.text
    assert "SmartSports4GoodLife" not in reply.text


# -- repairs and swaps said in few words ---------------------------------------------------------
def test_an_ordinal_alone_after_a_call_total_swaps_the_call(chat) -> None:
    chat.say("total budget of the first call")
    reply = chat.say("second?")
    assert "€1,817,642" in reply.text and "2nd call" in reply.text


def test_an_ordinal_alone_after_a_ranking_is_the_next_place(chat) -> None:
    chat.say("which first-call project had the biggest budget?")
    reply = chat.say("second?")
    assert "CLUSTEM" in reply.text and "€262,530" in reply.text


def test_a_month_alone_swaps_the_month_of_the_same_year(chat) -> None:
    chat.say("which projects ended in December 2017?")
    reply = chat.say("sorry, September")
    assert "5FOREXCELLENCE" in reply.text and "CECIL" not in reply.text


def test_a_correction_said_last(chat) -> None:
    chat.say("which project has the smallest budget?")
    reply = chat.say("in the first call I mean")
    assert "CECIL" in reply.text and "€247,283" in reply.text


# -- per call, asked to compare ------------------------------------------------------------------
def test_compare_a_figure_per_call(chat) -> None:
    reply = chat.say("compare the average budget per call")
    assert "€255,024.67" in reply.text and "€302,940.33" in reply.text
    reply = chat.say("compare the total EU grants per call")
    assert "€1,581,490" in reply.text and "€1,359,553" in reply.text


def test_a_share_per_call_named_by_share_alone_is_never_sure(chat) -> None:
    reply = chat.say("share of EU funding per call")
    assert reply.confidence < SURE
    assert chat.say("co-financing rate per call").confidence >= SURE


# -- places in the list just shown, named -------------------------------------------------------
def test_two_places_of_the_list_shown_worked_out(chat) -> None:
    chat.say("top 3 projects by EU contribution")
    reply = chat.say("how much more did the first get than the third?")
    assert "SmartSports4GoodLife" in reply.text and "CECIL" in reply.text
    assert "€60,539" in reply.text and reply.confidence < SURE
    reply = chat.say("add the second and third ones")
    assert "€608,344" in reply.text


def test_the_sum_of_the_rows_shown_is_that(chat) -> None:
    chat.say("top 3 projects by EU contribution")
    assert "€968,333" in chat.say("sum them").text
    reply = chat.say("what fraction of all EU money is that?")
    assert "32.9%" in reply.text and "12.2%" not in reply.text


def test_a_place_in_a_ranking_is_not_a_row_shown(chat) -> None:
    chat.say("top 3 projects by EU contribution")
    reply = chat.say("and the 2nd call?")
    assert "TRACE-KEI" in reply.text or "SmartSports4GoodLife" in reply.text


# -- yes/no about what was just shown -------------------------------------------------------------
def test_is_that_the_biggest_after_a_check(chat) -> None:
    chat.say("how much did INNO-DROP get?")
    assert chat.say("was it more than 250k?").text.startswith("No")
    reply = chat.say("is that the biggest?")
    assert reply.text.startswith("No") and "SmartSports4GoodLife" in reply.text


def test_is_a_project_among_the_rows_shown(chat) -> None:
    chat.say("which projects got less than 215k from the EU?")
    reply = chat.say("is ECRI among them?")
    assert reply.text.startswith("Yes") and reply.confidence < SURE
    assert chat.say("is CECIL one of them?").text.startswith("No")
    assert chat.say("was TCE one of those?").text.startswith("No")


def test_are_they_all_asks_each_row_shown(chat) -> None:
    chat.say("which projects got less than 215k from the EU?")
    reply = chat.say("are they all from call 2?")
    assert reply.text.startswith("Yes, all 5 of them")  # the verdict first, then each row
    assert reply.text.count("Yes:") == 5 and "No" not in reply.text


def test_a_fragment_restating_the_field_swaps_the_date(chat) -> None:
    chat.say("How much EU money went to projects that ended in 2018?")
    reply = chat.say("ending in 2017?")
    assert "€1,581,490" in reply.text and "ECRI" not in reply.text
    assert reply.confidence < SURE


def test_a_bare_sum_after_a_filtered_list_is_of_the_figure_it_filtered_on(chat) -> None:
    chat.say("which projects got under 220k from the EU?")
    reply = chat.say("sum?")
    assert "€999,564" in reply.text and "total budget" not in reply.text


def test_each_calls_part_of_all_the_eu_money(chat) -> None:
    reply = chat.say("what percentage of all EU money went to each call?")
    assert "53.8%" in reply.text and "46.2%" in reply.text
    assert "103.4%" not in reply.text  # not each call's co-financing share


def test_same_as_another_project_after_a_figure(chat) -> None:
    chat.say("when did INNO-DROP end?")
    reply = chat.say("same as clusgrid?")
    assert reply.text.startswith("Yes") and "15 November 2018" in reply.text
    chat.say("How long did CLUSTEM run?")
    reply = chat.say("the same as 5FOREXCELLENCE?")
    assert reply.text.startswith("No") and "21 months" in reply.text
    assert reply.confidence < SURE


def test_which_calls_projects_lasted_longer_on_average(chat) -> None:
    reply = chat.say("which call's projects lasted longer on average?")
    assert reply.text.startswith("The 2nd call") and "23.5 months" in reply.text


# -- figures of the rows just shown --------------------------------------------------------------
def test_the_two_ranked_rows_worked_out(chat) -> None:
    chat.say("top 2 by budget")
    reply = chat.say("average of those?")
    assert "€377,444.50" in reply.text and "EU contribution" not in reply.text
    chat.say("top 2 by budget")
    reply = chat.say("what's the difference between them?")
    assert "€184,921" in reply.text


def test_a_total_of_a_filtered_list_is_of_the_figure_it_was_picked_by(chat) -> None:
    chat.say("list projects with EU contribution above 250k")
    reply = chat.say("how much is that in total")
    assert "€968,333" in reply.text and "€975,625" not in reply.text


def test_a_place_asked_alone_after_a_figure_is_that_projects(chat) -> None:
    chat.say("MATERIALIX EU grant")
    reply = chat.say("rank overall by EU?")
    assert "MATERIALIX is 2nd of the 12 projects" in reply.text and reply.confidence < SURE
    reply = chat.say("rank in call 1?")
    assert "MATERIALIX is 1st" in reply.text
    chat.say("CECIL budget")
    assert "CECIL is 11th of the 12 projects by total budget" in chat.say("rank overall?").text


# -- talk in the middle of a conversation ---------------------------------------------------------
def test_thanks_in_between_keeps_the_last_question(chat) -> None:
    chat.say("how much did ECRI get?")
    chat.say("thanks")
    reply = chat.say("and CLUSGRID?")
    assert "CLUSGRID received €201,545" in reply.text


def test_an_acknowledgement_before_a_goodbye_or_a_question(chat) -> None:
    assert chat.say("cool, bye").text.startswith("Goodbye")
    assert "24 months" in chat.say("cool, which project lasted longest?").text


# -- a list, one of it, and the list again --------------------------------------------------------
def test_one_of_a_list_asked_about_keeps_the_list(chat) -> None:
    chat.say("which projects were in call 1?")
    assert chat.say("the last of those?").text.startswith("TCE")
    assert "€249,422" in chat.say("its budget?").text
    reply = chat.say("the biggest of them?")
    assert "RUE AERO" in reply.text and "€263,060" in reply.text


def test_a_share_asked_again_of_another_whole(chat) -> None:
    chat.say("what percentage of call 2's total budget was SmartSports4GoodLife?")
    reply = chat.say("and of the whole programme's budget?")  # was: the programme's total
    assert "14.0%" in reply.text and reply.confidence < 0.9


def test_subtract_from_a_sum_just_given(chat) -> None:
    chat.say("inno-drop, eu contribution?")
    chat.say("add CLUSGRID's EU contribution to it")
    assert "€254,362" in chat.say("now subtract ECRI's").text


def test_the_three_just_summed_summed_again_by_another_figure(chat) -> None:
    chat.say("total EU money given to cecil, materialix and clustem combined?")
    assert "€768,250" in chat.say("and those three total budgets added up?").text


def test_per_month_over_that_period(chat) -> None:
    chat.say("EU contribution SmartSports4GoodLife")
    assert "€14,999.54" in chat.say("what's that per month over the length of the project?").text


def test_two_named_compared_after_each_asked_is_their_own_comparison(chat) -> None:
    chat.say("What was CLUSGRID's overall budget?")
    chat.say("And INNO-DROP's?")
    reply = chat.say("By what percentage was INNO-DROP's budget larger than CLUSGRID's?")
    assert "5.8% more" in reply.text and "co-financing" not in reply.text


def test_days_since_an_end_are_counted_to_today(chat) -> None:
    import datetime as dt

    days = (dt.date.today() - dt.date(2022, 2, 2)).days
    reply = chat.say("how many days ago did SmartSports4GoodLife end?")
    assert f"({days:,} days)" in reply.text and "2 February 2022" in reply.text
