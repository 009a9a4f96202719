"""`nncourse release`: solutions/*.py -> solutions/*.ipynb -> notebooks/ (nbgrader) + references."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from nncourse.autograder.references import write_references
from nncourse.course.lessons import Lesson
from nncourse.course.locations import course_folder, course_root

from .notebooks import build_notebook, load_definitions, notebook_json
from .public_tests import write_answers
from .translation import translated_languages


def write_solution_notebook(lesson: Lesson, language: str = "en") -> Path:
    """Regenerate the nbgrader source notebook (in ``language``) from the lesson's text source."""
    path = lesson.solution_in(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook_json(build_notebook(lesson.source, language)), encoding="utf-8")
    return path


def nbgrader_command(*args: str) -> tuple[list[str], dict]:
    """The command line and environment that run nbgrader from this interpreter's environment
    (nbgrader calls helpers such as `alembic` by name, so their folder must be on PATH)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return [sys.executable, "-m", "nbgrader", *args], env


def generate_release(lesson: Lesson, release_root: Path, language: str = "en") -> Path:
    """Run nbgrader generate_assignment for ``lesson`` (in ``language``'s course folder) into
    ``release_root/<lesson id>/``.

    A throwaway gradebook is used, so releasing never touches an instructor's gradebook.db.
    """
    folder = course_folder(language)
    with tempfile.TemporaryDirectory() as tmp:
        command, env = nbgrader_command(
            "generate_assignment",
            lesson.id,
            "--force",
            f"--CourseDirectory.root={folder}",
            f"--CourseDirectory.release_directory={release_root}",
            f"--CourseDirectory.db_url=sqlite:///{Path(tmp) / 'gradebook.db'}",
            "--log-level=WARN",
        )
        done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"nbgrader generate_assignment {lesson.id} failed:\n{done.stdout}{done.stderr}")
    return release_root / lesson.id


def build_references(lesson: Lesson, folder: Path | None = None) -> Path:
    """Run the solution's graded code and store its outputs on the hidden cases."""
    env_backend = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"
    try:
        namespace = load_definitions(build_notebook(lesson.source), str(lesson.source))
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND")
        else:
            os.environ["MPLBACKEND"] = env_backend
    return write_references(lesson, namespace, folder)


def release(lesson: Lesson, log=print) -> None:
    for language in ("en", *translated_languages(lesson)):
        release_notebooks(lesson, language, log)
    path = build_references(lesson)  # one set for every language: grading does not depend on it
    log(f"{lesson.id}: wrote {path.relative_to(course_root())}")
    path = write_answers(lesson)
    log(f"{lesson.id}: wrote {path.relative_to(course_root())} (the public tests' answers)")


def release_notebooks(lesson: Lesson, language: str, log=print) -> None:
    """The solution notebook and the student release of ``lesson`` in ``language``."""
    path = write_solution_notebook(lesson, language)
    log(f"{lesson.id}: wrote {path.relative_to(course_root())}")
    staging = Path(tempfile.mkdtemp())
    try:
        generated = generate_release(lesson, staging, language)
        target = lesson.release_in(language).parent
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(generated, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"{lesson.id}: wrote {target.relative_to(course_root())}/ (nbgrader generate_assignment)")
