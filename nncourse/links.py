"""Running a lesson away from the course folder: Colab and Binder links, and the install cell.

The repository's address is written once, in pyproject.toml (``[project.urls] Repository``). From it
come the links in the README's lesson table and the cell that opens every notebook: where the course
is installed that cell does nothing; anywhere else (Colab, a notebook opened on its own) it installs
the course's helpers from the repository. `nncourse release` writes both, so changing the address
(for a fork, say) is one edit and one release.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from nncourse.course.locations import course_root

BRANCH = "main"  # the branch Colab and Binder open
INSTALL_CELL_ID = "install"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"


def repository_url() -> str:
    """The course's public repository, from pyproject.toml (or, installed, from the package's metadata)."""
    pyproject = course_root() / "pyproject.toml"
    try:
        import tomllib
    except ImportError:  # Python 3.10: the installed metadata holds the same address
        tomllib = None
    if tomllib is not None and pyproject.is_file():
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["urls"]["Repository"]
    return installed_repository_url()


def installed_repository_url() -> str:
    """The repository named by the installed package's metadata (written from pyproject.toml)."""
    from importlib.metadata import metadata

    urls = dict(entry.split(", ", 1) for entry in metadata("nncourse").get_all("Project-URL") or [])
    return urls["Repository"]


def github_slug(url: str) -> str:
    """``owner/name`` of a GitHub repository address (Colab and Binder open GitHub repositories)."""
    parsed = urlparse(url)
    parts = parsed.path.strip("/").removesuffix(".git").split("/")
    if parsed.netloc != "github.com" or len(parts) != 2 or not all(parts):
        raise ValueError(f"Colab and Binder links need a https://github.com/OWNER/NAME address, not {url!r}")
    return "/".join(parts)


def colab_url(notebook: str, url: str) -> str:
    """Colab opening ``notebook`` (a path in the repository, e.g. notebooks/01_backprop/backprop.ipynb)."""
    return f"https://colab.research.google.com/github/{github_slug(url)}/blob/{BRANCH}/{notebook}"


def binder_url(notebook: str, url: str) -> str:
    """Binder building the repository's environment and opening ``notebook`` in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{github_slug(url)}/{BRANCH}?urlpath=lab/tree/{notebook}"


def install_requirement(url: str) -> str:
    return f"nncourse @ git+{url}@{BRANCH}"


def install_cell_source(url: str) -> str:
    """The first code cell of every lesson (its two messages marked for translation, like a lesson's own)."""
    return f'''\
# On Colab, or anywhere the course is not installed, this installs its helpers (about a minute, once).
# Where the course is installed (`python3 course.py lab`, Binder, a class's JupyterHub) it does nothing.
import importlib, importlib.util, subprocess, sys

if importlib.util.find_spec("nncourse") is None:
    print(_("Installing the course's helpers from"), "{url}")
    requirement = "{install_requirement(url)}"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", requirement],
                         capture_output=True, text=True)
    print(pip.stdout + pip.stderr, end="")  # pip's messages (Colab shows no process output)
    pip.check_returncode()
    importlib.invalidate_caches()
    print(_("Done."))'''


def install_cell_metadata() -> dict:
    """Read-only for nbgrader (a locked cell it restores when grading), and not a setup cell: the
    grader's sandbox, which has the course, never runs it.  Its code is collapsed in JupyterLab
    (``jupyter.source_hidden``): a student runs it, and need not read it."""
    return {
        "jupyter": {"source_hidden": True},
        "nbgrader": {
            "grade": False,
            "grade_id": INSTALL_CELL_ID,
            "locked": True,
            "schema_version": 3,
            "solution": False,
            "task": False,
        },
    }


def add_install_cell(nb, url: str) -> None:
    """Put the install cell in ``nb`` (an nbformat notebook), after its title cell."""
    from nbformat.v4 import new_code_cell

    cell = new_code_cell(install_cell_source(url), metadata=install_cell_metadata())
    at = 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0
    nb.cells.insert(at, cell)


# The README's lesson table: the last two cells of each lesson's row are its Colab and Binder badges.
_ROW = re.compile(
    r"^\| (?P<number>\d\d) \| `(?P<lesson>[^`]+)` \|(?P<what>.*?)\|(?: [^|]* \| [^|]* \|)?$", re.MULTILINE
)


def badges(notebook: str, url: str) -> str:
    return (
        f"[![Open in Colab]({COLAB_BADGE})]({colab_url(notebook, url)}) | "
        f"[![Binder]({BINDER_BADGE})]({binder_url(notebook, url)})"
    )


def readme_with_links(text: str, lessons, url: str) -> str:
    """The README with each lesson row's Colab and Binder badges written from ``url``."""
    notebooks = {lesson.id: lesson.release.relative_to(course_root()).as_posix() for lesson in lessons}

    def row(match):
        notebook = notebooks.get(match["lesson"])
        if notebook is None:
            return match[0]
        return f"| {match['number']} | `{match['lesson']}` |{match['what']}| {badges(notebook, url)} |"

    return _ROW.sub(row, text)


READMES = ("README.md", "README.zh-CN.md")  # the English README and its Chinese version: the same lesson table


def write_readme_links(lessons, log=print) -> Path:
    for name in READMES:
        readme = course_root() / name
        if not readme.is_file():
            continue
        text = readme.read_text(encoding="utf-8")
        updated = readme_with_links(text, lessons, repository_url())
        if updated != text:
            readme.write_text(updated, encoding="utf-8")
            log(f"{name}: wrote the Colab and Binder links")
    return course_root() / READMES[0]
