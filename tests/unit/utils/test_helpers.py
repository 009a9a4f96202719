"""Gradient checking, plots and progress bars that the lessons share."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nncourse.utils.checks import CheckFailed
from nncourse.utils.gradcheck import expect_gradient, numerical_gradient, relative_error
from nncourse.utils.plotting import plot_curves, show_images
from nncourse.utils.progress import progress, progress_range
from nncourse.utils.runtime import autograding, experiment_size


def test_numerical_gradient_of_a_quadratic_form():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = np.array([[0.5, -1.0], [2.0, 0.25]])
    before = x.copy()
    grad = numerical_gradient(lambda v: float(np.sum(v * (A @ v))), x)
    assert np.allclose(grad, (A + A.T) @ x, atol=1e-8)
    assert np.array_equal(x, before)


def test_relative_error_definition():
    assert relative_error(np.array([1.0, 0.0]), np.array([1.0, 0.0])) == 0.0
    assert relative_error(np.array([1.0, 2.0]), np.array([3.0, 2.0])) == pytest.approx(0.5)
    assert relative_error(np.array([1e-12]), np.array([0.0])) == pytest.approx(1e-12 / 1e-8)


def test_expect_gradient_accepts_right_and_rejects_wrong_derivatives():
    x = np.array([0.3, -1.2, 2.0])

    def f(v):
        return float(np.sum(np.sin(v)))

    assert expect_gradient(np.cos(x), f, x, "dx") < 1e-8
    with pytest.raises(CheckFailed, match="disagrees with the numerical gradient"):
        expect_gradient(-np.cos(x), f, x, "dx")
    with pytest.raises(CheckFailed, match=r"has shape \(1, 3\)"):
        expect_gradient(np.cos(x)[None], f, x, "dx")


def test_plot_curves_draws_one_line_per_curve():
    ax = plot_curves({"train": [1.0, 0.5, 0.2], "validation": [1.1, 0.7, 0.6]}, "cost", title="t")
    assert [line.get_label() for line in ax.get_lines()] == ["train", "validation"]
    assert list(ax.get_lines()[0].get_ydata()) == [1.0, 0.5, 0.2]


def test_show_images_reads_columns_as_images():
    X = np.zeros((784, 12))
    X[0, 3] = 1.0
    fig = show_images(X, labels=list(range(12)), ncols=5)
    axes = [ax for ax in fig.axes if ax.images]
    assert len(axes) == 12 and axes[3].images[0].get_array()[0, 0] == 1.0
    assert axes[3].get_title() == "3"


def test_progress_bars_are_silent_while_autograding(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert not autograding() and experiment_size(100, 5) == 100
    assert progress([1, 2], desc="x").disable is False
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert autograding() and experiment_size(100, 5) == 5
    assert progress([1, 2]).disable is True and list(progress_range(3)) == [0, 1, 2]
