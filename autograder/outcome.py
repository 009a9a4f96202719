"""One hidden case run on a student's function: its plain result, or what went wrong in words.

Shared by the hidden test cells (``hidden.check_hidden``, inside the student's kernel) and by the
grader's sandboxed child, so both judge a case the same way.  This module (with ``child``) is all of
the autograder a sandbox can see: it holds no inputs and no expected outputs.  It reaches the checks
through their module (``checks.call``), so that what ``checks.guard`` puts back is what runs.
"""

from __future__ import annotations

import functools

from nncourse.utils import checks, plain, tamper
from nncourse.utils.i18n import _


def case_outcome(function, args: tuple, run=None, used: tuple = ()):
    """``(plain result, None)``, or ``(None, problem)`` when the call failed.

    run: how the compared result is obtained (``Case.run``), else ``function(*args)``; every call of
    ``function`` is checked for mutated inputs.  NotImplementedError (an exercise not attempted yet)
    propagates.
    """
    checked = functools.partial(checks.call, function)
    try:
        result = run(checked, args, *used) if run else checked(*args)
        checks.guard()  # run may have called the functions in used, which are the student's too
        return plain.to_plain(result), None
    except NotImplementedError:
        raise
    except checks.CheckFailed as exc:
        return None, str(exc)
    except plain.NotPlain as exc:
        return None, _("returned {what}, which is not a number or an array").format(what=exc)
    except Exception as exc:  # the student's code raised: report the kind, not the input
        return None, _("raised {kind}: {message}").format(kind=type(exc).__name__, message=exc)


tamper.watch(__name__)
