"""What a hidden test cell runs: the graded function on the lesson's hidden cases, against the
stored reference outputs.  A failure says which kinds of case failed and how, never the inputs or
the expected values.

It runs in the student's kernel, so it first makes sure (``checks.guard``) that numpy, the builtins
and the course's modules are the originals; the modules it uses are reached through their module
(``compare.mismatch``), so that what the guard puts back is what runs.
"""

from __future__ import annotations

from nncourse.utils import checks, compare, tamper
from nncourse.utils.i18n import _

from . import cases as lesson_cases
from . import outcome, references


def check_hidden(lesson_id: str, name: str, function, *used) -> None:
    """Raise CheckFailed unless ``function`` matches the reference on every hidden case of ``name``.

    used: the other graded functions that the hidden tests of ``name`` use (``Hidden.uses``), in that order.
    """
    checks.guard()
    cases = lesson_cases.cases_for(lesson_id)[name]
    expected = references.load_references(lesson_id)[name]
    if len(expected) != len(cases):
        raise RuntimeError(
            f"{lesson_id}: {len(cases)} hidden cases of {name} but {len(expected)} reference "
            f"outputs; run `nncourse release {lesson_id}`."
        )
    if len(used) != len(cases.uses):
        raise TypeError(f"check_hidden({name!r}) needs the functions {cases.uses} after {name}")
    outcomes = [outcome.case_outcome(function, case.args(name, i), case.run, used) for i, case in enumerate(cases)]
    report = hidden_report(name, cases, outcomes, expected)
    if report:
        raise checks.CheckFailed(report)


def hidden_report(name: str, cases, outcomes, expected) -> str | None:
    """None when every case's outcome matches its reference; else which cases failed and how.

    outcomes: ``(plain result, problem)`` per case, as ``case_outcome`` gives them.
    """
    problems = []
    for case, (result, problem), reference in zip(cases, outcomes, expected):
        problem = problem or compare.mismatch(result, reference, case.rtol, case.atol)
        if problem:
            problems.append(f"  - {_(case.description)}: {problem}")
    if problems:
        return (
            _("{name} failed {count} of {total} hidden cases:").format(name=name, count=len(problems), total=len(cases))
            + "\n"
            + "\n".join(problems)
        )
    return None


tamper.watch(__name__)
