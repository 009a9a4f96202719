"""Hidden test cases of 03_regularization."""

import numpy as np

from . import Case


def weight_list(shapes, zeros=0.0):
    """Random weight matrices of the given shapes; a fraction ``zeros`` of the entries set to exactly 0."""

    def make(rng):
        weights = []
        for shape in shapes:
            W = rng.normal(0.0, 1.0, shape)
            W[rng.random(shape) < zeros] = 0.0
            weights.append(W)
        return weights

    return make


def cost_case(shapes, lmbda, n, zeros=0.0):
    """(cost, weights, lmbda, n) for the regularized costs."""

    def make(rng):
        return float(rng.uniform(0.05, 3.0)), weight_list(shapes, zeros)(rng), lmbda, n

    return make


def update_case(shape, eta, lmbda, n, zeros=0.0):
    """(W, grad_W, eta, lmbda, n) for the regularized updates."""

    def make(rng):
        W = weight_list([shape], zeros)(rng)[0]
        return W, rng.normal(0.0, 0.5, shape), eta, lmbda, n

    return make


def dropout_case(shape, keep_prob):
    """(A, keep_prob, rng): activations in (0, 1) and a fresh generator whose seed comes from rng,
    so that the reference mask is reproducible."""

    def make(rng):
        A = rng.uniform(0.0, 1.0, shape)
        return A, keep_prob, np.random.default_rng(int(rng.integers(2**32)))

    return make


def dropout_backward_case(shape, keep_prob):
    def make(rng):
        return rng.normal(0.0, 1.0, shape), rng.random(shape) < keep_prob, keep_prob

    return make


def learning_curve(epochs, patience, noise=0.01, as_array=False, decimals=3):
    """Validation accuracies that rise, peak and sag, with noise, rounded like accuracies on 1,000 images."""

    def make(rng):
        e = np.arange(epochs)
        peak = rng.uniform(0.3, 0.6) * epochs
        curve = 0.95 - 0.5 * np.exp(-e / 4.0) - 0.0004 * np.maximum(e - peak, 0.0) ** 1.5
        acc = np.round(curve + rng.normal(0.0, noise, epochs), decimals)
        return (acc if as_array else [float(a) for a in acc]), patience

    return make


def rising_curve(epochs, patience):
    """Accuracies that keep improving, with small dips shorter than the patience."""

    def make(rng):
        acc = np.round(np.linspace(0.5, 0.9, epochs) + rng.normal(0.0, 0.004, epochs), 3)
        acc[-1] = acc.max() + 0.01
        return [float(a) for a in acc], patience

    return make


def plateau_with_ties(rng):
    """A curve that reaches its best value several times: only the first of them counts."""
    acc = [0.4, 0.6, 0.7, 0.8, 0.8, 0.75, 0.8, 0.79, 0.8, 0.78, 0.77, 0.8, 0.76]
    return acc, 4


def images(side, m):
    """m random side x side 'images' as columns, sparse like digits."""

    def make(rng):
        X = rng.uniform(0.0, 1.0, (side * side, m))
        X[rng.random(X.shape) < 0.5] = 0.0
        return X

    return make


def shift_case(side, m, dx, dy):
    def make(rng):
        return (images(side, m)(rng), dx, dy) if side == 28 else (images(side, m)(rng), dx, dy, side)

    return make


def expand_case(side, m):
    def make(rng):
        X = images(side, m)(rng)
        y = rng.integers(0, 10, m)
        return (X, y) if side == 28 else (X, y, side)

    return make


CASES = {
    "l2_regularized_cost": [
        Case("two layers, lmbda = 0.1, n = 1000", cost_case([(5, 4), (3, 5)], 0.1, 1000)),
        Case("three layers, large lmbda, small n", cost_case([(6, 8), (4, 6), (2, 4)], 5.0, 20)),
        Case("a single layer", cost_case([(7, 3)], 2.0, 50)),
        Case("lmbda = 0", cost_case([(3, 3), (2, 3)], 0.0, 10)),
    ],
    "l2_update": [
        Case("a (5, 4) matrix, eta = 0.5, lmbda = 5, n = 1000", update_case((5, 4), 0.5, 5.0, 1000)),
        Case("strong decay: eta * lmbda / n = 0.3", update_case((3, 6), 3.0, 10.0, 100)),
        Case("a (1, 7) matrix, lmbda = 0", update_case((1, 7), 0.1, 0.0, 60)),
    ],
    "l1_regularized_cost": [
        Case("two layers, lmbda = 0.1, n = 1000", cost_case([(5, 4), (3, 5)], 0.1, 1000)),
        Case("three layers, some weights exactly 0", cost_case([(6, 8), (4, 6), (2, 4)], 5.0, 20, zeros=0.3)),
        Case("a single layer", cost_case([(7, 3)], 2.0, 50)),
    ],
    "l1_update": [
        Case("a (5, 4) matrix, eta = 0.5, lmbda = 5, n = 1000", update_case((5, 4), 0.5, 5.0, 1000)),
        Case("weights that are exactly 0", update_case((4, 6), 1.0, 20.0, 100, zeros=0.4)),
        Case("a (1, 7) matrix, eta = 3", update_case((1, 7), 3.0, 2.0, 40)),
    ],
    "dropout_forward": [
        Case("a (6, 10) activation, keep_prob = 0.8", dropout_case((6, 10), 0.8)),
        Case("a (30, 25) activation, keep_prob = 0.5", dropout_case((30, 25), 0.5)),
        Case("a single column, keep_prob = 0.3", dropout_case((12, 1), 0.3)),
        Case("keep_prob = 1 (nothing dropped)", dropout_case((4, 5), 1.0)),
    ],
    "dropout_backward": [
        Case("a (6, 10) gradient, keep_prob = 0.8", dropout_backward_case((6, 10), 0.8)),
        Case("a (20, 15) gradient, keep_prob = 0.5", dropout_backward_case((20, 15), 0.5)),
        Case("a single column, keep_prob = 0.25", dropout_backward_case((9, 1), 0.25)),
    ],
    "early_stopping": [
        Case("a noisy curve that peaks and sags, patience 5", learning_curve(60, 5)),
        Case("the same kind of curve as a numpy array, patience 10", learning_curve(80, 10, as_array=True)),
        Case("a curve that keeps improving (patience never runs out)", rising_curve(30, 6)),
        Case("a curve that reaches its best value several times", plateau_with_ties),
        Case("patience 1", learning_curve(40, 1, noise=0.02)),
    ],
    "shift_images": [
        Case("four 28x28 images, one pixel right", shift_case(28, 4, 1, 0)),
        Case("three 28x28 images, two pixels left and one down", shift_case(28, 3, -2, 1)),
        Case("5x5 images, dx = 2, dy = -3", shift_case(5, 6, 2, -3)),
        Case("a single 28x28 image, no shift", shift_case(28, 1, 0, 0)),
    ],
    "expand_dataset": [
        Case("four 28x28 images", expand_case(28, 4)),
        Case("five 6x6 images", expand_case(6, 5)),
        Case("a single 28x28 image", expand_case(28, 1)),
    ],
}
