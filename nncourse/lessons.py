"""The lessons of the course, discovered from solutions/: adding a lesson needs no code here.

A lesson is a folder ``solutions/<lesson id>/`` holding one notebook, authored as a jupytext
percent-format file ``<name>.py`` next to the generated ``<name>.ipynb``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .paths import release_dir, solutions_dir


@dataclass(frozen=True)
class Lesson:
    id: str       # nbgrader assignment id, e.g. "01_backprop"
    name: str     # notebook name, e.g. "backprop"

    @property
    def source(self) -> Path:
        """The text source the instructor edits."""
        return solutions_dir() / self.id / f"{self.name}.py"

    @property
    def solution(self) -> Path:
        """The nbgrader source notebook generated from ``source``."""
        return solutions_dir() / self.id / f"{self.name}.ipynb"

    @property
    def release(self) -> Path:
        """The student notebook nbgrader generates from ``solution``."""
        return release_dir() / self.id / f"{self.name}.ipynb"

    @property
    def cases_module(self) -> str:
        """The module holding the lesson's hidden test cases."""
        return f"nncourse.autograder.cases.lesson_{self.id}"


def all_lessons() -> list[Lesson]:
    lessons = []
    for folder in sorted(p for p in solutions_dir().iterdir() if p.is_dir()):
        sources = sorted(folder.glob("*.py"))
        if len(sources) == 1:
            lessons.append(Lesson(folder.name, sources[0].stem))
    return lessons


def get_lesson(lesson_id: str) -> Lesson:
    for lesson in all_lessons():
        if lesson.id == lesson_id:
            return lesson
    known = ", ".join(l.id for l in all_lessons())
    raise KeyError(f"no lesson {lesson_id!r}; the course has: {known}")
