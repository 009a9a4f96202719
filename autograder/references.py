"""Reference outputs: the solution's outputs on the hidden cases, stored per lesson as exact JSON.

``nncourse release`` rebuilds them from the solution notebooks; a test proves they are reproducible.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from nncourse.course.locations import references_dir
from nncourse.utils import plain, tamper

from .cases import cases_for


def reference_path(lesson, folder: Path | None = None) -> Path:
    """The reference file of a lesson (a ``Lesson``, or its id)."""
    return (folder or references_dir()) / f"{getattr(lesson, 'id', lesson)}.json"


def compute_references(lesson, namespace: dict) -> dict:
    """{function name: [output of each hidden case]}, from the functions defined in ``namespace``."""
    outputs = {}
    for name, cases in cases_for(lesson).items():
        function = namespace[name]
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            used = [namespace[u] for u in cases.uses]
            outputs[name] = [
                plain.to_plain(case.result(function, case.args(name, i), *used)) for i, case in enumerate(cases)
            ]
    return outputs


def write_references(lesson, namespace: dict, folder: Path | None = None) -> Path:
    path = reference_path(lesson, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(plain.dumps(compute_references(lesson, namespace)), encoding="utf-8")
    return path


def load_references(lesson_id: str) -> dict:
    path = reference_path(lesson_id)
    if not path.is_file():
        raise FileNotFoundError(f"no reference outputs for {lesson_id} at {path}: run `nncourse release {lesson_id}`.")
    return plain.loads(path.read_text(encoding="utf-8"))


tamper.watch(__name__)
