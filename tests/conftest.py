import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # the tests' helpers: the package testkit

# Notebooks executed by the tests use a non-interactive backend and a quiet TensorFlow.
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def root():
    return ROOT


def pytest_generate_tests(metafunc):
    """A test that takes ``lesson`` runs once per lesson, unless its module chose the lessons itself."""
    chosen = any(
        "lesson" in str(m.args[0]).replace(" ", "").split(",") for m in metafunc.definition.iter_markers("parametrize")
    )
    if "lesson" in metafunc.fixturenames and not chosen:
        from nncourse.course.lessons import all_lessons

        lessons = all_lessons()
        metafunc.parametrize("lesson", lessons, ids=[l.id for l in lessons])
