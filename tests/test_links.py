"""Colab and Binder: the README's links, the install cell every lesson opens with, Binder's files.

The slow test at the end performs what Colab does: a Python that has the lessons' dependencies but
not the course runs a lesson whose install cell installs the course from a git repository.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from testkit.submissions import solved_release, write

from nncourse import cli, links
from nncourse.course.lessons import all_lessons, get_lesson
from nncourse.course.notebooks import graded_functions, is_setup, read_notebook

URL = links.repository_url()
LINK = re.compile(r"\]\((https://(?:colab\.research\.google\.com|mybinder\.org)/[^)\s]+)\)")


def readme(root) -> str:
    return (root / "README.md").read_text(encoding="utf-8")


def test_the_repository_is_a_github_address():
    assert links.github_slug(URL).count("/") == 1


@pytest.mark.parametrize("url", ["https://gitlab.com/a/b", "https://github.com/a", "https://github.com/a/b/c"])
def test_an_address_colab_cannot_open_is_refused(url):
    with pytest.raises(ValueError, match="github.com/OWNER/NAME"):
        links.github_slug(url)


@pytest.mark.parametrize("name", links.READMES)
def test_readme_links_are_written_from_the_repository_address(root, name):
    text = (root / name).read_text(encoding="utf-8")
    assert links.readme_with_links(text, all_lessons(), URL) == text, (
        f"{name}'s Colab/Binder links are stale: run `nncourse release`"
    )
    assert text.count("colab.research.google.com/github/") == len(all_lessons()), f"{name}: a lesson lacks its links"


def test_every_lesson_has_a_colab_and_a_binder_link_to_its_student_notebook(root):
    opened = {}
    for url in LINK.findall(readme(root)):
        if url.endswith((".svg", ".png")):  # the badges' images
            continue
        if "colab" in url:
            prefix = f"https://colab.research.google.com/github/{links.github_slug(URL)}/blob/{links.BRANCH}/"
        else:
            prefix = f"https://mybinder.org/v2/gh/{links.github_slug(URL)}/{links.BRANCH}?urlpath=lab/tree/"
        assert url.startswith(prefix), url
        notebook = url.removeprefix(prefix)
        assert (root / notebook).is_file(), f"{url} opens {notebook}, which does not exist"
        opened.setdefault(notebook, set()).add("colab" if "colab" in url else "binder")
    expected = {lesson.release.relative_to(root).as_posix() for lesson in all_lessons()}
    assert set(opened) == expected, "links must open exactly the student notebooks (notebooks/), not solutions"
    assert all(kinds == {"colab", "binder"} for kinds in opened.values())


def test_a_fork_changes_every_link_with_one_address(root):
    fork = "https://github.com/someone/nncourse-fork"
    moved = links.readme_with_links(readme(root), all_lessons(), fork)
    assert URL not in moved.split("## Students")[0].split("## Lessons")[1]
    assert moved.count("github/someone/nncourse-fork/blob/main/notebooks/") == len(all_lessons())
    assert links.readme_with_links(moved, all_lessons(), URL) == readme(root)


@pytest.mark.parametrize("kind", ["solution", "release"])
def test_every_lesson_opens_with_the_install_cell(lesson, kind):
    nb = read_notebook(getattr(lesson, kind))
    first = next(cell for cell in nb.cells if cell.cell_type == "code")
    assert first.source == english_install_cell()
    assert first.metadata["nbgrader"]["locked"] and not first.metadata["nbgrader"]["grade"]
    assert not is_setup(first), "the grader's sandbox has the course; it must not run the install cell"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# Lesson")


def english_install_cell() -> str:
    """The install cell as the English build writes it (its translation marks taken away)."""
    from nncourse.translation import place_marked_strings

    return place_marked_strings(links.install_cell_source(URL), {})


def run_install_cell(monkeypatch, installed: bool):
    """Execute the install cell with pip replaced by a recorder; return the commands it ran."""
    commands = []
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: real_find_spec(name, *a) if installed or name != "nncourse" else None,
    )
    monkeypatch.setattr(
        subprocess,
        "run",
        lambda command, **kw: commands.append(command) or subprocess.CompletedProcess(command, 0, "", ""),
    )
    exec(english_install_cell(), {})
    return commands


def test_the_install_cell_does_nothing_where_the_course_is_installed(monkeypatch, capsys):
    assert run_install_cell(monkeypatch, installed=True) == []
    assert capsys.readouterr().out == ""


def test_the_install_cell_installs_the_course_from_the_repository_elsewhere(monkeypatch, capsys):
    [command] = run_install_cell(monkeypatch, installed=False)
    assert command[0] == sys.executable and command[1:4] == ["-m", "pip", "install"]
    assert command[-1] == f"nncourse @ git+{URL}@{links.BRANCH}"
    assert "Installing the course's helpers" in capsys.readouterr().out


def test_binder_builds_the_course_with_jupyterlab_and_nbgrader(root):
    """repo2docker installs binder/environment.yml before the repository is there, so the course is
    installed by postBuild, which runs in the repository's root."""
    import yaml

    env = yaml.safe_load((root / "binder" / "environment.yml").read_text())
    assert "pip" in env["dependencies"]
    assert not any(isinstance(d, dict) for d in env["dependencies"]), "no local pip installs before the repo is copied"
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert python.split("=")[1] == "3.11"
    post_build = root / "binder" / "postBuild"
    assert os.access(post_build, os.X_OK)
    assert 'pip install --no-cache-dir -e ".[lab]"' in post_build.read_text()


