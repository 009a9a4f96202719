"""`nncourse grade` against broken, odd and hostile notebooks, graded in two batches.

Every hostile notebook is lesson 01's solution with one exercise (`relative_error`, 1 point, which
no other exercise runs) replaced by a cheat.  Each cheat must score 0 on that exercise, the seven
honest exercises of the same notebook must keep their 15 points, honest notebooks graded after the
hostile ones by the same workers must get full marks, and the batch must end with every row.

The hostile batch runs only in a sandbox that holds on this machine (bubblewrap, or as root the
grader's own private root or user id: never a plain child), and every payload is bounded by itself
(a few hundred sleeping forks, a few GB, two minutes of looping, tens of MB of output): were a limit
to regress, the test would fail, not take the machine down.  The broken and odd notebooks are
honest work and are graded in whatever this machine offers, unsandboxed included.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from testkit.sandboxes import HIDING_MODES, HOLDING, STRONGEST, needs_holding_sandbox, run_probe
from testkit.submissions import solution_cell_index, with_answers, write

from nncourse.autograder.batch import grade_paths
from nncourse.autograder.grader import grade_notebook
from nncourse.autograder.references import reference_path
from nncourse.autograder.sandbox import CHILD_ENV, Limits, available_modes
from nncourse.course.lessons import get_lesson
from nncourse.utils import plain

LESSON = get_lesson("01_backprop")
FULL, CHEAT_POINTS = 16, 1
LIMITS = Limits(timeout=10, memory_mb=2048)
HONEST = "    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))\n"
# Each payload's own bound, far below what would hurt this machine, far above the sandbox's limit.
FORKS, MEMORY_GB, LOOP_SECONDS, OUTPUT_MB = 600, 6, 120, 40
assert FORKS > LIMITS.processes and MEMORY_GB * 1024 > LIMITS.memory_mb and LOOP_SECONDS > LIMITS.timeout


def cheat(body: str, prelude: str = "") -> str:
    """A relative_error cell: ``prelude`` at top level, then the function with ``body``."""
    return f"{prelude}\ndef relative_error(a, b):\n{body}"


def cheats(out_dir, references, solution_file) -> dict[str, str]:
    """Each way a submission may try to break or fool the grader, as the code of relative_error."""
    return {
        "infinite_loop": cheat(
            f"    end = time.monotonic() + {LOOP_SECONDS}\n    while time.monotonic() < end:\n        pass\n" + HONEST,
            "import time",
        ),
        "memory_bomb": cheat(f"    hog = [np.ones(2 ** 25) for _ in range({MEMORY_GB * 4})]  # 256 MB each\n" + HONEST),
        # sleeping forks: the process limit must stop the loop long before its end
        "fork_bomb": cheat(
            f"    for _ in range({FORKS}):\n        if os.fork() == 0:\n            time.sleep(30)\n"
            "            os._exit(0)\n" + HONEST,
            "import os, time",
        ),
        "segfault": cheat("    ctypes.string_at(0)\n", "import ctypes"),
        "sys_exit_in_function": cheat("    sys.exit(0)\n", "import sys"),
        "sys_exit_at_top_level": cheat(HONEST, "import sys\nsys.exit(0)"),
        "os_exit": cheat("    os._exit(0)\n", "import os"),
        "sigkill_itself": cheat("    os.kill(os.getpid(), 9)\n", "import os"),
        # kill(-1) only where it can reach nothing but the sandbox: its own user id or process tree
        "kills_the_grader": cheat(
            "    os.kill(os.getppid(), 9)\n    if os.getuid() >= 1_000_000 or os.getpid() < 100:\n"
            "        os.kill(-1, 9)\n    return 0.0\n",
            "import os",
        ),
        "huge_output": cheat(f"    for _ in range({OUTPUT_MB * 100}):\n        print('x' * 10000)\n" + HONEST),
        "patches_checks_and_numpy": cheat(
            "    return 0.0\n",
            """
import numpy as np, numpy.testing, builtins
import nncourse.utils.checks as checks
import nncourse.utils.compare as compare
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *x, **k: np.ones(np.shape(a), bool)
np.testing.assert_allclose = lambda *a, **k: None
checks.expect_close = checks.expect_number = lambda *a, **k: None
checks.call = lambda fn, *a, **k: fn(*a, **k)
builtins.isinstance = lambda *a: True
""",
        ),
        "patches_the_grader_child": cheat(
            "    return 0.0\n",
            """
import nncourse.autograder.outcome as outcome, nncourse.utils.plain as plain
outcome.case_outcome = lambda *a, **k: (0.5, None)
plain.to_plain = lambda v: 0.5
""",
        ),
        "always_equal_object": cheat(
            "    return Yes()\n",
            """
