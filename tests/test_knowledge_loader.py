"""A broken knowledge base is reported as file:line: field: what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import edit, set_selected_projects

from bot.knowledge import KnowledgeError, load_knowledge, yaml_source


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return [str(issue) for issue in caught.value.issues]


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(text)


def test_the_shipped_knowledge_is_valid(knowledge) -> None:
    assert len(knowledge.projects) == 12
    assert [c.year for c in knowledge.calls] == [2014, 2015, 2018]
    assert knowledge.warnings == ()


def test_amount_with_separator_names_file_line_and_field(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    edit(projects, "eu_contribution: 308894", "eu_contribution: '308.894'")
    line = line_of(projects, "'308.894'")
    [error] = errors_of(knowledge_copy)
    assert error.startswith(
        f"{projects}:{line}: [project MATERIALIX] projects[0].eu_contribution: expected an integer"
    )
    assert "got '308.894'" in error


def test_unquoted_decimal_is_rejected_too(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "total_budget: 263060", "total_budget: 263.060")
    [error] = errors_of(knowledge_copy)
    assert "projects[1].total_budget: expected an integer" in error
    assert "got '263.060'" in error


def test_empty_string_is_not_data(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "name: Clusters for Smart Grid", "name: ''")
    [error] = errors_of(knowledge_copy)
    assert "projects[8].name: empty; write 'not published'" in error


def test_a_misspelt_key_is_one_error_with_the_project_a_guess_and_the_allowed_keys(
    knowledge_copy: Path,
) -> None:
    projects = knowledge_copy / "projects.yaml"
    edit(projects, "    total_budget: 268727\n", "    total_budgt: 268727\n")
    [error] = errors_of(knowledge_copy)  # not also "total_budget: missing"
    line = line_of(projects, "total_budgt")
    assert error.startswith(f"{projects}:{line}: [project CLUSGRID] projects[8].total_budgt: ")
    assert 'unknown key "total_budgt"; did you mean "total_budget", which is missing?' in error
    assert "Allowed keys here: acronym, aliases, keywords, caveats," in error


def test_an_unknown_key_with_no_likely_meaning_lists_the_allowed_ones(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "calls.yaml", "    year: 2015\n", "    year: 2015\n    colour: red\n")
    [error] = errors_of(knowledge_copy)
    assert '[call 2] calls[1].colour: unknown key "colour" Allowed keys here: number, year' in error


def test_a_missing_key_still_says_missing(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "    end: 2017-09-30\n", "")
    [error] = errors_of(knowledge_copy)
    assert "[project 5FOREXCELLENCE] projects[3].end: missing" in error


def test_a_misspelt_top_level_key_is_guessed(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    edit(projects, "\nprojects:\n", "\nprojets:\n")
    [error] = errors_of(knowledge_copy)
    line = line_of(projects, "projets:")
    assert error == (
        f"{projects}:{line}: projects: no file in the folder defines it; "
        "is 'projets' here a misspelling of 'projects'?"
    )


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        ("    call: 2\n", "   call: 2\n", "does not line up with the list above it"),
        ("    call: 2\n", "      call: 2\n", "a key indented deeper than the key above it"),
        ("    call: 2\n", "\tcall: 2\n", "a tab character: YAML indents with spaces only"),
        ("name: Clusters for Smart Grid", 'name: "Clusters for', "a quote opened on this line"),
        ("name: Clusters for Smart Grid", "name: @Clusters", "cannot start with '@' unless"),
    ],
)
def test_yaml_mistakes_are_said_in_plain_words_with_the_line(
    knowledge_copy: Path, before: str, after: str, said: str
) -> None:
    projects = knowledge_copy / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    at = text.index(before, text.index("acronym: CLUSGRID"))
    projects.write_text(text[:at] + after + text[at + len(before) :], encoding="utf-8")
    line = text[:at].count("\n") + 1
    [error] = errors_of(knowledge_copy)
    assert error.startswith(f"{projects}:{line}: not valid YAML: "), error
    assert said in error


def test_bad_date(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "start: 2016-11-16", "start: 16/11/2016")
    [error] = errors_of(knowledge_copy)
    assert "projects[7].start: expected a date written YYYY-MM-DD" in error


@pytest.mark.parametrize("parser", ["ryaml", "PyYAML"])
def test_an_impossible_date_is_said_as_such(
    knowledge_copy: Path, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if parser == "PyYAML":
        monkeypatch.setattr(yaml_source, "RYAML_LOADS", None)
    edit(knowledge_copy / "projects.yaml", "start: 2016-11-16", "start: 2016-02-30")
    [error] = errors_of(knowledge_copy)
    assert error.endswith(
        "[project INNO-DROP] projects[7].start: '2016-02-30' is an impossible date: "
        "February 2016 has 29 days"
    )


@pytest.mark.parametrize(
    ("written", "meant"), [("'€258.437'", 258437), ("258,437", 258437), ("'258 437 EUR'", 258437)]
)
def test_an_amount_written_as_the_page_writes_it_gets_a_did_you_mean(
    knowledge_copy: Path, written: str, meant: int
) -> None:
    edit(knowledge_copy / "projects.yaml", "total_budget: 258437", f"total_budget: {written}")
    [error] = errors_of(knowledge_copy)
    assert "[project MATERIALIX] projects[0].total_budget: expected an integer" in error
    assert error.endswith(f"; did you mean {meant}?")


NEW_PROJECT = """
  - acronym: LATECOMER
    name: A project put in the wrong call
    call: {call}
    start: {start}
    end: 2020-02-28
    total_budget: 250000
    eu_contribution: 187500
    partners: not published
