"""What a hidden test cell runs: the graded function on the lesson's hidden cases, against the
stored reference outputs.  A failure says which kinds of case failed and how, never the inputs or
the expected values.
"""
from __future__ import annotations

import functools

from nncourse.lessons import get_lesson
from nncourse.utils.checks import CheckFailed, call

from . import plain
from .cases import cases_for
from .compare import mismatch
from .references import load_references


def check_hidden(lesson_id: str, name: str, function, *used) -> None:
    """Raise CheckFailed unless ``function`` matches the reference on every hidden case of ``name``.

    used: the other graded functions that the cases of ``name`` name in ``Case.uses``, in that order.
    """
    lesson = get_lesson(lesson_id)
    cases = cases_for(lesson)[name]
    expected = load_references(lesson_id)[name]
    checked = functools.partial(call, function)  # every call is checked for mutated inputs
    problems = []
    for index, (case, reference) in enumerate(zip(cases, expected)):
        if len(used) != len(case.uses):
            raise TypeError(f"check_hidden({name!r}) needs the functions {case.uses} after {name}")
        try:
            result = plain.to_plain(case.result(checked, case.args(name, index), *used))
        except NotImplementedError:
            raise
        except CheckFailed as exc:
            problem = str(exc)
        except plain.NotPlain as exc:
            problem = f"returned {exc}, which is not a number or an array"
        except Exception as exc:  # the student's code raised: report the kind, not the input
            problem = f"raised {type(exc).__name__}: {exc}"
        else:
            problem = mismatch(result, reference, case.rtol, case.atol)
        if problem:
            problems.append(f"  - {case.description}: {problem}")
    if problems:
        raise CheckFailed(f"{name} failed {len(problems)} of {len(cases)} hidden cases:\n" + "\n".join(problems))
