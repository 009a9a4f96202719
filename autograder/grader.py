"""Grading notebooks, exercise by exercise, with a ``Grader`` that owns everything one grading run needs.

For each graded function of the notebook's lesson the grader builds a task from the instructor's own
cells (the setup cells and the public test of the released notebook, never the student's copies of
them), the student's answer cells, and the inputs of the hidden cases; a sandboxed child runs it
(``sandbox.Sandbox``) and sends back plain JSON, which ``judge`` compares with the reference outputs.
An exercise scores its test cell's points when its public test passed and every hidden case matched.

``Grader.grade`` never raises: whatever the file holds, it returns a ``NotebookGrade``.
"""

from __future__ import annotations

import contextlib
import importlib
import pickle
import time
from pathlib import Path

import cloudpickle

from nncourse.course.lessons import Lesson, released_lessons
from nncourse.course.notebooks import strip_magics
from nncourse.utils import plain
from nncourse.utils.i18n import _, language

from .exercises import Exercise, LessonKey, lesson_key
from .grades import ExerciseGrade, NotebookGrade, NotebookStatus, Status
from .judge import judge
from .references import load_references
from .sandbox import AUTO, Limits, Sandbox
from .submission import Answer, Unreadable, find_answer, names_used, read_submission


class Grader:
    """One grading run: its limits and sandbox mode, the lesson keys it has read, and one warm sandbox
    per lesson (its setup cells run once; each exercise of each submission runs in a fresh fork).

    Use it as a context manager, or call ``close``: the sandboxes are stopped and their folders removed.

    hidden=False runs only the public tests, as ``nncourse check`` does for a student.
    """

    def __init__(self, limits: Limits = Limits(), sandbox: str = AUTO, hidden: bool = True):
        self.limits, self.isolation, self.hidden = limits, sandbox, hidden
        self._keys: dict[tuple[Lesson, str], LessonKey] = {}
        self._sandboxes: dict[tuple[Lesson, str], Sandbox] = {}

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        sandboxes, self._sandboxes = list(self._sandboxes.values()), {}
        for sandbox in sandboxes:
            sandbox.close()

    def key(self, lesson: Lesson, language: str = "en") -> LessonKey:
        if (lesson, language) not in self._keys:
            self._keys[lesson, language] = lesson_key(lesson, language)
        return self._keys[lesson, language]

    def grade(self, path: str, content: bytes | None = None) -> NotebookGrade:
        """Grade one notebook file; every failure becomes a status or an exercise's feedback.

        content: the file's bytes, when they were read elsewhere (a cluster worker has no copy of the
        file); ``path`` still names the submission and tells its lesson.
        """
        started = time.monotonic()
        try:
            grade = self._grade(Path(path), content)
        except Exception as exc:  # a bug of the grader's own must not lose the rest of the class
            grade = NotebookGrade(path, "", NotebookStatus.GRADER_ERROR, f"{type(exc).__name__}: {exc}")
        grade.seconds = time.monotonic() - started
        return grade

    def _grade(self, path: Path, content: bytes | None) -> NotebookGrade:
        try:
            submission = read_submission(path, content)
        except Unreadable as exc:
            lesson = self.identify_lesson(path, [])  # from its folder or file name: the row still has its cells
            grade = NotebookGrade(str(path), lesson.id if lesson else "", NotebookStatus.UNREADABLE, str(exc))
            for exercise in self.key(lesson).exercises if lesson else ():
                grade.exercises.append(
                    ExerciseGrade(
                        exercise.function,
                        exercise.cell_id,
                        0.0,
                        exercise.points,
                        Status.ERROR,
                        _("the notebook could not be read: {problem}").format(problem=exc),
                    )
                )
            return grade
        cells, notes = submission.cells, submission.notes
        lesson = self.identify_lesson(path, cells)
        if lesson is None:
            return NotebookGrade(
                str(path),
                "",
                NotebookStatus.UNKNOWN_LESSON,
                "no lesson of the course matches this notebook",
                notes=notes,
            )
        with language(submission.language):  # the feedback speaks the submission's language
            return self._grade_lesson(path, self.key(lesson, submission.language), cells, notes)

    def _grade_lesson(self, path: Path, key: LessonKey, cells, notes) -> NotebookGrade:
        lesson = key.lesson
        grade = NotebookGrade(str(path), lesson.id, notes=notes)
        if not cells:
            grade.status, grade.problem = NotebookStatus.EMPTY, "it has no cells"
        answers = {}
        for exercise in key.exercises:
            answer = find_answer(cells, exercise.function, exercise.grade_id, exercise.cell_id)
            if answer is not None:
                answers[exercise.function] = answer
                grade.notes += answer.notes
        problems = []
        for exercise in key.exercises:
            exercise_grade, problem = self.grade_exercise(key, exercise, answers)
            grade.exercises.append(exercise_grade)
            problems += [problem] if problem else []
        if problems:  # the grader's fault, not the student's: the instructor must see it and grade again
            grade.status = NotebookStatus.GRADER_ERROR
            grade.problem = f"{len(problems)} exercise(s) could not be run: {problems[0]}"
        return grade

    def identify_lesson(self, path: Path, cells) -> Lesson | None:
        """The lesson a submission belongs to: a folder named after it (nbgrader's layout), its file
        name, or else the lesson whose graded functions it defines most of."""
        lessons = gradable_lessons()
        for part in reversed(path.parts[:-1]):
            for lesson in lessons:
                if part == lesson.id:
                    return lesson
        for lesson in lessons:
            if path.stem == lesson.name:
                return lesson
        best, best_count = None, 0
        for lesson in lessons:
            exercises = self.key(lesson).exercises
            count = sum(find_answer(cells, e.function, e.grade_id, e.cell_id) is not None for e in exercises)
            if count > best_count:
                best, best_count = lesson, count
        return best

    def grade_exercise(
        self, key: LessonKey, exercise: Exercise, answers: dict[str, Answer]
    ) -> tuple[ExerciseGrade, str | None]:
        """The exercise's grade, and (for the instructor) why the grader itself could not run it, if so."""

        def result(status, feedback, points=0.0, seconds=0.0, problem=None):
            return ExerciseGrade(
                exercise.function, exercise.cell_id, points, exercise.points, status, feedback, seconds
            ), problem

        if exercise.function not in answers:
            return result(
                Status.MISSING,
                _("no cell defines {name}: was its cell deleted or renamed?").format(name=exercise.function),
            )
        cases = exercise.hidden if self.hidden else ()
        task = {
            "cells": [
                (name, strip_magics(source))
                for name in needed_answers(key, exercise, answers)
                for source in answers[name].sources
            ],
            "function": exercise.function,
            "uses": list(exercise.hidden.uses),
            "public_test": exercise.public_test,
            "cases": [(case.args(exercise.function, i), case.run) for i, case in enumerate(cases)],
        }
        run = self._sandbox(key).run(pickled(key.lesson, task))
        if run.startup_failure:  # the release's setup cells did not run: nothing the student wrote has run yet
            return result(
                Status.ERROR,
                _(
                    "{name}: the grader could not run it (a problem of the grading machine, not of your code); "
                    "it will be graded again."
                ).format(name=exercise.function),
                seconds=run.seconds,
                problem=run.startup_failure,
            )
        failure = run.failure(self.limits)
        if failure:
            return result(Status.ERROR, f"{exercise.function}: {failure}.", seconds=run.seconds)
        try:
            report = plain.loads_untrusted(run.report)
            expected = load_references(key.lesson.id)[exercise.function] if self.hidden else []
            status, feedback = judge(exercise.function, cases, report, expected)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            return result(
                Status.ERROR,
                _(
                    "{name}: its results could not be read (did the code replace parts of Python "
                    "or of the course's helpers?)."
                ).format(name=exercise.function),
                seconds=run.seconds,
            )
        return result(status, feedback, exercise.points if status is Status.PASSED else 0.0, run.seconds)

    def _sandbox(self, key: LessonKey) -> Sandbox:
        """One per lesson and language: the setup cells differ only in the language they select."""
        ident = (key.lesson, key.language)
        if ident not in self._sandboxes:
            self._sandboxes[ident] = Sandbox(pickle.dumps(list(key.setup)), self.limits, self.isolation)
        return self._sandboxes[ident]


