"""When the grader itself cannot run an exercise (its sandbox does not start), the notebook says so to
the instructor, the student is told it is not their code, and `nncourse grade` exits non-zero; and
`nncourse grade` refuses to run from a copy of the course the sandboxes would not import."""

import subprocess
import sys
from pathlib import Path

import pytest

from nncourse.autograder import sandbox
from nncourse.autograder.grader import grade_notebook
from nncourse.autograder.grades import NotebookStatus, Status
from nncourse.course.lessons import get_lesson

LESSON = get_lesson("06_softmax")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def sandbox_that_cannot_start(monkeypatch):
    def start(self):
        return "the grader's sandbox could not start: /opt/secret/python: no such file"

    monkeypatch.setattr(sandbox.Sandbox, "_start", start)


def test_a_sandbox_that_cannot_start_is_a_grader_error_not_the_students(sandbox_that_cannot_start):
    grade = grade_notebook(str(LESSON.solution), sandbox="none")
    assert grade.status is NotebookStatus.GRADER_ERROR and grade.score == 0
    assert "could not be run" in grade.problem and "/opt/secret/python" in grade.problem  # for the instructor
    assert all(e.status is Status.ERROR for e in grade.exercises)
    for exercise in grade.exercises:  # for the student: not their fault, and nothing of the machine
        assert "not of your code" in exercise.feedback and "/opt/secret" not in exercise.feedback


def test_nncourse_grade_exits_non_zero_on_a_grader_error(sandbox_that_cannot_start, tmp_path, capsys):
    from nncourse.cli import main

    code = main(["grade", str(LESSON.solution), "--out", str(tmp_path / "out"), "--quiet", "--unsandboxed"])
    assert code == 1
    assert "could not be graded on this machine" in capsys.readouterr().err
    assert "grader error" in (tmp_path / "out" / "grades.csv").read_text()


def test_grading_from_a_copy_of_the_course_is_refused_with_what_to_do(tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "ls-files", "nncourse"], capture_output=True, text=True)
    if archive.returncode != 0:
        pytest.skip("not a git checkout")
    for name in archive.stdout.split():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / name).read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "nncourse", "grade", str(LESSON.solution), "--out", str(tmp_path / "out")],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert "is not the one Python imports on its own" in done.stderr and "pip install -e ." in done.stderr
    assert not (tmp_path / "out").exists()
