"""Words that point at what was just shown ("project duration?", "the rest", "the top one",
"they" after a tie), projects that tie said as such (a ranking, "which of A, B and C ran
longest?"), and a few wordings people use ("late 2016", "pay for itself", "between A, B and
C", "with their EU money")."""

from __future__ import annotations

SURE = 0.9


def test_a_headline_project_noun_is_the_project_talked_about(chat) -> None:
    chat.say("RUE AERO total budget?")
    assert "RUE AERO ran from 1 January 2016" in chat.say("project duration?").text
    assert chat.say("project start?").text.startswith("RUE AERO started on")


def test_a_headline_project_noun_with_no_project_asks_which(chat) -> None:
    reply = chat.say("project duration?")
    assert "Which project do you mean?" in reply.text and reply.confidence < SURE


def test_the_rest_after_one_picked_from_a_list(chat) -> None:
    chat.say("Which projects are in the first call?")
    chat.say("which of them ended earliest")
    reply = chat.say("the rest ended when?")
    assert "5FOREXCELLENCE" not in reply.text and "TCE ended on 31 December 2017" in reply.text


def test_and_the_others_lists_the_rest(chat) -> None:
    chat.say("Which projects are in the first call?")
    chat.say("which of them got the most")
    reply = chat.say("and the others?")
    assert "(5)" in reply.text and "MATERIALIX" not in reply.text and "CECIL" in reply.text


def test_shorter_than_the_others_is_not_the_rest_of_the_list(chat) -> None:
    chat.say("how long did each of the first-call projects run?")
    reply = chat.say("only the one that was shorter than the others")
    assert "did not read" in reply.text and reply.confidence < SURE


def test_the_top_one_of_a_sorted_list(chat) -> None:
    chat.say("give me the first call projects sorted by eu contribution")
    reply = chat.say("the top one: duration?")
    assert reply.text.startswith("MATERIALIX ran from") and "above 1 month" not in reply.text


def test_they_after_a_tie_are_all_who_tie(chat) -> None:
    chat.say("the first-call projects that kicked off earliest")
    reply = chat.say("when did they end?")
    assert "5FOREXCELLENCE ended on 30 September 2017" in reply.text
    assert "TCE ended on 31 December 2017" in reply.text


def test_a_ranking_marks_the_projects_that_tie(chat) -> None:
    reply = chat.say("rank the projects from longest to shortest duration")
    assert "ECRI: 24 months (2 years) (tied with 10 others)" in reply.text
    assert "5FOREXCELLENCE: 21 months\n" in reply.text + "\n"


def test_which_of_three_ran_longest_names_the_tie(chat) -> None:
    reply = chat.say("which of MATERIALIX, CLUSGRID and 5FOREXCELLENCE ran longest?")
    assert "MATERIALIX and CLUSGRID tie for the longest duration of them" in reply.text


def test_which_of_three_got_the_most_says_by_how_much_it_leads(chat) -> None:
    reply = chat.say("which of MATERIALIX, CLUSGRID and 5FOREXCELLENCE got the most EU money?")
    assert "MATERIALIX has the largest EU contribution of them: €308,894" in reply.text
    assert "€71,950 apart from the next, 5FOREXCELLENCE" in reply.text


def test_which_of_two_ran_longest_says_which(chat) -> None:
    reply = chat.say("which of MATERIALIX and 5FOREXCELLENCE ran longest?")
    assert "MATERIALIX's duration is longer" in reply.text


def test_between_three_names_is_among_them(chat) -> None:
    reply = chat.say("between CECIL, TCE and ECRI, who received the most EU money?")
    assert "CECIL has the largest EU contribution of them: €299,450" in reply.text


def test_between_two_values_is_still_a_range(chat) -> None:
    reply = chat.say("projects with a budget between ECRI's and TCE's")
    assert "€228,949 to €249,422" in reply.text and "5FOREXCELLENCE" in reply.text


def test_a_set_with_their_figure_lists_each(chat) -> None:
    reply = chat.say("all call 2 projects with their eu money")
    assert "ECRI — €160,477" in reply.text and "Together: €1,359,553" in reply.text


def test_what_a_project_paid_for_itself(chat) -> None:
    reply = chat.say("what share of its budget did SmartSports4GoodLife pay for itself")
    assert "23.4%" in reply.text


def test_early_and_late_in_a_year(chat) -> None:
    assert "September–December 2016 (5)" in chat.say("which projects launched in late 2016").text
    assert "January–April 2016 (6)" in chat.say("which projects started in early 2016").text


