"""tools/system-packages.sh, which make and .ci/run share: on a fresh desktop it names or installs
python3-venv and Qt's libraries, and does nothing where everything is there or on another system."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "system-packages.sh"


@pytest.fixture
def machine(tmp_path):
    """A PATH of stubs: dpkg-query knows the packages in ``installed``, id says ``uid``, apt-get and
    sudo write their arguments to ``calls``."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("grep", "cat"):
        os.symlink(shutil.which(tool), bin_ / tool)
    calls = tmp_path / "calls"

    def make(installed: set[str], uid: int = 1000, dpkg: bool = True, sudo: bool = True) -> dict:
        listing = tmp_path / "installed"
        listing.write_text("\n".join(sorted(installed)) + "\n")
        stubs = {"id": f'echo {uid}',
                 "apt-get": f'echo "apt-get $*" >> {calls}',
                 "dpkg-query": f'grep -qx "${{@: -1}}" {listing} && echo "install ok installed"; true'}
        if sudo:
            stubs["sudo"] = f'echo "sudo $*" >> {calls}; "$@"'
        if not dpkg:
            del stubs["dpkg-query"]
            (bin_ / "dpkg-query").unlink(missing_ok=True)
        for name, body in stubs.items():
            (bin_ / name).write_text(f"#!/bin/bash\n{body}\n")
            (bin_ / name).chmod(0o755)
        return {"PATH": str(bin_), "HOME": str(tmp_path)}

    make.calls = calls
    return make


EVERYTHING = {"python3", "python3-venv", "python3-pip", "make", "libgl1", "libegl1", "libxkbcommon0",
              "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "fonts-dejavu-core", "libxkbcommon-x11-0",
              "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
              "libxcb-render-util0", "libxcb-randr0", "libxcb-shape0", "libxcb-xkb1"}


def run(env, *args):
    return subprocess.run(["/bin/bash", str(SCRIPT), *args], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)


def test_a_fresh_desktop_without_a_terminal_gets_the_one_command_to_run(machine):
    done = run(machine(EVERYTHING - {"python3-venv", "python3-pip"}))
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1].strip() == "sudo apt-get install -y python3-venv python3-pip"
    assert not machine.calls.exists()  # nothing tried without asking


def test_as_root_the_missing_packages_are_installed(machine):
    done = run(machine(EVERYTHING - {"libegl1"}, uid=0))
    assert done.returncode == 0, done.stderr
    assert machine.calls.read_text().splitlines() == [
        "apt-get update -qq", "apt-get install -y -qq --no-install-recommends libegl1"]


def test_ci_asks_sudo_and_adds_postgresql_and_binutils(machine):
    done = run(machine(EVERYTHING | {"poppler-utils"}), "--ci")
    assert done.returncode == 0, done.stderr
    assert machine.calls.read_text().splitlines()[-1] == \
        "apt-get install -y -qq --no-install-recommends postgresql binutils"


def test_nothing_happens_when_everything_is_there_or_on_another_system(machine):
    assert run(machine(EVERYTHING)).returncode == 0
    assert run(machine(set(), dpkg=False)).returncode == 0
    assert not machine.calls.exists()
