"""Which of the grader's sandboxes this machine offers, for the tests that run submissions.

HOLDING: the strongest sandbox whose limits hold here (bubblewrap, or as root the grader's private
root or a user id of its own), or None: hostile payloads run only in it.  STRONGEST: that, or a
plain child where there is none: honest work is graded in it.  HIDING_MODES: the sandboxes that
hide the course's files.

NNCOURSE_REQUIRE_SANDBOX=MODE makes the tests fail at once unless the strongest sandbox here is
MODE ("1" means bwrap), so that a CI run cannot silently skip what it is meant to test.
"""

import os
import pickle

import cloudpickle
import pytest

from nncourse.autograder.sandbox import Sandbox, available_modes, mode_works
from nncourse.utils import plain

STRONGEST = available_modes()[0]
HOLDING = STRONGEST if STRONGEST != "none" else None
HIDING_MODES = [mode for mode in ("bwrap", "private") if mode_works(mode)] or [
    pytest.param("bwrap", marks=pytest.mark.skip(reason="neither bubblewrap nor a private root can be made here"))
]

_required = {"1": "bwrap"}.get(
    os.environ.get("NNCOURSE_REQUIRE_SANDBOX", ""), os.environ.get("NNCOURSE_REQUIRE_SANDBOX")
)
if _required and STRONGEST != _required:
    raise RuntimeError(
        f"NNCOURSE_REQUIRE_SANDBOX={_required}, but the strongest sandbox here is {STRONGEST!r} "
        f"(available: {available_modes()})"
    )

needs_holding_sandbox = pytest.mark.skipif(
    HOLDING is None,
    reason="no sandbox that holds here (no bubblewrap, not root): hostile payloads are never run without one",
)


def run_probe(code: str, mode: str, limits):
    """What ``f()``, defined by ``code``, returns when run as an exercise in a ``mode`` sandbox."""
    sandbox = Sandbox(pickle.dumps([]), limits, mode)
    try:
        run = sandbox.run(
            cloudpickle.dumps(
                {"cells": [("f", code)], "function": "f", "uses": [], "public_test": "", "cases": [((), None)]}
            )
        )
    finally:
        sandbox.close()
    assert run.report, (run.failure(limits), run.output_tail)
    return plain.loads_untrusted(run.report)["hidden"][0]["value"]
