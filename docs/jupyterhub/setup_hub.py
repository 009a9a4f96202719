#!/usr/bin/env python3
"""Set up a JupyterHub for the course on one Linux server, as root (docs/instructors.md, "Teaching on
JupyterHub").  Standard library only: run it with the system's python3.

    python3 docs/jupyterhub/setup_hub.py install                 # the course's environment for everyone
    python3 docs/jupyterhub/setup_hub.py exchange                # nbgrader's exchange folder
    python3 docs/jupyterhub/setup_hub.py instructor teacher      # an instructor's course folder and config
    python3 docs/jupyterhub/setup_hub.py student ada bob cy      # students (their accounts must exist)

Every step can be run again (a new student later: run `student NAME` again, nothing else changes).
The defaults match docs/jupyterhub/jupyterhub_config.py; change them with the options (--prefix,
--exchange, --course-id) or the environment variables NNCOURSE_HUB_PREFIX, NNCOURSE_HUB_EXCHANGE and
NNCOURSE_HUB_COURSE_ID, which the hub's config reads too.

What it makes:
  PREFIX/course/   a copy of the course checkout every user can read, without solutions/ (students
                   must not read the model answers); the environment installs the course from it.
  PREFIX/venv/     a virtual environment of the system's python3 (so that every account can run it)
                   with JupyterHub, JupyterLab, nbgrader and the course.  The hub and every single-user
                   server run from it.
  EXCHANGE/        nbgrader's exchange: every user may write, nbgrader makes the course's inbound folder
                   unreadable to students, so no one can list another's submissions.
  ~instructor/course/                       the course folder (a copy of the checkout, solutions included)
  ~instructor/.jupyter/nbgrader_config.py   course id, exchange, CourseDirectory.root
  ~student/.jupyter/nbgrader_config.py      course id and exchange
  ~student/.jupyter/...                     the formgrader and the course list turned off for students
"""

from __future__ import annotations

import argparse
import grp
import hashlib
import json
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import tomllib

CHECKOUT = Path(__file__).resolve().parents[2]
KERNEL_SCRIPT = Path(__file__).resolve().parent / "autograde_kernel.sh"
KERNEL_NAME = "nncourse-autograde"
GRADERS = "nncourse-graders"  # the group that may read the hidden tests
DEFAULT_PREFIX = os.environ.get("NNCOURSE_HUB_PREFIX", "/opt/nncourse-hub")
DEFAULT_EXCHANGE = os.environ.get("NNCOURSE_HUB_EXCHANGE", "/srv/nbgrader/exchange")
DEFAULT_COURSE_ID = os.environ.get("NNCOURSE_HUB_COURSE_ID", "nncourse")
# What the hub adds to the course's own `lab` extra (pyproject.toml): the hub, the proxy's Python side.
HUB_PACKAGES = ["jupyterhub>=5,<7", "setuptools>=77"]  # setuptools: the course installs without build isolation
# The course's files that the shared copy and an instructor's folder hold (and caches they do not).
SKIP = {
    ".git",
    ".venv",
    "gradebook.db",
    "submitted",
    "autograded",
    "feedback",
    "test-artifacts",
    "__pycache__",
    ".ipynb_checkpoints",
    ".pytest_cache",
    "nncourse.egg-info",
    "build",
    "data",
}


def run(*command, **kwargs):
    print("+", " ".join(map(str, command)), flush=True)
    return subprocess.run(list(map(str, command)), check=True, **kwargs)


def course_files(source: Path) -> list[Path]:
    """The course's files, relative to ``source``: git's list where it is a checkout, else a walk."""
    try:
        listed = subprocess.run(["git", "-C", str(source), "ls-files", "-z"], capture_output=True, check=True)
        files = [Path(p) for p in listed.stdout.decode().split("\0") if p]
        return [p for p in files if (source / p).is_file()]
    except (OSError, subprocess.CalledProcessError):
        return [
            p.relative_to(source)
            for p in source.rglob("*")
            if p.is_file() and not SKIP.intersection(p.relative_to(source).parts)
        ]


def copy_course(source: Path, target: Path, solutions: bool) -> None:
    """Copy the course into ``target``; without ``solutions``, solutions/ is left empty."""
    if target.exists():
        shutil.rmtree(target)
    for rel in course_files(source):
        if not solutions and "solutions" in rel.parts[:2]:  # solutions/, and a language's (zh_CN/solutions/)
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / rel, target / rel)
    (target / "solutions").mkdir(parents=True, exist_ok=True)
    if not solutions:  # the lessons' names, which the hidden tests look a lesson up by, without their code
        for rel in course_files(source):
            if rel.parts[0] == "solutions" and len(rel.parts) == 3 and rel.suffix == ".py":
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                (target / rel).write_text("# This lesson's source is in the instructor's course folder only.\n")


