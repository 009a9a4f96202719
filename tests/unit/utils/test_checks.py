"""The checking library's messages: each names the mistake a student made; and a submission cannot
patch the checks (nncourse.utils.tamper)."""

import builtins

import numpy as np
import pytest

from nncourse.utils import checks, tamper
from nncourse.utils.checks import (
    CheckFailed,
    call,
    expect_close,
    expect_dtype,
    expect_finite,
    expect_number,
    expect_shape,
    passed,
)


def message(fn, *args, **kwargs):
    with pytest.raises(CheckFailed) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_transposed_shape_asks_for_a_transpose():
    msg = message(expect_shape, np.zeros((784, 30)), (30, 784), "grad_w[0]")
    assert msg == "grad_w[0] has shape (784, 30); expected (30, 784): is a transpose missing?"


def test_flattened_column_asks_for_keepdims():
    assert "keepdims=True" in message(expect_shape, np.zeros(5), (5, 1), "grad_b[1]")


def test_unsummed_bias_gradient_asks_for_axis_1():
    assert "sum over the examples (axis=1)" in message(expect_shape, np.zeros((5, 32)), (5, 1), "db")


def test_sum_over_wrong_axis():
    assert "wrong axis" in message(expect_shape, np.zeros((1, 32)), (5, 32), "x")


def test_none_result_asks_for_return():
    assert "forget to `return`" in message(expect_shape, None, (2, 2), "sigmoid(z)")


def test_dtype_message():
    msg = message(expect_dtype, np.zeros(3, dtype=np.int64), np.float64, "A")
    assert msg.startswith("A has dtype int64; expected float64.")
    assert "float32" in message(expect_dtype, np.zeros(3, dtype=np.float32), np.float64, "A")


def test_dtype_message_names_booleans_as_booleans():
    msg = message(expect_dtype, np.zeros(3, dtype=bool), np.float64, "A")
    assert msg.startswith("A has dtype bool; expected float64. Booleans")
    assert "Integer" not in msg


def test_mutated_input_is_reported_by_name():
    def softmax(Z):
        Z -= Z.max(axis=0)
        return np.exp(Z) / np.exp(Z).sum(axis=0)

    msg = message(call, softmax, np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert msg.startswith("softmax changed its input `Z`")


def test_mutation_inside_a_list_of_arrays_is_located():
    def step(weights):
        weights[1] *= 0.5
        return weights

    msg = message(call, step, [np.ones(2), np.ones(3)])
    assert "changed its input `weights`[1]" in msg


def test_call_returns_result_and_silences_overflow(capfd):
    out = call(lambda z: 1 / (1 + np.exp(-z)), np.array([-1000.0, 0.0]))
    assert np.allclose(out, [0.0, 0.5])
    assert capfd.readouterr().err == ""


def test_factor_m_is_recognised():
    msg = message(expect_close, np.array([2.0, 4.0]) * 10, np.array([2.0, 4.0]), "dW", m=10)
    assert "did you forget to divide by m?" in msg


def test_factor_two_and_sign_are_recognised():
    assert "1/2 of the cost" in message(expect_close, np.array([2.0, 6.0]), np.array([1.0, 3.0]), "C")
    assert "opposite sign" in message(expect_close, np.array([-1.0, 3.0]), np.array([1.0, -3.0]), "g")


def test_a_known_wrong_value_is_named():
    z = np.array([-1.0, 2.0])
    msg = message(
        expect_close,
        1 / (1 + np.exp(z)),
        1 / (1 + np.exp(-z)),
        "sigmoid(z)",
        wrong={"flip the sign of z": lambda: 1 / (1 + np.exp(z))},
    )
    assert msg.endswith("It matches a known mistake: flip the sign of z.")


def test_mismatch_gives_first_index_and_values():
    msg = message(expect_close, np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), "A")
    assert msg.startswith("A is wrong at 1 of 4 entries; first at index (1, 1): got 5, expected 4")


def test_lists_are_checked_item_by_item_with_names():
    msg = message(expect_close, [np.zeros((2, 3)), np.zeros((4, 2))], [np.zeros((2, 3)), np.zeros((2, 4))], "grad_w")
    assert msg.startswith("grad_w[1] has shape (4, 2); expected (2, 4)")
    assert "sequence" not in message(expect_close, [np.zeros(1)], [np.zeros(1), np.zeros(1)], "w")


def test_integer_result_where_floats_expected():
    assert "has dtype int64; expected float64" in message(expect_close, np.array([0, 1]), np.array([0.0, 1.0]), "p")


def test_non_finite_values_are_reported():
    assert "contains nan at index (1,)" in message(expect_finite, np.array([0.0, np.nan]), "cost")


