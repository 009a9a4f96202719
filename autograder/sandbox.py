"""Running one exercise of a submission in a child process that cannot hurt the grade book.

A lesson's sandbox is a warm child (``autograder/child.py``) that has run the lesson's setup cells;
each exercise runs in a fresh fork of it, with:

* **limits**: wall-clock time, address space, processes and threads, printed output, result size,
  and where the machine allows it a control group capping the whole sandbox (``cgroups.py``);
* **isolation**, the best this machine offers (``isolation_mode``):

  - ``bwrap``: bubblewrap gives a private filesystem that holds the Python runtime and the course's
    helpers but not the reference outputs, hidden cases, solutions, grade book or other
    submissions; no network; its own process tree; an empty environment;
  - ``private`` (root without bubblewrap): the same private filesystem and no network, made by the
    grader itself in a mount namespace (``confine.py``);
  - ``user`` (root, no mount namespace): a user id of its own and the limits; the grader says which
    of the course's files that user can still read;
  - ``none``: a plain child of the grader's own user.  Only when asked for (``--unsandboxed``): as
    that user a submission could write the grade book or kill the grader's processes.

A root grader never runs a student's code as root: each sandbox gets an unprivileged user id of its
own before its Python starts (or, inside bubblewrap, before it reads its first frame), so the
process limit counts its processes only.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import itertools
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from nncourse.utils.i18n import _

from . import confine
from .cgroups import Cgroup
from .child import FRAME, tasks_of_this_user

#: The child's whole environment: the same for every exercise, and nothing that names the grader.
CHILD_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/tmp",
    "LANG": "C.UTF-8",
    "MPLBACKEND": "Agg",
    "MPLCONFIGDIR": "/tmp/matplotlib",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
}
SANDBOX_UID_BASE = 1_000_000  # root gives each sandbox a user id from here on
WARM_CHILD_THREADS = 256  # the warm child's own threads (TensorFlow starts many), on top of an exercise's
CGROUP_MEMORY_MARGIN_MB = 1024  # the cgroup caps the whole sandbox: warm child and exercise
CHILD_MODULES = ("__init__.py", "outcome.py", "child.py")  # all of the autograder a child sees
SETUP_TIMEOUT = 120.0  # seconds for a sandbox's setup cells (importing TensorFlow on a busy laptop)


@dataclass(frozen=True)
class Limits:
    timeout: float = 60.0  # seconds of wall-clock time per exercise
    memory_mb: int = 4096  # address space; TensorFlow alone maps about 2 GB
    processes: int = 256  # processes and threads the exercise may add
    output_kb: int = 1024  # what the exercise may print
    result_mb: int = 64  # the JSON report
    files_mb: int = 64  # what it may write, in its private /tmp


@dataclass
class ChildRun:
    """What came back from a child: its JSON report (text) when it finished, and how it ended."""

    report: str | None
    returncode: int | None
    timed_out: bool = False
    output_exceeded: bool = False
    report_exceeded: bool = False
    seconds: float = 0.0
    output_tail: bytes = b""  # for the instructor's debugging only: never shown to students
    startup_failure: str | None = None

    def failure(self, limits: Limits) -> str | None:
        """Why no report came back, in words; None when one did."""
        if self.report is not None:
            return None
        if self.startup_failure:
            return self.startup_failure
        if self.timed_out:
            return _("stopped after {seconds} s: it ran too long (an infinite loop, or far too much work?)").format(
                seconds=f"{limits.timeout:g}"
            )
        if self.output_exceeded:
            return _("stopped: it printed more than {kb} KB").format(kb=limits.output_kb)
        if self.report_exceeded:
            return _("stopped: its results were larger than {mb} MB").format(mb=limits.result_mb)
        code = self.returncode
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
            if name == "SIGKILL":
                return _("the process was killed (SIGKILL: out of memory, or the code killed itself)")
            return _("the process crashed ({signal})").format(signal=name)
        if code is not None and code > 128 and code - 128 in signal.valid_signals():
            return _("the process was killed ({signal})").format(signal=signal.Signals(code - 128).name)
        return _("the process ended early with exit code {code} (os._exit, or a crash) before reporting").format(
            code=code
        )


MODES = ("bwrap", "private", "user", "none")  # from the strongest isolation to none
AUTO = "auto"  # the strongest this machine offers; never "none"


class NoSandbox(RuntimeError):
    """No isolation that holds can be had here, and running unsandboxed was not asked for."""


@functools.cache
def bubblewrap() -> str | None:
    """The bwrap program when it is installed and works here (user namespaces allowed), else None."""
    path = shutil.which("bwrap")
    if path is None or "bwrap" in hidden_modes():
        return None
    try:
        done = subprocess.run(
            [path, "--ro-bind", "/", "/", "--unshare-all", "--", "/bin/true"], capture_output=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if done.returncode == 0 else None


def available_modes() -> list[str]:
    """The isolation modes that work on this machine, strongest first ("none" always does)."""
    return [mode for mode in MODES if mode_works(mode)]


def hidden_modes() -> set[str]:
    """NNCOURSE_HIDE_SANDBOXES="bwrap private" makes the grader act as if those could not run here,
    so that the fallbacks are tested on a machine that has the stronger ones."""
    return set(os.environ.get("NNCOURSE_HIDE_SANDBOXES", "").replace(",", " ").split())


@functools.cache
def mode_works(mode: str) -> bool:
    if mode == "none":
        return True
    if mode in hidden_modes():
        return False
    if mode == "bwrap":
        return bubblewrap() is not None
    if os.geteuid() != 0:  # "private" and "user" give the child a user id of its own: root only
        return False
    if mode == "user" and not all(confine.readable_by_others(Path(f)) for f in _runtime_folders()):
        return False  # e.g. Python under /root (mode 700): a user of its own cannot start it
    with tempfile.TemporaryDirectory(prefix="nncourse-probe-") as scratch:
        plan = _plan(mode, Limits(), _sandbox_uid(), Path(scratch), _matplotlib_config(Path(scratch)))
        try:  # the child's own start: Python, as that user, importing the child's module
            done = subprocess.run(
                [sys.executable, "-I", "-c", "import nncourse.autograder.child"],
                env=_child_env(mode, Path(scratch)),
                cwd=None if mode == "private" else scratch,
                capture_output=True,
                timeout=60,
                preexec_fn=functools.partial(confine.enter, plan),
            )
        except (OSError, subprocess.SubprocessError):
            return False
    return done.returncode == 0


def isolation_mode(requested: str = AUTO) -> str:
    """The mode a sandbox runs in: ``requested`` itself, or for "auto" the strongest available.

    Raises NoSandbox when "auto" finds nothing that holds, or the mode requested does not work here."""
    if requested == AUTO:
        for mode in MODES[:-1]:
            if mode_works(mode):
                return mode
        raise NoSandbox(NO_SANDBOX)
    if requested not in MODES:
        raise ValueError(f"unknown sandbox {requested!r}: choose from auto, {', '.join(MODES)}")
    if not mode_works(requested):
        raise NoSandbox(f"the {requested!r} sandbox cannot run here: " + WHY_NOT[requested])
    return requested


NO_SANDBOX = (
    "no sandbox can be made here: bubblewrap (bwrap) is not installed or cannot make namespaces, and "
    "this grader is not root, so it cannot give submissions a user id of their own. A submission "
    "running as you could then overwrite the grade book, read the reference outputs and kill your "
    "processes. Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap), or grade as root, or, "
    "only for notebooks you trust, pass --unsandboxed."
)
WHY_NOT = {
    "bwrap": "bubblewrap (bwrap) is not installed or cannot create namespaces",
    "private": "it needs root and the right to make mount namespaces (CAP_SYS_ADMIN)",
    "user": "it needs root, and a Python that other users can read (not one under /root)",
}


class Sandbox:
    """A warm child (``autograder/child.py``) that has run a lesson's setup cells and runs exercises.

    ``run(task)`` gives each exercise a fresh fork of the warm child; when an exercise breaks a limit
    or kills the warm child, the whole sandbox is killed and the next ``run`` starts a new one.
    isolation: "auto" or one of MODES (see ``isolation_mode``).
    """

    def __init__(self, setup: bytes, limits: Limits, isolation: str = AUTO):
        self.setup, self.limits, self.isolation = setup, limits, isolation
        self.process = None
        self.cgroup = None

    def run(self, task: bytes) -> ChildRun:
        started = time.monotonic()
        if self.process is None:
            problem = self._start()
            if problem:
                self.close()
                return ChildRun(
                    report=None, returncode=None, startup_failure=problem, seconds=time.monotonic() - started
                )
        run = self._exchange(task, self.limits.timeout)
        if run.report is None:
            self.close()  # whatever happened in there, the next exercise gets a new sandbox
        run.seconds = time.monotonic() - started
        return run

    def close(self) -> None:
        if self.process is not None:
            _kill(self.process)
            os.close(self.result_fd)
            if self.cgroup:
                self.cgroup.close()
            self.scratch.cleanup()
            self.process = None

    def _start(self) -> str | None:
        """Start the warm child and run the setup cells; None, or why it could not start."""
        mode = isolation_mode(self.isolation)
        uid = _sandbox_uid() if os.geteuid() == 0 else None
        read_fd, write_fd = os.pipe()
        self.scratch = tempfile.TemporaryDirectory(prefix="nncourse-sandbox-")
        scratch = Path(self.scratch.name)
        mplconfig = _matplotlib_config(scratch)
        limits = self.limits
        # how the warm child cleans up after an exercise: kill(-1) where it is alone with its user id
        # or in its own process tree, and empty /tmp where that is its own
        cleanup = {"bwrap": "isolated", "private": "isolated", "user": "own-user", "none": "shared"}[mode]
        child = [
            sys.executable,
            "-I",
            "-B",
            "-m",
            "nncourse.autograder.child",
            str(write_fd),
            str(limits.processes),
            cleanup,
        ]
        plan = _plan(mode, limits, uid, scratch, mplconfig)
        cwd = None if mode in ("bwrap", "private") else str(scratch)
        if mode == "bwrap":
            command = _bwrap_command(bubblewrap(), child, mplconfig, limits, uid)
            if uid is not None:
                command += [str(uid)]  # the child drops root for this uid, inside the sandbox
        else:
            command = child
        if uid is not None:
            self.cgroup = Cgroup.create(
                f"nncourse-sandbox-{uid}", plan.processes, (limits.memory_mb + CGROUP_MEMORY_MARGIN_MB) * 1024 * 1024
            )
            if self.cgroup:
                plan = dataclasses.replace(plan, cgroup_procs=self.cgroup.procs_files)
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(write_fd,),
                env=_child_env(mode, scratch),
                cwd=cwd,
                start_new_session=True,
                preexec_fn=functools.partial(confine.enter, plan),
            )
        except subprocess.SubprocessError as exc:  # the confinement itself failed, in the child
            os.close(read_fd)
            return f"the grader's sandbox could not start: {exc}"
        finally:
            os.close(write_fd)
        self.result_fd = read_fd
        os.set_blocking(self.process.stdout.fileno(), False)
        ready = self._exchange(self.setup, max(limits.timeout, SETUP_TIMEOUT))
        if ready.report is None:
            return (
                f"the grader's sandbox could not start: {ready.failure(limits)}; last output: "
                f"{ready.output_tail[-500:].decode(errors='replace')}"
            )
        return None

    def _exchange(self, frame: bytes, timeout: float) -> ChildRun:
        """Send one frame; wait for the answering frame while counting output, within the limits."""
        deadline = time.monotonic() + timeout
        run = ChildRun(report=None, returncode=None)
        try:
            self.process.stdin.write(FRAME.pack(len(frame)) + frame)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            run.returncode = self.process.poll() if self.process.poll() is not None else -signal.SIGKILL
            return run
        answer, output_size = bytearray(), 0
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ, "output")
            selector.register(self.result_fd, selectors.EVENT_READ, "answer")
            while True:
                if len(answer) >= FRAME.size and len(answer) >= FRAME.size + FRAME.unpack(answer[: FRAME.size])[0]:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    run.timed_out = True
                    return run
                events = selector.select(timeout=min(remaining, 1.0))
                for key, _mask in events:
                    try:
                        chunk = os.read(key.fd, 1 << 16)
                    except BlockingIOError:
                        continue
                    if not chunk:  # the warm child is gone
                        selector.unregister(key.fileobj)
                        if key.data == "answer":
                            run.returncode = _exit_code(self.process)
                            return run
                    elif key.data == "output":
                        output_size += len(chunk)  # counted, never shown: it could hold hidden inputs
                        run.output_tail = (run.output_tail + chunk)[-4096:]
                        if output_size > self.limits.output_kb * 1024:
                            run.output_exceeded = True
                            return run
                    else:
                        answer += chunk
                        if len(answer) > self.limits.result_mb * 1024 * 1024 + 1024:
                            run.report_exceeded = True
                            return run
        try:
            message = json.loads(bytes(answer[FRAME.size :]))
        except ValueError:
            return run
        if message.get("ready"):
            run.report = ""
            return run
        run.returncode = message["status"]
        run.report = message["report"]
        return run


def _exit_code(process) -> int | None:
    try:
        return process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return None


def _sandbox_uid() -> int:
    """A user id of its own for each sandbox (the process limit counts per user).  User ids belong to
    the machine, not to one grader, so they are numbered per process: two graders of one process
    never share one."""
    return SANDBOX_UID_BASE + (os.getpid() % 100_000) * 100 + next(_SANDBOX_NUMBERS) % 100


_SANDBOX_NUMBERS = itertools.count(1)


def _kill(process) -> None:
    """Kill the child's whole process group (the sandbox and all it started)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
    for stream in (process.stdin, process.stdout):
        try:
            stream.close()
        except (OSError, ValueError):
            pass


