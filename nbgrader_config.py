"""nbgrader's view of the course: run `nbgrader generate_assignment <lesson>` and
`nbgrader autograde <lesson>` from this folder."""

import os

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
# The text sources the notebooks are built from, and their translations, stay with the instructor.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.py", "*.po"]

# TensorFlow and absl log to stderr from C++ on import; nbgrader gives a test cell with stderr output
# no points.  Drop stderr blocks made of such log lines (the course also keeps TF quiet itself).
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = (
    r"(?m)^(\S+ \S+: [IWEF] \S+\.(cc|h):\d+\]"  # 2026-01-01 00:00:00.000000: I tensorflow/...cc:12]
    r"|[IWEF]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ \S+:\d+\]"  # absl: I0000 00:00:1700000000.0  123 file.cc:45]
    r"|WARNING: All log messages before absl::InitializeLog"
    r"|WARNING:(tensorflow|absl):)"
)
# A student who deletes a test cell loses nothing: autograde puts the cell back from the release and
# runs it, as `nncourse grade` does (it runs the release's test cells whatever the submission holds).
c.OverwriteCells.add_missing_cells = True

c.ClearSolutions.code_stub = {
    "python": '# YOUR CODE HERE\nraise NotImplementedError("Write your code here, then run this cell again.")'
}

# nbgrader's feedback shows the autograded notebook, hidden tests included: take them out again, so
# that feedback says which test cell failed without giving away the hidden cases.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
]
