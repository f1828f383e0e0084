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
