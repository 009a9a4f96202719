"""The grader's sandboxes, mode by mode: what each one's limits stop, who its child is, and what
the grader does where no sandbox can be made.

Every payload here is bounded by itself (a loop of at most FORKS sleeping forks), so that these
tests stay harmless on any machine even if a limit regressed: they would fail, nothing more.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest
from testkit.sandboxes import STRONGEST, run_probe
from testkit.submissions import write

from nncourse import cli
from nncourse.autograder import batch as batch_module
from nncourse.autograder import sandbox as sandbox_module
from nncourse.autograder.batch import grade_paths, isolation_warning
from nncourse.autograder.cgroups import Cgroup
from nncourse.autograder.confine import readable_by_others, readable_secrets
from nncourse.autograder.sandbox import SANDBOX_UID_BASE, Limits, NoSandbox, available_modes, isolation_mode
from nncourse.course.lessons import get_lesson

LESSON = get_lesson("01_backprop")
LIMITS = Limits(timeout=30, processes=40)
FORKS = 400  # sleeping forks: ten times the limit, and harmless on any machine if the limit failed
ROOT = os.geteuid() == 0

FORK_PROBE = f"""
import os, time
def f():
    started = 0
    try:
        for _ in range({FORKS}):
            if os.fork() == 0:
                time.sleep(20)
                os._exit(0)
            started += 1
    except OSError as exc:
        return {{"started": started, "stopped_by": type(exc).__name__, "uid": os.getuid()}}
    return {{"started": started, "stopped_by": "", "uid": os.getuid()}}