def test_number_expected():
    assert "single number" in message(expect_number, np.zeros(3), "cost")
    expect_number(np.float64(1.0), "cost")
    expect_number(np.array(2.0), "cost")


def test_close_values_pass(capsys):
    expect_close(np.array([1.0, 2.0]), [1.0, 2.0 + 1e-9], "x")
    expect_close(3.0, 3.0, "c")
    passed("x")
    assert capsys.readouterr().out == "\u2713 x: all public tests passed.\n"


# --- a submission cannot patch what checks it ----------------------------------------------------


@pytest.fixture
def untampered():
    """Whatever a test below replaces is put back, even when the test fails."""
    yield
    tamper.restore()


def test_a_patched_comparison_fails_the_exercise_and_is_put_back(untampered):
    allclose, assert_allclose = np.allclose, np.testing.assert_allclose
    np.allclose = lambda *a, **k: True
    np.testing.assert_allclose = lambda *a, **k: None
    assert message(expect_close, np.array([1.0]), [2.0], "x") == (
        "your code replaced numpy.allclose, numpy.testing.assert_allclose: graded checks cannot be patched; "
        "this exercise fails."
    )
    assert np.allclose is allclose and np.testing.assert_allclose is assert_allclose
    assert message(expect_close, np.array([1.0]), [2.0], "x").startswith(
        "x is wrong at 1 of 1 entries"
    )  # graded normally


def test_patched_builtins_are_caught_and_put_back(untampered):
    real_abs, real_max = builtins.abs, builtins.max
    builtins.abs = lambda x: 0
    builtins.max = lambda *a, **k: 0
    assert "your code replaced builtins.abs, builtins.max:" in message(passed, "sigmoid")
    assert builtins.abs is real_abs and builtins.max is real_max


def test_a_patch_made_while_the_function_runs_is_caught(untampered):
    def sigmoid(z):
        np.isclose = lambda *a, **k: True
        return z

    assert message(call, sigmoid, np.zeros(2)).startswith("your code replaced numpy.isclose:")


def test_a_replaced_or_rewritten_check_is_caught(untampered):
    checks.expect_close = lambda *a, **k: None
    checks.expect_shape.__code__ = (lambda *a, **k: None).__code__
    assert "replaced nncourse.utils.checks.expect_close, the code of nncourse.utils.checks.expect_shape:" in message(
        passed, "x"
    )
    assert "has shape (2,); expected (3,)" in message(checks.expect_shape, np.zeros(2), (3,), "x")


def test_what_was_put_back_after_a_cell_is_reported_by_the_next_check(untampered):
    array_equal = np.array_equal
    np.array_equal = lambda *a, **k: True
    tamper.put_back()  # what a notebook does after every cell
    assert np.array_equal is array_equal
    assert message(passed, "x").startswith("your code replaced numpy.array_equal:")
    passed("x")  # reported once


def test_the_hidden_tests_cannot_be_patched(untampered):
    from nncourse.autograder import hidden
    from nncourse.utils import compare

    compare.mismatch = lambda *a, **k: None
    assert "replaced nncourse.utils.compare.mismatch:" in message(
        hidden.check_hidden, "01_backprop", "sigmoid", lambda z: z
    )
    assert message(hidden.check_hidden, "01_backprop", "sigmoid", lambda z: z).startswith("sigmoid failed")


def test_honest_code_is_never_taken_for_tampering(untampered, capsys):
    import matplotlib.pyplot  # noqa: F401

    _ = np.ma, np.fft, np.polynomial  # numpy imports these on first use
    builtins.display = print  # IPython adds builtins of its own
    try:
        expect_close(call(lambda z: np.abs(z).max(), np.array([-3.0, 1.0])), 3.0, "max |z|")
        passed("honest")
    finally:
        del builtins.display
    assert tamper.restore() == []


def test_expect_dtype_of_a_kind():
    from nncourse.utils.checks import expect_dtype

    expect_dtype(np.array([1, 2], dtype=np.int32), np.integer, "labels")
    with pytest.raises(CheckFailed, match="expected integers"):
        expect_dtype(np.array([1.0, 2.0]), np.integer, "labels")
    expect_dtype(np.array([1.0], dtype=np.float32), np.floating, "x")


def test_a_list_of_numbers_is_compared_as_an_array():
    expect_close([1.0, 2.0], np.array([1.0, 2.0]), "costs")
    with pytest.raises(CheckFailed, match="costs is wrong at 1 of 2"):
        expect_close([1.0, 3.0], np.array([1.0, 2.0]), "costs")
