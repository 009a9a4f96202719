"""The lesson registry and the locations, in a checkout and as an installed package sees them."""

from pathlib import Path

from nncourse.course import locations
from nncourse.course.lessons import all_lessons, get_lesson, released_lessons

ROOT = Path(__file__).resolve().parents[3]


def test_in_a_checkout_the_lessons_come_from_the_sources():
    assert locations.checkout() == ROOT
    ids = [lesson.id for lesson in all_lessons()]
    assert ids == sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    assert get_lesson("01_backprop").source == ROOT / "solutions" / "01_backprop" / "backprop.py"
    assert released_lessons() == all_lessons()


def test_without_a_checkout_the_lessons_are_the_released_notebooks(monkeypatch, tmp_path):
    """As in an installed wheel: the registry reads the package's copy of notebooks/."""
    (tmp_path / "01_backprop").mkdir()
    (tmp_path / "01_backprop" / "backprop.ipynb").write_text("{}")
    (tmp_path / "not_a_lesson").mkdir()
    monkeypatch.setattr("nncourse.course.lessons.checkout", lambda: None)
    monkeypatch.setattr("nncourse.course.lessons.release_dir", lambda: tmp_path)
    assert [(lesson.id, lesson.name) for lesson in all_lessons()] == [("01_backprop", "backprop")]


def test_the_references_are_package_data_of_the_grader():
    assert locations.references_dir() == ROOT / "autograder" / "references"