def _plan(mode: str, limits: Limits, uid: int | None, scratch: Path, mplconfig: Path) -> confine.Plan:
    """How the child of a sandbox in ``mode`` is confined (``confine.enter`` carries it out)."""
    processes = limits.processes + WARM_CHILD_THREADS
    if os.geteuid() != 0:  # not root: the process limit counts all of this user's processes
        processes += tasks_of_this_user()
    plan = confine.Plan(limits.memory_mb * 1024 * 1024, limits.files_mb * 1024 * 1024, processes)
    if mode in ("private", "user"):
        plan = dataclasses.replace(plan, uid=uid)
    if mode == "private":
        root = scratch / "root"
        root.mkdir()
        autograder = Path(__file__).resolve().parent
        plan = dataclasses.replace(
            plan,
            **confine.private_root_plan(
                str(root),
                _runtime_folders(),
                str(autograder),
                [str(autograder / f) for f in CHILD_MODULES],
                str(mplconfig),
                limits.files_mb * 1024 * 1024,
            ),
        )
    if mode == "user" and uid is not None:  # its working and temporary folders are its own
        (scratch / "tmp").mkdir(exist_ok=True)
        for folder in (scratch, scratch / "tmp"):
            os.chown(folder, uid, uid)
    return plan


def _child_env(mode: str, scratch: Path) -> dict[str, str]:
    """The child's whole environment.  Outside a private root, /tmp is the machine's: the child's
    temporary folder is a private one (the child empties it after each exercise)."""
    if mode in ("bwrap", "private"):
        return dict(CHILD_ENV)
    (scratch / "tmp").mkdir(exist_ok=True)
    return {
        **CHILD_ENV,
        "MPLCONFIGDIR": str(scratch / "matplotlib"),
        "HOME": str(scratch),
        "TMPDIR": str(scratch / "tmp"),
    }


