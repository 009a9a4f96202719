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
from nncourse.course.locations import course_root

from .notebooks import build_notebook, load_definitions, notebook_json
from .public_tests import write_answers


def write_solution_notebook(lesson: Lesson) -> Path:
    """Regenerate the nbgrader source notebook from the lesson's text source."""
    lesson.solution.write_text(notebook_json(build_notebook(lesson.source)), encoding="utf-8")
    return lesson.solution


def nbgrader_command(*args: str) -> tuple[list[str], dict]:
    """The command line and environment that run nbgrader from this interpreter's environment
    (nbgrader calls helpers such as `alembic` by name, so their folder must be on PATH)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return [sys.executable, "-m", "nbgrader", *args], env


def generate_release(lesson: Lesson, release_root: Path) -> Path:
    """Run nbgrader generate_assignment for ``lesson`` into ``release_root/<lesson id>/``.

    A throwaway gradebook is used, so releasing never touches an instructor's gradebook.db.
    """
    with tempfile.TemporaryDirectory() as tmp:
        command, env = nbgrader_command(
            "generate_assignment",
            lesson.id,
            "--force",
            f"--CourseDirectory.root={course_root()}",
            f"--CourseDirectory.release_directory={release_root}",
            f"--CourseDirectory.db_url=sqlite:///{Path(tmp) / 'gradebook.db'}",
            "--log-level=WARN",
        )
        done = subprocess.run(command, cwd=course_root(), env=env, capture_output=True, text=True)
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
    write_solution_notebook(lesson)
    log(f"{lesson.id}: wrote {lesson.solution.relative_to(course_root())}")
    staging = Path(tempfile.mkdtemp())
    try:
        generated = generate_release(lesson, staging)
        target = lesson.release.parent
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(generated, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"{lesson.id}: wrote {target.relative_to(course_root())}/ (nbgrader generate_assignment)")
    path = build_references(lesson)
    log(f"{lesson.id}: wrote {path.relative_to(course_root())}")
    path = write_answers(lesson)
    log(f"{lesson.id}: wrote {path.relative_to(course_root())} (the public tests' answers)")
