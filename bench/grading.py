"""Grading speed: `nncourse grade` vs `nbgrader autograde` on the same submissions, and a whole class.

For every lesson: its solution notebook, its blank release and an honest, partly correct submission
(tests/testkit/submissions.py's ``mixed_answers``), as students ``correct``, ``blank`` and ``mixed`` of a
throwaway nbgrader class (tests/testkit/nbgrader_class.py).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from nncourse.autograder.sandbox import bubblewrap
from nncourse.course.lessons import all_lessons

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("correct", "blank", "mixed")


def _tests_helpers():
    """tests/'s helper modules (imported the way the test suite does, never copied)."""
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    from testkit.nbgrader_class import NbgraderClass
    from testkit.submissions import mixed_answers, with_answers, write

    return NbgraderClass, mixed_answers, with_answers, write


def max_points(path) -> dict[str, float]:
    """Points of the autograded test cells of a notebook."""
    nb = nbformat.read(path, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
        for c in nb.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    }


def nncourse_grade(paths, out: Path, jobs: int) -> tuple[float, subprocess.CompletedProcess]:
    command = [
        sys.executable,
        "-m",
        "nncourse",
        "grade",
        *map(str, paths),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--quiet",
        "--unsandboxed",
    ]  # its own honest notebooks
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"nncourse grade failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds, done


def read_grades(csv_path: Path) -> dict[tuple[str, str], dict]:
    """grades.csv rows keyed by (student, lesson) from the path submitted/<student>/<lesson>/<name>.ipynb."""
    rows = {}
    with open(csv_path, newline="") as f:
        for row in csv.DictReader(f):
            parts = Path(row["submission"]).parts
            rows[parts[-3], parts[-2]] = row
    return rows


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _startup_seconds() -> tuple[float, str]:
    """Seconds to import `nncourse grade`'s modules in a fresh interpreter (best of 3), and a phrase
    naming rfc3987_syntax's share when jsonschema imports it (it compiles lark grammars on import)."""

    def timed(code):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], capture_output=True)
            best = min(best, time.perf_counter() - started)
        return best, done.returncode == 0

    startup, _ = timed("import nncourse.cli, nncourse.autograder.batch")
    # only when grading still imports nbformat's validator is its slow import worth naming
    _, slow_import = timed(
        "import sys, nncourse.cli, nncourse.autograder.batch; sys.exit(0 if 'rfc3987_syntax' in sys.modules else 3)"
    )
    rfc, present = timed("import rfc3987_syntax")
    bare, _ = timed("pass")
    phrase = (
        f": nbformat's validator imports jsonschema, which imports rfc3987_syntax, which compiles lark "
        f"grammars on import, about {rfc - bare:.1f} s"
        if present and slow_import
        else ""
    )
    return startup, phrase


