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

from nncourse.utils import tamper

HIDDEN_SEED = 20261122


@dataclass(frozen=True)
class Case:
    """One hidden case.  By default the result is ``function(*args)``.

    A function whose output is only meaningful through another graded function (a forward pass's
    cache, used by its backward pass) names that function in ``uses`` and says in ``run`` how the
    result is obtained: ``run(function, args, *used_functions)``.  Only that result is compared.
    """
    description: str
    make_args: Callable[[np.random.Generator], tuple]
    rtol: float = 1e-6
    atol: float = 1e-9
    uses: tuple[str, ...] = ()
    run: Callable | None = None

    def args(self, function_name: str, index: int) -> tuple:
        """The case's arguments, the same every time."""
        seed = [HIDDEN_SEED, zlib.crc32(function_name.encode()), index]
        return tuple(self.make_args(np.random.default_rng(seed)))

    def result(self, function, args: tuple, *used):
        return self.run(function, args, *used) if self.run else function(*args)


def cases_for(lesson) -> dict[str, list[Case]]:
    """The hidden cases of a lesson (a ``Lesson``), or {} when it has none yet."""
    try:
        module = importlib.import_module(lesson.cases_module)
    except ModuleNotFoundError as exc:
        if exc.name != lesson.cases_module:
            raise
        return {}
    return module.CASES


tamper.watch(__name__)
