"""Running one exercise of a submission in a child process that cannot hurt the grade book.

Each exercise gets a fresh child (``autograder/child.py``) with:

* **limits**: wall-clock time, address space, processes and threads, printed output, result size;
* **isolation** with bubblewrap when it is installed: a private filesystem that holds the Python
  runtime and the course's helpers but not the reference outputs, hidden cases, solutions, grade
  book or other submissions; no network; its own process tree; an empty environment.  Without
  bubblewrap the child is a plain process with the same limits, and the grader prints a warning.

When the grader runs as root the child gives up root for an unprivileged user id of its own, so the
process limit counts its processes only.
"""
from __future__ import annotations

import functools
import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

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
SANDBOX_UID_BASE = 200_000  # root drops to SANDBOX_UID_BASE + the grading process's pid


@dataclass(frozen=True)
class Limits:
    timeout: float = 60.0     # seconds of wall-clock time per exercise
    memory_mb: int = 4096     # address space; TensorFlow alone maps about 2 GB
    processes: int = 256      # processes and threads the exercise may add
    output_kb: int = 1024     # what the exercise may print
    result_mb: int = 64       # the JSON report
    files_mb: int = 64        # what it may write, in its private /tmp


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

    def failure(self, limits: Limits) -> str | None:
        """Why no report came back, in words; None when one did."""
        if self.report is not None:
            return None
        if self.timed_out:
            return f"stopped after {limits.timeout:g} s: it ran too long (an infinite loop, or far too much work?)"
        if self.output_exceeded:
            return f"stopped: it printed more than {limits.output_kb} KB"
        if self.report_exceeded:
            return f"stopped: its results were larger than {limits.result_mb} MB"
        code = self.returncode
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
            if name == "SIGKILL":
                return "the process was killed (SIGKILL: out of memory, or the code killed itself)"
            return f"the process crashed ({name})"
        if code is not None and code > 128 and code - 128 in signal.valid_signals():
            return f"the process was killed ({signal.Signals(code - 128).name})"
        return f"the process ended early with exit code {code} (os._exit, or a crash) before reporting"


@functools.lru_cache(maxsize=None)
def bubblewrap() -> str | None:
    """The bwrap program when it is installed and works here (user namespaces allowed), else None."""
    path = shutil.which("bwrap")
    if path is None:
        return None
    try:
        done = subprocess.run([path, "--ro-bind", "/", "/", "--unshare-all", "--", "/bin/true"],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if done.returncode == 0 else None


def run_child(task: bytes, limits: Limits, sandbox: str = "auto") -> ChildRun:
    """Run ``python -m nncourse.autograder.child`` on ``task`` (pickled by the grader) within ``limits``.

    sandbox: "bwrap" (fail if unavailable), "none" (a plain child process), or "auto".
    """
    bwrap = bubblewrap() if sandbox != "none" else None
    if sandbox == "bwrap" and bwrap is None:
        raise RuntimeError("bubblewrap (bwrap) is not installed or cannot create namespaces here")
    uid = SANDBOX_UID_BASE + os.getpid() if os.geteuid() == 0 else None
    read_fd, write_fd = os.pipe()
    with tempfile.TemporaryDirectory(prefix="nncourse-child-") as scratch:
        mplconfig = _matplotlib_config(Path(scratch))
        child = [sys.executable, "-I", "-B", "-m", "nncourse.autograder.child", str(write_fd)]
        if bwrap:
            command, env, cwd = _bwrap_command(bwrap, child, mplconfig, limits, uid), None, None
            if uid is not None:
                command += [str(uid)]  # the child drops root for this uid, inside the sandbox
        else:
            command, env, cwd = child, {**CHILD_ENV, "MPLCONFIGDIR": str(mplconfig)}, scratch
        started = time.monotonic()
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, pass_fds=(write_fd,), env=env, cwd=cwd,
                                       start_new_session=True,
                                       preexec_fn=functools.partial(_apply_limits, limits, os.geteuid() != 0))
        finally:
            os.close(write_fd)
        try:
            run = _collect(process, read_fd, task, limits)
        finally:
            os.close(read_fd)
            _kill(process)
        run.seconds = time.monotonic() - started
        return run


