"""nncourse: a graded notebook course on how neural networks learn.

Sub-packages: ``nncourse.utils`` (helpers the notebooks import, from utils/),
``nncourse.autograder`` (hidden cases, reference outputs and grading, from autograder/).
This package holds the course tooling: lessons, notebook building, release, the CLI.
"""

__version__ = "0.1.0"
