"""The grader's child: a warm process inside the sandbox that runs each exercise in a fork of itself.

Started as ``python -I -m nncourse.autograder.child RESULT_FD PROCESSES CLEANUP [UID]``: CLEANUP
says what is its own (``isolated``: its process tree or user id, and /tmp; ``own-user``: its user id;
``shared``: neither), UID is the user it becomes (root inside bubblewrap).  It first
reads the instructor's setup cells (a frame on stdin) and runs them once, so numpy, matplotlib or
TensorFlow are imported once per sandbox, not once per exercise.  Then, for each task frame (the
student's cells, the instructor's public test, the hidden cases' inputs, never their expected
outputs) it forks: the fork runs the exercise under its own limits and writes a JSON report into a
pipe of its own, and this process sends ``{"status", "report"}`` to the grader as a frame on
RESULT_FD.  After each fork it kills whatever the exercise left running and empties /tmp, so every
exercise starts from the same clean state.  The grader never unpickles anything that comes from here.

Report: ``{"setup_error", "cell_errors", "defined", "public", "hidden"}`` where ``public`` is
``{"status": "passed" | "failed" | "not attempted", "message"}`` and ``hidden`` has one entry per
case: ``{"value": plain data}``, ``{"problem": words}`` or ``{"not_attempted": true}``.
"""

from __future__ import annotations

import ctypes
import json
import os
import pickle
import resource
import select
import shutil
import signal
import struct
import sys
import traceback

MESSAGE_CHARS = 300  # a student's exception message is cut here: enough to act on, too short to smuggle data
FRAME = struct.Struct(">Q")  # frames are a length, then that many bytes
PR_SET_DUMPABLE = 4


def main() -> None:
    result_fd, processes, cleanup = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    if len(sys.argv) > 4:  # started as root inside the sandbox: become a user of its own
        uid = int(sys.argv[4])
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    # not dumpable: an exercise (same user) cannot ptrace this process or open its pipes via /proc
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    stdin = sys.stdin.buffer
    setup = pickle.loads(read_frame(stdin))  # the grader's own data
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    setup_error = None
    for code in setup:
        try:
            exec(compile(code, "<instructor setup cell>", "exec"), namespace)
        except BaseException as exc:
            setup_error = describe(exc)
            break
    _empty_tmp(cleanup)
    send_frame(result_fd, json.dumps({"ready": True}).encode())
    while (task := read_frame(stdin)) is not None:
        send_frame(result_fd, run_in_fork(task, namespace, setup_error, processes, cleanup))


def run_in_fork(task: bytes, namespace: dict, setup_error, processes: int, cleanup: str) -> bytes:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the exercise
        try:
            os.setpgid(0, 0)
            _enter_exercise(write_end, processes)
            report = run_task(pickle.loads(task), namespace, setup_error)
            _write_report(write_end, report)
        except BaseException:
            traceback.print_exc()  # the grader's own problem: shown in its debugging output only
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
    os.close(write_end)
    chunks, status = _read_until_exit(pid, read_end)
    _kill_leftovers(pid, cleanup)
    _empty_tmp(cleanup)
    code = os.waitstatus_to_exitcode(status)
    report = b"".join(chunks).decode("utf-8", errors="replace") if code == 0 and chunks else None
    return json.dumps({"status": code, "report": report}).encode()


