"""The README is followed, not just read: its "add a project" steps are carried out on a copy
of the knowledge, its transcript is asked again, its error example is made again, its links
lead somewhere, docs/how-it-works.md names every module, and "Operating the bot" names every
command of every front end."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from bot.commandline import COMMANDS as CLI_COMMANDS
from bot.frontends.console import COMMANDS as CONSOLE_COMMANDS
from bot.frontends.telegram.handlers import ADMIN_COMMANDS
from bot.frontends.telegram.handlers import COMMANDS as TELEGRAM_COMMANDS
from conftest import ROOT, edit, run_python, set_selected_projects

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README's text under the heading ``title``, up to the next heading of its level."""
    match = re.search(rf"^(#+) {re.escape(title)}\n", README, re.MULTILINE)
    assert match, f"no section {title!r} in the README"
    level = match.group(1)
    rest = README[match.end() :]
    end = re.search(rf"^{level} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def blocks(text: str, language: str) -> list[str]:
    """The fenced blocks of ``language`` in ``text``, with their list indentation removed."""
    found = re.findall(rf"^( *)```{language}\n(.*?)^\1```", text, re.MULTILINE | re.DOTALL)
    return [
        "\n".join(line[len(indent) :] for line in body.splitlines()) + "\n"
        for indent, body in found
    ]


def run(command: str, folder: Path) -> str:
    """A command as the README writes it (``.venv/bin/python -m bot ...``), run by this
    interpreter on ``folder``."""
    argv = shlex.split(command)
    assert argv[:3] == [".venv/bin/python", "-m", "bot"], command
    result = run_python(*argv[1:], env={"KNOWLEDGE_PATH": str(folder)})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_adding_a_project_as_the_readme_says_makes_it_answerable(knowledge_copy: Path) -> None:
    steps = section("Add a project")
    [entry] = blocks(steps, "yaml")
    with (knowledge_copy / "projects.yaml").open("a", encoding="utf-8") as projects:
        projects.write("\n" + entry)  # step 1: append the entry
    call, old, new = map(int, re.search(r"here call (\d+), from (\d+) to (\d+)", steps).groups())
    assert new == old + 1
    set_selected_projects(knowledge_copy, call, new)  # step 2: raise the call's count
    sessions = blocks(steps, "console")
    assert len(sessions) == 2
    for session in sessions:  # steps 3 and 4: every command prints what the README shows
        lines = session.strip().splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ "):
                shown = lines[i + 1]
                said = run(line[2:], knowledge_copy)
                assert said.endswith(shown), (line, said, shown)


def test_the_file_tree_names_every_module() -> None:
    tree = (ROOT / "docs" / "how-it-works.md").read_text(encoding="utf-8")
    modules = sorted(
        path.name
        for path in (ROOT / "bot").rglob("*.py")
        if path.name != "__init__.py" and "__pycache__" not in path.parts
    )
    missing = [name for name in modules if name not in tree]
    assert missing == []


def test_operating_the_bot_names_every_command_of_every_front_end() -> None:
    text = section("Operating the bot")
    for name, _, _ in CLI_COMMANDS:
        assert f"`{name}" in text, name
    for name, _ in CONSOLE_COMMANDS:
        assert f"`{name}`" in text, name
    for name, _, _ in TELEGRAM_COMMANDS:
        assert f"/{name}" in text, name
    for name, _ in ADMIN_COMMANDS:
        assert f"`/{name}`" in text, name


def test_the_make_targets_in_the_readme_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in sorted(set(re.findall(r"`make ([a-z-]+)`", README))):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_what_you_can_ask_is_what_the_console_answers() -> None:
    [transcript] = blocks(section("What you can ask"), "")
    questions: list[str] = []
    answers: list[str] = []
    for block in transcript.strip().split("\n\n"):
        question, _, answer = block.partition("\n")
        questions.append(question.removeprefix("you> "))
        answers.append(answer)
    said = run_python("-m", "bot", "console", stdin="\n".join(questions) + "\n")
    replies = [reply for reply in said.stdout.split("\n\n") if reply.strip()]
    assert len(replies) == len(answers)
    for question, shown, reply in zip(questions, answers, replies, strict=True):
        head, ellipsis, tail = shown.partition("…")  # "(…)": a part left out in the README
        if ellipsis:
            assert reply.startswith(head) and reply.endswith(tail), (question, reply)
        else:
            assert reply == shown, (question, reply)


def test_the_error_shown_is_the_one_the_loader_gives(knowledge_copy: Path) -> None:
    text = " ".join(section("The knowledge base").split())
    shown = re.search(r"\(`knowledge/projects\.yaml:(\d+): (.*?)`\)", text)
    assert shown, "no error example under The knowledge base"
    line, message = shown.groups()
    projects = knowledge_copy / "projects.yaml"
    wrong = re.search(r"got '(.*?)'", message)
    assert wrong
    edit(projects, "eu_contribution: 308894", f"eu_contribution: {wrong.group(1)}")
    result = run_python("-m", "bot", "check-knowledge", env={"KNOWLEDGE_PATH": str(knowledge_copy)})
    assert f"{projects}:{line}: {message}" in result.stderr, result.stderr


def test_every_link_to_a_file_leads_to_one() -> None:
    documents = [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    for document in documents:
        text = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            assert (document.parent / target).exists(), (document.name, target)
