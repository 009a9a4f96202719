"""What a notebook needs to know about where it runs."""

from __future__ import annotations

import os


def autograding() -> bool:
    """True while nbgrader (or the course's grader) executes the notebook."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def experiment_size(full, quick):
    """``full`` for a student's run, ``quick`` while autograding: experiments shrink, grades do not."""
    return quick if autograding() else full
