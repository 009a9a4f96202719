"""What grading says about a notebook: the status and points of each exercise, and of the whole.

Plain dataclasses that travel between processes as dicts (``to_dict``/``from_dict``) and that the
reports are written from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Status(str, Enum):
    """How one exercise did."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_ATTEMPTED = "not attempted"  # still raises NotImplementedError
    MISSING = "missing"  # no cell defines the function
    ERROR = "error"  # it could not be run or judged (timeout, crash, unreadable report)

    def __str__(self) -> str:
        return self.value

    __format__ = str.__format__


class NotebookStatus(str, Enum):
    """Whether a notebook could be graded normally; anything but OK comes with a ``problem``."""

    OK = "ok"
    UNREADABLE = "unreadable"
    UNKNOWN_LESSON = "unknown lesson"
    EMPTY = "empty notebook"
    GRADER_ERROR = "grader error"

    def __str__(self) -> str:
        return self.value

    __format__ = str.__format__


@dataclass
class ExerciseGrade:
    function: str
    cell_id: str  # the nbgrader grade id of the exercise's test cell: a grades.csv column
    points: float
    max_points: float
    status: Status
    feedback: str  # for the student: what to fix, never hidden inputs or expected values
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED


@dataclass
class NotebookGrade:
    submission: str
    lesson: str
    status: NotebookStatus = NotebookStatus.OK
    problem: str = ""  # why, when the status is not OK
    exercises: list[ExerciseGrade] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_points for e in self.exercises)

    @property
    def ok(self) -> bool:
        return self.status is NotebookStatus.OK

    @property
    def status_text(self) -> str:
        """The ``status`` column of grades.csv: ``ok``, or the reason it could not be graded normally."""
        return str(self.status) if self.ok else f"{self.status}: {self.problem}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["status"] = self.status.value
        for exercise in data["exercises"]:
            exercise["status"] = Status(exercise["status"]).value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> NotebookGrade:
        exercises = [ExerciseGrade(**{**e, "status": Status(e["status"])}) for e in data.get("exercises", [])]
        return cls(**{**data, "status": NotebookStatus(data["status"]), "exercises": exercises})
