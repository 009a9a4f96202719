"""Grading one submitted notebook, exercise by exercise.

For each graded function of the notebook's lesson the grader builds a task from the instructor's own
cells (the setup cells and the public test of the released notebook, never the student's copies of
them), the student's answer cells, and the inputs of the hidden cases; a sandboxed child runs it
(``sandbox.Sandbox``) and sends back plain JSON, which is compared here with the reference outputs.
An exercise scores its test cell's points when its public test passed and every hidden case matched.

``grade_notebook`` never raises: whatever the file holds, it returns a ``NotebookGrade``.
"""
from __future__ import annotations

import atexit
import functools
import pickle
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cloudpickle

from nncourse.lessons import Lesson, all_lessons
from nncourse.notebooks import graded_test_cell, is_setup, read_notebook, solution_cell_ids, strip_magics

from . import plain
from .cases import cases_for
from .hidden import hidden_report
from .references import load_references, reference_path
from .sandbox import Limits, Sandbox
from .submission import Answer, Unreadable, find_answer, names_used, read_cells

STATUS_OK = "ok"


@dataclass
class ExerciseGrade:
    function: str
    cell_id: str          # the nbgrader grade id of the exercise's test cell: a grades.csv column
    points: float
    max_points: float
    status: str           # passed, failed, not attempted, missing, error
    feedback: str         # for the student: what to fix, never hidden inputs or expected values
    seconds: float = 0.0


@dataclass
class NotebookGrade:
    submission: str
    lesson: str
    status: str
    exercises: list[ExerciseGrade] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_points for e in self.exercises)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "NotebookGrade":
        exercises = [ExerciseGrade(**e) for e in data.get("exercises", [])]
        return cls(**{**data, "exercises": exercises})


@dataclass(frozen=True)
class Exercise:
    """The instructor's side of one exercise: what a child needs, and how it is scored."""
    function: str
    grade_id: str            # of the solution cell
    cell_id: str             # of the test cell
    points: float
    public_test: str
    uses: tuple[str, ...]


@dataclass(frozen=True)
class LessonKey:
    lesson: Lesson
    setup: tuple[str, ...]
    exercises: tuple[Exercise, ...]

    @property
    def functions(self) -> list[str]:
        return [e.function for e in self.exercises]


@functools.lru_cache(maxsize=None)
def lesson_key(lesson: Lesson) -> LessonKey:
    """Everything the grader takes from the instructor's notebooks for one lesson."""
    release, source = read_notebook(lesson.release), read_notebook(lesson.solution)
    cases = cases_for(lesson)
    exercises = []
    for name, solution_id in solution_cell_ids(source).items():
        test = graded_test_cell(release, name)
        meta = test.metadata["nbgrader"]
        uses = cases[name][0].uses if cases.get(name) else ()
        exercises.append(Exercise(name, solution_id, meta["grade_id"], float(meta.get("points", 0)),
                                  strip_magics(test.source), tuple(uses)))
    setup = tuple(strip_magics(c.source) for c in release.cells if is_setup(c))
    return LessonKey(lesson, setup, tuple(exercises))


def gradable_lessons() -> list[Lesson]:
    """The lessons that have been released: a student notebook and reference outputs exist."""
    return [lesson for lesson in all_lessons() if lesson.release.is_file() and reference_path(lesson).is_file()]


def identify_lesson(path: Path, cells) -> Lesson | None:
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
        key = lesson_key(lesson)
        count = sum(find_answer(cells, e.function, e.grade_id, e.cell_id) is not None for e in key.exercises)
        if count > best_count:
            best, best_count = lesson, count
    return best


def grade_notebook(path: str, limits: Limits = Limits(), sandbox: str = "auto", hidden: bool = True,
                   content: bytes | None = None) -> NotebookGrade:
    """Grade one notebook file; every failure becomes a status or an exercise's feedback.

    hidden=False runs only the public tests, as ``nncourse check`` does for a student.
    content: the file's bytes, when they were read elsewhere (a cluster worker has no copy of the
    file); ``path`` still names the submission and tells its lesson.
    """
    started = time.monotonic()
    try:
        grade = _grade(Path(path), limits, sandbox, hidden, content)
    except Exception as exc:  # a bug of the grader's own must not lose the rest of the class
        grade = NotebookGrade(path, "", f"grader error: {type(exc).__name__}: {exc}")
    grade.seconds = time.monotonic() - started
    return grade


def _grade(path: Path, limits: Limits, sandbox: str, hidden: bool, content: bytes | None) -> NotebookGrade:
    try:
        cells, notes = read_cells(path, content)
    except Unreadable as exc:
        lesson = identify_lesson(path, [])  # from its folder or file name, so the row still has its cells
        grade = NotebookGrade(str(path), lesson.id if lesson else "", f"unreadable: {exc}")
        for exercise in lesson_key(lesson).exercises if lesson else ():
            grade.exercises.append(ExerciseGrade(exercise.function, exercise.cell_id, 0.0, exercise.points, "error",
                                                 f"the notebook could not be read: {exc}"))
        return grade
    lesson = identify_lesson(path, cells)
    if lesson is None:
        return NotebookGrade(str(path), "", "unknown lesson: no lesson of the course matches this notebook",
                             notes=notes)
    key = lesson_key(lesson)
    grade = NotebookGrade(str(path), lesson.id, STATUS_OK, notes=notes)
    if not cells:
        grade.status = "empty notebook: it has no cells"
    answers = {}
    for exercise in key.exercises:
        answer = find_answer(cells, exercise.function, exercise.grade_id, exercise.cell_id)
        if answer is not None:
            answers[exercise.function] = answer
            grade.notes += answer.notes
    for exercise in key.exercises:
        grade.exercises.append(grade_exercise(key, exercise, answers, limits, sandbox, hidden))
    return grade


