"""`nncourse grade --executor dask://...`: the same grading on a Dask cluster's workers.

A LocalCluster of worker processes on loopback stands in for the cluster: the reports must be the
same as a local run's, and a worker killed in the middle of a batch must lose no row.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import nbformat
import pytest
from testkit.sandboxes import STRONGEST
from testkit.submissions import mixed_answers, with_answers, write

from nncourse.autograder.batch import grade_paths
from nncourse.autograder.sandbox import Limits
from nncourse.course.lessons import get_lesson

distributed = pytest.importorskip("distributed")
LESSON = get_lesson("01_backprop")
LIMITS = Limits(timeout=20)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=3, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local_cluster:
        yield local_cluster


def dask_address(cluster) -> str:
    return "dask://" + cluster.scheduler_address.removeprefix("tcp://")


def class_folder(root, slow: bool = False):
    solution = nbformat.read(LESSON.solution, as_version=4)
    kinds = {
        "correct": solution,
        "blank": nbformat.read(LESSON.release, as_version=4),
        "mixed": with_answers(solution, mixed_answers(LESSON)),
        "kills_its_sandbox": with_answers(
            solution, {"relative_error": "import os\ndef relative_error(a, b):\n    os.kill(os.getppid(), 9)\n"}
        ),
    }
    if slow:  # every notebook takes a while, so that a worker can be killed in the middle of the batch
        kinds = {
            f"slow{i}": with_answers(solution, {"accuracy": "import time\ntime.sleep(1.5)\n" + _accuracy(solution)})
            for i in range(9)
        }
    for student, nb in kinds.items():
        write(nb, root / student / LESSON.id / LESSON.solution.name)
    return kinds


def _accuracy(solution) -> str:
    return next(c.source for c in solution.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "accuracy")


def reports(out):
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            text = path.read_text()
            if path.name == "results.json":
                data = json.loads(text)
                data.pop("execution_time")
                text = json.dumps(data, sort_keys=True)
            found[str(path.relative_to(out))] = text
    return found


def test_cluster_gives_exactly_the_local_reports(cluster, tmp_path):
    class_folder(tmp_path / "submitted")
    grade_paths([str(tmp_path / "submitted")], tmp_path / "local", limits=LIMITS, sandbox=STRONGEST, progress=False)
    grades = grade_paths(
        [str(tmp_path / "submitted")],
        tmp_path / "cluster",
        limits=LIMITS,
        sandbox=STRONGEST,
        executor=dask_address(cluster),
        progress=False,
    )
    assert reports(tmp_path / "local") == reports(tmp_path / "cluster")
    assert len(grades) == 4
    killer = next(g for g in grades if "kills_its_sandbox" in g.submission)
    assert killer.status == "ok" and killer.score == 15  # the rest of that notebook kept its points


def test_a_worker_killed_in_the_middle_of_a_batch_loses_no_grade(cluster, tmp_path):
    students = class_folder(tmp_path / "submitted", slow=True)
    client = distributed.Client(cluster)
    victim = next(iter(client.run(os.getpid).values()))
    done = {}
    batch = threading.Thread(
        target=lambda: done.setdefault(
            "grades",
            grade_paths(
                [str(tmp_path / "submitted")],
                tmp_path / "out",
                limits=LIMITS,
                sandbox=STRONGEST,
                executor=dask_address(cluster),
                progress=False,
            ),
        )
    )
    batch.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(client.processing().values()):
        time.sleep(0.1)
    time.sleep(1.0)  # the victim is in the middle of a notebook
    os.kill(victim, signal.SIGKILL)
    batch.join(timeout=600)
    client.close()
    grades = done["grades"]
    assert len(grades) == len(students)
    assert all(g.status == "ok" and g.score == 16 for g in grades), [(g.submission, g.status, g.score) for g in grades]
    rows = (tmp_path / "out" / "grades.csv").read_text().splitlines()
    assert len(rows) == 1 + len(students)


def test_unknown_executor_is_refused(tmp_path):
    class_folder(tmp_path / "submitted")
    with pytest.raises(ValueError, match="dask://"):
        grade_paths([str(tmp_path / "submitted")], tmp_path / "out", executor="spark://x:1", progress=False)
