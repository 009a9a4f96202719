"""Checks for the test cells of the course's notebooks.

Every check raises ``CheckFailed`` (an AssertionError) with a message a student can act on:
what was wrong, where, and the usual cause.  A test cell typically reads::

    out = call(sigmoid, z)                  # also fails if sigmoid changed z
    expect_close(out, answers, "sigmoid(z)")
    passed("sigmoid")

where ``answers`` (``nncourse.utils.answers``) holds the solution's value of each check and the
values the lesson's known mistakes give, so that a test cell names a mistake without spelling out
its formula.  An expected value may also be given directly (a number, a list, an array).

Values are compared by structure: a list or tuple of arrays is checked item by item and named
``grad_w[0]``, ``grad_w[1]``, ... in messages.

Every check first runs ``guard()``: a submission that replaced numpy's comparisons, builtins such as
``abs`` or one of these checks fails the exercise, and the originals are put back for the next one.
"""

from __future__ import annotations

import copy
import inspect
import numbers
import sys
import warnings

import numpy as np

from . import tamper
from .answers import Answers
from .i18n import _


class CheckFailed(AssertionError):
    """A test-cell check failed; the message says what to fix."""


def fail(message: str):
    raise CheckFailed(message)


def guard():
    """Fail unless numpy, the builtins and these checks are as they were when the lesson started.

    A submission shares the kernel with its tests, so it could replace ``np.allclose`` or ``abs`` with
    a function that always agrees.  What it replaced is put back first (``tamper.restore``), so that
    the exercises after this one are graded normally; then this exercise fails, saying what it was.
    Every check calls this before it compares anything, and ``call`` again after the student's code.
    """
    replaced = tamper.restore()
    if replaced:
        fail(
            _("your code replaced {names}: graded checks cannot be patched; this exercise fails.").format(
                names=", ".join(replaced)
            )
        )


# --- calling the student's function --------------------------------------------------------------


def call(fn, *args, **kwargs):
    """Call ``fn(*args, **kwargs)`` and check it did not modify any of its array arguments.

    Floating-point warnings (overflow in np.exp, ...) are silenced: a result is judged by its values,
    and a warning printed on stderr would make nbgrader give the test cell no points.
    """
    guard()
    names = _argument_names(fn, len(args), kwargs)
    before = [copy.deepcopy(a) for a in args] + [copy.deepcopy(v) for v in kwargs.values()]
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        result = fn(*args, **kwargs)
    guard()
    after = list(args) + list(kwargs.values())
    for name, old, new in zip(names, before, after):
        where = _first_change(old, new)
        if where is not None:
            fail(
                _(
                    "{function} changed its input `{name}`{where}. Graded functions must not modify their "
                    "arguments: build new arrays (e.g. `{name} = {name} - c` or `np.copy({name})`) instead of "
                    "writing in place (`{name} -= c`, `{name}[...] = v`)."
                ).format(function=_fn_name(fn), name=name, where=where)
            )
    return result


def _fn_name(fn) -> str:
    return getattr(fn, "__name__", _("the function"))


def _argument_names(fn, n_positional, kwargs):
    try:
        params = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        params = []
    positional = [
        params[i] if i < len(params) else _("argument {number}").format(number=i + 1) for i in range(n_positional)
    ]
    return positional + list(kwargs)


def _first_change(old, new, path=""):
    """Where ``new`` differs from the snapshot ``old`` (a path string), or None."""
    if isinstance(old, np.ndarray):
        if not isinstance(new, np.ndarray) or old.shape != new.shape or old.dtype != new.dtype:
            return path or ""
        return None if np.array_equal(old, new, equal_nan=True) else (path or "")
    if isinstance(old, (list, tuple)):
        if not isinstance(new, (list, tuple)) or len(old) != len(new):
            return path + _(" (its length changed)")
        for i, (o, n) in enumerate(zip(old, new)):
            where = _first_change(o, n, f"{path}[{i}]")
            if where is not None:
                return where
        return None
    if isinstance(old, dict):
        if not isinstance(new, dict) or old.keys() != new.keys():
            return path + _(" (its keys changed)")
        for k in old:
            where = _first_change(old[k], new[k], f"{path}[{k!r}]")
            if where is not None:
                return where
    return None


# --- single-property checks ----------------------------------------------------------------------


