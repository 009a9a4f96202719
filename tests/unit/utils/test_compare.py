"""The hidden tests' comparison: a dtype is demanded only where another one is a real mistake, and named
correctly in the message."""

import numpy as np
import pytest

from nncourse.utils import plain
from nncourse.utils.compare import mismatch

MASK = np.array([[True, False, True], [False, True, True]])


def compare(actual, expected, name="mask"):
    return mismatch(actual, expected, 1e-6, 1e-9, name)


def test_a_boolean_reference_survives_the_reference_file():
    stored = plain.loads(plain.dumps([np.zeros((2, 3)), MASK]))[1]
    assert stored.dtype == np.bool_ and np.array_equal(stored, MASK)


@pytest.mark.parametrize("dtype", [bool, np.int64, np.int32, np.uint8, np.float64, np.float32])
def test_a_0_1_mask_of_any_numeric_dtype_matches_a_boolean_reference(dtype):
    assert compare(MASK.astype(dtype), MASK) is None


@pytest.mark.parametrize("dtype", [bool, np.int64, np.float64])
def test_a_0_1_mask_with_the_wrong_entries_differs(dtype):
    wrong = ~MASK
    wrong[0, 0] = MASK[0, 0]
    assert compare(wrong.astype(dtype), MASK) == "mask differs at 5 of 6 entries"


@pytest.mark.parametrize(
    "not_a_mask",
    [MASK / 0.8, MASK * 0.8, np.full(MASK.shape, 0.5), MASK * 2, np.where(MASK, 1.0, np.nan)],
    ids=["scaled by 1/keep_prob", "times keep_prob", "probabilities", "integers 0 and 2", "nan"],
)
def test_a_mask_that_is_not_0_1_fails_and_says_so(not_a_mask):
    message = compare(not_a_mask, MASK)
    assert message.startswith("mask should be a 0/1 mask (bool, int or float), but ")
    assert "neither 0 nor 1" in message and "scaled mask" in message
    assert "integers" not in message


def test_a_boolean_reference_is_never_called_integers():
    for actual in (MASK / 0.8, MASK.astype(float), ~MASK, np.zeros((3, 2), dtype=bool)):
        assert "integer" not in (compare(actual, MASK) or "")


def test_the_mask_message_names_the_item_of_a_result():
    message = compare([np.ones((2, 3)), MASK / 0.5], [np.ones((2, 3)), MASK], "the result")
    assert message.startswith("the result[1] should be a 0/1 mask")


def test_labels_must_stay_integers():
    labels = np.array([3, 0, 2])
    assert compare(labels.astype(np.int32), labels, "labels") is None
    assert compare(labels.astype(float), labels, "labels").startswith(
        "labels has dtype float64; expected integers, not floats"
    )
    assert "expected integers, not booleans" in compare(np.array([True, False, True]), np.array([1, 0, 1]), "y")


def test_float_results_name_the_dtype_and_the_usual_cause():
    expected = np.array([0.5, 1.5])
    assert "expected float64: integer arithmetic truncates" in compare(np.array([0, 1]), expected, "A")
    assert "expected float64: booleans" in compare(np.array([True, False]), expected, "A")
    assert "float32 keeps fewer digits" in compare(expected.astype(np.float32), expected, "A")
    assert "cast them to float32" in compare(expected, expected.astype(np.float32), "A")
    assert compare(expected.astype(np.float32), expected.astype(np.float32), "A") is None


def test_a_truth_value_where_a_number_is_expected_is_named():
    assert compare(True, 1, "stop_epoch") == "stop_epoch should be a number, not a truth value (True)"
    assert compare(1, True, "flag") == "flag is not the expected truth value"
    assert compare(True, True, "flag") is None
