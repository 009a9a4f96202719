"""The expected values of a lesson's public tests, and the values its known mistakes give.

A public test cell holds inputs and calls, never the formula of the answer:

    answers = public_answers("05_batch_norm")          # in the lesson's setup cell
    Z_tilde, cache = expect_items(call(batchnorm_forward, Z, gamma, beta), ["Z_tilde", "cache"], "batchnorm_forward")
    expect_close(Z_tilde, answers, "Z_tilde of batchnorm_forward(Z, gamma, beta)")

``expect_close`` looks the check's name up here: the solution's value, and for each mistake of the
lesson's catalogue the value that mistake gives on the same inputs, so that a wrong answer is named
("It matches a known mistake: ...") without the test cell spelling out the wrong formula.

``nncourse release`` writes the file (``utils/answers/<lesson>.json``) by running each test cell
on the solution and on each catalogued mistake with a *recording* ``Answers``: every check records
the value it was given under its name instead of comparing it.  A test proves the file is what the
solution and the catalogue give.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

ANSWERS_DIR = Path(str(files("nncourse.utils") / "answers"))  # package data


class Answers:
    """A lesson's recorded public answers; ``recording`` is set while ``nncourse release`` makes them."""

    def __init__(
        self,
        lesson_id: str,
        expected: dict | None = None,
        mistakes: dict | None = None,
        tolerances: dict | None = None,
        recording: str | None = None,
        names: dict | None = None,
    ):
        self.lesson_id = lesson_id
        # language -> {a check's name in that language: its English name}: a translated notebook's test
        # cells call their checks by translated names, and the answers are recorded under the English ones
        self.names = names if names is not None else {}
        self.expected = expected if expected is not None else {}  # check name -> value
        self.mistakes = mistakes if mistakes is not None else {}  # check name -> {mistake: value}
        self.tolerances = tolerances if tolerances is not None else {}  # check name -> [rtol, atol]
        self.recording = recording  # None: compare; "": the solution's values; else a mistake's description

    def lookup(self, name: str):
        """(the expected value, {mistake: the value it gives}) of the check called ``name`` (in the
        current language)."""
        from .i18n import current_language

        name = self.names.get(current_language(), {}).get(name, name)
        if name not in self.expected:
            raise KeyError(
                f"no recorded answer for the check {name!r} of {self.lesson_id}: the test cell "
                f"changed since the release; run `nncourse release {self.lesson_id}`"
            )
        return self.expected[name], self.mistakes.get(name, {})

    def record(self, name: str, value, rtol: float, atol: float) -> None:
        """Store ``value`` as the solution's (or the mistake's being recorded) under ``name``."""
        from nncourse.utils import plain

        if self.recording == "":
            if name in self.expected:
                raise ValueError(f"two checks of {self.lesson_id} are called {name!r}: names must be unique")
            self.expected[name] = plain.to_plain(value)
            self.tolerances[name] = [rtol, atol]
            return
        if name not in self.expected:
            return
        try:
            value = plain.to_plain(value)
        except plain.NotPlain:  # this mistake returns something that is not numbers: nothing to name
            return
        if _finite(value) and _differs(value, self.expected[name], rtol, atol):  # nan is named by its own check
            self.mistakes.setdefault(name, {})[self.recording] = value

    def to_plain(self) -> dict:
        return {
            "expected": self.expected,
            "mistakes": self.mistakes,
            "tolerances": self.tolerances,
            "names": self.names,
        }


def _finite(value) -> bool:
    import numpy as np

    if isinstance(value, (list, tuple)):
        return all(map(_finite, value))
    if isinstance(value, dict):
        return all(map(_finite, value.values()))
    try:
        return bool(np.all(np.isfinite(np.asarray(value, dtype=float))))
    except (TypeError, ValueError):
        return True


def _differs(value, expected, rtol, atol) -> bool:
    from nncourse.utils.compare import mismatch

    return mismatch(value, expected, rtol, atol) is not None


def answers_path(lesson_id: str, folder: Path | None = None) -> Path:
    return (folder or ANSWERS_DIR) / f"{lesson_id}.json"


def public_answers(lesson_id: str) -> Answers:
    """The lesson's recorded answers (the setup cell of each lesson calls this once).  Before the
    first release there are none, and every check says to run `nncourse release`."""
    from nncourse.utils import plain  # a small module of plain data: visible in the grader's sandbox

    path = answers_path(lesson_id)
    if not path.is_file():
        return Answers(lesson_id)
    data = plain.loads(path.read_text(encoding="utf-8"))
    return Answers(lesson_id, data["expected"], data["mistakes"], data["tolerances"], names=data.get("names", {}))
