"""``nncourse grade``: a batch of notebooks graded (in parallel), then the class's reports written."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from tqdm.auto import tqdm

from .confine import readable_secrets
from .executors import make_executor
from .grader import Grader
from .grades import NotebookGrade, NotebookStatus
from .reports import write_grades_csv, write_notebook_reports
from .sandbox import AUTO, Limits, isolation_mode
from .submission import MAX_NOTEBOOK_MB

NO_BWRAP = "nncourse grade: bubblewrap (bwrap) is not available"
INSTALL_BWRAP = "Install it (Debian/Ubuntu: apt-get install bubblewrap) before grading a real class."


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


def grade_paths(
    paths: list[str],
    out: Path,
    jobs: int = 1,
    limits: Limits = Limits(),
    sandbox: str = AUTO,
    executor: str | None = None,
    progress: bool = True,
) -> list[NotebookGrade]:
    """Grade every notebook under ``paths`` into ``out``; raises NoSandbox (before grading anything)
    when no sandbox that holds can be made here and ``sandbox`` is not "none"."""
    notebooks = find_notebooks(paths)
    if executor is None:  # a cluster's workers choose their own
        warning = isolation_warning(isolation_mode(sandbox), [Path(p) for p in paths], Path(out))
        if warning:
            print(warning, file=sys.stderr)
    make_grader = functools.partial(Grader, limits, sandbox)
    folders = dict((str(path), key) for path, key in notebooks)
    grades: dict[str, NotebookGrade] = {}
    runner = make_executor(jobs, executor)
    # a cluster's workers may not share this machine's files: they are sent each notebook's bytes
    items = [(str(p), _read_or_none(p) if executor else None) for p, _ in notebooks]
    try:
        bar = tqdm(total=len(notebooks), desc="grading", unit="notebook", disable=not progress, file=sys.stderr)
        for (path, _), result in runner.run(make_grader, _grade_as_dict, items):
            grade = (
                NotebookGrade.from_dict(result)
                if isinstance(result, dict)
                else NotebookGrade(path, "", NotebookStatus.GRADER_ERROR, f"{type(result).__name__}: {result}")
            )
            grades[path] = grade
            write_notebook_reports(grade, out / folders[path])
            bar.update()
        bar.close()
    finally:
        runner.close()
    ordered = [grades[str(path)] for path, _ in notebooks]
    write_grades_csv(ordered, out / "grades.csv")
    return ordered


def isolation_warning(mode: str, paths: list[Path], out: Path) -> str | None:
    """What the instructor must know about the sandbox this machine gives (None for bubblewrap)."""
    if mode == "bwrap":
        return None
    if mode == "private":
        return (
            f"{NO_BWRAP}: the grader makes each sandbox itself (a private mount namespace with no network, "
            "and a user id of its own). The sandboxes do not have their own process tree."
        )
    if mode == "user":
        exposed = readable_secrets([*secret_folders(), *paths, out])
        listed = "".join(f"\n  {path}" for path in exposed) or " none"
        return (
            f"{NO_BWRAP} and no mount namespace can be made here, so submissions run as user ids of their "
            "own with resource limits, but not in a private filesystem. These files and folders are readable "
            f"by them (a hostile notebook could read the reference outputs or other submissions):{listed}\n"
            + INSTALL_BWRAP
        )
    return (
        f"nncourse grade: warning: --unsandboxed: submissions run as your own user with resource limits "
        f"only. A hostile notebook could overwrite the grade book, read the reference outputs and kill "
        f"your processes. {INSTALL_BWRAP}"
    )


def secret_folders() -> list[Path]:
    """What a submission must not read: reference outputs, hidden cases, solutions and the tests."""
    from nncourse.course.locations import checkout, references_dir

    folders = [references_dir(), Path(__file__).resolve().parent / "cases"]
    root = checkout()
    if root is not None:  # an installed wheel has no solutions or tests
        folders += [root / "solutions", root / "tests"]
    return folders


def _grade_as_dict(grader: Grader, item: tuple[str, bytes | None]) -> dict:
    path, content = item
    return grader.grade(path, content).to_dict()


def _read_or_none(path: Path) -> bytes | None:
    """The file's bytes; None when it cannot be read or is too large (the worker then reports why)."""
    try:
        if path.stat().st_size <= MAX_NOTEBOOK_MB * 1024 * 1024:
            return path.read_bytes()
    except OSError:
        pass
    return None
