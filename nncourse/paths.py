"""Where the course's folders are."""
from __future__ import annotations

import os
from pathlib import Path


def course_root() -> Path:
    """The course checkout: $NNCOURSE_ROOT, else the folder this package was installed from."""
    if os.environ.get("NNCOURSE_ROOT"):
        return Path(os.environ["NNCOURSE_ROOT"]).resolve()
    root = Path(__file__).resolve().parent.parent
    if not (root / "solutions").is_dir():
        raise RuntimeError("nncourse needs the course checkout (solutions/, notebooks/): install it with "
                           "`pip install -e .` from the checkout, or set NNCOURSE_ROOT to it.")
    return root


def solutions_dir() -> Path:
    return course_root() / "solutions"


def release_dir() -> Path:
    return course_root() / "notebooks"


def references_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "autograder" / "references"
