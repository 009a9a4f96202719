"""Hidden test cases of 06_softmax."""

import numpy as np

from . import Case


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def logits(C, m, scale=2.0):
    return lambda rng: (rng.normal(0.0, scale, (C, m)),)


def columns_of_different_scales(rng):
    """Columns whose logits reach +1000, -1000 or stay near 0: a max over the whole matrix fails."""
    Z = rng.normal(0.0, 3.0, (5, 6))
    Z[:, 0] += 1000.0
    Z[:, 1] -= 1000.0
    Z[:, 2] = rng.uniform(-1000.0, 1000.0, 5)
    return (Z,)


def ties(rng):
    """Small integers (as floats), so that most columns hold a tie for their largest entry."""
    return (rng.integers(0, 3, (4, 12)).astype(float),)


def labels(C, m, skip_last=False):
    def make(rng):
        top = C - 1 if skip_last else C
        return rng.integers(0, top, m), C

    return make


def probabilities_and_labels(C, m, spread=2.0):
    """Softmax outputs (every entry > 0: no 0 * log 0) and one-hot labels, both (C, m)."""

    def make(rng):
        Y_hat = _softmax(rng.normal(0.0, spread, (C, m)))
        return Y_hat, np.eye(C)[:, rng.integers(0, C, m)]

    return make


def confident_outputs(rng):
    """Outputs near 0 and 1 (logits spread out); each label has probability at least 1e-6, so that an
    answer that clips Y_hat away from 0 by a small epsilon (as Keras does, 1e-7) still gets the exact cost."""
    Y_hat = _softmax(rng.normal(0.0, 10.0, (4, 8)))
    labels = [rng.choice(np.flatnonzero(column >= 1e-6)) for column in Y_hat.T]
    return Y_hat, np.eye(4)[:, labels]


def regression(n, m, C, rate, epochs, default_seed=False, separated=False):
    """A small data set; the seed is drawn from rng (or left to its default, 0)."""

    def make(rng):
        y = rng.integers(0, C, m)
        X = rng.normal(0.0, 1.0, (n, m))
        if separated:  # class means apart, so the model learns something
            X = X + 1.5 * rng.normal(0.0, 1.0, (n, C))[:, y]
        args = (X, y, C, rate, epochs)
        return args if default_seed else args + (int(rng.integers(0, 2**31)),)

    return make


def zero_one(f, args):
    """The result, as float64 when it is an array of another numeric dtype: a matrix of 0s and 1s is right
    as floats, ints or booleans (numpy mixes them all with floats), and its values are still compared."""
    value = f(*args)
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(np.float64)
    return value


def parameters_and_inputs(C, n, m, bias_scale=1.0):
    def make(rng):
        return (rng.normal(0.0, 1.0, (C, n)), rng.normal(0.0, bias_scale, (C, 1)), rng.normal(0.0, 1.0, (n, m)))

    return make


CASES = {
    "softmax": [
        Case("10 classes, 8 examples", logits(10, 8)),
        Case("columns on very different scales, logits up to 1e3 in size", columns_of_different_scales, atol=1e-12),
        Case("one example", logits(4, 1)),
        Case("two classes, large logits", logits(2, 7, scale=300.0), atol=1e-12),
    ],
    "hardmax": [
        Case("10 classes, 8 examples", logits(10, 8), run=zero_one),
        Case("ties for the largest entry", ties, run=zero_one),
        Case("one example", logits(5, 1), run=zero_one),
    ],
    "one_hot": [
        Case("10 classes, 12 labels", labels(10, 12), run=zero_one),
        Case("the last class does not occur in y", labels(6, 5, skip_last=True), run=zero_one),
        Case("one label", labels(3, 1), run=zero_one),
        Case("two classes", labels(2, 9), run=zero_one),
    ],
    "softmax_cost": [
        Case("10 classes, 12 examples", probabilities_and_labels(10, 12)),
        Case("confident outputs (probabilities near 0 and 1)", confident_outputs),
        Case("one example", probabilities_and_labels(3, 1)),
        Case("two classes", probabilities_and_labels(2, 8)),
    ],
    "softmax_grad_z": [
        Case("10 classes, 12 examples", probabilities_and_labels(10, 12)),
        Case("one example", probabilities_and_labels(3, 1)),
        Case("two classes, 50 examples", probabilities_and_labels(2, 50)),
    ],
    "softmax_regression": [
        Case("3 features, 4 classes, 40 examples, 30 epochs", regression(3, 40, 4, 0.5, 30, separated=True)),
        Case("the default seed", regression(2, 20, 3, 0.3, 15, default_seed=True)),
        Case("two classes", regression(4, 25, 2, 1.0, 20, separated=True)),
        Case("one epoch", regression(5, 12, 3, 0.1, 1)),
    ],
    "predict": [
        Case("4 classes, 3 features, 10 examples", parameters_and_inputs(4, 3, 10)),
        Case("large biases", parameters_and_inputs(3, 2, 8, bias_scale=5.0)),
        Case("two classes", parameters_and_inputs(2, 4, 6)),
        Case("one example", parameters_and_inputs(5, 3, 1)),
    ],
}
