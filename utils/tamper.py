"""numpy, builtins and the course's checks as they were before any submission ran.

Under ``nbgrader autograde`` a submission runs in the same Python process as the test cells that
grade it, so it could replace ``np.allclose``, ``builtins.abs`` or a check of the course with a
function that always agrees.  This module records the originals when the checks library is imported
(a lesson's setup cell, before any student code), and ``restore`` puts back whatever was replaced
since and says what.  ``nncourse.utils.checks.guard`` runs it before every comparison and fails the
exercise when something was replaced; in a notebook, ``put_back`` also runs after every cell, so that
a broken ``builtins.max`` cannot stop the kernel before the next check reports it.

Only the fixed names of ``WATCHED`` and the functions and classes of the course modules that call
``watch`` are watched, so numpy adding attributes lazily, IPython adding builtins (``display``,
``get_ipython``) or TensorFlow's import are never taken for tampering.  This is defence in depth,
not a sandbox: see "What nbgrader cannot protect against" in docs/instructors.md.
"""

from __future__ import annotations

import builtins
import copy
import sys
import types

import numpy
import numpy.testing

WATCHED = {
    numpy: "abs absolute all allclose any argwhere array array_equal array_equiv asanyarray asarray bool_ "
    "copy dtype equal errstate float64 generic isclose isfinite isinf isnan less_equal ndarray "
    "not_equal shape sum testing where",
    numpy.testing: "assert_allclose assert_almost_equal assert_array_almost_equal assert_array_equal "
    "assert_array_less assert_equal",
    builtins: "__import__ abs all any bool callable dict enumerate float getattr hasattr int isinstance "
    "issubclass iter len list map max min next range repr round set setattr sorted str sum "
    "tuple type zip",
    copy: "deepcopy",
}

_MISSING = object()
# label -> (namespace, name, original): restored with dict operations only, since builtins may be patched
_names: dict[str, tuple[dict, str, object]] = {}
# label -> (function, attribute, original): a function's __code__ or __defaults__ swapped in place
_internals: dict[str, tuple[object, str, object]] = {}
_found: list[str] = []  # what was put back outside a check, for the next check to report


def restore() -> list[str]:
    """Put back every watched name and function replaced since the last call; what was replaced
    (also what ``put_back`` put back meanwhile), as labels such as ``numpy.allclose``."""
    replaced, _found[:] = _found[:], []
    for label, (namespace, name, original) in _names.items():
        if namespace.get(name, _MISSING) is not original:
            namespace[name] = original
            replaced.append(label)
    for label, (function, attribute, original) in _internals.items():  # builtins are the originals again
        if getattr(function, attribute) is not original:
            setattr(function, attribute, original)
            replaced.append(label)
    return replaced


def put_back() -> None:
    """``restore``, leaving what was replaced for the next check to report."""
    _found.extend(restore())


def watch(module_name: str) -> None:
    """Watch every function and class the module ``module_name`` defines, and its entry in
    ``sys.modules``; a course module whose code a check runs calls this on its last line."""
    put_back()  # what follows runs on the original builtins
    module = sys.modules[module_name]
    _names[f"sys.modules[{module_name!r}]"] = (sys.modules, module_name, module)
    _watch(
        module,
        [
            name
            for name, value in vars(module).items()
            if isinstance(value, (type, types.FunctionType)) and getattr(value, "__module__", None) == module_name
        ],
    )


def _watch(module, names) -> None:
    namespace = vars(module)
    for name in names:
        if name not in namespace:  # not in this version of numpy
            continue
        value, label = namespace[name], f"{module.__name__}.{name}"
        _names[label] = (namespace, name, value)
        if isinstance(value, types.FunctionType):
            _internals[f"the code of {label}"] = (value, "__code__", value.__code__)
            _internals[f"the defaults of {label}"] = (value, "__defaults__", value.__defaults__)


for _module, _watched in WATCHED.items():
    _watch(_module, _watched.split())
watch(__name__)
