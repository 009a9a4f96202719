"""``nncourse grade``: a batch of notebooks graded (in parallel), then the class's reports written."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

from tqdm.auto import tqdm

from .executors import make_executor
from .grader import NotebookGrade, grade_notebook
from .reports import write_grades_csv, write_notebook_reports
from .sandbox import Limits, bubblewrap

SANDBOX_WARNING = ("nncourse grade: warning: bubblewrap (bwrap) is not available, so submissions run as plain "
                   "child processes with resource limits but no filesystem or network isolation: a hostile "
                   "notebook could read the reference outputs. Install it (Debian/Ubuntu: apt-get install "
                   "bubblewrap) before grading a real class.")


def find_notebooks(paths: list[str]) -> list[tuple[Path, str]]:
    """Each notebook to grade, with the name of its report folder (unique, from its path)."""
    found = []
    for given in map(Path, paths):
        if given.is_dir():
            for notebook in sorted(given.rglob("*.ipynb")):
                if ".ipynb_checkpoints" not in notebook.parts:
                    found.append((notebook, notebook.relative_to(given).with_suffix("").as_posix()))
        else:
            found.append((given, given.with_suffix("").name))
    used, unique = set(), []
    for notebook, name in found:
        key, n = name, 1
        while key in used:
            n += 1
            key = f"{name}-{n}"
        used.add(key)
        unique.append((notebook, key))
    return unique


def grade_paths(paths: list[str], out: Path, jobs: int = 1, limits: Limits = Limits(), sandbox: str = "auto",
                executor: str | None = None, progress: bool = True) -> list[NotebookGrade]:
    notebooks = find_notebooks(paths)
    if sandbox == "auto" and bubblewrap() is None:
        print(SANDBOX_WARNING, file=sys.stderr)
    work = functools.partial(_grade_as_dict, limits=limits, sandbox=sandbox)
    folders = dict((str(path), key) for path, key in notebooks)
    grades: dict[str, NotebookGrade] = {}
    runner = make_executor(jobs, executor)
    try:
        bar = tqdm(total=len(notebooks), desc="grading", unit="notebook", disable=not progress, file=sys.stderr)
        for path, result in runner.run(work, [str(p) for p, _ in notebooks]):
            grade = NotebookGrade.from_dict(result) if isinstance(result, dict) else \
                NotebookGrade(path, "", f"grader error: {type(result).__name__}: {result}")
            grades[path] = grade
            write_notebook_reports(grade, out / folders[path])
            bar.update()
        bar.close()
    finally:
        runner.close()
    ordered = [grades[str(path)] for path, _ in notebooks]
    write_grades_csv(ordered, out / "grades.csv")
    return ordered


def _grade_as_dict(path: str, limits: Limits, sandbox: str) -> dict:
    return grade_notebook(path, limits, sandbox).to_dict()
