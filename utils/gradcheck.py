"""Numerical gradient checking, for tests and for the experiments that verify backprop.

The course's own versions, used by test cells.  (Students write their own `numerical_gradient`
and `relative_error` in lesson 01; tests never rely on the student's copy to check the student.)
"""

from __future__ import annotations

import numpy as np

from .checks import fail
from .i18n import _


def numerical_gradient(f, x, h=1e-5):
    """Centred differences (f(x + h e_i) - f(x - h e_i)) / 2h for every entry i of the array ``x``.

    f: a function of ``x`` returning a scalar.  ``x`` is restored after each probe.
    Returns an array shaped like ``x``.
    """
    x = np.asarray(x, dtype=np.float64)
    probe = x.copy()
    grad = np.zeros_like(probe)
    for i in np.ndindex(probe.shape):
        saved = probe[i]
        probe[i] = saved + h
        f_plus = f(probe)
        probe[i] = saved - h
        f_minus = f(probe)
        probe[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    """max |a - b| / max(1e-8, |a| + |b|), elementwise, then the largest."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def expect_gradient(analytic, f, x, name, tol=1e-6, h=1e-5):
    """``analytic`` must match the numerical gradient of scalar ``f`` at ``x`` (relative error < tol)."""
    numeric = numerical_gradient(f, x, h)
    analytic = np.asarray(analytic, dtype=np.float64)
    if analytic.shape != numeric.shape:
        fail(
            _("{name} has shape {got}; the parameter it belongs to has shape {want}.").format(
                name=name, got=analytic.shape, want=numeric.shape
            )
        )
    err = relative_error(analytic, numeric)
    if err > tol:
        fail(
            _(
                "{name} disagrees with the numerical gradient (relative error {error} > {tol}): the backward pass "
                "does not compute the derivative of the cost."
            ).format(name=name, error=f"{err:.2e}", tol=f"{tol:.0e}")
        )
    return err
