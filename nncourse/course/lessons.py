"""The lessons of the course, discovered from their files: adding a lesson needs no code here.

In a checkout a lesson is a folder ``solutions/<lesson id>/`` holding one notebook, authored as a
jupytext percent-format file ``<name>.py`` next to the generated ``<name>.ipynb``; an installed
wheel has no sources, and its lessons are the released notebooks ``<lesson id>/<name>.ipynb`` it carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .locations import checkout, course_folder, release_dir, solutions_dir


@dataclass(frozen=True)
class Lesson:
    id: str  # nbgrader assignment id, e.g. "01_backprop"
    name: str  # notebook name, e.g. "backprop"

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

    def solution_in(self, language: str) -> Path:
        """The solution notebook in ``language`` (English: ``solution``)."""
        return (
            course_folder(language) / "solutions" / self.id / f"{self.name}.ipynb"
            if language != "en"
            else self.solution
        )

    def release_in(self, language: str) -> Path:
        """The student notebook in ``language`` (English: ``release``)."""
        return release_dir(language) / self.id / f"{self.name}.ipynb"


def all_lessons() -> list[Lesson]:
    """Every lesson: from the sources in a checkout, else from the released notebooks."""
    if checkout() is not None:
        return _one_file_per_folder(solutions_dir(), "*.py")
    return released_lessons()


def released_lessons() -> list[Lesson]:
    """The lessons that have a student notebook."""
    if checkout() is not None:
        return [lesson for lesson in all_lessons() if lesson.release.is_file()]
    return _one_file_per_folder(release_dir(), "*.ipynb")


def _one_file_per_folder(root: Path, pattern: str) -> list[Lesson]:
    lessons = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else ():
        found = sorted(folder.glob(pattern))
        if len(found) == 1:
            lessons.append(Lesson(folder.name, found[0].stem))
    return lessons


def get_lesson(lesson_id: str) -> Lesson:
    lessons = all_lessons()
    for lesson in lessons:
        if lesson.id == lesson_id:
            return lesson
    known = ", ".join(lesson.id for lesson in lessons)
    raise KeyError(f"no lesson {lesson_id!r}; the course has: {known}")
