"""The `nncourse` command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .autograder.grades import NotebookStatus
from .autograder.sandbox import MODES, Limits, NoSandbox, available_modes
from .utils.i18n import LANGUAGES


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="nncourse", description="Tools of the nncourse notebook course.")
    commands = parser.add_subparsers(dest="command", required=True)

    release = commands.add_parser(
        "release", help="regenerate notebooks/ and the reference outputs from solutions/ (all lessons, or those named)"
    )
    release.add_argument("lessons", nargs="*", metavar="LESSON")

    translate = commands.add_parser(
        "translate",
        help="bring the translation catalogues (utils/locale/*.po, and each lesson's "
        "solutions/<lesson>/<lang>.po) up to date with the English sources; says how many entries "
        "need a translator. Name lessons to start their catalogues.",
    )
    translate.add_argument("lessons", nargs="*", metavar="LESSON")

    data = commands.add_parser("data", help="download a dataset into the course's data cache")
    data.add_argument("dataset", choices=["mnist"])

    grade = commands.add_parser(
        "grade",
        help="autograde submitted notebooks exercise by exercise, each in a sandbox; writes "
        "OUT/grades.csv and, per notebook, a Gradescope results.json and a feedback.md",
    )
    grade.add_argument("paths", nargs="+", metavar="PATH", help="a notebook, or a folder searched for notebooks")
    grade.add_argument("--out", required=True, type=Path, metavar="DIR", help="where the reports go")
    grade.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks graded in parallel (default 1)")
    grade.add_argument(
        "--executor",
        metavar="dask://HOST:PORT",
        help="grade on the workers of a Dask distributed cluster instead of this machine",
    )
    grade.add_argument(
        "--timeout",
        type=float,
        default=Limits.timeout,
        metavar="S",
        help=f"seconds each exercise may run (default {Limits.timeout:g})",
    )
    grade.add_argument(
        "--memory-mb",
        type=int,
        default=Limits.memory_mb,
        metavar="MB",
        help=f"address space of each exercise (default {Limits.memory_mb})",
    )
    grade.add_argument(
        "--sandbox",
        choices=["auto", *MODES[:-1]],
        default="auto",
        help="isolation: the strongest this machine offers (auto: bubblewrap, else as root a "
        "private mount namespace or a user id of its own), or that one only",
    )
    grade.add_argument(
        "--unsandboxed",
        action="store_true",
        help="run submissions as your own user with resource limits only, where no sandbox can "
        "be made (only for notebooks you trust: a hostile one could change the grade book)",
    )
    grade.add_argument("--quiet", action="store_true", help="no progress bar")

    check = commands.add_parser(
        "check",
        help="run a notebook's public tests exercise by exercise and say "
        "which pass (for students: hidden tests run only when graded)",
    )
    check.add_argument("notebook", type=Path)

    lab = commands.add_parser(
        "lab", help="open the course in JupyterLab (nbgrader extension enabled); further options go to `jupyter lab`"
    )
    lab.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="the course in this language (zh_CN: 简体中文, the Chinese course folder zh_CN/)",
    )

    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.jupyter_args = extra
    missing = missing_lab_tools(args.command)
    if missing:
        print(
            f"nncourse {args.command} needs {', '.join(missing)}, which the course's `lab` extra installs: "
            f"pip install 'nncourse[lab]' (python3 course.py lab installs everything)",
            file=sys.stderr,
        )
        return 2
    return {"release": _release, "translate": _translate, "data": _data, "grade": _grade, "check": _check, "lab": _lab}[
        args.command
    ](args)


LAB_TOOLS = {"release": ("jupytext", "nbgrader"), "lab": ("jupyterlab", "nbgrader")}


def missing_lab_tools(command: str) -> list[str]:
    """The modules of the `lab` extra that ``command`` needs and this Python lacks (a lesson's install
    cell installs only what the lessons and the grader need)."""
    from importlib.util import find_spec

    return [name for name in LAB_TOOLS.get(command, ()) if find_spec(name) is None]


def _release(args) -> int:
    from nncourse.course.lessons import all_lessons, get_lesson
    from nncourse.course.locations import checkout

    from .links import write_readme_links
    from .release import release

    if checkout() is None:
        print(
            "nncourse release: releasing needs the course checkout (the lesson sources in solutions/); this "
            "nncourse is an installed package without them. Run it from a clone installed with `pip install -e .`.",
            file=sys.stderr,
        )
        return 2
    try:
        lessons = [get_lesson(l) for l in args.lessons] if args.lessons else all_lessons()
    except KeyError as exc:
        print(f"nncourse release: {exc.args[0]}", file=sys.stderr)
        return 2
    for lesson in lessons:
        release(lesson)
    write_readme_links(all_lessons())
    return 0


def _translate(args) -> int:
    from nncourse.course.locations import checkout

    if checkout() is None:
        print("nncourse translate: the catalogues are edited in the course checkout", file=sys.stderr)
        return 2
    from nncourse.course.lessons import get_lesson

    from .translation import translate_all

    try:
        lessons = [get_lesson(name) for name in args.lessons]
    except KeyError as exc:
        print(f"nncourse translate: {exc.args[0]}", file=sys.stderr)
        return 2
    return 1 if translate_all(lessons) else 0


def _data(args) -> int:
    from nncourse.utils.data import download_mnist

    try:
        path = download_mnist()
    except RuntimeError as exc:
        print(f"nncourse data mnist: {exc}", file=sys.stderr)
        return 1
    print(f"Full MNIST saved to {path}; load_mnist() now returns it.")
    return 0


def _grade(args) -> int:
    from .autograder.batch import find_notebooks, grade_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"nncourse grade: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not find_notebooks(args.paths):
        print("nncourse grade: no notebooks (.ipynb) found", file=sys.stderr)
        return 2
    if _wrong_copy("grade"):
        return 2
    limits = Limits(timeout=args.timeout, memory_mb=args.memory_mb)
    try:
        grades = grade_paths(
            args.paths,
            args.out,
            jobs=args.jobs,
            limits=limits,
            sandbox=available_modes()[0] if args.unsandboxed and args.sandbox == "auto" else args.sandbox,
            executor=args.executor,
            progress=not args.quiet,
        )
    except (
        ValueError,
        OSError,
        ImportError,
        NoSandbox,
    ) as exc:  # a bad --executor, or a cluster that cannot be reached
        print(f"nncourse grade: {exc}", file=sys.stderr)
        return 2
    graded = sum(g.ok for g in grades)
    print(
        f"Graded {len(grades)} notebooks ({graded} ok, {len(grades) - graded} with a problem: see the status "
        f"column): {args.out / 'grades.csv'}"
    )
    failed = [g for g in grades if g.status is NotebookStatus.GRADER_ERROR]
    if failed:  # the machine's fault, not the students': say so loudly, and exit non-zero
        print(
            f"nncourse grade: {len(failed)} notebook(s) could not be graded on this machine (status "
            f"'grader error'), e.g. {failed[0].submission}: {failed[0].problem}. Fix it and grade them again.",
            file=sys.stderr,
        )
        return 1
    return 0


def _wrong_copy(command: str) -> bool:
    """Say so, and True, when the sandboxes would import another nncourse than this one."""
    other_copy = _installed_elsewhere()
    if other_copy:
        print(
            f"nncourse {command}: this nncourse ({Path(__file__).parent}) is not the one Python imports on its own "
            f"({other_copy}), and the sandboxes would run that one. Run the installed `nncourse` command, or "
            "install this copy first (pip install -e .).",
            file=sys.stderr,
        )
    return bool(other_copy)


def _installed_elsewhere() -> str | None:
    """Where a plain ``python -I`` (what a sandbox runs) imports nncourse from, when that is not this
    copy's (``python -m nncourse`` run inside a copy of the course that is not the installed one)."""
    import subprocess

    found = subprocess.run(
        [sys.executable, "-I", "-c", "import nncourse; print(nncourse.__file__)"],
        capture_output=True,
        text=True,
        cwd="/",
    )
    here = Path(__file__).resolve().parent
    where = found.stdout.strip()
    if found.returncode != 0 or not where:
        return "nowhere: it is not installed"
    return None if Path(where).resolve().parent == here else str(Path(where).resolve().parent)