class Yes(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return False
    def __gt__(self, other): return False
    def __abs__(self): return self
    def __sub__(self, other): return Yes()
    __rsub__ = __sub__
""",
        ),
        "suppresses_tracebacks": cheat(
            "    raise ValueError('nothing to see')\n",
            """
import sys
sys.excepthook = lambda *a: None
try:
    from IPython.core.interactiveshell import InteractiveShell
    InteractiveShell.showtraceback = lambda *a, **k: None
except Exception:
    pass
""",
        ),
        # the next cheats are right only when they manage what they try: under the sandbox they cannot
        "reads_references_and_solutions": cheat(
            f"    open({str(references)!r}).read()\n    open({str(solution_file)!r}).read()\n" + HONEST
        ),
        "detects_grader_by_environment": cheat(
            "    root = next(v for k, v in os.environ.items() if 'NNCOURSE' in k or 'NBGRADER' in k)\n"
            "    open(os.path.join(root, 'autograder', 'references', '01_backprop.json')).read()\n" + HONEST,
            "import os",
        ),
        "writes_fake_reports": cheat(
            f"    open({str(out_dir / 'grades.csv')!r}, 'w').write('fake')\n"
            f"    open({str(out_dir / 'cheat_fake_reports' / 'results.json')!r}, 'w').write('{{\"score\": 99}}')\n"
            + HONEST
        ),
    }


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The hostile notebooks, then honest ones graded by the same 2 workers, in a sandbox that holds."""
    if not HOLDING:
        pytest.skip("no sandbox that holds on this machine: hostile notebooks are never run without one")
    folder = tmp_path_factory.mktemp("class")
    out = tmp_path_factory.mktemp("grades")
    solution = nbformat.read(LESSON.solution, as_version=4)
    notebooks = {}
    for name, code in cheats(out, reference_path(LESSON), LESSON.solution).items():
        notebooks[f"cheat_{name}"] = write(
            with_answers(solution, {"relative_error": code}), submitted(folder, f"cheat_{name}")
        )
    # a numpy.py beside an honest notebook must not be imported by its grading
    (folder / "beside" / "numpy.py").parent.mkdir()
    (folder / "beside" / "numpy.py").write_text("raise SystemExit('the fake numpy was imported')\n")
    notebooks["numpy_beside"] = write(solution, folder / "beside" / "backprop.ipynb")
    for i in range(2):  # graded last, by workers that have just graded hostile notebooks
        notebooks[f"zz_honest_{i}"] = write(solution, folder / "zz" / f"honest_{i}" / "backprop.ipynb")
    env_before = os.environ.get("NNCOURSE_ROOT")
    os.environ["NNCOURSE_ROOT"] = str(LESSON.solution.parents[2])  # the grader's own environment names the course
    try:
        grades = grade_paths(
            [str(p) for p in notebooks.values()], out, jobs=2, limits=LIMITS, sandbox=HOLDING, progress=False
        )
    finally:
        if env_before is None:
            os.environ.pop("NNCOURSE_ROOT")
        else:
            os.environ["NNCOURSE_ROOT"] = env_before
    by_name = {name: next(g for g in grades if g.submission == str(path)) for name, path in notebooks.items()}
    return by_name, out, notebooks


@pytest.fixture(scope="module")
def odd_batch(tmp_path_factory):
    """Honest work in broken or unusual notebooks, graded in the strongest sandbox this machine has."""
    folder = tmp_path_factory.mktemp("odd")
    out = tmp_path_factory.mktemp("odd_grades")
    solution = nbformat.read(LESSON.solution, as_version=4)
    release = nbformat.read(LESSON.release, as_version=4)
    notebooks = {}
    for name, nb in odd_notebooks(solution, release).items():
        notebooks[name] = write(nb, submitted(folder, name))
    text = LESSON.solution.read_text()
    for name, content in [
        ("invalid_json", text.replace('"cells"', "'cells'", 1)),
        ("truncated", text[: len(text) // 2]),
    ]:
        notebooks[name] = submitted(folder, name)
        notebooks[name].parent.mkdir(parents=True)
        notebooks[name].write_text(content)
    notebooks["binary"] = submitted(folder, "binary")
    notebooks["binary"].parent.mkdir(parents=True)
    notebooks["binary"].write_bytes(bytes(range(256)) * 100)
    unknown = new_notebook_with([nbformat.v4.new_markdown_cell("My essay on perceptrons.")])
    notebooks["unknown_lesson"] = write(unknown, folder / "misc" / "essay.ipynb")
    grades = grade_paths(
        [str(p) for p in notebooks.values()], out, jobs=2, limits=LIMITS, sandbox=STRONGEST, progress=False
    )
    by_name = {name: next(g for g in grades if g.submission == str(path)) for name, path in notebooks.items()}
    return by_name, out, notebooks


def submitted(folder, student):
    """Where nbgrader keeps a student's submission of the lesson."""
    return folder / student / LESSON.id / f"{LESSON.name}.ipynb"


def new_notebook_with(cells, **metadata):
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata.update(metadata)
    return nb


def odd_notebooks(solution, release) -> dict:
    """Honest work in unusual shapes, and how many points each must get."""
    odd = {}
    index = solution_cell_index(solution, "relative_error")
    deleted = copy.deepcopy(solution)
    del deleted.cells[index]
    odd["deleted_cell"] = deleted
    duplicated = copy.deepcopy(solution)
    wrong_copy = copy.deepcopy(solution.cells[index])
    wrong_copy.source = cheat("    return 0.0\n")
    duplicated.cells.insert(index, wrong_copy)  # a wrong copy first, the right one last
    odd["duplicated_cell"] = duplicated
    split = copy.deepcopy(solution)
    sigmoid = solution_cell_index(split, "sigmoid")
    split.cells[sigmoid].source = "_exp = np.exp\n"
    split.cells.insert(sigmoid + 1, nbformat.v4.new_code_cell("def sigmoid(z):\n    return 1.0 / (1.0 + _exp(-z))\n"))
    odd["split_cell"] = split
    stripped = copy.deepcopy(solution)
    for cell in stripped.cells:
        cell.metadata.pop("nbgrader", None)
    odd["metadata_stripped"] = stripped
    markdown = copy.deepcopy(solution)
    cell = markdown.cells[index]
    markdown.cells[index] = nbformat.v4.new_markdown_cell(cell.source, metadata=cell.metadata)
    odd["solution_cell_as_markdown"] = markdown
    kernel = copy.deepcopy(solution)
    kernel.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    odd["kernelspec_swapped"] = kernel
    huge = copy.deepcopy(solution)
    huge.cells[index].outputs = [nbformat.v4.new_output("stream", name="stdout", text="y" * 30_000_000)]
    odd["huge_outputs"] = huge
    odd["v3_format"] = nbformat.convert(copy.deepcopy(solution), 3)
    odd["no_cells"] = new_notebook_with([])
    odd["blank_release"] = release
    odd["correct"] = solution
    return odd


def points(grade) -> dict[str, float]:
    return {e.function: e.points for e in grade.exercises}


UNHIDDEN = pytest.mark.skipif(
    HOLDING == "user",
    reason="a user id of its own cannot hide files that every user may "
    "read: the grader lists them instead (test_sandbox.py)",
)


def cheat_names():
    return [
        pytest.param(name, marks=UNHIDDEN) if name == "reads_references_and_solutions" else name
        for name in sorted(cheats(Path("out"), Path("references"), Path("solution")))
    ]


@needs_holding_sandbox
@pytest.mark.parametrize("name", cheat_names())
def test_each_cheat_scores_zero_and_the_rest_of_the_notebook_keeps_its_points(batch, name):
    grades, _, _ = batch
    grade = grades[f"cheat_{name}"]
    assert grade.status == "ok"
    assert points(grade)["relative_error"] == 0, grade.exercises[-2].feedback
    assert grade.score == FULL - CHEAT_POINTS, [(e.function, e.feedback) for e in grade.exercises if e.points == 0]


@needs_holding_sandbox
@pytest.mark.parametrize(
    "name, words",
    [
        ("infinite_loop", "ran too long"),
        ("memory_bomb", "MemoryError"),
        ("segfault", "SIGSEGV"),
        ("sys_exit_in_function", "sys.exit()"),
        ("sys_exit_at_top_level", "sys.exit()"),
        ("os_exit", "ended early"),
        ("sigkill_itself", "SIGKILL"),
        ("kills_the_grader", "killed"),
        ("huge_output", "printed more than"),
        ("always_equal_object", "not a number"),
        ("suppresses_tracebacks", "ValueError"),
        pytest.param("reads_references_and_solutions", "FileNotFoundError", marks=UNHIDDEN),
        ("fork_bomb", "Resource temporarily unavailable"),  # the process limit, not the loop's own end
    ],
)
def test_what_went_wrong_is_said_in_words(batch, name, words):
    grades, _, _ = batch
    feedback = next(e.feedback for e in grades[f"cheat_{name}"].exercises if e.function == "relative_error")
    assert any(w in feedback for w in words.split("|")), feedback


@needs_holding_sandbox
def test_honest_notebooks_graded_after_hostile_ones_get_full_marks(batch):
    grades, _, _ = batch
    for name in ("zz_honest_0", "zz_honest_1", "numpy_beside"):
        assert grades[name].score == FULL and grades[name].status == "ok", name


@needs_holding_sandbox
def test_grades_csv_has_every_row_and_no_fake(batch):
    grades, out, notebooks = batch
    with open(out / "grades.csv", newline="") as f:
        rows = {row["submission"]: row for row in csv.DictReader(f)}
    assert set(rows) == {str(p) for p in notebooks.values()}
    assert rows[str(notebooks["zz_honest_0"])]["score"] == str(FULL)
    assert rows[str(notebooks["cheat_writes_fake_reports"])]["test_relative_error"] == "0"
    assert not (out / "cheat_fake_reports").exists()
    results_files = list(out.rglob("results.json"))
    assert len(results_files) == len(notebooks)
    for path in results_files:
        data = json.loads(path.read_text())
        assert data["score"] <= FULL and "tests" in data


@pytest.mark.parametrize(
    "name, score, status",
    [
        ("correct", FULL, "ok"),
        ("blank_release", 0, "ok"),
        ("deleted_cell", FULL - 1, "ok"),
        ("duplicated_cell", FULL, "ok"),
        ("split_cell", FULL, "ok"),
        ("metadata_stripped", FULL, "ok"),
        ("solution_cell_as_markdown", FULL, "ok"),
        ("kernelspec_swapped", FULL, "ok"),
        ("huge_outputs", FULL, "ok"),
        ("v3_format", FULL, "ok"),
        ("no_cells", 0, "empty notebook"),
        ("invalid_json", 0, "unreadable: invalid JSON"),
        ("truncated", 0, "unreadable: invalid JSON"),
        ("binary", 0, "unreadable"),
        ("unknown_lesson", 0, "unknown lesson"),
    ],
)
def test_odd_and_broken_notebooks_get_a_clear_status(odd_batch, name, score, status):
    grades, _, _ = odd_batch
    grade = grades[name]
    assert grade.status_text.startswith(status), grade.status_text
    assert grade.score == score, [(e.function, e.feedback) for e in grade.exercises if e.points == 0]


def test_a_damaged_notebook_still_has_its_lesson_and_cells_in_the_csv(odd_batch):
    grades, _, _ = odd_batch
    grade = grades["truncated"]
    assert grade.lesson == LESSON.id and grade.max_score == FULL and len(grade.exercises) == 8


def test_notes_explain_what_was_unusual(odd_batch):
    grades, _, _ = odd_batch
    assert any("Markdown" in n or "markdown" in n for n in grades["solution_cell_as_markdown"].notes)
    assert any("'ir'" in n for n in grades["kernelspec_swapped"].notes)
    assert any("nbformat 3" in n for n in grades["v3_format"].notes)
    assert any("without its grade id" in n for n in grades["split_cell"].notes)


def test_feedback_never_shows_hidden_inputs_or_expected_values(tmp_path):
    """A wrong answer's feedback names the kind of case and the kind of error, not the numbers."""
    nb = with_answers(
        nbformat.read(LESSON.solution, as_version=4),
        {"relative_error": cheat("    return float(np.max(np.abs(a - b)))\n")},
    )
    grade = grade_notebook(str(write(nb, tmp_path / "backprop.ipynb")), LIMITS, STRONGEST)
    feedback = next(e.feedback for e in grade.exercises if e.function == "relative_error")
    assert "hidden cases" in feedback
    reference = plain.loads(reference_path(LESSON).read_text())["relative_error"]
    for value in reference:
        assert f"{value:.3e}"[:5] not in feedback and f"{value:.4f}"[:6] not in feedback


def test_regrading_gives_the_same_reports(tmp_path):
    nb = with_answers(
        nbformat.read(LESSON.solution, as_version=4),
        {"backprop": cheat("    return 0.0\n").replace("relative_error(a, b)", "backprop(w, b, X, Y)")},
    )
    path = write(nb, tmp_path / "in" / "backprop.ipynb")
    reports = []
    for attempt in range(2):
        out = tmp_path / f"out{attempt}"
        grade_paths([str(path)], out, limits=LIMITS, sandbox=STRONGEST, progress=False)
        reports.append(
            (
                (out / "grades.csv").read_text(),
                (out / "backprop" / "feedback.md").read_text(),
                json.loads((out / "backprop" / "results.json").read_text()),
            )
        )
    for report in reports:
        report[2].pop("execution_time")
    assert reports[0] == reports[1]
    assert "backprop" in reports[0][1] and ",0," in reports[0][0]


@pytest.mark.parametrize("mode", HIDING_MODES)
def test_the_sandbox_hides_the_course_and_its_grader(mode):
    """What an exercise can see: no references, cases, solutions, tests or grade book; no grader
    variables in its environment; no network; and it is not root."""
    root = LESSON.solution.parents[2]
    secrets = [
        str(root / "autograder" / "references"),
        str(root / "autograder" / "cases"),
        str(root / "solutions"),
        str(root / "tests"),
        str(root / "autograder" / "grader.py"),
        str(Path.home() / ".cache"),
        str(LESSON.release),
    ]
    probe = (
        f"import os, socket\nhidden = [p for p in {secrets!r} if os.path.exists(p)]\n"
        "def f():\n"
        "    try:\n        socket.create_connection(('127.0.0.1', 22), timeout=1)\n        net = 'open'\n"
        "    except OSError:\n        net = 'closed'\n"
        "    return {'visible': ','.join(hidden), 'env': ','.join(sorted(os.environ)), 'net': net,\n"
        "            'cwd': os.getcwd(), 'uid': os.getuid()}\n"
    )
    value = run_probe(probe, mode, LIMITS)
    assert value["visible"] == ""
    assert set(value["env"].split(",")) - {"PWD"} == set(CHILD_ENV)  # bubblewrap sets PWD
    assert value["net"] == "closed"
    assert value["uid"] != 0


@pytest.mark.parametrize("mode", HIDING_MODES)
def test_a_course_that_lives_under_tmp_stays_visible_in_the_sandbox(monkeypatch, mode):
    """The sandbox's private /tmp must not hide the virtual environment or the course's code when
    they were installed under /tmp (an instructor's scratch checkout, a CI runner)."""
    from nncourse.autograder import sandbox as sandbox_module

    folder = Path(tempfile.mkdtemp(dir="/tmp", prefix="nncourse-venv-"))
    (folder / "marker.py").write_text("")
    folder.chmod(0o755)
    real = sandbox_module._runtime_folders()
    monkeypatch.setattr(sandbox_module, "_runtime_folders", lambda: real | {str(folder)})
    try:
        value = run_probe(
            f"import os\ndef f():\n    return 'seen' if os.path.exists({str(folder / 'marker.py')!r}) else 'hidden'\n",
            mode,
            LIMITS,
        )
    finally:
        shutil.rmtree(folder)
    assert value == "seen"


def test_grade_command_line(tmp_path):
    """`nncourse grade` from the shell: exit 0 whatever the scores, the reports where the contract says."""
    write(nbformat.read(LESSON.solution, as_version=4), tmp_path / "in" / "alice" / "backprop.ipynb")
    (tmp_path / "in" / "bob.ipynb").write_text("{")
    unsandboxed = ["--unsandboxed"] if STRONGEST == "none" else []  # honest work, where no sandbox holds
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nncourse",
            "grade",
            str(tmp_path / "in"),
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "2",
            "--quiet",
            *unsandboxed,
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(open(tmp_path / "out" / "grades.csv")))
    assert [r["status"] for r in rows] == [
        "ok",
        "unreadable: invalid JSON (line 1): the notebook file is damaged or truncated",
    ]
    assert list(rows[0])[:5] == ["submission", "lesson", "score", "max_score", "status"]
    assert (tmp_path / "out" / "alice" / "backprop" / "results.json").is_file()
    assert (tmp_path / "out" / "bob" / "feedback.md").is_file()


@pytest.mark.parametrize("mode", available_modes())
def test_every_mode_grades_honest_work_and_cleans_up_only_after_itself(tmp_path, mode):
    """In every sandbox this machine offers, plain child included: full marks, and the clean-up
    after each exercise (killing leftovers, emptying its temporary folder) spares everything else."""
    write(nbformat.read(LESSON.solution, as_version=4), tmp_path / "in" / "backprop.ipynb")
    bystander = subprocess.Popen(["sleep", "120"])
    try:
        grades = grade_paths([str(tmp_path / "in")], tmp_path / "out", limits=LIMITS, sandbox=mode, progress=False)
        assert bystander.poll() is None, "grading killed a process that was not its own"
    finally:
        bystander.kill()
    assert (tmp_path / "in" / "backprop.ipynb").is_file(), "grading emptied a temporary folder not its own"
    assert grades[0].score == FULL, [e.feedback for e in grades[0].exercises if e.points == 0]