def _collect(process, read_fd: int, task: bytes, limits: Limits) -> ChildRun:
    """Feed the task, then read the report and the output until the child ends or breaks a limit."""
    deadline = time.monotonic() + limits.timeout
    try:
        process.stdin.write(task)
        process.stdin.close()
    except BrokenPipeError:
        pass
    report, output_size = bytearray(), 0
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ, "output")
    selector.register(read_fd, selectors.EVENT_READ, "report")
    open_streams = 2
    run = ChildRun(report=None, returncode=None)
    while open_streams:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            run.timed_out = True
            break
        for key, _ in selector.select(timeout=min(remaining, 1.0)):
            chunk = os.read(key.fd, 1 << 16)
            if not chunk:
                selector.unregister(key.fileobj)
                open_streams -= 1
            elif key.data == "output":
                output_size += len(chunk)  # printed output is counted, never shown: it could hold hidden inputs
                run.output_tail = (run.output_tail + chunk)[-4096:]
                run.output_exceeded = output_size > limits.output_kb * 1024
            else:
                report += chunk
                run.report_exceeded = len(report) > limits.result_mb * 1024 * 1024
        if run.output_exceeded or run.report_exceeded:
            break
    selector.close()
    if not (run.timed_out or run.output_exceeded or run.report_exceeded):
        try:
            run.returncode = process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            run.timed_out = True
        if report and not run.timed_out:
            run.report = report.decode("utf-8", errors="replace")
    return run


def _kill(process) -> None:
    """Kill the child's whole process group (the sandbox and all it started)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
    if process.stdout:
        process.stdout.close()


def _apply_limits(limits: Limits, count_own_processes: bool) -> None:
    """In the forked child, before exec: the resource limits (inherited by everything it starts)."""
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    files = limits.files_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (files, files))
    processes = limits.processes
    if count_own_processes:  # not root: the limit counts all of this user's processes
        processes += _tasks_of_this_user()
    resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))


def _tasks_of_this_user() -> int:
    uid, count = os.getuid(), 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                pass
    return count


def _matplotlib_config(scratch: Path) -> Path:
    """A writable matplotlib folder holding a ready font cache (building one costs half a second)."""
    target = scratch / "matplotlib"
    shutil.copytree(_prepared_matplotlib_config(), target)
    scratch.chmod(0o755)
    for path in [target, *target.iterdir()]:
        path.chmod(0o777 if path.is_dir() else 0o666)  # whichever user the child becomes
    return target


@functools.lru_cache(maxsize=None)
def _prepared_matplotlib_config() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="nncourse-matplotlib-"))
    subprocess.run([sys.executable, "-I", "-c", "import matplotlib.font_manager"],
                   env={**CHILD_ENV, "MPLCONFIGDIR": str(folder)}, capture_output=True, check=False)
    return folder


def _bwrap_command(bwrap: str, child: list[str], mplconfig: Path, limits: Limits, uid: int | None) -> list[str]:
    """A bubblewrap command that shows the child only what it needs, read-only."""
    # root keeps the host's user namespace so that the child can become a real unprivileged user
    namespaces = ["--unshare-all"] if uid is None else \
        ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    command = [bwrap, *namespaces, "--die-with-parent", "--new-session", "--clearenv"]
    for name, value in CHILD_ENV.items():
        command += ["--setenv", name, value]
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc"):
        if os.path.islink(top):
            command += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            command += ["--ro-bind", top, top]
    autograder = Path(__file__).resolve().parent
    for parent in sorted({str(p) for f in [*_runtime_folders(), autograder] for p in Path(f).parents} - {"/"}):
        command += ["--perms", "0755", "--dir", parent]  # bwrap would make them 0700: unreadable once root is gone
    for folder in sorted(_runtime_folders()):
        command += ["--ro-bind", folder, folder]
    command += ["--tmpfs", str(autograder)]  # hides the references and hidden cases, wherever installed
    for visible in ("__init__.py", "plain.py", "outcome.py", "child.py"):
        command += ["--ro-bind", str(autograder / visible), str(autograder / visible)]
    if uid is not None:
        command += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]  # the child drops them with root
    command += ["--proc", "/proc", "--dev", "/dev",
                "--size", str(limits.files_mb * 1024 * 1024), "--perms", "1777", "--tmpfs", "/tmp",
                "--bind", str(mplconfig), "/tmp/matplotlib", "--chdir", "/tmp", "--"]
    return command + child


@functools.lru_cache(maxsize=None)
def _runtime_folders() -> frozenset[str]:
    """Python, the virtual environment and the course's importable code: utils/ and nncourse/."""
    import nncourse
    import nncourse.utils

    folders = {sys.base_prefix, sys.prefix, str(Path(sys.executable).resolve().parent),
               str(Path(nncourse.__file__).resolve().parent), str(Path(nncourse.utils.__file__).resolve().parent)}
    folders = {f for f in folders if not f.startswith(("/usr/", "/bin", "/lib", "/etc")) and f != "/usr"}
    # a folder inside another one is bound with it
    return frozenset(f for f in folders if not any(f != g and f.startswith(g.rstrip("/") + "/") for g in folders))
