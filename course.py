#!/usr/bin/env python3
"""Set up the course and use it, on any machine with Python 3.10-3.13:

    python3 course.py lab     # create .venv if needed, then open the course in JupyterLab
    python3 course.py test    # create .venv if needed, then run the whole test suite

The environment is a virtual environment in .venv/ holding the course package (pyproject.toml) and
its test tools; it is rebuilt when pyproject.toml changes.  Extra arguments go to JupyterLab or pytest.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "nncourse-installed.txt"
SUPPORTED = ((3, 10), (3, 13))


def venv_bin(name):
    return VENV / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


def wanted_stamp():
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment():
    low, high = SUPPORTED
    if not low <= sys.version_info[:2] <= high:
        sys.exit(
            f"The course needs Python {low[0]}.{low[1]} to {high[0]}.{high[1]} (TensorFlow's range); this is "
            f"{sys.version.split()[0]}. Run this script with a supported python, e.g. python3.11 course.py ..."
        )
    if not venv_bin("python").exists():
        print(f"Creating the course environment in {VENV} ...", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except (subprocess.CalledProcessError, OSError) as exc:
            sys.exit(
                f"Could not create a virtual environment ({exc}). On Debian or Ubuntu, install "
                "python3-venv first (sudo apt install python3-venv), then run this again."
            )
    if not STAMP.exists() or STAMP.read_text().strip() != wanted_stamp():
        print("Installing the course and its dependencies (a few minutes, once) ...", flush=True)
        pip = [str(venv_bin("python")), "-m", "pip", "install", "--disable-pip-version-check"]
        subprocess.run(pip + ["-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(wanted_stamp() + "\n")


def main(argv):
    if not argv or argv[0] not in ("lab", "test"):
        sys.exit(__doc__)
    ensure_environment()
    command, extra = argv[0], argv[1:]
    if command == "lab":
        args = [str(venv_bin("nncourse")), "lab", *extra]
    else:
        args = [str(venv_bin("python")), "-m", "pytest", *extra]
    os.chdir(ROOT)
    sys.exit(subprocess.run(args).returncode)


if __name__ == "__main__":
    main(sys.argv[1:])
