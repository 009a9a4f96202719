"""The checking library's messages: each names the mistake a student made."""
import numpy as np
import pytest

from nncourse.utils.checks import (CheckFailed, call, expect_close, expect_dtype, expect_finite,
                                   expect_number, expect_shape, passed)


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
    msg = message(expect_close, 1 / (1 + np.exp(z)), 1 / (1 + np.exp(-z)), "sigmoid(z)",
                  wrong={"flip the sign of z": lambda: 1 / (1 + np.exp(z))})
    assert msg.endswith("This is what you get when you flip the sign of z.")


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
