"""deploy/rolling-deploy.sh, run against a stand-in for the `docker` command (Docker does not
run here) that keeps the list of web containers and writes down every call: the script starts
the new containers next to the old ones and stops the old ones only once every new one is
healthy, and leaves the old ones serving when a new one is not."""

import json
import os
import subprocess
import sys

from tests.ops.helpers import ROOT

FAKE_DOCKER = r"""
import json, os, sys
state_path = os.environ["FAKE_DOCKER_STATE"]
state = json.load(open(state_path))
args = sys.argv[1:]
state["calls"].append(" ".join(args))
def save():
    json.dump(state, open(state_path, "w"))
if args[:1] == ["compose"]:
    rest = args[1:]
    if rest[:2] == ["ps", "-q"]:
        print("\n".join(state["web"]))
    elif rest[:1] == ["up"] and "--scale" in rest:
        wanted = int(rest[rest.index("--scale") + 1].removeprefix("web="))
        while len(state["web"]) < wanted:
            state["new"] += 1
            state["web"].append(f"new{state['new']}")
elif args[:1] == ["inspect"]:
    print("unhealthy" if args[-1] in os.environ.get("FAKE_UNHEALTHY", "").split() else "healthy")
elif args[:1] == ["rm"]:
    state["web"] = [i for i in state["web"] if i not in args[1:]]
save()
"""


def deploy(tmp_path, **env: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    docker = bin_dir / "docker"
    docker.write_text(f"#!{sys.executable}\n{FAKE_DOCKER}")
    docker.chmod(0o755)
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"web": ["old1", "old2"], "new": 0, "calls": []}))
    result = subprocess.run(  # noqa: S603
        ["sh", str(ROOT / "deploy" / "rolling-deploy.sh")],  # noqa: S607
        env={
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "FAKE_DOCKER_STATE": str(state),
            "HEALTH_TRIES": "1",
            "RESOLVE_SECONDS": "0",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result, json.loads(state.read_text())


def test_new_containers_start_beside_the_old_ones_which_stop_once_the_new_are_healthy(tmp_path):
    result, state = deploy(tmp_path)

    assert result.returncode == 0, result.stderr
    calls = state["calls"]
    order = [
        calls.index("compose build"),
        calls.index("compose run --rm migrate"),
        calls.index("compose up -d --no-deps --no-recreate --scale web=4 web"),
        calls.index("inspect -f {{.State.Health.Status}} new2"),
        calls.index("stop --time 30 old1 old2"),
        calls.index("compose up -d --no-deps proxy"),
    ]
    assert order == sorted(order)
    assert state["web"] == ["new1", "new2"]


def test_an_unhealthy_new_container_leaves_the_old_ones_serving(tmp_path):
    result, state = deploy(tmp_path, FAKE_UNHEALTHY="new2")

    assert result.returncode != 0
    assert "is not healthy" in result.stdout
    assert state["web"] == ["old1", "old2"]
    assert not any(call.startswith("stop") and "old" in call for call in state["calls"])
