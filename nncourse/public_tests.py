"""What `nncourse release` makes of the public tests: their recorded answers, and the hidden block.

**Answers.**  A public test cell holds inputs and calls; its expected values, and the values of
the lesson's catalogued mistakes (``tests/testkit/catalogue/lesson_<id>.py``), are recorded here by running
the cell on the solution and then on each mistake, with a recording ``Answers`` in place of the
lesson's ``answers`` (``nncourse.utils.answers``).  They are written to
``utils/answers/<lesson>.json``, which the installed package ships.

**Hidden block.**  Every graded test cell ends with the call of the hidden tests of its function;
``with_hidden_block`` adds it, so that the lesson sources do not repeat it 51 times.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
import warnings

import numpy as np

from nncourse.course.lessons import Lesson
from nncourse.course.locations import course_root
from nncourse.course.notebooks import graded_functions, graded_test_cell, is_solution

from .notebooks import build_notebook, load_definitions
from .translation import lesson_catalog_of, reviewed, translated_languages

HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def public_part(test_source: str) -> str:
    """A test cell's public tests: what comes before its hidden block."""
    return test_source.split(HIDDEN_BEGIN, 1)[0]


def hidden_block(lesson_id: str, function: str, uses: tuple[str, ...]) -> str:
    arguments = "".join(f", {name}" for name in (function, *uses))
    return (
        f"{HIDDEN_BEGIN}\nfrom nncourse.autograder.hidden import check_hidden\n"
        f'check_hidden("{lesson_id}", "{function}"{arguments})\n{HIDDEN_END}'
    )


def with_hidden_block(source: str, lesson_id: str, function: str, uses: tuple[str, ...]) -> str:
    if HIDDEN_BEGIN in source:
        return source
    return source.rstrip("\n") + "\n" + hidden_block(lesson_id, function, uses)


# --- recording the answers -----------------------------------------------------------------------


def catalogue(lesson: Lesson):
    """The lesson's mistake catalogue (tests/testkit/catalogue/lesson_<id>.py, in the course checkout)."""
    tests = str(course_root() / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    return importlib.import_module(f"testkit.catalogue.lesson_{lesson.id}")


def solution_code(nb, function: str) -> str:
    return next(cell.source for cell in nb.cells if is_solution(cell) and f"def {function}(" in cell.source)


def variant_namespace(nb, function: str, code, filename: str = "<notebook>") -> dict:
    """The lesson's setup and solutions, with ``function`` replaced by ``code`` (a catalogue entry:
    source code, or a ``Mutant`` of the solution)."""
    namespace = load_definitions(nb, filename)
    if hasattr(code, "apply"):
        code = code.apply(solution_code(nb, function))
    exec(compile(code, f"<{function} variant>", "exec"), namespace)
    return namespace


def run_public_test(nb, function: str, namespace: dict, answers=None) -> None:
    """Run the public part of ``function``'s test cell in ``namespace`` (with ``answers`` as the
    lesson's answers, when given)."""
    if answers is not None:
        namespace["answers"] = answers
    source = public_part(graded_test_cell(nb, function).source)
    exec(compile(source, f"<test_{function}>", "exec"), namespace)


def record_answers(lesson: Lesson):
    """The lesson's answers: each check's value on the solution, and on each catalogued mistake."""
    from nncourse.utils.answers import Answers

    nb = build_notebook(lesson.source)
    answers = Answers(lesson.id, recording="")
    with warnings.catch_warnings(), np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        solution = load_definitions(nb, str(lesson.source))
        for function in graded_functions(nb):
            run_public_test(nb, function, dict(solution), answers)
        for function, mistakes in catalogue(lesson).WRONG.items():
            for description, code in mistakes.items():
                answers.recording = description
                try:
                    run_public_test(nb, function, variant_namespace(nb, function, code), answers)
                except Exception:  # the mistake failed an earlier check, or crashed: what it reached is kept
                    pass
    answers.recording = None
    answers.names = translated_check_names(lesson, answers.expected)
    return answers


def translated_check_names(lesson: Lesson, names) -> dict:
    """{language: {a check's translated name: its English name}} from the lesson's catalogues: the names
    a translated notebook's test cells use (marked _("...") in the source)."""
    found = {}
    for language in translated_languages(lesson):
        translations = reviewed(lesson_catalog_of(lesson.source, language))
        found[language] = {translations[name]: name for name in names if name in translations}
        if len(found[language]) != sum(name in translations for name in names):
            raise ValueError(f"{lesson.id}: two checks have the same {language} name; each needs its own")
    return {language: mapping for language, mapping in found.items() if mapping}


def write_answers(lesson: Lesson, folder=None):
    from nncourse.utils import plain
    from nncourse.utils.answers import answers_path

    path = answers_path(lesson.id, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(plain.dumps(record_answers(lesson).to_plain()), encoding="utf-8")
    return path
