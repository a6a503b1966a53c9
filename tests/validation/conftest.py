"""The Nu HTML Checker for the tests here: ``vnu_command`` runs the jar ``make vnu`` fetched
(``VNU_JAR``) with Java. Without either, the tests are skipped and pytest ends with a red
"HTML VALIDATION NOT RUN" section; with ``CI=true`` they fail instead."""

import os
import shutil
from pathlib import Path

import pytest

_not_run: set[str] = set()


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    jar = os.environ.get("VNU_JAR", "").strip()
    problem = ""
    if java is None:
        problem = "no java on PATH (apt-get install default-jre-headless)"
    elif not jar or not Path(jar).is_file():
        problem = f"no vnu.jar at VNU_JAR={jar!r} (`make vnu` fetches it; `make test` does too)"
    if problem:
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"HTML validation cannot run in CI: {problem}.", pytrace=False)
        _not_run.add(problem)
        pytest.skip(f"HTML VALIDATION NOT RUN: {problem}")
    return [java, "-jar", jar]


def pytest_terminal_summary(terminalreporter):
    for problem in sorted(_not_run):
        terminalreporter.section("HTML VALIDATION NOT RUN", sep="!", red=True, bold=True)
        terminalreporter.line(f"The HTML validation was skipped: {problem}.", red=True, bold=True)
