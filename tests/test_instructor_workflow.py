"""The instructor's day with nbgrader, on a fake class, for every lesson (docs/instructors.md).

Five students per lesson: a correct, a partly correct (catalogued mistakes), a blank, a broken
(truncated file) and a hostile submission (it floods its output and calls sys.exit in its first
answer).  The class goes through nbgrader's own commands: `db student add`, `db assignment add`,
`generate_assignment`, `autograde`, `generate_feedback` and `export`.  The exported CSV must hold the
expected points for every student, the feedback must not show the hidden tests, the broken and the
hostile submission must cost no one else anything, and `nncourse grade` must give the honest
submissions exactly nbgrader's points, cell by cell.
"""

import csv

import nbformat
import pytest
from testkit.nbgrader_class import NbgraderClass, autograded_points
from testkit.sandboxes import STRONGEST
from testkit.submissions import mixed_answers, solution_cell_index, with_answers, write

from nncourse.autograder.grader import Grader

pytestmark = pytest.mark.slow

STUDENTS = ["correct", "partial", "blank", "broken", "hostile"]


def submissions(lesson, release, folder):
    solution = nbformat.read(lesson.solution, as_version=4)
    first = next(
        c.source for c in solution.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"
    )
    hostile = with_answers(solution, {})
    index = solution_cell_index(hostile, first.split("def ")[1].split("(")[0])
    hostile.cells[index].source = "import sys\nprint('x' * 200_000)\nsys.exit('bye')\n" + first
    paths = {
        "correct": lesson.solution,
        "blank": release,
        "partial": write(with_answers(solution, mixed_answers(lesson)), folder / "partial.ipynb"),
        "hostile": write(hostile, folder / "hostile.ipynb"),
        "broken": folder / "broken.ipynb",
    }
    text = lesson.solution.read_text()
    paths["broken"].write_text(text[: len(text) // 3])
    return paths


def test_a_class_through_nbgrader(lesson, tmp_path):
    course = NbgraderClass(tmp_path / "class")
    for student in STUDENTS:
        course.run("db", "student", "add", student, f"--last-name={student.title()}", "--first-name=Test")
    course.run("db", "assignment", "add", lesson.id)
    release = course.add_assignment(lesson.id, lesson.solution)
    for student, path in submissions(lesson, release, tmp_path).items():
        course.submit(student, lesson.id, path, lesson.solution.name)

    course.autograde(lesson.id, check=False)  # the broken notebook makes nbgrader report an error
    course.run("generate_feedback", lesson.id, check=False)
    course.run("export", "--to", str(tmp_path / "grades.csv"))

    points = autograded_points(lesson.solution)
    full = sum(points.values())
    with open(tmp_path / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f) if row["assignment"] == lesson.id}
    assert set(rows) == set(STUDENTS), "every student has a row, including the broken and hostile ones"
    scores = {
        student: course.cell_scores(lesson.id, student, lesson.name)
        for student in ("correct", "partial", "blank", "hostile")
    }
    assert float(rows["correct"]["raw_score"]) == full
    assert float(rows["blank"]["raw_score"]) == 0
    assert float(rows["broken"]["raw_score"]) == 0
    partial = sum(scores["partial"][cell] or 0 for cell in points)
    assert 0 < partial < full and float(rows["partial"]["raw_score"]) == partial

    with Grader(sandbox=STRONGEST) as grader:
        for student in ("correct", "partial", "blank", "hostile"):  # nncourse grade gives nbgrader's points
            grade = grader.grade(str(course.folder / "submitted" / student / lesson.id / lesson.solution.name))
            assert {e.cell_id: e.points for e in grade.exercises} == {
                cell: scores[student][cell] or 0 for cell in points
            }, student

    feedback = course.folder / "feedback" / "correct" / lesson.id / f"{lesson.name}.html"
    html = feedback.read_text()
    assert "check_hidden" not in html and "BEGIN HIDDEN TESTS" not in html
    assert "test_" in html  # the public tests are there
