"""``judge``: the status and feedback of one exercise from a hand-written child report."""

import json

import numpy as np
import pytest

from nncourse.autograder.cases import Case
from nncourse.autograder.grades import Status
from nncourse.autograder.judge import judge
from nncourse.utils import plain

CASES = (Case("small", lambda rng: (1.0,)), Case("large", lambda rng: (1e3,)))
EXPECTED = [np.array([1.0, 2.0]), 0.5]


def report(public_status="passed", hidden=None, **overrides):
    message = "public message" if public_status != "passed" else ""
    base = {
        "setup_error": None,
        "cell_errors": [],
        "defined": True,
        "fatal": None,
        "public": {"status": public_status, "message": message},
        "hidden": [{"value": np.array([1.0, 2.0])}, {"value": 0.5}] if hidden is None else hidden,
    }
    return {**base, **overrides}


def test_all_passed():
    status, feedback = judge("f", CASES, report(), EXPECTED)
    assert status is Status.PASSED and "all public and hidden tests passed" in feedback


def test_a_self_check_without_hidden_cases_says_public_tests():
    status, feedback = judge("f", (), report(hidden=[]), [])
    assert status is Status.PASSED and feedback.endswith("its public tests passed.")


def test_a_failed_public_test_fails_and_quotes_its_message():
    status, feedback = judge("f", CASES, report(public_status="failed"), EXPECTED)
    assert status is Status.FAILED and "public message" in feedback


def test_a_wrong_hidden_value_fails_naming_the_case_but_not_the_value():
    status, feedback = judge("f", CASES, report(hidden=[{"value": np.array([1.0, 2.0])}, {"value": 0.25}]), EXPECTED)
    assert status is Status.FAILED and "large" in feedback and "small" not in feedback
    assert "0.5" not in feedback and "0.25" not in feedback


def test_a_hidden_case_that_raised_is_reported_in_words():
    status, feedback = judge(
        "f", CASES, report(hidden=[{"problem": "raised ValueError: bad"}, {"value": 0.5}]), EXPECTED
    )
    assert status is Status.FAILED and "raised ValueError: bad" in feedback


@pytest.mark.parametrize(
    "changes, status",
    [
        ({"public": {"status": "not attempted", "message": ""}}, Status.NOT_ATTEMPTED),
        ({"hidden": [{"not_attempted": True}, {"not_attempted": True}]}, Status.NOT_ATTEMPTED),
        ({"defined": False}, Status.MISSING),
        ({"setup_error": "ImportError: x"}, Status.ERROR),
        ({"fatal": "the child stopped"}, Status.ERROR),
    ],
)
def test_each_way_an_exercise_can_end(changes, status):
    assert judge("f", CASES, report(**changes), EXPECTED)[0] is status


def test_cell_errors_come_first_in_the_feedback():
    _, feedback = judge("f", CASES, report(cell_errors=["line 3: NameError"]), EXPECTED)
    assert feedback.splitlines()[0] == "f: line 3: NameError"


def test_a_report_with_the_wrong_number_of_cases_is_refused():
    with pytest.raises(ValueError):
        judge("f", CASES, report(hidden=[{"value": 0.5}]), EXPECTED)


def test_a_report_read_back_from_json_is_judged_the_same():
    text = json.dumps(plain.encode(report()))  # as the child sends it
    assert judge("f", CASES, plain.loads_untrusted(text), EXPECTED)[0] is Status.PASSED
