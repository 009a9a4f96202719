"""Where the course's files are, in a checkout and in an installed wheel.

What grading needs (the released notebooks, the reference outputs, the public answers) is package
data, found with ``importlib.resources``: an editable install maps it to the checkout's folders, a
wheel carries its own copy.  What only the instructor's tools need (the lesson sources, nbgrader's
course folder) exists in a checkout only.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

GRADER_PACKAGE = "nncourse.autograder"  # autograder/ of the checkout


def checkout() -> Path | None:
    """The course checkout: $NNCOURSE_ROOT, else the folder this package was installed from when it
    is one (it holds solutions/), else None (a wheel installed without the course's sources)."""
    if os.environ.get("NNCOURSE_ROOT"):
        return Path(os.environ["NNCOURSE_ROOT"]).resolve()
    root = Path(__file__).resolve().parents[2]
    return root if (root / "solutions").is_dir() else None


def course_root() -> Path:
    """The checkout, for the instructor's tools that need the lesson sources; raises without one."""
    root = checkout()
    if root is None:
        raise RuntimeError(
            "this needs the course checkout (solutions/, notebooks/): run it from a clone of the "
            "course installed with `pip install -e .`, or set NNCOURSE_ROOT to the clone. "
            "(`nncourse grade` and `nncourse check` work from the installed package alone.)"
        )
    return root


def solutions_dir() -> Path:
    return course_root() / "solutions"


def course_folder(language: str = "en") -> Path:
    """nbgrader's course folder of a language: the checkout for English; for another language a
    folder of its own in it (``zh_CN/``: its own nbgrader_config.py, gradebook and class folders),
    whose notebooks ``nncourse release`` builds from the English sources and their translations."""
    root = course_root()
    return root if language == "en" else root / language


def release_dir(language: str = "en") -> Path:
    """The student notebooks: the checkout's notebooks/ (``<language>/notebooks/`` for another
    language), else the copy the package carries."""
    root = checkout()
    if root is not None:
        return (root if language == "en" else root / language) / "notebooks"
    # a wheel's nncourse/released/ (the checkout's notebooks/, packaged as data: no __init__.py)
    released = _package_folder("nncourse") / "released"
    return released if language == "en" else released / language


def references_dir() -> Path:
    """The reference outputs of the hidden cases (package data of the grader)."""
    return _package_folder(GRADER_PACKAGE) / "references"


def _package_folder(package: str) -> Path:
    """A package's folder on disk (the grader binds these paths into its sandboxes, so they must be
    real files: the course is never imported from a zip)."""
    return Path(str(files(package)))