"""


def limit_holds(mode: str) -> bool:
    return mode != "none" or not ROOT  # root ignores the process limit: that is why "none" is refused


@pytest.mark.parametrize("mode", available_modes())
def test_the_process_limit_stops_a_loop_of_forks(mode):
    if not limit_holds(mode):
        pytest.skip("a plain child as root is not bounded by the process limit (the grader refuses it unasked)")
    value = run_probe(FORK_PROBE, mode, LIMITS)
    assert value["stopped_by"] == "BlockingIOError", value
    assert value["started"] <= LIMITS.processes, value


@pytest.mark.parametrize(
    "mode",
    [m for m in available_modes() if m != "none"]
    or [pytest.param("bwrap", marks=pytest.mark.skip(reason="no sandbox that holds here"))],
)
def test_a_root_grader_never_runs_a_submission_as_root(mode):
    value = run_probe(
        "import os\ndef f():\n    return [os.getuid(), os.geteuid(), os.getgid(), os.getgroups()]\n", mode, LIMITS
    )
    uid, euid, gid, groups = value
    assert uid != 0 and euid != 0 and gid != 0 and 0 not in groups
    if ROOT:
        assert uid >= SANDBOX_UID_BASE, "each sandbox has a user id of its own"


@pytest.mark.skipif(not ROOT, reason="only root can make cgroups here")
def test_a_root_grader_caps_the_sandbox_in_a_cgroup_where_it_can(monkeypatch):
    made = []
    real = Cgroup.create

    def create(*args, **kwargs):
        cgroup = real(*args, **kwargs)
        made.append(cgroup)
        return cgroup

    monkeypatch.setattr(sandbox_module.Cgroup, "create", create)
    modes = [m for m in available_modes() if m in ("private", "user")]  # bubblewrap's cgroup namespace hides the path
    if not modes:
        pytest.skip("only the grader's own sandboxes show their cgroup from inside")
    probe = "def f():\n    return open('/proc/self/cgroup').read()\n"
    value = run_probe(probe, modes[0], LIMITS)
    if made[0] is None:
        pytest.skip("this machine lets no cgroup be made")
    for folder in made[0].folders:
        assert folder.name in value, "the child runs inside its cgroup"
        assert not folder.exists(), "the cgroup is removed with the sandbox"


def test_no_sandbox_means_no_grading_unless_asked(tmp_path, monkeypatch, capsys):
    """Where nothing holds (no bubblewrap, not root), `nncourse grade` refuses before running
    anything, says why, and grades with --unsandboxed only, warning again."""
    monkeypatch.setattr(sandbox_module, "mode_works", lambda mode: mode == "none")
    monkeypatch.setattr(cli, "available_modes", lambda: ["none"])
    write(nbformat.read(LESSON.solution, as_version=4), tmp_path / "in" / "backprop.ipynb")
    with pytest.raises(NoSandbox, match="bubblewrap"):
        isolation_mode()
    with pytest.raises(NoSandbox):
        grade_paths([str(tmp_path / "in")], tmp_path / "out", limits=LIMITS, progress=False)
    assert not (tmp_path / "out").exists(), "nothing was graded"

    assert cli.main(["grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "no sandbox can be made here" in err and "--unsandboxed" in err and "apt-get install bubblewrap" in err

    if ROOT:
        return  # a plain child as root would not be bounded: grading honest work that way is shown as non-root
    assert cli.main(["grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet", "--unsandboxed"]) == 0
    assert "--unsandboxed: submissions run as your own user" in capsys.readouterr().err
    assert (tmp_path / "out" / "grades.csv").is_file()


def test_a_mode_that_cannot_run_here_is_refused_with_its_reason(monkeypatch):
    monkeypatch.setattr(sandbox_module, "mode_works", lambda mode: mode == "none")
    for mode, words in [("bwrap", "bubblewrap"), ("private", "CAP_SYS_ADMIN"), ("user", "/root")]:
        with pytest.raises(NoSandbox, match=words):
            isolation_mode(mode)
    with pytest.raises(ValueError, match="unknown sandbox"):
        isolation_mode("docker")


@pytest.fixture
def open_folder():
    """A folder that other users may enter (pytest's own tmp_path is private to its user)."""
    folder = Path(tempfile.mkdtemp(dir="/tmp", prefix="nncourse-modes-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_without_a_private_root_the_grader_names_what_it_could_not_hide(open_folder):
    tmp_path = open_folder
    shown = tmp_path / "shown"
    shown.mkdir()
    (shown / "answers.json").write_text("{}")
    hidden = tmp_path / "hidden"
    hidden.mkdir(mode=0o700)
    for folder in [tmp_path, *tmp_path.parents]:
        if not folder.stat().st_mode & stat.S_IXOTH:
            pytest.skip(f"{folder} is not traversable by other users here")
    shown.chmod(0o755)
    assert readable_by_others(shown / "answers.json") and not readable_by_others(hidden)
    assert readable_secrets([shown, hidden, tmp_path / "absent"]) == [shown]
    warning = isolation_warning("user", [shown], tmp_path / "out")
    assert str(shown) in warning and str(hidden) not in warning and "apt-get install bubblewrap" in warning
    assert isolation_warning("bwrap", [shown], tmp_path) is None
    assert "--unsandboxed" in isolation_warning("none", [shown], tmp_path)


def test_grading_says_which_sandbox_it_uses(tmp_path, capsys):
    write(nbformat.read(LESSON.solution, as_version=4), tmp_path / "in" / "backprop.ipynb")
    grade_paths([str(tmp_path / "in")], tmp_path / "out", limits=LIMITS, sandbox=STRONGEST, progress=False)
    err = capsys.readouterr().err
    expected = {"bwrap": "", "private": "private mount namespace", "user": "readable by them", "none": "--unsandboxed"}[
        STRONGEST
    ]
    assert expected in err if expected else batch_module.NO_BWRAP not in err


def test_the_fallback_never_goes_on_as_root(monkeypatch):
    """If dropping root silently failed, the child stops before running anything."""
    from nncourse.autograder import confine

    if not ROOT:
        pytest.skip("only root drops privileges")
    plan = confine.Plan(1 << 30, 1 << 20, 64, uid=0)  # "becoming" root: the check must stop it
    done = subprocess.run(["/bin/true"], preexec_fn=lambda: confine.enter(plan))
    assert done.returncode == 126
