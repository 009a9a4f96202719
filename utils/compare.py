"""Comparing a result with a reference output, with messages that never reveal the expected value."""

from __future__ import annotations

import numpy as np

from nncourse.utils import tamper
from nncourse.utils.i18n import _


def mismatch(actual, expected, rtol, atol, name=None) -> str | None:
    """None when plain ``actual`` matches plain ``expected``; otherwise what is wrong, in words."""
    name = _("the result") if name is None else name
    if isinstance(expected, list):
        if _numbers(expected) and isinstance(actual, np.ndarray) and actual.ndim == 1:
            actual = actual.tolist()  # a list of numbers may come back as a 1-d array
        if not isinstance(actual, list):
            return _("{name} should be a sequence of {count} items").format(name=name, count=len(expected))
        if len(actual) != len(expected):
            return _("{name} has {got} items; expected {want}").format(name=name, got=len(actual), want=len(expected))
        for i, (a, e) in enumerate(zip(actual, expected)):
            problem = mismatch(a, e, rtol, atol, f"{name}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return _("{name} should be a dict with keys {keys}").format(name=name, keys=sorted(expected))
        for key in sorted(expected):
            problem = mismatch(actual[key], expected[key], rtol, atol, f"{name}[{key!r}]")
            if problem:
                return problem
        return None
    if isinstance(expected, str):
        return None if actual == expected else _("{name} is not the expected string").format(name=name)
    if isinstance(expected, np.ndarray):
        return _array_mismatch(actual, expected, rtol, atol, name)
    if isinstance(expected, bool):
        return None if actual is expected else _("{name} is not the expected truth value").format(name=name)
    if isinstance(actual, bool):
        return _("{name} should be a number, not a truth value ({value})").format(name=name, value=actual)
    if isinstance(expected, (int, float)):
        if isinstance(actual, np.ndarray) and actual.shape == ():
            actual = actual.item()
        if not isinstance(actual, (int, float)):
            return _("{name} should be a single number").format(name=name)
        if isinstance(expected, int) and isinstance(actual, int):
            return None if actual == expected else _("{name} is not the expected integer").format(name=name)
        if not np.isfinite(actual) and np.isfinite(expected):
            return _("{name} is {value} (an overflow or a log of 0?)").format(name=name, value=actual)
        return (
            None
            if np.isclose(actual, expected, rtol=rtol, atol=atol)
            else _("{name} has the wrong value").format(name=name)
        )
    return _("{name} cannot be compared").format(name=name)


def _array_mismatch(actual, expected, rtol, atol, name):
    if isinstance(actual, (int, float)) and expected.shape == ():
        actual = np.asarray(actual)
    if not isinstance(actual, np.ndarray):
        return _("{name} should be a numpy array").format(name=name)
    if actual.shape != expected.shape:
        return _("{name} has shape {got}; expected {want}").format(name=name, got=actual.shape, want=expected.shape)
    if expected.dtype.kind == "b":
        return _not_a_mask(actual, name) or _differs(actual, expected, name)
    if expected.dtype.kind in "iu":
        if actual.dtype.kind not in "iu":
            kind = _("booleans") if actual.dtype.kind == "b" else _("floats")
            return _(
                "{name} has dtype {got}; expected integers, not {kind} (labels and counts are whole numbers)"
            ).format(name=name, got=actual.dtype, kind=kind)
        return _differs(actual, expected, name)
    if actual.dtype != expected.dtype:
        return _("{name} has dtype {got}; expected {want}").format(
            name=name, got=actual.dtype, want=expected.dtype
        ) + _float_hint(actual.dtype, expected.dtype)
    finite = np.isfinite(expected)
    if not np.all(np.isfinite(actual[finite])):
        return _("{name} contains nan or inf where the answer is finite (overflow, or a log of 0?)").format(name=name)
    wrong = int(np.sum(~np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)))
    return (
        _("{name} is wrong at {count} of {size} entries").format(name=name, count=wrong, size=expected.size)
        if wrong
        else None
    )


def _not_a_mask(actual, name):
    """A boolean reference is a 0/1 mask, right in any dtype (bool, int or float: they multiply alike);
    what is wrong when ``actual`` holds other values."""
    other = int(np.sum((actual != 0) & (actual != 1)))
    if other:
        return _(
            "{name} should be a 0/1 mask (bool, int or float), but {count} of {size} entries are neither 0 nor "
            "1: return the mask itself (True or 1 where kept, False or 0 where dropped), not a scaled mask or "
            "the random draws"
        ).format(name=name, count=other, size=actual.size)
    return None


def _differs(actual, expected, name):
    wrong = int(np.sum(actual != expected))
    return (
        _("{name} differs at {count} of {size} entries").format(name=name, count=wrong, size=expected.size)
        if wrong
        else None
    )


def _float_hint(got, want) -> str:
    """Why a float result has the wrong dtype, in a few words."""
    if got.kind == "b":
        return ": " + _("booleans (from a comparison) stand where numbers are expected")
    if got.kind in "iu":
        return ": " + _("integer arithmetic truncates; start from floats (e.g. np.zeros(shape) or 1.0 * x)")
    if got.itemsize < want.itemsize:
        return ": " + _(
            "{got} keeps fewer digits; something converted to it (.astype, or an array of that dtype)"
        ).format(got=got)
    if want == np.float32:
        return ": " + _("keep float32 throughout; numpy arrays are float64, so cast them to float32")
    return ""


def _numbers(values) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


tamper.watch(__name__)