def _check(args) -> int:
    from .autograder.grader import grade_notebook

    if not args.notebook.is_file():
        print(f"nncourse check: no such notebook: {args.notebook}", file=sys.stderr)
        return 2
    if _wrong_copy("check"):
        return 2
    print(f"Checking {args.notebook} (save it first: the file on disk is what is checked) ...", flush=True)
    # the student's own code: the strongest sandbox there is, else none (it can only hurt its author)
    grade = grade_notebook(str(args.notebook), hidden=False, sandbox=available_modes()[0])
    print(self_check_summary(grade))
    return 0 if grade.ok and all(e.passed for e in grade.exercises) else 1


MARKS = {"passed": "✓", "not attempted": "·", "missing": "?"}  # by Status value; anything else is ✗


def self_check_summary(grade) -> str:
    """What a student sees: one line per exercise, the message under each that failed."""
    if not grade.ok:
        return f"This notebook could not be checked: {grade.status_text}."
    lines = [f"{grade.lesson}: public tests, exercise by exercise"]
    width = max(len(e.function) for e in grade.exercises)
    for exercise in grade.exercises:
        lines.append(f"  {MARKS.get(exercise.status.value, '✗')} {exercise.function:<{width}}  {exercise.status}")
        if not exercise.passed:
            lines += ["      " + line for line in exercise.feedback.splitlines()]
    passed = sum(e.passed for e in grade.exercises)
    lines.append(
        f"{passed} of {len(grade.exercises)} exercises pass their public tests. Hidden tests run on other "
        "inputs when your work is graded."
    )
    return "\n".join(lines)


def _lab(args) -> int:
    from nncourse.course.locations import checkout, course_folder

    root = checkout()
    if root is not None and args.lang != "en":
        root = course_folder(args.lang)
        if not (root / "notebooks").is_dir():
            print(f"nncourse lab: no lesson is released in {args.lang} yet (run `nncourse release`)", file=sys.stderr)
            return 2
    if root is None:
        print(
            "nncourse lab: the course's JupyterLab opens a checkout of the course (clone it and run "
            "`python3 course.py lab`); this nncourse is an installed package without one.",
            file=sys.stderr,
        )
        return 2
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        "--LabApp.default_url=/lab/tree/notebooks",
        *args.jupyter_args,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers often run as root; JupyterLab refuses it otherwise
    os.chdir(root)  # nbgrader's extension reads nbgrader_config.py from the working directory
    os.execv(sys.executable, command)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
