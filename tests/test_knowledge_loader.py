"""A broken knowledge base is reported as file:line: field: what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import edit

from bot.knowledge import KnowledgeError, load_knowledge


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


def test_duplicate_acronym(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    edit(projects, "  - acronym: ECRI", "  - acronym: TCE")
    lines = projects.read_text().splitlines()
    line = max(n for n, text in enumerate(lines, 1) if text == "  - acronym: TCE")
    [error] = errors_of(knowledge_copy)
    assert error == (
        f"{projects}:{line}: [project TCE] projects[11].acronym: "
        "the name 'TCE' is already used by TCE (projects[5])"
    )


def test_unknown_call_number(knowledge_copy: Path) -> None:
    edit(knowledge_copy / "projects.yaml", "    call: 2\n", "    call: 7\n")
    errors = errors_of(knowledge_copy)
    assert any("projects[6].call: unknown call 7; the calls are [1, 2, 3]" in e for e in errors)
    assert any("calls[1].selected_projects: says 6 but projects.yaml lists 5" in e for e in errors)


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