def grade_exercise(key: LessonKey, exercise: Exercise, answers: dict[str, Answer], limits: Limits,
                   sandbox: str, hidden: bool = True) -> ExerciseGrade:
    """hidden=False runs the public test only (a student's self-check): no reference is needed."""
    def result(status, feedback, points=0.0, seconds=0.0):
        return ExerciseGrade(exercise.function, exercise.cell_id, points, exercise.points, status, feedback, seconds)

    if exercise.function not in answers:
        return result("missing", f"no cell defines {exercise.function}: was its cell deleted or renamed?")
    cases = cases_for(key.lesson)[exercise.function] if hidden else []
    task = {
        "cells": [(name, strip_magics(source)) for name in needed_answers(key, exercise, answers)
                  for source in answers[name].sources],
        "function": exercise.function,
        "uses": list(exercise.uses),
        "public_test": exercise.public_test,
        "cases": [(case.args(exercise.function, i), case.run) for i, case in enumerate(cases)],
    }
    run = sandbox_for(key, limits, sandbox).run(pickled(key.lesson, task))
    failure = run.failure(limits)
    if failure:
        return result("error", f"{exercise.function}: {failure}.", seconds=run.seconds)
    try:
        report = plain.loads_untrusted(run.report)
        expected = load_references(key.lesson.id)[exercise.function] if hidden else []
        status, feedback = judge(exercise, cases, report, expected)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return result("error", f"{exercise.function}: its results could not be read (did the code replace "
                               "parts of Python or of the course's helpers?).", seconds=run.seconds)
    return result(status, feedback, exercise.points if status == "passed" else 0.0, run.seconds)


def needed_answers(key: LessonKey, exercise: Exercise, answers: dict[str, Answer]) -> list[str]:
    """The answers an exercise runs, in notebook order: its own, and those of the other graded
    functions it or its public test mention (a backward pass that calls the student's forward pass)."""
    needed, todo = set(), [exercise.function, *exercise.uses, *(names_used(exercise.public_test) & set(answers))]
    while todo:
        name = todo.pop()
        if name in needed or name not in answers:
            continue
        needed.add(name)
        todo += sorted(set().union(*map(names_used, answers[name].sources)) & set(answers))
    return [name for name in key.functions if name in needed]


def judge(exercise: Exercise, cases, report: dict, expected: list) -> tuple[str, str]:
    """The exercise's status and feedback from the child's report."""
    name = exercise.function
    if report.get("fatal"):
        return "error", f"{name}: {report['fatal']}."
    if report["setup_error"]:
        return "error", f"{name}: the notebook's setup cell failed in the grader ({report['setup_error']}); " \
                        "tell your instructor."
    lines = [f"{name}: {error}" for error in report["cell_errors"]]
    if not report["defined"]:
        return "missing", "\n".join(lines + [f"{name} is not defined after running its cell."])
    public = report["public"] or {"status": "passed", "message": ""}
    hidden = report["hidden"]
    if public["status"] == "not attempted" or any(h.get("not_attempted") for h in hidden):
        return "not attempted", "\n".join(lines + [f"{name} still raises NotImplementedError: replace "
                                                   "`raise NotImplementedError()` with your code."])
    if public["status"] != "passed":
        lines.append(f"{name} failed its public test (run the test cell under it in your notebook):\n"
                     f"{public['message']}")
    if len(hidden) != len(cases):
        raise ValueError("a report with the wrong number of hidden cases")
    outcomes = [(h["value"], None) if "value" in h else (None, str(h["problem"])) for h in hidden]
    report_text = hidden_report(name, cases, outcomes, expected)
    if report_text:
        lines.append(report_text)
    if public["status"] == "passed" and not report_text:
        which = "all public and hidden tests" if cases else "its public tests"
        return "passed", "\n".join(lines + [f"{name}: {which} passed."])
    return "failed", "\n".join(lines)


_sandboxes: dict[tuple, Sandbox] = {}


def sandbox_for(key: LessonKey, limits: Limits, isolation: str) -> Sandbox:
    """The warm sandbox of a lesson in this process: its setup cells run once, then every exercise
    of every submission of that lesson runs in a fresh fork of it."""
    ident = (key.lesson, limits, isolation)
    if ident not in _sandboxes:
        _sandboxes[ident] = Sandbox(pickle.dumps(list(key.setup)), limits, isolation)
    return _sandboxes[ident]


@atexit.register
def close_sandboxes() -> None:
    for sandbox in _sandboxes.values():
        sandbox.close()
    _sandboxes.clear()


def pickled(lesson: Lesson, task: dict) -> bytes:
    """The task as the child reads it; the hidden cases' helper functions travel by value, because
    their module is not visible inside the sandbox."""
    _register_cases_module(lesson)
    return cloudpickle.dumps(task)


@functools.lru_cache(maxsize=None)
def _register_cases_module(lesson: Lesson) -> None:
    import importlib

    import nncourse.autograder.cases as cases_package

    cloudpickle.register_pickle_by_value(cases_package)
    try:
        cloudpickle.register_pickle_by_value(importlib.import_module(lesson.cases_module))
    except ModuleNotFoundError:
        pass
