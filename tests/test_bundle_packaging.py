"""The bundle's packaging files: the icons drawn from app.svg, the menu entry, and the Linux install
script, which installs a bundle folder for the user and uninstalls it without touching the data.
(The bundle itself is built and run by packaging/smoke-test.sh in CI: it takes minutes.)"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import icons  # noqa: E402 (packaging/icons.py)


def test_the_icon_is_drawn_in_every_size_and_as_a_windows_icon(qapp, tmp_path):
    pngs = icons.render(tmp_path)
    assert sorted(pngs) == [16, 24, 32, 48, 64, 128, 256]
    for size, path in pngs.items():
        with Image.open(path) as image:
            assert image.size == (size, size)
            # drawn, not blank: the rounded square's colour in the middle of the left edge
            assert image.convert("RGBA").getpixel((size // 8, size // 2))[3] == 255
    with Image.open(tmp_path / "reintegra.ico") as ico:
        assert ico.format == "ICO"
        assert {(size, size) for size in pngs} <= set(ico.info["sizes"])


def test_the_menu_entry_starts_reintegra_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / "reintegra.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == "reintegra"
    assert desktop["Icon"] == "reintegra"
    assert desktop["Terminal"] == "false"
    assert desktop["Comment[pl]"].startswith("Uczestnicy")


@pytest.fixture
def bundle(tmp_path):
    """A stand-in for dist/reintegra/: the program (a script), the icons and the install script."""
    folder = tmp_path / "dist" / "reintegra"
    (folder / "_internal" / "icons").mkdir(parents=True)
    program = folder / "reintegra"
    program.write_text("#!/bin/sh\necho 'Reintegra 9.9'\n", encoding="utf-8")
    program.chmod(0o755)
    for size in icons.SIZES:
        (folder / "_internal" / "icons" / f"reintegra-{size}.png").write_bytes(b"png")
    (folder / "_internal" / "icons" / "reintegra.desktop").write_text(
        (PACKAGING / "linux" / "reintegra.desktop").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "install.sh").write_text((PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    return folder


def _as_user(tmp_path, script: Path, *args):
    """install.sh as a user (uid 1000 through a stand-in `id`) whose home is tmp_path/home."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    (fake / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    (fake / "id").chmod(0o755)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": f"{fake}:/usr/bin:/bin", "HOME": str(home)}
    return subprocess.run(["/bin/sh", str(script), *args], env=env, capture_output=True, text=True, timeout=60)


def test_install_for_the_user_then_uninstall_keeps_the_data(bundle, tmp_path):
    home = tmp_path / "home"
    done = _as_user(tmp_path, bundle / "install.sh")
    assert done.returncode == 0, done.stderr
    program = home / ".local" / "lib" / "reintegra"
    assert subprocess.run([str(home / ".local" / "bin" / "reintegra")], capture_output=True,
                          text=True).stdout == "Reintegra 9.9\n"
    entry = (home / ".local" / "share" / "applications" / "reintegra.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}/reintegra"' in entry.splitlines()
    assert (home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "reintegra.png").is_file()

    data = home / ".local" / "share" / "reintegra"
    data.mkdir(parents=True)
    (data / "reintegra.db").write_bytes(b"the facility")
    done = _as_user(tmp_path, program / "install.sh", "--uninstall")
    assert done.returncode == 0, done.stderr
    assert not program.exists()
    assert not (home / ".local" / "bin" / "reintegra").exists()
    assert not (home / ".local" / "share" / "applications" / "reintegra.desktop").exists()
    assert not (home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "reintegra.png").exists()
    assert (data / "reintegra.db").read_bytes() == b"the facility"


def test_install_outside_a_bundle_says_so(tmp_path):
    lone = tmp_path / "install.sh"
    lone.write_text((PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8"), encoding="utf-8")
    done = _as_user(tmp_path, lone)
    assert done.returncode == 1
    assert "Run install.sh from inside the bundle folder" in done.stderr
    assert not (tmp_path / "home" / ".local").exists()


def test_the_installer_script_keeps_the_data_folder():
    script = (PACKAGING / "windows" / "reintegra.iss").read_text(encoding="utf-8-sig")
    sections = [line.strip() for line in script.splitlines() if line.startswith("[")]
    assert "[UninstallDelete]" not in sections  # nothing removed beyond what was installed
    assert "[InstallDelete]" in sections
    assert "PrivilegesRequiredOverridesAllowed=commandline dialog" in script
    assert 'MessagesFile: "compiler:Languages\\Polish.isl"' in script
