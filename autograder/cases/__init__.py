"""Hidden test cases, one module per lesson: ``lesson_<lesson id>.py`` defines ``CASES``.

``CASES`` maps each graded function to its hidden tests: a list of ``Case`` (a description a
student may see, "large |z|", and a function that makes the arguments from a
``numpy.random.Generator``), or a ``Hidden`` when the cases also call other graded functions.  The
inputs are regenerated from a fixed seed whenever they are needed, so they are never stored; the
outputs of the solution on them are the lesson's reference file.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from nncourse.utils import tamper

HIDDEN_SEED = 20261122


@dataclass(frozen=True)
class Case:
    """One hidden case.  By default the compared result is ``function(*args)``; ``run`` says otherwise:
    ``run(function, args, *used_functions)`` (a forward pass compared through its output only, a
    backward pass fed by the student's own forward pass)."""

    description: str
    make_args: Callable[[np.random.Generator], tuple]
    rtol: float = 1e-6
    atol: float = 1e-9
    run: Callable | None = None

    def args(self, function_name: str, index: int) -> tuple:
        """The case's arguments, the same every time."""
        seed = [HIDDEN_SEED, zlib.crc32(function_name.encode()), index]
        return tuple(self.make_args(np.random.default_rng(seed)))

    def result(self, function, args: tuple, *used):
        return self.run(function, args, *used) if self.run else function(*args)


@dataclass(frozen=True)
class Hidden(Sequence):
    """The hidden tests of one graded function: its cases, and the other graded functions that every
    case's ``run`` is given after it (``uses``), in that order.  A sequence of its cases."""

    cases: tuple[Case, ...]
    uses: tuple[str, ...] = ()

    def __getitem__(self, index):
        return self.cases[index]

    def __len__(self) -> int:
        return len(self.cases)


def cases_module(lesson_id: str) -> str:
    """The module holding a lesson's hidden cases."""
    return f"{__name__}.lesson_{lesson_id}"


def cases_for(lesson) -> dict[str, Hidden]:
    """The hidden tests of a lesson (a ``Lesson``, or its id) by function, or {} when it has none yet."""
    name = cases_module(getattr(lesson, "id", lesson))
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return {}
    return {name: tests if isinstance(tests, Hidden) else Hidden(tuple(tests)) for name, tests in module.CASES.items()}


tamper.watch(__name__)