def expect_array(value, name):
    """``value`` must be a numpy array (not a list, a number or None)."""
    guard()
    if value is None:
        fail(_("{name} is None: did the function forget to `return` its result?").format(name=name))
    if not isinstance(value, np.ndarray):
        fail(_("{name} should be a numpy array, got {kind}.").format(name=name, kind=type(value).__name__))


def expect_shape(value, shape, name, hint=None):
    """``value`` must be an array of exactly ``shape``; the message guesses the cause (or says
    ``hint`` when it cannot)."""
    guard()
    expect_array(value, name)
    shape = tuple(shape)
    if value.shape == shape:
        return
    message = _("{name} has shape {got}; expected {want}").format(name=name, got=value.shape, want=shape)
    guess = _shape_hint(value.shape, shape) or hint
    fail(
        _("{message}: {hint}").format(message=message, hint=guess) if guess else _("{message}.").format(message=message)
    )


def _shape_hint(got, want):
    if len(got) == len(want) >= 2 and got == tuple(reversed(want)):
        return _("is a transpose missing?")
    if len(got) + 1 == len(want) and want[-1] == 1 and got == want[:-1]:
        return _("a column vector was flattened: keep the axis with keepdims=True or reshape(-1, 1).")
    if len(got) == len(want) + 1 and got[-1] == 1 and got[:-1] == want:
        return _("the result has an extra axis of length 1: flatten it (e.g. .ravel()).")
    if len(got) == len(want) == 2 and got[0] == want[0] and want[1] == 1:
        return _("expected one column, got {columns}: did you forget to sum over the examples (axis=1)?").format(
            columns=got[1]
        )
    if len(got) == len(want) == 2 and got[1] == want[1] and got[0] == 1:
        return _("the sum ran over the wrong axis: data are columns, so sum over axis=1.")
    if got == () and want != ():
        return _("got a single number: was the whole array summed (a missing axis=...)?")
    if want == () and got != ():
        return _("expected a single number: did you forget to sum (or average) over everything?")
    return ""


def expect_dtype(value, dtype, name):
    """``value`` must have ``dtype`` (e.g. np.float64), or a dtype of a kind (np.integer: any
    integer dtype; np.floating: any float dtype)."""
    guard()
    expect_array(value, name)
    if dtype in (np.integer, np.floating):
        if not np.issubdtype(value.dtype, dtype):
            what = _("integers (labels, counts, indices)") if dtype is np.integer else _("floats")
            fail(_("{name} has dtype {got}; expected {want}.").format(name=name, got=value.dtype, want=what))
        return
    want = np.dtype(dtype)
    if value.dtype != want:
        hint = ""
        if want.kind == "f" and value.dtype.kind == "b":
            hint = _("Booleans (True/False, from a comparison) are not the numbers expected here: compute floats.")
        elif want.kind == "f" and value.dtype.kind in "iu":
            hint = _("Integer arithmetic truncates: start from floats (e.g. np.zeros(shape) or 1.0 * x).")
        elif want.kind == "f" and value.dtype.kind == "f":
            hint = _("Keep {want} throughout: something converted it with .astype or a {got} array.").format(
                want=want, got=value.dtype
            )
        fail(
            _two_sentences(
                _("{name} has dtype {got}; expected {want}.").format(name=name, got=value.dtype, want=want), hint
            )
        )


def expect_finite(value, name):
    """No nan or inf anywhere in ``value``."""
    guard()
    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if arr.ndim else ()
        kind = "nan" if np.isnan(arr[index] if arr.ndim else arr) else "inf"
        fail(
            _(
                "{name} contains {kind} at index {index} ({count} non-finite entries): the formula overflows, "
                "divides 0 by 0 or takes log(0) somewhere; use a numerically stable form."
            ).format(name=name, kind=kind, index=index, count=int(bad.sum()))
        )


def expect_number(value, name):
    """``value`` must be a real number (a Python float/int or a 0-d numpy value)."""
    guard()
    if isinstance(value, np.ndarray) and value.shape == ():
        return
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        shape = _(" of shape {shape}").format(shape=value.shape) if isinstance(value, np.ndarray) else ""
        fail(
            _(
                "{name} should be a single number, got {kind}{shape}: did you forget to sum (or average) over "
                "everything?"
            ).format(name=name, kind=type(value).__name__, shape=shape)
        )


# --- comparing with an expected value ------------------------------------------------------------