def _read_until_exit(pid: int, read_end: int) -> tuple[list[bytes], int]:
    """The exercise's report, read until the exercise itself has ended (not until the pipe closes:
    processes it forked hold the pipe open as long as they live), and its wait status."""
    chunks, status, open_ = [], None, True
    os.set_blocking(read_end, False)
    poller = select.poll()
    poller.register(read_end, select.POLLIN)
    while True:
        poller.poll(100)  # data, the pipe's end, or every 100 ms a look at whether the exercise ended
        while True:
            try:
                chunk = os.read(read_end, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:  # every writer closed it: nothing more can come
                open_ = False
                break
            chunks.append(chunk)
        if status is not None or not open_:
            break  # it had ended before this last read, or the pipe is closed: the report is whole
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            status = wait_status
    if status is None:  # the report is whole and the pipe closed: only the exercise's exit is left
        status = os.waitpid(pid, 0)[1]
    os.close(read_end)
    return chunks, status


def _enter_exercise(report_fd: int, processes: int) -> None:
    """In the fork: only stdout, stderr and the report pipe stay open, and the process limit counts
    from what runs now.  (The memory, file-size and time limits are the sandbox's, inherited.)"""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd in _open_fds():
        if fd > 2 and fd != report_fd:
            try:
                os.close(fd)
            except OSError:
                pass
    allowed = min(tasks_of_this_user() + processes, resource.getrlimit(resource.RLIMIT_NPROC)[1])
    resource.setrlimit(resource.RLIMIT_NPROC, (allowed, allowed))


def _write_report(fd: int, report: dict) -> None:
    write, dumps = os.write, json.dumps
    try:
        data = dumps(report).encode()
    except Exception as exc:  # a submission replaced json or broke the report
        data = dumps({"fatal": f"the report could not be written ({type(exc).__name__})"}).encode()
    view = memoryview(data)
    while view:
        view = view[write(fd, view) :]


def read_frame(stream) -> bytes | None:
    header = stream.read(FRAME.size)
    if len(header) < FRAME.size:
        return None
    return stream.read(FRAME.unpack(header)[0])


def send_frame(fd: int, data: bytes) -> None:
    view = memoryview(FRAME.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _open_fds() -> list[int]:
    return [int(name) for name in os.listdir("/proc/self/fd")]


def tasks_of_this_user() -> int:
    """Threads of this user (each sandbox has a user id of its own), as the process limit counts them."""
    uid, count = os.getuid(), 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                pass
    return count


def _kill_leftovers(pgid: int, cleanup: str) -> None:
    """Kill whatever the exercise left running.

    Where the sandbox has a process tree or a user id of its own, that is every other process this
    user may signal; otherwise only the exercise's process group: ``kill(-1)`` there would reach the
    instructor's own processes.  Never ``kill(-1)`` as root.
    """
    try:
        if cleanup in ("isolated", "own-user") and os.getuid() != 0:
            os.kill(-1, signal.SIGKILL)
        else:
            os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass
    try:
        while True:
            os.waitpid(-1, 0)
    except ChildProcessError:
        pass


def _empty_tmp(cleanup: str) -> None:
    """Empty the exercise's temporary folder: the sandbox's own /tmp, or outside a private root the
    private folder the grader made (never the machine's /tmp)."""
    isolated = cleanup == "isolated"
    folder = "/tmp" if isolated else os.environ.get("TMPDIR", "")
    if not isolated and "nncourse-sandbox-" not in folder:
        return
    for entry in os.scandir(folder):
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


def run_task(task: dict, namespace: dict, setup_error) -> dict:
    from nncourse.autograder.outcome import case_outcome
    from nncourse.utils import plain
    from nncourse.utils.i18n import _

    report = {"setup_error": setup_error, "cell_errors": [], "defined": False, "public": None, "hidden": []}
    if setup_error:
        return report
    for label, code in task["cells"]:
        try:
            exec(compile(code, f"<your {label} cell>", "exec"), namespace)
        except BaseException as exc:  # SystemExit too: the rest of the exercise still runs
            report["cell_errors"].append(_("your {function} cell {error}").format(function=label, error=describe(exc)))
    function = namespace.get(task["function"])
    if not callable(function):
        return report
    report["defined"] = True
    used = tuple(namespace.get(name) for name in task["uses"])
    if task["public_test"]:
        report["public"] = run_public_test(task["public_test"], namespace)
    for args, run in task["cases"]:
        try:
            value, problem = case_outcome(function, args, run, used)
        except NotImplementedError:
            report["hidden"].append({"not_attempted": True})
            continue
        except BaseException as exc:  # sys.exit() and the like, inside the function
            report["hidden"].append({"problem": describe(exc)})
            continue
        report["hidden"].append(
            {"value": plain.encode(value)} if problem is None else {"problem": problem[: MESSAGE_CHARS * 4]}
        )
    return report


def run_public_test(code: str, namespace: dict) -> dict:
    from nncourse.utils.i18n import _

    try:
        exec(compile(code, "<public test cell>", "exec"), namespace)
    except NotImplementedError:
        return {"status": "not attempted", "message": _("the function still raises NotImplementedError")}
    except AssertionError as exc:  # the course's CheckFailed, or a plain assert
        return {"status": "failed", "message": str(exc) or describe(exc)}
    except BaseException as exc:
        return {"status": "failed", "message": describe(exc)}
    return {"status": "passed", "message": ""}


def describe(exc: BaseException) -> str:
    """An exception in words, with the line of the student's cell it came from."""
    from nncourse.utils.i18n import _

    if isinstance(exc, SystemExit):
        return _("called sys.exit()")
    try:
        message = str(exc)
    except BaseException:  # an exception class whose message itself fails
        message = ""
    if len(message) > MESSAGE_CHARS:
        message = message[:MESSAGE_CHARS] + " ..."
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith("<your"):
            where = " " + _("(line {line} of your {function} cell)").format(
                line=frame.lineno, function=frame.filename[len("<your ") : -len(" cell>")]
            )
            break
    kind = type(exc).__name__
    return (
        _("raised {kind}: {message}").format(kind=kind, message=message) + where
        if message
        else _("raised {kind}").format(kind=kind) + where
    )


if __name__ == "__main__":
    main()
