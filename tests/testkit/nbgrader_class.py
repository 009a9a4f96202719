"""A throwaway nbgrader course folder, driven through nbgrader's own command line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from nncourse.release import nbgrader_command

ROOT = Path(__file__).resolve().parents[2]


def autograded_points(path) -> dict[str, float]:
    """Points of the autograded cells (test cells) of a notebook; written answers are graded by hand."""
    nb = nbformat.read(path, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
        for c in nb.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
    }


class NbgraderClass:
    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "nbgrader_config.py", folder / "nbgrader_config.py")

    def configure(self, line: str):
        """Append a line to the class's nbgrader_config.py (which outranks command-line flags)."""
        with open(self.folder / "nbgrader_config.py", "a") as f:
            f.write(line + "\n")

    def run(self, *args, check=True):
        command, env = nbgrader_command(*args)
        done = subprocess.run(command, cwd=self.folder, env=env, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def add_assignment(self, assignment: str, source_notebook: Path, name: str | None = None):
        target = self.folder / "solutions" / assignment / (name or source_notebook.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source_notebook, target)
        self.run("generate_assignment", assignment, "--force")
        return self.folder / "notebooks" / assignment / target.name

    def submit(self, student: str, assignment: str, notebook: Path, name: str):
        target = self.folder / "submitted" / student / assignment / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(notebook, target)

    def autograde(self, assignment: str, *extra, check=True):
        return self.run("autograde", assignment, "--force", *extra, check=check)

    def cell_scores(self, assignment: str, student: str, notebook: str) -> dict[str, float]:
        with Gradebook(f"sqlite:///{self.folder / 'gradebook.db'}") as gb:
            nb = gb.find_submission_notebook(notebook, assignment, student)
            return {grade.name: grade.score for grade in nb.grades}
