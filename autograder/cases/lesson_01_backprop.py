"""Hidden test cases of 01_backprop."""

import numpy as np

from . import Case

EXTREMES = np.array([[-1000.0, -710.0, -40.0, -1e-9, 0.0, 1e-9, 40.0, 710.0, 1000.0]])

CASES = {
    "sigmoid": [
        Case("random z of shape (5, 7)", lambda rng: (rng.normal(0.0, 4.0, (5, 7)),)),
        Case("very large |z| (overflow)", lambda rng: (EXTREMES.copy(),), atol=1e-12),
        Case("a single column", lambda rng: (rng.normal(0.0, 1.0, (6, 1)),)),
        Case("a 1-d array", lambda rng: (rng.uniform(-20.0, 20.0, 9),)),
    ],
    "sigmoid_prime": [
        Case("random z of shape (4, 6)", lambda rng: (rng.normal(0.0, 3.0, (4, 6)),)),
        Case("very large |z| (overflow)", lambda rng: (EXTREMES.copy(),), atol=1e-12),
        Case("a 1-d array", lambda rng: (rng.uniform(-10.0, 10.0, 8),)),
    ],
}


def network(rng, sizes, scale=1.0):
    """Random weights and biases for layer sizes ``sizes``."""
    weights = [rng.normal(0.0, scale, (n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(0.0, scale, (n_out, 1)) for n_out in sizes[1:]]
    return weights, biases


def batch(rng, sizes, m, one_hot=False):
    """Inputs X (sizes[0], m) and targets Y (sizes[-1], m)."""
    X = rng.normal(0.0, 1.0, (sizes[0], m))
    if one_hot:
        Y = np.eye(sizes[-1])[:, rng.integers(0, sizes[-1], m)]
    else:
        Y = rng.uniform(0.0, 1.0, (sizes[-1], m))
    return X, Y


def network_and_batch(sizes, m, one_hot=False, scale=1.0):
    def make(rng):
        return (*network(rng, sizes, scale), *batch(rng, sizes, m, one_hot))

    return make


def network_and_labels(sizes, m):
    def make(rng):
        weights, biases = network(rng, sizes)
        X, _ = batch(rng, sizes, m)
        return weights, biases, X, rng.integers(0, sizes[-1], m)

    return make


def function_of_array(shape, h=None):
    """A smooth scalar function of an array, the array, and optionally h."""

    def make(rng):
        A = rng.normal(0.0, 1.0, shape)
        x = rng.normal(0.0, 1.0, shape)
        f = lambda v: float(np.sum(A * np.tanh(v)) + 0.5 * np.sum(v**2))  # noqa: E731
        return (f, x) if h is None else (f, x, h)

    return make


CASES.update(
    {
        "feedforward": [
            Case("a 4-5-3 network, 7 examples", lambda rng: network_and_batch([4, 5, 3], 7)(rng)[:3]),
            Case("a 6-4-4-2 network, 1 example", lambda rng: network_and_batch([6, 4, 4, 2], 1)(rng)[:3]),
            Case("a single layer", lambda rng: network_and_batch([3, 2], 5)(rng)[:3]),
            Case(
                "large weights (saturated neurons)",
                lambda rng: network_and_batch([3, 4, 2], 6, scale=30.0)(rng)[:3],
                atol=1e-12,
            ),
        ],
        "backprop": [
            Case("a 4-5-3 network, 7 examples", network_and_batch([4, 5, 3], 7)),
            Case("a 6-4-4-2 network, one-hot targets", network_and_batch([6, 4, 4, 2], 3, one_hot=True)),
            Case("a single example", network_and_batch([3, 4, 2], 1)),
            Case("a single layer, 10 examples", network_and_batch([5, 3], 10)),
        ],
        "sgd_step": [
            Case("a 4-5-3 network, eta = 0.7", lambda rng: (*network_and_batch([4, 5, 3], 7)(rng), 0.7)),
            Case(
                "a 3-4-4-2 network, eta = 3", lambda rng: (*network_and_batch([3, 4, 4, 2], 2, one_hot=True)(rng), 3.0)
            ),
        ],
        "numerical_gradient": [
            Case("a (3, 4) array, default h", function_of_array((3, 4)), rtol=1e-6, atol=1e-8),
            Case("a 1-d array, h = 1e-3", function_of_array((5,), 1e-3), rtol=1e-6, atol=1e-8),
            Case("a (2, 2, 2) array", function_of_array((2, 2, 2)), rtol=1e-6, atol=1e-8),
        ],
        "relative_error": [
            Case("random (4, 3) arrays", lambda rng: (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)))),
            Case(
                "nearly equal arrays",
                lambda rng: (lambda a: (a, a * (1 + 1e-9 * rng.normal(size=a.shape))))(rng.normal(size=(6,))),
            ),
            Case("arrays with zeros", lambda rng: (np.array([0.0, 0.0, 1e-10, 2.0]), np.array([0.0, 1e-9, 0.0, 2.0]))),
        ],
        "accuracy": [
            Case("a 4-5-3 network, 40 examples", network_and_labels([4, 5, 3], 40)),
            Case("a 6-4-10 network, 25 examples", network_and_labels([6, 4, 10], 25)),
            Case("one example", network_and_labels([3, 4], 1)),
        ],
    }
)
