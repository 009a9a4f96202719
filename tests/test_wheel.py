"""The installed package grades on its own: a wheel built from the checkout, installed (not editable)
into a fresh virtual environment outside the checkout, runs `nncourse grade` and `nncourse check` on
every lesson and loads the offline data.

The fresh environment reuses this one's installed dependencies through a `.pth` line (so that the
test downloads nothing), but not its editable `nncourse`: a `.pth` file's own `.pth` files are not
read, so the only `nncourse` it can import is the wheel's.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from testkit.sandboxes import STRONGEST

from nncourse.autograder.grader import gradable_lessons

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        cwd=out,
    )
    (found,) = out.glob("nncourse-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict:
    """A fresh environment holding the wheel; returns the environment variables that run it."""
    env_dir = tmp_path_factory.mktemp("env") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    site = Path(
        subprocess.run(
            [str(env_dir / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(env_dir / "bin" / "python"),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    home = tmp_path_factory.mktemp("home")
    env = {
        key: value for key, value in os.environ.items() if key not in ("NNCOURSE_ROOT", "PYTHONPATH", "NNCOURSE_DATA")
    }
    env.update(HOME=str(home), MPLBACKEND="Agg", PATH=f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}")
    return {
        "python": str(env_dir / "bin" / "python"),
        "nncourse": str(env_dir / "bin" / "nncourse"),
        "env": env,
        "cwd": str(home),
    }


def run(installed, *args, **kwargs):
    return subprocess.run(
        list(args), env=installed["env"], cwd=installed["cwd"], capture_output=True, text=True, timeout=900, **kwargs
    )


def test_the_wheel_carries_what_grading_needs_and_no_solutions(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for lesson in gradable_lessons():
        assert f"nncourse/released/{lesson.id}/{lesson.name}.ipynb" in names, lesson.id
        assert f"nncourse/autograder/references/{lesson.id}.json" in names, lesson.id
        assert f"nncourse/utils/answers/{lesson.id}.json" in names, lesson.id
        if lesson.release_in("zh_CN").is_file():
            assert f"nncourse/released/zh_CN/{lesson.id}/{lesson.name}.ipynb" in names, lesson.id
    assert "nncourse/utils/locale/zh_CN.po" in names
    assert not [n for n in names if n.startswith(("solutions/", "tests/")) or "/solutions/" in n]


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    done = run(
        installed,
        installed["python"],
        "-c",
        "import nncourse, nncourse.course.locations as l; print(nncourse.__file__); print(l.checkout())",
    )
    where, checkout = done.stdout.splitlines()
    assert str(ROOT) not in where and "site-packages" in where, done.stdout + done.stderr
    assert checkout == "None"


def grade_folder(installed, folder, out) -> dict:
    """`nncourse grade` of the installed package on ``folder``, in the strongest sandbox here: grades.csv's
    rows by lesson."""
    sandbox = ["--sandbox", STRONGEST] if STRONGEST != "none" else ["--unsandboxed"]
    done = run(installed, installed["nncourse"], "grade", str(folder), "--out", str(out), *sandbox, "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    with open(out / "grades.csv", newline="") as f:
        return {row["lesson"]: row for row in csv.DictReader(f)}


def test_the_installed_package_grades_and_checks_every_lesson(installed, tmp_path):
    lessons = gradable_lessons()
    submissions = tmp_path / "submitted"
    for lesson in lessons:
        (submissions / lesson.id).mkdir(parents=True)
        shutil.copy(lesson.solution, submissions / lesson.id / lesson.solution.name)
    rows = grade_folder(installed, submissions, tmp_path / "grades")
    assert set(rows) == {lesson.id for lesson in lessons}
    for lesson_id, row in rows.items():
        assert row["status"] == "ok" and float(row["score"]) == float(row["max_score"]) > 0, (lesson_id, row)

    chinese = tmp_path / "submitted_zh"  # the Chinese notebooks grade the same, from the package alone
    for lesson in lessons:
        if lesson.solution_in("zh_CN").is_file():
            (chinese / lesson.id).mkdir(parents=True)
            shutil.copy(lesson.solution_in("zh_CN"), chinese / lesson.id / lesson.solution.name)
    if chinese.is_dir():
        for lesson_id, row in grade_folder(installed, chinese, tmp_path / "grades_zh").items():
            assert row["status"] == "ok" and row["score"] == rows[lesson_id]["score"], row

    for lesson in lessons:  # the student's self-check: the solution passes, the blank release does not
        passed = run(installed, installed["nncourse"], "check", str(submissions / lesson.id / lesson.solution.name))
        assert passed.returncode == 0 and "exercises pass their public tests" in passed.stdout, (
            passed.stdout + passed.stderr
        )
    blank = run(installed, installed["nncourse"], "check", str(lessons[0].release))
    assert blank.returncode == 1 and "not attempted" in blank.stdout, blank.stdout + blank.stderr


def test_the_installed_package_loads_the_offline_data(installed):
    done = run(
        installed,
        installed["python"],
        "-c",
        "from nncourse.utils.data import load_mnist; from nncourse.utils.signs import load_signs; "
        "(X, y), _, _ = load_mnist(verbose=False); print(X.shape); (Xs, ys), _, classes = load_signs(verbose=False); "
        "print(Xs.shape)",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    mnist, signs = done.stdout.splitlines()
    assert mnist.startswith("(784, ") and signs == "(1080, 64, 64, 3)"


def test_tools_that_need_the_checkout_say_so(installed):
    done = run(installed, installed["nncourse"], "release", "01_backprop")
    assert done.returncode != 0 and "checkout" in (done.stdout + done.stderr)