def test_tools_of_the_lab_extra_are_asked_for_by_name(monkeypatch, capsys):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "nbgrader" else real_find_spec(name, *a)
    )
    assert cli.main(["release", "01_backprop"]) == 2
    assert "pip install 'nncourse[lab]'" in capsys.readouterr().err


def test_the_installed_package_names_the_same_repository():
    """Python 3.10 (no tomllib) reads the address from the package's metadata."""
    assert links.installed_repository_url() == URL


# --- Colab, end to end -------------------------------------------------------------------------------------


def colab_like_python(folder: Path) -> Path:
    """A virtual environment holding every package of this one except the course itself, as Colab
    holds numpy, matplotlib and TensorFlow but not nncourse."""
    venv.create(folder, with_pip=False, symlinks=True)  # pip and setuptools too come from ours
    python = folder / "bin" / "python"
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    ours = Path(sysconfig.get_paths()["purelib"])
    for entry in ours.iterdir():
        if not entry.name.lower().startswith(("nncourse", "__editable__")):
            (target / entry.name).symlink_to(entry)
    return python


def snapshot_repository(root: Path, folder: Path) -> Path:
    """A git repository whose main branch holds this checkout's files as they are now (committed or not)."""
    files = (
        subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=root, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, files):
        if (root / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, folder / name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost", "-C", str(folder)]
    for args in (["init", "-q", "-b", links.BRANCH], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(git + args, check=True)
    return folder


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("git") is None or not (Path(__file__).parents[1] / ".git").exists(),
    reason="pip installs the course from a git repository of this checkout",
)
@pytest.mark.parametrize("lesson_id", ["01_backprop", "07_tensorflow_signs"])  # numpy and MNIST; TensorFlow and SIGNS
def test_a_lesson_runs_on_a_python_without_the_course_after_its_install_cell(root, tmp_path, lesson_id):
    python = colab_like_python(tmp_path / "colab")
    absent = subprocess.run([str(python), "-c", "import nncourse"], cwd=tmp_path, capture_output=True, text=True)
    assert absent.returncode != 0 and "No module named 'nncourse'" in absent.stderr

    # The lesson alone in an empty folder, as Colab opens it, installing from a git repository of this checkout.
    repository = snapshot_repository(root, tmp_path / "repository")
    lesson = get_lesson(lesson_id)
    nb = solved_release(lesson)
    local = f"file://localhost{repository}"  # pip wants a host in a git+file requirement URL
    for cell in nb.cells:
        cell.source = cell.source.replace(f"git+{URL}", f"git+{local}")
    content = tmp_path / "content"
    write(nb, content / lesson.release.name)
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "NBGRADER_EXECUTION": "autograde",
        "MPLBACKEND": "Agg",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        # Offline: every dependency is there already, and setuptools builds the course without isolation.
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "false",
    }
    for name in ("PYTHONPATH", "NNCOURSE_ROOT", "NNCOURSE_DATA"):
        env.pop(name, None)
    ran = subprocess.run(
        [
            str(python),
            "-m",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=600",
            "--output",
            "ran.ipynb",
            lesson.release.name,
        ],
        cwd=content,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    cells = [c for c in read_notebook(content / "ran.ipynb").cells if c.cell_type == "code"]
    printed = ["".join(o.get("text", "")) for cell in cells for o in cell.outputs]
    assert "Installing the course's helpers" in printed[0]
    functions = graded_functions(nb)
    assert sum("all public tests passed" in text for text in printed) == len(functions), (
        "every exercise's public test passed on Colab's Python"
    )

    where = subprocess.run(
        [str(python), "-c", "import nncourse; print(nncourse.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(tmp_path / "colab")), "the course was installed into the notebook's Python"
