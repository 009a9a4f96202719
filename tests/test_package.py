"""The installed package: distinctive import names, the CLI, and conda's environment.yml."""

import subprocess
import sys

import tomllib
import yaml

from nncourse import cli


def test_no_generic_top_level_modules_are_importable(tmp_path):
    code = (
        "import importlib.util as u, nncourse.utils, nncourse.autograder;"
        "print(u.find_spec('utils'), u.find_spec('autograder'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None None"


def test_cli_offers_its_commands(capsys):
    try:
        cli.main(["--help"])
    except SystemExit as exit:
        assert exit.code == 0
    out = capsys.readouterr().out
    for command in ("release", "data", "grade", "check", "lab"):
        assert command in out


def test_release_of_an_unknown_lesson_is_refused(capsys):
    assert cli.main(["release", "99_nothing"]) == 2
    assert "no lesson '99_nothing'" in capsys.readouterr().err


def test_console_script_is_installed():
    bin_dir = __import__("pathlib").Path(sys.executable).parent
    out = subprocess.run([str(bin_dir / "nncourse"), "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "release" in out.stdout


def test_environment_yml_installs_this_package(root):
    env = yaml.safe_load((root / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-e .[test]"], "conda users must get the package (and its pinned dependencies) from pyproject.toml"
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    low, high = project["requires-python"].split(",")
    version = tuple(int(p) for p in python.split("=")[1].split("."))
    assert (
        tuple(int(p) for p in low.lstrip(">=").split("."))
        <= version
        < tuple(int(p) for p in high.lstrip("<").split("."))
    )
