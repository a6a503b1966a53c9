"""The lock files pin every package with its hashes, and agree with pyproject.toml.

A pin changed in pyproject.toml without `make lock` would leave the image, CI and `make run`
installing the old version: this is where that shows.
"""

import re
import shlex
import subprocess
import tomllib

import pytest

from tests.ops.helpers import ROOT

_PIN = re.compile(r"^([A-Za-z0-9._\[\]-]+)==([^\s;]+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name.split("[")[0]).lower()


def locked(path: str) -> dict[str, str]:
    pins = {}
    text = (ROOT / path).read_text(encoding="utf-8")
    for block in re.split(r"\n(?=\S)", text):
        if match := _PIN.match(block):
            assert "--hash=sha256:" in block, f"{path}: {match[1]} has no hash"
            pins[normalise(match[1])] = match[2]
    return pins


def pinned(*groups: str) -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = list(project["project"]["dependencies"])
    for group in groups:
        requirements += project["dependency-groups"][group]
    pins = {}
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        assert version, f"pyproject.toml: pin {requirement} to an exact version"
        pins[normalise(name)] = version
    return pins


@pytest.mark.parametrize(
    ("path", "groups"), [("requirements.txt", ()), ("requirements-test.txt", ("test",))]
)
def test_the_lock_file_has_every_pin_of_pyproject_at_the_same_version(path, groups):
    lock = locked(path)
    stale = {
        name: (version, lock.get(name))
        for name, version in pinned(*groups).items()
        if lock.get(name) != version
    }
    assert not stale, f"run `make lock`: {path} disagrees with pyproject.toml on {stale}"


def test_the_test_lock_holds_the_production_lock():
    production, test = locked("requirements.txt"), locked("requirements-test.txt")
    assert {name: test.get(name) for name in production} == production


def test_make_installs_the_lock_files_with_their_hashes():
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "install-test"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    installs = [
        shlex.split(line.split(" pip ", 1)[1])
        for line in dry_run.stdout.splitlines()
        if " pip install" in line and "-r " in line
    ]
    assert installs == [
        ["install", "--quiet", "--require-hashes", "--no-deps", "-r", "requirements.txt"],
        ["install", "--quiet", "--require-hashes", "--no-deps", "-r", "requirements-test.txt"],
    ]
