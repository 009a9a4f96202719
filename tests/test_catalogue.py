"""Each lesson's test cells catch the mistakes of its catalogue and pass its correct variants."""

import importlib
import re
from pathlib import Path

import pytest
from testkit.catalogue import Mutant

from nncourse.course.lessons import all_lessons
from nncourse.course.notebooks import graded_functions, graded_test_cell, is_solution
from nncourse.notebooks import build_notebook, load_definitions

MIN_WRONG, MIN_CORRECT = 3, 1
ROOT = Path(__file__).resolve().parents[1]


def catalogue(lesson):
    try:
        return importlib.import_module(f"testkit.catalogue.lesson_{lesson.id}")
    except ModuleNotFoundError:
        pytest.fail(f"no mistake catalogue for {lesson.id} (tests/testkit/catalogue/lesson_{lesson.id}.py)")


def entries(kind):
    return [
        pytest.param(lesson, function, code, id=f"{lesson.id}-{function}-{description}")
        for lesson in all_lessons()
        for function, variants in getattr(catalogue(lesson), kind).items()
        for description, code in variants.items()
    ]


def solution_code(nb, function):
    return next(cell.source for cell in nb.cells if is_solution(cell) and f"def {function}(" in cell.source)


def run_test_cell(lesson, function, code):
    """The lesson's solution, with ``function`` replaced by ``code``, then its test cell (all of it)."""
    nb = build_notebook(lesson.source)
    namespace = load_definitions(nb)
    if isinstance(code, Mutant):
        code = code.apply(solution_code(nb, function))
    exec(compile(code, f"<{function} variant>", "exec"), namespace)
    exec(compile(graded_test_cell(nb, function).source, f"<test_{function}>", "exec"), namespace)


def test_catalogue_covers_every_graded_function(lesson):
    module = catalogue(lesson)
    for function in graded_functions(build_notebook(lesson.source)):
        assert len(module.WRONG.get(function, {})) >= MIN_WRONG, f"{function}: fewer than {MIN_WRONG} mistakes"
        assert len(module.CORRECT.get(function, {})) >= MIN_CORRECT, f"{function}: no correct variant"


# What a catalogue entry that is itself broken raises, wherever it comes from: never counted as caught.
BROKEN_ENTRY = (NameError, SyntaxError, ImportError)


def raised_by_the_variant(traceback, function) -> bool:
    """Whether the exception came out of the mistaken function itself (a crash, as the student would
    see it), rather than out of the test cell's own code."""
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == f"<{function} variant>":
            return True
        traceback = traceback.tb_next
    return False


@pytest.mark.parametrize("subject, function, code", entries("WRONG"))
def test_wrong_implementation_is_caught(subject, function, code):
    """Caught means: a check of the test cell failed on purpose (the checks' CheckFailed, an
    AssertionError), or the mistaken function crashed, as it would in the student's notebook (both cost
    the exercise its points in nbgrader).  A broken entry fails here loudly: a Mutant that does not apply,
    a NameError or SyntaxError, an error raised by the test cell's own code."""
    with pytest.raises(Exception) as caught:
        run_test_cell(subject, function, code)
    error = caught.value
    assert not isinstance(error, BROKEN_ENTRY), f"the catalogue entry is broken: {error!r}"
    assert isinstance(error, AssertionError) or raised_by_the_variant(caught.tb, function), (
        f"the test cell raised {error!r} from its own code, not a check: is the entry what a student writes?"
    )


def nbgrader_ignore_pattern():
    """The course's nbgrader IgnorePattern: stderr lines nbgrader drops (TensorFlow's import-time logs)."""
    from traitlets.config import Config

    config = Config()
    exec(
        (ROOT / "nbgrader_config.py").read_text(),
        {"get_config": lambda: config, "__file__": str(ROOT / "nbgrader_config.py")},
    )
    return re.compile(config.IgnorePattern.pattern)


@pytest.mark.parametrize("subject, function, code", entries("CORRECT"))
def test_correct_variant_passes(subject, function, code, capfd):
    run_test_cell(subject, function, code)
    ignored = (
        nbgrader_ignore_pattern()
    )  # TensorFlow logs on its first import in this process; nbgrader drops those lines
    stderr = [line for line in capfd.readouterr().err.splitlines() if line.strip() and not ignored.search(line)]
    assert stderr == [], "a test cell that prints on stderr gets no points in nbgrader"