def run(quick=False, log=print):
    NbgraderClass, mixed_answers, with_answers, write = _tests_helpers()
    lessons = all_lessons()[:1] if quick else all_lessons()
    class_size = 5 if quick else 300
    work = Path(tempfile.mkdtemp(prefix="nncourse-bench-grading-"))
    try:
        return _run(lessons, class_size, work, NbgraderClass, mixed_answers, with_answers, write, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(lessons, class_size, work, NbgraderClass, mixed_answers, with_answers, write, log):
    course = NbgraderClass(work / "class")
    problems, notebooks = [], {}
    for lesson in lessons:
        log(f"grading: {lesson.id}: nbgrader generate_assignment and the three submissions")
        try:
            course.add_assignment(lesson.id, lesson.solution)
            mixed = write(
                with_answers(nbformat.read(lesson.solution, as_version=4), mixed_answers(lesson)),
                work / "mixed" / lesson.id / lesson.solution.name,
            )
        except Exception as exc:  # a lesson being written may not release yet: bench the others
            problems.append(f"{lesson.id} left out: {type(exc).__name__}: {str(exc).strip().splitlines()[-1:]}")
            continue
        kinds = {"correct": lesson.solution, "blank": lesson.release, "mixed": mixed}
        for student, notebook in kinds.items():
            course.submit(student, lesson.id, notebook, lesson.solution.name)
        notebooks[lesson] = kinds
    lessons = list(notebooks)
    n_subs = len(lessons) * len(KINDS)

    nbgrader_seconds, nbgrader_scores = {}, {}
    for lesson in lessons:
        log(f"grading: nbgrader autograde {lesson.id} ({len(KINDS)} submissions)")
        started = time.perf_counter()
        course.autograde(lesson.id)
        nbgrader_seconds[lesson.id] = time.perf_counter() - started
        for student in KINDS:
            nbgrader_scores[student, lesson.id] = course.cell_scores(lesson.id, student, lesson.name)

    submitted = course.folder / "submitted"
    runs = {}
    for jobs in (1, 2):
        log(f"grading: nncourse grade --jobs {jobs} ({n_subs} submissions)")
        seconds, done = nncourse_grade([submitted], work / f"grades-jobs{jobs}", jobs)
        runs[jobs] = (seconds, read_grades(work / f"grades-jobs{jobs}" / "grades.csv"))

    # scores, cell by cell
    compared_cells, disagreements = 0, []
    for lesson in lessons:
        cells = max_points(lesson.solution)
        for student in KINDS:
            theirs = {cell: float(nbgrader_scores[student, lesson.id].get(cell, float("nan"))) for cell in cells}
            for jobs, (_, rows) in runs.items():
                row = rows.get((student, lesson.id))
                ours = {
                    cell: float(row[cell]) if row and row.get(cell) not in (None, "") else float("nan")
                    for cell in cells
                }
                if ours != theirs:
                    wrong = [c for c in cells if ours[c] != theirs[c]]
                    disagreements.append(
                        f"{lesson.id}/{student} (--jobs {jobs}): "
                        + ", ".join(f"{c} nncourse {ours[c]:g} vs nbgrader {theirs[c]:g}" for c in wrong)
                    )
            compared_cells += len(cells)

    # a simulated class: every student submits every lesson, as copies of the three kinds in turn
    class_root = work / "big" / "submitted"
    for i in range(class_size):
        kind = KINDS[i % len(KINDS)]
        for lesson in lessons:
            target = class_root / f"student{i:03d}" / lesson.id / lesson.solution.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(course.folder / "submitted" / kind / lesson.id / lesson.solution.name, target)
    class_notebooks = class_size * len(lessons)
    log(
        f"grading: nncourse grade --jobs 2 on a class of {class_size} students × {len(lessons)} lessons "
        f"= {class_notebooks} notebooks"
    )
    class_seconds, _ = nncourse_grade([class_root], work / "grades-class", 2)
    class_rows = read_grades(work / "grades-class" / "grades.csv")
    reference = runs[1][1]
    class_odd = [
        key
        for key, row in class_rows.items()
        if row["status"] != "ok" or row["score"] != reference[KINDS[int(key[0][7:]) % 3], key[1]]["score"]
    ]

    startup, rfc = _startup_seconds()

    # ---- tables
    nb_total = sum(nbgrader_seconds.values())
    nb_per = nb_total / n_subs
    per = {jobs: runs[jobs][0] / n_subs for jobs in runs}
    speedup1, speedup2 = nb_per / per[1], nb_per / per[2]
    class_minutes = class_seconds / 60
    sandbox = "bubblewrap" if bubblewrap() else "plain child processes (no bubblewrap)"
    slowest = max(nbgrader_seconds, key=nbgrader_seconds.get)
    summary = [
        {
            "figure": "nbgrader autograde, s per submission",
            "value": f"{nb_per:.2f} s ({nb_total:.1f} s for {n_subs})",
            "target": "",
            "met": None,
            "note": "",
        },
        {
            "figure": "nncourse grade --jobs 1, s per submission",
            "value": f"{per[1]:.2f} s ({runs[1][0]:.1f} s for {n_subs})",
            "target": "",
            "met": None,
            "note": "",
        },
        {
            "figure": "nncourse grade --jobs 2, s per submission",
            "value": f"{per[2]:.2f} s ({runs[2][0]:.1f} s for {n_subs})",
            "target": "",
            "met": None,
            "note": "",
        },
        {
            "figure": "speed-up over nbgrader, --jobs 1 (per submission, one core each)",
            "value": f"{speedup1:.1f}×",
            "target": "≥ 50×",
            "met": speedup1 >= 50,
            "note": (
                f"nbgrader runs each whole notebook ({nb_per:.1f} s per submission on average, "
                f"{nbgrader_seconds[slowest] / len(KINDS):.1f} s in {slowest}); `nncourse grade` took "
                f"{runs[1][0]:.1f} s for {n_subs}, of which about {startup:.1f} s is the command's one-off start "
                f"(importing its modules{rfc}), and the rest, about "
                f"{max(runs[1][0] - startup, 0) / n_subs:.2f} s per notebook, goes to the sandboxed children "
                f"({sandbox}) that import each lesson's setup and fork per exercise, and to the hidden cases. "
                f"With {n_subs} submissions the start alone is {startup / n_subs:.2f} s of each."
            ),
        },
        {
            "figure": "speed-up over nbgrader, --jobs 2",
            "value": f"{speedup2:.1f}×",
            "target": "≥ 50×",
            "met": speedup2 >= 50,
            "note": (
                "as with --jobs 1: the one-off start and the per-notebook sandbox and setup time; two jobs on "
                f"{_cores()} cores also share them with each other"
                + (" and with the machine's other load" if _cores() <= 2 else "")
                + "."
            ),
        },
        {
            "figure": "per-cell points identical to nbgrader's",
            "value": (
                f"{'yes' if not disagreements else 'NO'}: {n_subs} submissions × 2 runs, "
                f"{compared_cells} test cells each run"
            ),
            "target": "identical",
            "met": not disagreements,
            "note": "; ".join(disagreements),
        },
        {
            "figure": f"class of {class_size} students × {len(lessons)} lessons ({class_notebooks} notebooks), "
            "--jobs 2",
            "value": f"{class_minutes:.1f} min ({class_seconds / class_notebooks:.2f} s per notebook)"
            + ("" if not class_odd else f"; {len(class_odd)} rows not as expected"),
            "target": "< 10 min" + (" (at 300 students)" if class_size != 300 else ""),
            "met": (class_seconds < 600 and not class_odd) if class_size == 300 else None,
            "note": (
                ""
                if class_size != 300
                else f"10 minutes for {class_notebooks} notebooks with 2 jobs allows {1200 / class_notebooks:.2f} "
                f"job-seconds per notebook, and each took about {2 * class_seconds / class_notebooks:.2f}: "
                "running each exercise of each notebook in a fresh sandboxed fork, with the lesson's setup, "
                "public test and hidden cases, costs more than the budget."
            ),
        },
    ]
    if class_size != 300:
        summary[-1]["note"] = (
            f"--quick: a class of {class_size} × {len(lessons)} lesson(s); the target is judged "
            "only in a full run (300 students × every lesson)."
        )
    details_rows = [
        [
            l.id,
            f"{nbgrader_seconds[l.id]:.1f}",
            f"{nbgrader_seconds[l.id] / len(KINDS):.1f}",
            "  ".join(
                f"{s} {sum(nbgrader_scores[s, l.id].get(c, 0) for c in max_points(l.solution)):g}"
                f"/{sum(max_points(l.solution).values()):g}"
                for s in KINDS
            ),
        ]
        for l in lessons
    ]
    notes = [
        f"Submissions: for each of {len(lessons)} lesson(s) ({', '.join(l.id for l in lessons)}), the solution, "
        f"the blank release and a partly correct one = {n_subs} notebooks. nbgrader autograde runs once per "
        "lesson (its unit, an assignment), timed from the command line; `nncourse grade` once over all of "
        f"`submitted/`. Sandbox: {sandbox}."
    ]
    notes += problems
    return {
        "title": "Grading",
        "summary": summary,
        "details": [
            (
                "nbgrader autograde per lesson",
                ["lesson", "seconds (3 submissions)", "s per submission", "autograded points (nbgrader)"],
                details_rows,
            )
        ],
        "notes": notes,
    }
