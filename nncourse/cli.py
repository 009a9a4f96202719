"""The `nncourse` command."""
from __future__ import annotations

import argparse
import os
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="nncourse", description="Tools of the nncourse notebook course.")
    commands = parser.add_subparsers(dest="command", required=True)

    release = commands.add_parser("release", help="regenerate notebooks/ and the reference outputs "
                                                  "from solutions/ (all lessons, or those named)")
    release.add_argument("lessons", nargs="*", metavar="LESSON")

    data = commands.add_parser("data", help="download a dataset into the course's data cache")
    data.add_argument("dataset", choices=["mnist"])

    commands.add_parser("lab", help="open the course in JupyterLab (nbgrader extension enabled); "
                                    "further options go to `jupyter lab`")

    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.jupyter_args = extra
    return {"release": _release, "data": _data, "lab": _lab}[args.command](args)


def _release(args) -> int:
    from .lessons import all_lessons, get_lesson
    from .release import release

    try:
        lessons = [get_lesson(l) for l in args.lessons] if args.lessons else all_lessons()
    except KeyError as exc:
        print(f"nncourse release: {exc.args[0]}", file=sys.stderr)
        return 2
    for lesson in lessons:
        release(lesson)
    return 0


def _data(args) -> int:
    from nncourse.utils.data import download_mnist

    try:
        path = download_mnist()
    except RuntimeError as exc:
        print(f"nncourse data mnist: {exc}", file=sys.stderr)
        return 1
    print(f"Full MNIST saved to {path}; load_mnist() now returns it.")
    return 0


def _lab(args) -> int:
    from .paths import course_root

    root = course_root()
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
               "--LabApp.default_url=/lab/tree/notebooks", *args.jupyter_args]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers often run as root; JupyterLab refuses it otherwise
    os.chdir(root)  # nbgrader's extension reads nbgrader_config.py from the working directory
    os.execv(sys.executable, command)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
