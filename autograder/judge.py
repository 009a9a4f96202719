"""Judging one exercise from what its sandboxed run reported: a status and feedback for the student.

Pure: no files, no processes, so each rule can be tested on a hand-written report.
"""

from __future__ import annotations

from nncourse.utils.i18n import _

from .grades import Status
from .hidden import hidden_report

# the public test's status as the child reports it
PUBLIC_PASSED, PUBLIC_NOT_ATTEMPTED = Status.PASSED.value, Status.NOT_ATTEMPTED.value


def judge(name: str, cases, report: dict, expected: list) -> tuple[Status, str]:
    """The status and feedback of graded function ``name`` from the child's ``report``.

    cases: its hidden cases (none for a student's self-check); expected: their reference outputs.
    Raises ValueError (or KeyError, TypeError) on a report that is not in the child's format.
    """
    if report.get("fatal"):
        return Status.ERROR, f"{name}: {report['fatal']}."  # the child's words, in its language
    if report["setup_error"]:
        return Status.ERROR, _(
            "{name}: the notebook's setup cell failed in the grader ({error}); tell your instructor."
        ).format(name=name, error=report["setup_error"])
    lines = [f"{name}: {error}" for error in report["cell_errors"]]
    if not report["defined"]:
        return Status.MISSING, "\n".join(lines + [_("{name} is not defined after running its cell.").format(name=name)])
    public = report["public"] or {"status": PUBLIC_PASSED, "message": ""}
    hidden = report["hidden"]
    if public["status"] == PUBLIC_NOT_ATTEMPTED or any(h.get("not_attempted") for h in hidden):
        return Status.NOT_ATTEMPTED, "\n".join(
            lines
            + [
                _(
                    "{name} still raises NotImplementedError: replace `raise NotImplementedError()` with your code."
                ).format(name=name)
            ]
        )
    if public["status"] != PUBLIC_PASSED:
        lines.append(
            _("{name} failed its public test (run the test cell under it in your notebook):").format(name=name)
            + "\n"
            + str(public["message"])
        )
    if len(hidden) != len(cases):
        raise ValueError("a report with the wrong number of hidden cases")
    outcomes = [(h["value"], None) if "value" in h else (None, str(h["problem"])) for h in hidden]
    report_text = hidden_report(name, cases, outcomes, expected)
    if report_text:
        lines.append(report_text)
    if public["status"] == PUBLIC_PASSED and not report_text:
        done = _("{name}: all public and hidden tests passed.") if cases else _("{name}: its public tests passed.")
        return Status.PASSED, "\n".join(lines + [done.format(name=name)])
    return Status.FAILED, "\n".join(lines)