def grade_notebook(
    path: str, limits: Limits = Limits(), sandbox: str = AUTO, hidden: bool = True, content: bytes | None = None
) -> NotebookGrade:
    """Grade one notebook with a grader of its own (for one-off use: a batch keeps one ``Grader``)."""
    with Grader(limits, sandbox, hidden) as grader:
        return grader.grade(path, content)


def gradable_lessons() -> list[Lesson]:
    """The lessons that have been released: a student notebook and reference outputs exist."""
    from .references import reference_path

    return [lesson for lesson in released_lessons() if reference_path(lesson).is_file()]


def needed_answers(key: LessonKey, exercise: Exercise, answers: dict[str, Answer]) -> list[str]:
    """The answers an exercise runs, in notebook order: its own, and those of the other graded
    functions it or its public test mention (a backward pass that calls the student's forward pass)."""
    needed, todo = set(), [exercise.function, *exercise.hidden.uses, *(names_used(exercise.public_test) & set(answers))]
    while todo:
        name = todo.pop()
        if name in needed or name not in answers:
            continue
        needed.add(name)
        todo += sorted(set().union(*map(names_used, answers[name].sources)) & set(answers))
    return [name for name in key.functions if name in needed]


def pickled(lesson: Lesson, task: dict) -> bytes:
    """The task as the child reads it.  The hidden cases' helper functions travel by value, because
    their module is not visible inside the sandbox; cloudpickle is told so only for this call."""
    import nncourse.autograder.cases as cases_package

    modules = [cases_package]
    with contextlib.suppress(ModuleNotFoundError):
        modules.append(importlib.import_module(cases_package.cases_module(lesson.id)))
    for module in modules:
        cloudpickle.register_pickle_by_value(module)
    try:
        return cloudpickle.dumps(task)
    finally:
        for module in modules:
            cloudpickle.unregister_pickle_by_value(module)