def _matplotlib_config(scratch: Path) -> Path:
    """A writable matplotlib folder holding a ready font cache (building one costs half a second)."""
    target = scratch / "matplotlib"
    shutil.copytree(_prepared_matplotlib_config(), target)
    scratch.chmod(0o755)
    for path in [target, *target.iterdir()]:
        path.chmod(0o777 if path.is_dir() else 0o666)  # whichever user the child becomes
    return target


@functools.cache
def _prepared_matplotlib_config() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="nncourse-matplotlib-"))
    atexit.register(shutil.rmtree, folder, True)
    subprocess.run(
        [sys.executable, "-I", "-c", "import matplotlib.font_manager"],
        env={**CHILD_ENV, "MPLCONFIGDIR": str(folder)},
        capture_output=True,
        check=False,
    )
    return folder


def _bwrap_command(bwrap: str, child: list[str], mplconfig: Path, limits: Limits, uid: int | None) -> list[str]:
    """A bubblewrap command that shows the child only what it needs, read-only."""
    # root keeps the host's user namespace so that the child can become a real unprivileged user
    namespaces = (
        ["--unshare-all"]
        if uid is None
        else ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    )
    command = [bwrap, *namespaces, "--die-with-parent", "--new-session", "--clearenv"]
    for name, value in CHILD_ENV.items():
        command += ["--setenv", name, value]
    # A private /tmp first: what is bound below it later (a course or virtual environment that lives
    # under /tmp) stays visible, instead of being hidden by it.
    command += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--size",
        str(limits.files_mb * 1024 * 1024),
        "--perms",
        "1777",
        "--tmpfs",
        "/tmp",
    ]
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc"):
        if os.path.islink(top):
            command += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            command += ["--ro-bind", top, top]
    autograder = Path(__file__).resolve().parent
    for parent in sorted({str(p) for f in [*_runtime_folders(), autograder] for p in Path(f).parents} - {"/", "/tmp"}):
        command += ["--perms", "0755", "--dir", parent]  # bwrap would make them 0700: unreadable once root is gone
    for folder in sorted(_runtime_folders()):
        command += ["--ro-bind", folder, folder]
    command += ["--tmpfs", str(autograder)]  # hides the references and hidden cases, wherever installed
    for visible in CHILD_MODULES:
        command += ["--ro-bind", str(autograder / visible), str(autograder / visible)]
    if uid is not None:
        command += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]  # the child drops them with root
    command += ["--bind", str(mplconfig), "/tmp/matplotlib", "--chdir", "/tmp", "--"]
    return command + child


@functools.cache
def _runtime_folders() -> frozenset[str]:
    """Python, the virtual environment and the course's importable code: utils/ and nncourse/."""
    import nncourse
    import nncourse.utils

    folders = {
        sys.base_prefix,
        sys.prefix,
        str(Path(sys.executable).resolve().parent),
        str(Path(nncourse.__file__).resolve().parent),
        str(Path(nncourse.utils.__file__).resolve().parent),
    }
    # packages found through a .pth file or PYTHONPATH outside the environment (never the working folder)
    folders |= {
        str(Path(p).resolve())
        for p in sys.path
        if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()
    }
    folders = {f for f in folders if not f.startswith(("/usr/", "/bin", "/lib", "/etc")) and f != "/usr"}
    # a folder inside another one is bound with it
    return frozenset(f for f in folders if not any(f != g and f.startswith(g.rstrip("/") + "/") for g in folders))