def expect_close(value, expected, name, rtol=1e-6, atol=1e-8, m=None, wrong=None, check_dtype=True, hint=None):
    """``value`` must equal ``expected`` within tolerance, item by item for lists and tuples.

    expected: the value, or the lesson's ``Answers``, which hold it under ``name`` with the values
           of the lesson's known mistakes.
    m:     the number of examples, so that a result off by a factor m or 1/m is recognised.
    wrong: {"description of a mistake": value that mistake produces, or a function of no arguments
           that computes it (evaluated quietly: no overflow warnings)}; if ``value`` matches
           one, the message names it.
    hint:  said when the value is wrong and no known mistake matches it.
    """
    guard()
    if isinstance(expected, Answers):
        expected, wrong = _recorded(expected, value, name, wrong, rtol, atol)
        if expected is _RECORDED:
            return
    wrong = _evaluate(wrong)
    if _is_collection(expected):
        wrong = {k: w for k, w in wrong.items() if isinstance(w, (list, tuple)) and len(w) == len(expected)}
        if not isinstance(value, (list, tuple)):
            fail(
                _("{name} should be a {kind} of {count} items, got {got}.").format(
                    name=name, kind=type(expected).__name__, count=len(expected), got=type(value).__name__
                )
            )
        if len(value) != len(expected):
            fail(_("{name} has {got} items; expected {want}.").format(name=name, got=len(value), want=len(expected)))
        for i, (v, e) in enumerate(zip(value, expected)):
            sub_wrong = {k: w[i] for k, w in (wrong or {}).items()}
            expect_close(v, e, f"{name}[{i}]", rtol, atol, m, sub_wrong, check_dtype, hint)
        return
    expected = np.asarray(expected)
    if isinstance(value, (list, tuple)) and expected.ndim == 1:
        value = np.asarray(value)  # a list of numbers is compared as the array it holds
    if expected.ndim == 0:
        expect_number(value, name)
    else:
        expect_shape(value, expected.shape, name)
    actual = np.asarray(value)
    if check_dtype and expected.dtype.kind == "f" and actual.dtype.kind != "f":
        expect_dtype(actual, np.float64, name)
    expect_finite(actual, name)
    if np.allclose(actual, expected, rtol=rtol, atol=atol):
        return
    fail(_mismatch_message(actual, expected, name, rtol, atol, m, wrong, hint))


_RECORDED = object()


def _recorded(answers: Answers, value, name, wrong, rtol, atol):
    """(expected value, known mistakes) of the check ``name``; while ``nncourse release`` records
    the answers, ``value`` is stored instead and (_RECORDED, None) comes back."""
    if answers.recording is not None:
        answers.record(name, value, rtol, atol)
        return _RECORDED, None
    expected, mistakes = answers.lookup(name)
    return expected, {**mistakes, **(wrong or {})}


def _evaluate(wrong):
    if not wrong:
        return {}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        values = {k: v() if callable(v) else v for k, v in wrong.items()}
    guard()  # computing them may have run the student's functions
    return values


def _is_collection(expected):
    """A list or tuple of results (checked one by one), as opposed to nested lists of numbers."""
    if not isinstance(expected, (list, tuple)):
        return False
    if _holds_arrays(expected):
        return True
    try:
        np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        return True  # ragged or non-numeric
    return False


def _holds_arrays(seq):
    return any(isinstance(x, np.ndarray) or isinstance(x, (list, tuple)) and _holds_arrays(x) for x in seq)


def _two_sentences(first: str, second: str | None) -> str:
    """Two sentences of a message, as the language joins them (a space in English, none in Chinese)."""
    return _("{first} {second}").format(first=first, second=second) if second else first


def _mismatch_message(actual, expected, name, rtol, atol, m, wrong, hint=None):
    bad = ~np.isclose(actual, expected, rtol=rtol, atol=atol)
    if expected.ndim == 0:
        head = _("{name} = {got}; expected {want}").format(
            name=name, got=f"{actual.item():.6g}", want=f"{expected.item():.6g}"
        )
    else:
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        head = _(
            "{name} is wrong at {count} of {size} entries; first at index {index}: got {got}, expected {want}"
        ).format(
            name=name,
            count=int(bad.sum()),
            size=bad.size,
            index=index,
            got=f"{actual[index]:.6g}",
            want=f"{expected[index]:.6g}",
        )
    hint = _recognise(actual, expected, m, wrong or {}, rtol, atol) or hint
    return _("{message}. {hint}").format(message=head, hint=hint) if hint else _("{message}.").format(message=head)