def requirements(source: Path) -> list[str]:
    """The course's dependencies and its `lab` extra, less TensorFlow unless asked for: lesson 07 needs
    it (about 2 GB); the other lessons, JupyterLab and nbgrader do not."""
    project = tomllib.loads((source / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"]) + list(project["optional-dependencies"]["lab"])
    if not os.environ.get("NNCOURSE_HUB_TENSORFLOW"):
        wanted = [w for w in wanted if not w.lower().startswith("tensorflow")]
    return wanted + HUB_PACKAGES


def install(args) -> None:
    prefix, source = Path(args.prefix), Path(args.source).resolve()
    venv, course = prefix / "venv", prefix / "course"
    wanted = requirements(source)
    python = subprocess.run(
        [args.python, "-c", "import sys; print(sys.version)"], capture_output=True, text=True, check=True
    ).stdout
    stamp = hashlib.sha256(
        "\n".join([python, *wanted]).encode()
        + KERNEL_SCRIPT.read_bytes()
        + Path(__file__).read_bytes()
        + b"".join((source / p).read_bytes() for p in sorted(course_files(source)) if p.parts[0] != "solutions")
    ).hexdigest()
    stamp_file = prefix / "installed.txt"
    if stamp_file.is_file() and stamp_file.read_text().strip() == stamp and (venv / "bin" / "jupyterhub").exists():
        print(f"{prefix}: up to date")
        return
    prefix.mkdir(parents=True, exist_ok=True)
    copy_course(source, course, solutions=False)
    if not (venv / "bin" / "python").exists():
        run(args.python, "-m", "venv", venv)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    run(*pip, *wanted)
    run(*pip, "--no-deps", "--no-build-isolation", "-e", course)
    (prefix / "bin").mkdir(exist_ok=True)
    shutil.copy(KERNEL_SCRIPT, prefix / "bin" / "nncourse-autograde-kernel")
    os.chmod(prefix / "bin" / "nncourse-autograde-kernel", 0o755)
    run("chmod", "-R", "a+rX", prefix)
    hide_hidden_tests(course)
    stamp_file.write_text(stamp + "\n")


def graders_group() -> int:
    try:
        return grp.getgrnam(GRADERS).gr_gid
    except KeyError:
        run("groupadd", "--system", GRADERS)
        return grp.getgrnam(GRADERS).gr_gid


def hide_hidden_tests(course: Path) -> None:
    """The hidden cases and their reference outputs, readable by the graders' group only: students'
    kernels never need them (the public tests' answers are elsewhere); autograde and `nncourse grade`
    run as an instructor, whom `setup_hub.py instructor` adds to the group."""
    gid = graders_group()
    for folder in (course / "autograder" / "cases", course / "autograder" / "references"):
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, 0, gid)
            os.chmod(path, 0o750 if path.is_dir() else 0o640)


def exchange(args) -> None:
    root = Path(args.exchange)
    root.mkdir(parents=True, exist_ok=True)
    # nbgrader's docs: the exchange is writable by everyone; nbgrader sets the permissions inside.
    os.chmod(root, 0o777)
    print(f"exchange: {root}")


def account(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        sys.exit(f"no account {name!r}: create it first (useradd --create-home {name})")


def write_as(user: pwd.struct_passwd, path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    for p in [path, *path.parents]:
        if p == Path(user.pw_dir):
            break
        os.chown(p, user.pw_uid, user.pw_gid)


def nbgrader_config(args, extra: str = "") -> str:
    return (
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {args.course_id!r}\n"
        f"c.Exchange.root = {str(args.exchange)!r}\n" + extra
    )


def extensions(user: pwd.struct_passwd, instructor: bool) -> None:
    """Students get the Assignments list and Validate only; the instructor gets the formgrader too.
    (What `jupyter labextension disable --level=user` and `jupyter server extension disable --user`
    write, without starting Jupyter eight times.)"""
    off = {"@jupyter/nbgrader:course-list": True}
    server = {"nbgrader.server_extensions.course_list": False}
    if not instructor:
        off.update({"@jupyter/nbgrader:formgrader": True, "@jupyter/nbgrader:create-assignment": True})
        server["nbgrader.server_extensions.formgrader"] = False
    config = Path(user.pw_dir) / ".jupyter"
    write_as(user, config / "labconfig" / "page_config.json", json.dumps({"disabledExtensions": off}, indent=2))
    write_as(
        user,
        config / "jupyter_server_config.json",
        json.dumps({"ServerApp": {"jpserver_extensions": server}}, indent=2),
    )
    news = config / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    if not news.exists():  # no "get notified about Jupyter news?" pop-up over the lesson (the user may turn it on)
        write_as(user, news, json.dumps({"fetchNews": "false"}))


def instructor(args) -> None:
    user = account(args.name)
    home = Path(user.pw_dir)
    os.chmod(home, 0o700)  # the grade book, solutions and collected work are the instructor's alone
    graders_group()
    run("usermod", "--append", "--groups", GRADERS, user.pw_name)  # may read the hidden tests
    course = home / "course"
    if not course.exists():
        copy_course(Path(args.source).resolve(), course, solutions=True)
        run("chown", "-R", f"{user.pw_uid}:{user.pw_gid}", course)
    # nbgrader's docs, one class with one grader: the instructor's config names the course folder.
    extra = f"c.CourseDirectory.root = {str(course)!r}\n"
    # Late work (after the due date set in the formgrader): "none" only marks it late, "zero" scores it 0.
    extra += f"c.LateSubmissionPlugin.penalty_method = {args.late_penalty!r}\n"
    if shutil.which("bwrap"):  # autograde runs each submission in bubblewrap (autograde_kernel.sh)
        prefix = Path(args.prefix)
        spec = {
            "argv": [
                str(prefix / "bin" / "nncourse-autograde-kernel"),
                str(prefix),
                str(args.exchange),
                str(prefix / "venv" / "bin" / "python"),
                "-m",
                "ipykernel_launcher",
                "-f",
                "{connection_file}",
            ],
            "display_name": "Python 3 (autograde sandbox)",
            "language": "python",
        }
        write_as(
            user,
            home / ".local" / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json",
            json.dumps(spec, indent=2),
        )
        extra += (
            "# Submissions run in bubblewrap: they cannot touch the grade book or others' work.\n"
            f"c.Execute.kernel_name = {KERNEL_NAME!r}\n"
        )
    else:
        print(
            "warning: bubblewrap is not installed (apt-get install bubblewrap): nbgrader autograde will run "
            "submissions as the instructor, with the instructor's rights",
            file=sys.stderr,
        )
    write_as(user, home / ".jupyter" / "nbgrader_config.py", nbgrader_config(args, extra))
    extensions(user, instructor=True)
    print(f"instructor {user.pw_name}: course folder {course}")


def student(args) -> None:
    for name in args.names:
        user = account(name)
        home = Path(user.pw_dir)
        os.chmod(home, 0o700)  # a student's fetched and worked notebooks are theirs alone
        write_as(user, home / ".jupyter" / "nbgrader_config.py", nbgrader_config(args))
        extensions(user, instructor=False)
        print(f"student {name}: ready")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", default=DEFAULT_PREFIX, help=f"where the environment goes ({DEFAULT_PREFIX})")
    parser.add_argument("--exchange", default=DEFAULT_EXCHANGE, help=f"nbgrader's exchange ({DEFAULT_EXCHANGE})")
    parser.add_argument("--course-id", default=DEFAULT_COURSE_ID, help=f"nbgrader's course id ({DEFAULT_COURSE_ID})")
    parser.add_argument("--source", default=str(CHECKOUT), help="the course checkout (this one)")
    steps = parser.add_subparsers(dest="step", required=True)
    p = steps.add_parser("install", help="the shared environment: PREFIX/venv and PREFIX/course")
    p.add_argument("--python", default="/usr/bin/python3", help="a Python every account can run")
    steps.add_parser("exchange", help="nbgrader's exchange folder")
    p = steps.add_parser("instructor", help="an instructor's course folder and nbgrader config")
    p.add_argument("name")
    p.add_argument(
        "--late-penalty",
        choices=["none", "zero"],
        default="none",
        help="nbgrader's penalty for work submitted after the due date (default none: marked late)",
    )
    steps.add_parser("student", help="students' nbgrader config").add_argument("names", nargs="+")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit("run this as root: it sets up other accounts' files")
    {"install": install, "exchange": exchange, "instructor": instructor, "student": student}[args.step](args)


if __name__ == "__main__":
    main()
