"""What grading writes: ``grades.csv`` for the class, and per notebook a Gradescope ``results.json``
and a ``feedback.md`` the student can act on.  Outputs are a function of the grades only, so grading
the same notebooks again writes the same files."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from .grades import NotebookGrade

FIXED_COLUMNS = ["submission", "lesson", "score", "max_score", "status"]


def write_grades_csv(grades: list[NotebookGrade], path: Path) -> None:
    """One row per notebook, then one column per graded cell id (the points earned there)."""
    cell_ids = []
    for grade in grades:
        for exercise in grade.exercises:
            if exercise.cell_id not in cell_ids:
                cell_ids.append(exercise.cell_id)
    rows = []
    for grade in grades:
        row = {
            "submission": grade.submission,
            "lesson": grade.lesson,
            "score": _number(grade.score),
            "max_score": _number(grade.max_score),
            "status": grade.status_text,
        }
        row.update({e.cell_id: _number(e.points) for e in grade.exercises})
        rows.append(row)
    _atomic_write(path, lambda f: _write_csv(f, FIXED_COLUMNS + cell_ids, rows))


def _write_csv(f, columns, rows) -> None:
    writer = csv.DictWriter(f, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def results_json(grade: NotebookGrade) -> dict:
    """Gradescope's autograder results format."""
    tests = [
        {
            "name": e.function,
            "number": e.cell_id,
            "score": e.points,
            "max_score": e.max_points,
            "status": "passed" if e.passed else "failed",
            "output": e.feedback,
            "visibility": "visible",
        }
        for e in grade.exercises
    ]
    return {
        "score": grade.score,
        "execution_time": round(grade.seconds, 3),
        "output": _summary(grade),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def feedback_markdown(grade: NotebookGrade) -> str:
    lines = [f"# Feedback on {Path(grade.submission).name}", "", _summary(grade), ""]
    for exercise in grade.exercises:
        mark = "✓" if exercise.passed else "✗"
        lines += [
            f"## {mark} {exercise.function}: {_number(exercise.points)} / {_number(exercise.max_points)} "
            f"({exercise.status})",
            "",
            "```text",
            exercise.feedback,
            "```",
            "",
        ]
    return "\n".join(lines)


def _summary(grade: NotebookGrade) -> str:
    lines = []
    if not grade.ok:
        lines.append(f"This notebook could not be graded normally: {grade.status_text}.")
    if grade.lesson:
        lines.append(
            f"Lesson {grade.lesson}: {_number(grade.score)} / {_number(grade.max_score)} points "
            "on the autograded exercises (written answers are graded by hand)."
        )
    lines += [f"Note: {note}." for note in grade.notes]
    return "\n".join(lines)


def write_notebook_reports(grade: NotebookGrade, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _atomic_write(folder / "results.json", lambda f: json.dump(results_json(grade), f, indent=1, sort_keys=True))
    _atomic_write(folder / "feedback.md", lambda f: f.write(feedback_markdown(grade)))


def _number(value: float):
    return int(value) if float(value).is_integer() else round(value, 6)


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file and rename it, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as f:
        write(f)
    os.replace(temporary, path)
