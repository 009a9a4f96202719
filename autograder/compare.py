"""Comparing a result with a reference output, with messages that never reveal the expected value."""
from __future__ import annotations

import numpy as np


def mismatch(actual, expected, rtol, atol, name="the result") -> str | None:
    """None when plain ``actual`` matches plain ``expected``; otherwise what is wrong, in words."""
    if isinstance(expected, list):
        if _numbers(expected) and isinstance(actual, np.ndarray) and actual.ndim == 1:
            actual = actual.tolist()  # a list of numbers may come back as a 1-d array
        if not isinstance(actual, list):
            return f"{name} should be a sequence of {len(expected)} items"
        if len(actual) != len(expected):
            return f"{name} has {len(actual)} items; expected {len(expected)}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            problem = mismatch(a, e, rtol, atol, f"{name}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return f"{name} should be a dict with keys {sorted(expected)}"
        for key in sorted(expected):
            problem = mismatch(actual[key], expected[key], rtol, atol, f"{name}[{key!r}]")
            if problem:
                return problem
        return None
    if isinstance(expected, str):
        return None if actual == expected else f"{name} is not the expected string"
    if isinstance(expected, np.ndarray):
        return _array_mismatch(actual, expected, rtol, atol, name)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return None if actual is expected else f"{name} is not the expected truth value"
    if isinstance(expected, (int, float)):
        if isinstance(actual, np.ndarray) and actual.shape == ():
            actual = actual.item()
        if not isinstance(actual, (int, float)):
            return f"{name} should be a single number"
        if isinstance(expected, int) and isinstance(actual, int):
            return None if actual == expected else f"{name} is not the expected integer"
        if not np.isfinite(actual) and np.isfinite(expected):
            return f"{name} is {actual} (an overflow or a log of 0?)"
        return None if np.isclose(actual, expected, rtol=rtol, atol=atol) else f"{name} has the wrong value"
    return f"{name} cannot be compared"


def _array_mismatch(actual, expected, rtol, atol, name):
    if isinstance(actual, (int, float)) and expected.shape == ():
        actual = np.asarray(actual)
    if not isinstance(actual, np.ndarray):
        return f"{name} should be a numpy array"
    if actual.shape != expected.shape:
        return f"{name} has shape {actual.shape}; expected {expected.shape}"
    if expected.dtype.kind == "f" and actual.dtype != expected.dtype:
        return f"{name} has dtype {actual.dtype}; expected {expected.dtype}"
    if expected.dtype.kind in "iub":
        if actual.dtype.kind not in "iub":
            return f"{name} has dtype {actual.dtype}; expected integers"
        wrong = int(np.sum(actual != expected))
        return f"{name} differs at {wrong} of {expected.size} entries" if wrong else None
    finite = np.isfinite(expected)
    if not np.all(np.isfinite(actual[finite])):
        return f"{name} contains nan or inf where the answer is finite (overflow, or a log of 0?)"
    wrong = int(np.sum(~np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)))
    return f"{name} is wrong at {wrong} of {expected.size} entries" if wrong else None


def _numbers(values) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
