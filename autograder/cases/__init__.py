"""Hidden test cases, one module per lesson: ``lesson_<lesson id>.py`` defines ``CASES``.

``CASES`` maps each graded function to a list of ``Case``: a description a student may see
("large |z|") and a function that makes the arguments from a ``numpy.random.Generator``.  The
inputs are regenerated from a fixed seed whenever they are needed, so they are never stored; the
outputs of the solution on them are the lesson's reference file.
"""
from __future__ import annotations

import importlib
import zlib
from dataclasses import dataclass
from typing import Callable

import numpy as np

HIDDEN_SEED = 20261122


@dataclass(frozen=True)
class Case:
    description: str
    make_args: Callable[[np.random.Generator], tuple]
    rtol: float = 1e-6
    atol: float = 1e-9

    def args(self, function_name: str, index: int) -> tuple:
        """The case's arguments, the same every time."""
        seed = [HIDDEN_SEED, zlib.crc32(function_name.encode()), index]
        return tuple(self.make_args(np.random.default_rng(seed)))


def cases_for(lesson) -> dict[str, list[Case]]:
    """The hidden cases of a lesson (a ``Lesson``), or {} when it has none yet."""
    try:
        module = importlib.import_module(lesson.cases_module)
    except ModuleNotFoundError as exc:
        if exc.name != lesson.cases_module:
            raise
        return {}
    return module.CASES