"""


def test_a_project_in_a_call_whose_projects_the_page_does_not_list_is_warned(
    knowledge_copy: Path,
) -> None:
    with (knowledge_copy / "projects.yaml").open("a", encoding="utf-8") as projects:
        projects.write(NEW_PROJECT.format(call=3, start="2016-03-01"))
    start, call = [str(w) for w in load_knowledge(knowledge_copy).warnings]
    assert start.endswith(
        "[project LATECOMER] projects[12].start: warning: start 2016-03-01 is before its "
        "call, call 3 (2018): check the date and the call, or add a caveat that says why"
    )
    assert call.endswith(
        "[project LATECOMER] projects[12].call: warning: call 3 (2018) is a call whose "
        "projects the page does not list (see projects_elsewhere in calls.yaml), yet "
        "LATECOMER is in it: is that right?"
    )


def test_a_start_years_after_its_call_is_warned_unless_a_caveat_explains_it(
    knowledge_copy: Path,
) -> None:
    with (knowledge_copy / "projects.yaml").open("a", encoding="utf-8") as projects:
        projects.write(NEW_PROJECT.format(call=1, start="2019-03-01"))
    set_selected_projects(knowledge_copy, 1, 7)
    [warning] = [str(w) for w in load_knowledge(knowledge_copy).warnings]
    assert "projects[12].start: warning: start 2019-03-01 is 5 years after its call, call 1" in (
        warning
    )
    # SmartSports4GoodLife starts five years after its call too: its caveat says so
    assert "SmartSports4GoodLife" not in warning


def test_duplicate_acronym(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    edit(projects, "  - acronym: ECRI", "  - acronym: TCE")
    lines = projects.read_text().splitlines()
    line = max(n for n, text in enumerate(lines, 1) if text == "  - acronym: TCE")
    [error] = errors_of(knowledge_copy)
    assert error == (
        f"{projects}:{line}: [project TCE] projects[11].acronym: the acronym 'TCE' is already "
        "projects[5]'s: remove this copy if the project is listed twice, else give it an "
        "acronym of its own"
    )


def paste_again(folder: Path, acronym: str) -> None:
    """Append a copy of ``acronym``'s entry to projects.yaml, as a hasty copy-paste does."""
    projects = folder / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    start = text.index(f"  - acronym: {acronym}\n")
    end = text.find("\n  - acronym:", start)
    projects.write_text(text.rstrip("\n") + "\n\n" + text[start:end].rstrip("\n") + "\n")


def test_a_project_pasted_twice_is_said_first_then_the_count_it_throws_off(
    knowledge_copy: Path,
) -> None:
    paste_again(knowledge_copy, "CLUSGRID")
    errors = errors_of(knowledge_copy)
    assert len(errors) == 2
    assert "projects[12].acronym: the acronym 'CLUSGRID' is already projects[8]'s" in errors[0]
    assert "calls[1].selected_projects: says 6 but projects.yaml lists 7" in errors[1]


def test_a_project_pasted_twice_is_said_even_beside_a_wrong_value(knowledge_copy: Path) -> None:
    paste_again(knowledge_copy, "CLUSGRID")
    projects = knowledge_copy / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    at = text.rindex("eu_contribution: 201545")
    projects.write_text(text[:at] + "eu_contribution: 201.545" + text[at + 23 :])
    errors = errors_of(knowledge_copy)
    assert len(errors) == 2
    assert "projects[12].acronym: the acronym 'CLUSGRID' is already projects[8]'s" in errors[0]
    assert "projects[12].eu_contribution: expected an integer" in errors[1]


def test_unknown_call_number(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "    call: 2\n", "    call: 7\n")
    cause, knock_on = errors_of(knowledge_copy)  # the cause first
    assert "projects[6].call: unknown call 7; the calls are [1, 2, 3]" in cause
    assert "calls[1].selected_projects: says 6 but projects.yaml lists 5" in knock_on


def test_end_before_start(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "end: 2017-09-30", "end: 2015-09-30")
    [error] = errors_of(knowledge_copy)
    assert "projects[3].end: end 2015-09-30 is before start 2016-01-01" in error


def test_yaml_syntax_error_has_a_line(knowledge_copy: Path) -> None:
    calls = knowledge_copy / "calls.yaml"
    edit(calls, "    year: 2015", "    year: [2015")
    [error] = errors_of(knowledge_copy)
    assert error.startswith(f"{calls}:")
    assert "not valid YAML" in error


def test_duplicate_key_is_an_error(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "    call: 1\n", "    call: 1\n    call: 2\n")
    [error] = errors_of(knowledge_copy)
    assert "the key 'call' appears twice" in error


def test_unknown_placeholder_in_an_answer_template(knowledge_copy: Path) -> None:
    edit(
        knowledge_copy / "fields.yaml",
        "{acronym} had a total budget of {value}.",
        "{acronym} had a total budget of {amount}.",
    )
    [error] = errors_of(knowledge_copy)
    assert "fields.total_budget.answer: unknown placeholder {amount}" in error


def test_example_claimed_by_two_intents_is_a_warning(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "intents.yaml", "      - text: thank you", "      - text: hello")
    knowledge = load_knowledge(knowledge_copy)
    assert any("also 'greet''s" in str(w) for w in knowledge.warnings)


def test_uncaveated_inconsistency_is_a_warning(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "eu_contribution: 160477", "eu_contribution: 260477")
    knowledge = load_knowledge(knowledge_copy)
    assert any("eu_contribution is above total_budget" in str(w) for w in knowledge.warnings)


def test_yaml_words_like_on_and_no_stay_words(knowledge) -> None:
    assert "on" in knowledge.language.stopwords


def test_missing_folder(tmp_path: Path) -> None:
    [error] = errors_of(tmp_path / "nowhere")
    assert "no such knowledge folder" in error
