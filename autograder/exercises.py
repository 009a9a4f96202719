"""The instructor's side of a lesson's exercises, read once per grading run from the released
notebook: the setup cells, and for each graded function its cells' ids, points, public test and
hidden tests."""

from __future__ import annotations

from dataclasses import dataclass

from nncourse.course.lessons import Lesson
from nncourse.course.notebooks import graded_test_cell, is_setup, read_notebook, solution_cell_ids, strip_magics

from .cases import Hidden, cases_for


@dataclass(frozen=True)
class Exercise:
    """What a child needs to run one exercise, and how it is scored."""

    function: str
    grade_id: str  # of the solution cell
    cell_id: str  # of the test cell
    points: float
    public_test: str
    hidden: Hidden  # its hidden cases, and the other graded functions they use


@dataclass(frozen=True)
class LessonKey:
    lesson: Lesson
    language: str  # of the released notebook its cells come from
    setup: tuple[str, ...]
    exercises: tuple[Exercise, ...]

    @property
    def functions(self) -> list[str]:
        return [e.function for e in self.exercises]


def lesson_key(lesson: Lesson, language: str = "en") -> LessonKey:
    """Everything the grader takes from the instructor's notebooks for one lesson (the released
    notebook keeps the solution cells' nbgrader ids; their bodies are the student's to write).

    language: the release in that language when there is one (its setup cell makes the checks speak
    it; its code is the English one's), else the English release."""
    path = lesson.release_in(language)
    if not path.is_file():
        language, path = "en", lesson.release
    release = read_notebook(path)
    hidden = cases_for(lesson)
    exercises = []
    for name, solution_id in solution_cell_ids(release).items():
        test = graded_test_cell(release, name)
        meta = test.metadata["nbgrader"]
        exercises.append(
            Exercise(
                name,
                solution_id,
                meta["grade_id"],
                float(meta.get("points", 0)),
                strip_magics(test.source),
                hidden.get(name, Hidden(())),
            )
        )
    setup = tuple(strip_magics(c.source) for c in release.cells if is_setup(c))
    return LessonKey(lesson, language, setup, tuple(exercises))
