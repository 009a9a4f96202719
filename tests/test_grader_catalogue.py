"""`nncourse grade` catches every catalogued mistake and passes every catalogued correct variant.

The catalogue's in-kernel proof (test_catalogue.py) runs the test cells; this one runs the grader
itself, sandbox and all: round k replaces every graded function with its k-th wrong (or correct)
variant in one submitted notebook.
"""

import nbformat
from testkit.sandboxes import STRONGEST  # catalogued mistakes are honest code: any sandbox, or none
from testkit.submissions import catalogue_variants, with_answers, write

from nncourse.autograder.cases import cases_for
from nncourse.autograder.grader import Grader
from nncourse.autograder.sandbox import Limits

LIMITS = Limits(timeout=60)


def rounds(lesson, kind):
    """Each round's variants.  Functions coupled through a cache (Hidden.uses) are varied in separate
    rounds, because the catalogue pairs each variant with the solution's version of the other."""
    used = {u for hidden in cases_for(lesson).values() for u in hidden.uses}
    k = 0
    while variants := catalogue_variants(lesson, kind, k):
        for part in (
            {f: c for f, c in variants.items() if f not in used},
            {f: c for f, c in variants.items() if f in used},
        ):
            if part:
                yield k, part
        k += 1


def test_grader_gives_zero_to_every_catalogued_mistake(lesson, tmp_path):
    solution = nbformat.read(lesson.solution, as_version=4)
    with Grader(LIMITS, STRONGEST) as grader:
        for k, variants in rounds(lesson, "WRONG"):
            path = write(with_answers(solution, variants), tmp_path / f"wrong{k}" / lesson.id / lesson.solution.name)
            grade = grader.grade(str(path))
            assert grade.ok, grade.status_text
            scored = {e.function: e.feedback for e in grade.exercises if e.function in variants and e.points > 0}
            assert not scored, f"round {k}: the grader gave points to catalogued mistakes: {scored}"


def test_grader_gives_full_points_to_every_catalogued_correct_variant(lesson, tmp_path):
    solution = nbformat.read(lesson.solution, as_version=4)
    with Grader(LIMITS, STRONGEST) as grader:
        for k, variants in rounds(lesson, "CORRECT"):
            path = write(with_answers(solution, variants), tmp_path / f"correct{k}" / lesson.id / lesson.solution.name)
            grade = grader.grade(str(path))
            missed = {
                e.function: e.feedback for e in grade.exercises if e.function in variants and e.points < e.max_points
            }
            assert not missed, f"round {k}: correct variants lost points: {missed}"
