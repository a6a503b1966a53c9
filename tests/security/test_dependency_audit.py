"""`make test` audits the pinned dependencies with pip-audit and fails on a known vulnerability
(SECURITY.md, "Dependencies"). The audit itself needs the vulnerability data from the network;
here a stand-in command plays pip-audit's answers, so the Makefile's rule is what is tested."""

import subprocess

import pytest

from tests.ops.helpers import ROOT, makefile_recipe


def test_make_test_runs_the_strict_audit_of_the_lock_file_before_pytest():
    commands = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.splitlines()
    audit = next(i for i, line in enumerate(commands) if "pip-audit --strict" in line)
    pytest_run = next(i for i, line in enumerate(commands) if line.endswith("/pytest"))
    assert audit < pytest_run
    (strict,) = [command for command in makefile_recipe("audit") if "pip-audit" in command[0]]
    assert "--strict" in strict
    assert strict[strict.index("-r") + 1] == "requirements.txt"


def audit_with(answer: str, status: int, **variables: str) -> subprocess.CompletedProcess:
    stand_in = f"sh -c 'echo \"{answer}\"; exit {status}'"
    return subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "audit-if-reachable", f"AUDIT={stand_in}"]  # noqa: S607
        + [f"{name}={value}" for name, value in variables.items()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


VULNERABLE = "Found 1 known vulnerability in 1 package\ndjango 4.2.0 PYSEC-2023-100 4.2.2"
UNREACHABLE = "django: Dependency not found on PyPI and could not be audited: django (6.1.3)"


@pytest.mark.parametrize(
    ("answer", "status", "variables", "passes"),
    [
        ("No known vulnerabilities found", 0, {}, True),
        (VULNERABLE, 1, {}, False),
        (UNREACHABLE, 1, {}, True),
        (UNREACHABLE, 1, {"AUDIT_REQUIRED": "1"}, False),
        (f"{UNREACHABLE}\n{VULNERABLE}", 1, {}, False),
    ],
    ids=["clean", "vulnerable", "data-unreachable", "unreachable-but-required", "both"],
)
def test_a_known_vulnerability_fails_and_only_unreachable_data_is_skipped_loudly(
    answer, status, variables, passes
):
    result = audit_with(answer, status, **variables)

    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    skipped = "DEPENDENCY AUDIT SKIPPED" in result.stdout
    assert skipped is (passes and status != 0)
