"""nbgrader itself: TensorFlow's stderr log lines never zero a test cell (the course's whole-class
workflow with nbgrader is in test_instructor_workflow.py)."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from testkit.nbgrader_class import NbgraderClass

pytestmark = pytest.mark.slow


def graded_cell(grade_id, source, solution=False):
    meta = {
        "grade": not solution,
        "grade_id": grade_id,
        "locked": not solution,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if not solution:
        meta["points"] = 1
    return new_code_cell(source, metadata={"nbgrader": meta})


# What TensorFlow 2.21 printed on stderr when imported in a kernel here.  The C++ lines reach the
# kernel asynchronously (they may land in a later cell, or after it), so the test cell also prints
# them itself, synchronously, to make the check deterministic.
TF_LOG_LINES = """\
WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
I0000 00:00:1795385520.474793    3262 cudart_stub.cc:31] Could not find cuda drivers on your machine, GPU will not be used.
I0000 00:00:1795385520.570519    3262 cpu_feature_guard.cc:227] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.
To enable the following instructions: AVX2 FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.
E0000 00:00:1795385526.105019    3262 cuda_platform.cc:52] failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)
2026-11-22 22:31:05.123456: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on.
"""


def test_tensorflow_log_lines_do_not_zero_a_test_cell(tmp_path):
    nb = new_notebook(
        cells=[
            graded_cell(
                "answer", "def answer():\n    ### BEGIN SOLUTION\n    return 3.0\n    ### END SOLUTION", solution=True
            ),
            graded_cell(
                "test_with_tensorflow",
                f"import sys\nsys.stderr.write({TF_LOG_LINES!r})\nimport tensorflow as tf\n"
                "assert float(tf.reduce_sum(tf.constant([1.0, 2.0]))) == answer()",
            ),
            graded_cell("test_other_stderr", "import sys\nprint('a real problem', file=sys.stderr)"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    source = tmp_path / "tf.ipynb"
    nbformat.write(nb, source)
    course = NbgraderClass(tmp_path / "class")
    course.add_assignment("tf_quiet", source)
    course.submit("student", "tf_quiet", source, "tf.ipynb")

    course.autograde("tf_quiet")
    scores = course.cell_scores("tf_quiet", "student", "tf")
    assert scores["test_with_tensorflow"] == 1, "TensorFlow's log lines cost the test cell its points"
    assert scores["test_other_stderr"] == 0, "other stderr output must still count, as nbgrader intends"

    course.configure("c.IgnorePattern.enabled = False")  # control: TF really writes to stderr
    course.autograde("tf_quiet")
    assert course.cell_scores("tf_quiet", "student", "tf")["test_with_tensorflow"] == 0
