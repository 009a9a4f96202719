"""Mistake catalogues, one module per lesson (``lesson_<lesson id>.py``).

``WRONG[function]`` maps a mistake students really make to the code of such a wrong solution cell;
``CORRECT[function]`` maps a different, correct way of writing it to its code.  A wrong
solution can also be a ``Mutant``: the reference solution with one piece of text replaced, which
shows exactly where the mistake is.  The tests prove
that the lesson's test cell (public and hidden parts) fails every wrong one and passes every
correct one, at the function level, without running the notebook.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    """The reference solution of the function, with ``old`` replaced by ``new`` (which must occur)."""

    old: str
    new: str

    def apply(self, solution_code: str) -> str:
        if self.old not in solution_code:
            raise ValueError(f"mutant text {self.old!r} is not in the solution any more")
        return solution_code.replace(self.old, self.new)
