"""The grader's child: runs one exercise of one submission, inside the sandbox, and reports plain JSON.

Started as ``python -I -m nncourse.autograder.child RESULT_FD [UID]`` with the task pickled on stdin by the
grader: the instructor's setup cells and public test, the student's cells, and the hidden cases'
inputs (never their expected outputs, which stay with the grader).  The report goes back as JSON on
file descriptor RESULT_FD; the grader never unpickles anything that comes from here.

Report: ``{"setup_error", "cell_errors", "defined", "public", "hidden"}`` where ``public`` is
``{"status": "passed" | "failed" | "not attempted", "message"}`` and ``hidden`` has one entry per
case: ``{"value": plain data}``, ``{"problem": words}`` or ``{"not_attempted": true}``.
"""
from __future__ import annotations

import json
import os
import pickle
import sys
import traceback

MESSAGE_CHARS = 300  # a student's exception message is cut here: enough to act on, too short to smuggle data


def main() -> None:
    result_fd = int(sys.argv[1])
    if len(sys.argv) > 2:  # started as root inside the sandbox: become a user of its own
        uid = int(sys.argv[2])
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    task = pickle.load(sys.stdin.buffer)  # the grader's own data, written by the grader
    _close_stdin()
    write, dumps = os.write, json.dumps  # bound before any student code can replace them
    report = run_task(task)
    try:
        data = dumps(report).encode()
    except Exception as exc:  # a submission replaced json or broke the report
        data = dumps({"fatal": f"the report could not be written ({type(exc).__name__})"}).encode()
    view = memoryview(data)
    while view:
        view = view[write(result_fd, view):]


def run_task(task: dict) -> dict:
    from nncourse.autograder import plain
    from nncourse.autograder.outcome import case_outcome

    report = {"setup_error": None, "cell_errors": [], "defined": False, "public": None, "hidden": []}
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    for code in task["setup"]:
        try:
            exec(compile(code, "<instructor setup cell>", "exec"), namespace)
        except BaseException as exc:
            report["setup_error"] = describe(exc)
            return report
    for label, code in task["cells"]:
        try:
            exec(compile(code, f"<your {label} cell>", "exec"), namespace)
        except BaseException as exc:  # SystemExit too: the rest of the exercise still runs
            report["cell_errors"].append(f"your {label} cell {describe(exc)}")
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
        report["hidden"].append({"value": plain._encode(value)} if problem is None
                                else {"problem": problem[:MESSAGE_CHARS * 4]})
    return report


def run_public_test(code: str, namespace: dict) -> dict:
    try:
        exec(compile(code, "<public test cell>", "exec"), namespace)
    except NotImplementedError:
        return {"status": "not attempted", "message": "the function still raises NotImplementedError"}
    except AssertionError as exc:  # the course's CheckFailed, or a plain assert
        return {"status": "failed", "message": str(exc) or describe(exc)}
    except BaseException as exc:
        return {"status": "failed", "message": describe(exc)}
    return {"status": "passed", "message": ""}


def describe(exc: BaseException) -> str:
    """An exception in words, with the line of the student's cell it came from."""
    if isinstance(exc, SystemExit):
        return "called sys.exit()"
    try:
        message = str(exc)
    except BaseException:  # an exception class whose message itself fails
        message = ""
    if len(message) > MESSAGE_CHARS:
        message = message[:MESSAGE_CHARS] + " ..."
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith("<your"):
            where = f" (line {frame.lineno} of {frame.filename.strip('<>')})"
            break
    return f"raised {type(exc).__name__}: {message}{where}" if message else f"raised {type(exc).__name__}{where}"


def _close_stdin() -> None:
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)


if __name__ == "__main__":
    main()