def _recognise(actual, expected, m, wrong, rtol, atol):
    """Name the mistake that produced ``actual``, when it is one we know."""
    known = [description for description, value in wrong.items() if _same(actual, value, rtol, atol)]
    if known:  # two mistakes may give the same values (1/(1 + e^z) is 1 - sigmoid(z))
        known = [_(description) for description in known]  # catalogue descriptions: translated too
        return (
            _("It matches a known mistake: {mistake}.").format(mistake=known[0])
            if len(known) == 1
            else _("It matches known mistakes that give the same values: {mistakes}.").format(
                mistakes=_("; or ").join(known)
            )
        )
    ratio = _constant_ratio(actual, expected)
    if ratio is None:
        return ""
    if np.isclose(ratio, -1):
        return _("It has the opposite sign: check the sign of each term.")
    if m and m > 1 and np.isclose(ratio, m):
        return _("It is {m} times too large (m = {m} examples): did you forget to divide by m?").format(m=m)
    if m and m > 1 and np.isclose(ratio, 1 / m):
        return _("It is {m} times too small (m = {m} examples): is 1/m applied twice?").format(m=m)
    if np.isclose(ratio, 2):
        return _("It is twice too large: is the 1/2 of the cost missing?")
    if np.isclose(ratio, 0.5):
        return _("It is half the expected value: is a factor 1/2 applied where it should not be?")
    return _("It is {ratio} times the expected value everywhere: a constant factor is off.").format(
        ratio=f"{ratio:.4g}"
    )


def _same(actual, value, rtol, atol) -> bool:
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError):  # a mistake whose value is not numbers
        return False
    return value.shape == actual.shape and bool(np.allclose(actual, value, rtol=rtol, atol=atol, equal_nan=True))


def _constant_ratio(actual, expected):
    mask = np.abs(expected) > 1e-12
    if mask.sum() == 0 or actual.shape != expected.shape:
        return None
    ratios = actual[mask] / expected[mask]
    if not np.all(np.isfinite(ratios)):
        return None
    if np.allclose(ratios, ratios.flat[0], rtol=1e-6) and not np.isclose(ratios.flat[0], 1):
        return float(ratios.flat[0])
    return None


def expect_equal(value, expected, name, wrong=None, hint=None):
    """Exact equality, for integer results such as predicted labels (``expected`` as for expect_close)."""
    guard()
    if isinstance(expected, Answers):
        expected, wrong = _recorded(expected, value, name, wrong, 0, 0)
        if expected is _RECORDED:
            return
    expected = np.asarray(expected)
    expect_shape(value, expected.shape, name)
    if not np.array_equal(value, expected):
        bad = np.asarray(value) != expected
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        known = [
            description
            for description, w in (wrong or {}).items()
            if np.shape(w) == np.shape(value) and np.array_equal(w, value)
        ]
        known = (
            _("It matches a known mistake: {mistake}.").format(mistake=_("; or ").join(map(_, known))) if known else ""
        )
        fail(
            _two_sentences(
                _(
                    "{name} differs from the expected value at {count} of {size} entries; first at index {index}: got "
                    "{got}, expected {want}."
                ).format(
                    name=name, count=int(bad.sum()), size=bad.size, index=index, got=value[index], want=expected[index]
                ),
                known or hint,
            )
        )


def expect_items(value, items, name):
    """``value`` must be a tuple (or list) of as many results as ``items`` names; returns them as a
    tuple, to unpack: ``Z_tilde, cache = expect_items(result, ["Z_tilde", "cache"], "batchnorm_forward")``."""
    guard()
    if value is None:
        fail(_("{name} returned None: did the function forget to `return` its results?").format(name=name))
    if not isinstance(value, (tuple, list)) or len(value) != len(items):
        got = type(value).__name__ + (
            _(" of {count} items").format(count=len(value)) if isinstance(value, (tuple, list)) else ""
        )
        fail(
            _("{name} should return {count} results ({items}), got {got}.").format(
                name=name, count=len(items), items=", ".join(items), got=got
            )
        )
    return tuple(value)


def passed(name):
    """Print the line a student looks for when a test cell succeeds."""
    guard()
    print("\u2713 " + _("{name}: all public tests passed.").format(name=name))


def _put_back_after_every_cell():
    """In a notebook, put back after every cell what it replaced: a kernel whose ``builtins.max`` was
    broken cannot even wait for the next cell.  The next check still reports it and fails."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is not None:
        shell.events.register("post_execute", tamper.put_back)


_put_back_after_every_cell()
tamper.watch(__name__)