def test_started_late_is_still_the_latest_start(chat) -> None:
    assert chat.say("which project started late").text.startswith("SmartSports4GoodLife")


def test_a_question_the_page_cannot_answer_gives_no_figure_for_a_weak_verb(chat) -> None:
    reply = chat.say("what evaluation score did TCE get?")
    assert "evaluation score" in reply.text and "€" not in reply.text


def test_the_lower_one_of_two_compared(chat) -> None:
    chat.say("tell me about trace kei")
    chat.say("and inno-drop?")
    chat.say("which of the two had the higher budget")
    reply = chat.say("and the lower one's eu grant?")
    assert reply.text.startswith("INNO-DROP received €213,294") and reply.confidence < SURE


def test_the_cheaper_one_and_then_the_other_one(chat) -> None:
    chat.say("TCE vs 5FOREXCELLENCE, total budget?")
    assert (
        "5FOREXCELLENCE ended on 30 September 2017"
        in chat.say("the cheaper one, when did it end?").text
    )
    assert chat.say("and the other one?").text.startswith("TCE ended on 31 December 2017")


def test_the_one_with_less_of_the_figure_compared(chat) -> None:
    chat.say("compare clustem and rue aero on eu funding")
    reply = chat.say("the one with less - what was its total budget?")
    assert "CLUSTEM had a total budget of €262,530" in reply.text and reply.confidence < SURE


def test_a_comparative_before_one_with_a_date_is_no_number(chat) -> None:
    chat.say("TCE vs 5FOREXCELLENCE, total budget?")
    reply = chat.say("the cheaper one's end date?")  # once a crash: an end date below 1
    assert "30 September 2017" in reply.text


def test_another_aggregate_of_a_figure_per_call(chat) -> None:
    chat.say("total budget per call")
    reply = chat.say("and the average?")
    assert "€255,024.67" in reply.text and "€302,940.33" in reply.text


def test_which_is_higher_after_the_calls_totals(chat) -> None:
    chat.say("eu contribution per call")
    reply = chat.say("which is higher")
    assert reply.text.startswith("The 1st call for proposals (2014) had the larger")
    assert "€221,937" in chat.say("how big's the gap?").text


def test_a_yes_no_question_after_its_scope(chat) -> None:
    assert chat.say(
        "in the first call, did every project get over 230k from the eu?"
    ).text.startswith("Yes")
    assert chat.say("in the second call, did every project get over 230k?").text.startswith("No")
    assert chat.say("in call 1, did all projects get over 230k?").text.startswith("Yes")


def test_of_all_in_a_yes_no_question_is_not_each(chat) -> None:
    reply = chat.say("did ECRI have the smallest budget of all")
    assert reply.text.startswith("Yes") and "€228,949" in reply.text


def test_a_total_of_no_projects_says_there_are_none(chat) -> None:
    reply = chat.say("total budget of projects above 1m")
    assert reply.text.startswith("No project on the page") and "0 projects" not in reply.text


def test_a_misspelt_season_before_a_year(chat) -> None:
    reply = chat.say("what was going on in the sumer of 2018")
    assert "June–August 2018 (5)" in reply.text


def test_the_pricier_one_of_two(chat) -> None:
    chat.say("rue aero and clustem budgets pls")
    assert chat.say("the pricier one's EU contribution?").text.startswith("RUE AERO received")


def test_the_more_expensive_one_said_with_one(chat) -> None:
    chat.say("budgets of ECRI and CLUSGRID pls")
    reply = chat.say("the more expensive one's EU contribution")
    assert "CLUSGRID received €201,545" in reply.text and "€1" not in reply.text.split("€201")[0]


def test_the_cheaper_of_the_two(chat) -> None:
    chat.say("INNO-DROP and ECRI total budgets?")
    assert (
        "ECRI received €160,477"
        in chat.say("how much EU money did the cheaper of the two get").text
    )


def test_the_bigger_one_by_the_figure_asked_after_a_list_by_two(chat) -> None:
    chat.say("Which two projects show an EU contribution bigger than their total budget?")
    reply = chat.say("the bigger one's EU contribution?")
    assert "MATERIALIX received €308,894" in reply.text and "SmartSports4GoodLife" not in reply.text


def test_the_smaller_of_two_extremes_given_together(chat) -> None:
    chat.say("biggest and smallest total budget overall?")
    assert chat.say("the smaller one, when did it start?").text.startswith("ECRI started on 16")


def test_another_figure_asked_after_a_budget_is_no_gap(chat) -> None:
    chat.say("INNO-DROP total budget?")
    assert chat.say("how much EU money did it get").text.startswith("INNO-DROP received €213,294")
