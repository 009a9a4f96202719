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
from .submission import MAX_NOTEBOOK_MB

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
    # a cluster's workers may not share this machine's files: they are sent each notebook's bytes
    items = [(str(p), _read_or_none(p) if executor else None) for p, _ in notebooks]
    try:
        bar = tqdm(total=len(notebooks), desc="grading", unit="notebook", disable=not progress, file=sys.stderr)
        for (path, _), result in runner.run(work, items):
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


def _grade_as_dict(item: tuple[str, bytes | None], limits: Limits, sandbox: str) -> dict:
    path, content = item
    return grade_notebook(path, limits, sandbox, content=content).to_dict()


def _read_or_none(path: Path) -> bytes | None:
    """The file's bytes; None when it cannot be read or is too large (the worker then reports why)."""
    try:
        if path.stat().st_size <= MAX_NOTEBOOK_MB * 1024 * 1024:
            return path.read_bytes()
    except OSError:
        pass
    return None
