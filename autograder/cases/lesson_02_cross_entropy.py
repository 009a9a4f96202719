"""Hidden test cases of 02_cross_entropy."""

import numpy as np

from . import Case


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def outputs_and_one_hot(n_out, m):
    """Sigmoid outputs A in (0, 1) and one-hot targets Y, both (n_out, m)."""

    def make(rng):
        A = sigmoid(rng.normal(0.0, 2.0, (n_out, m)))
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)]
        return A, Y

    return make


def outputs_and_soft_targets(n_out, m):
    def make(rng):
        return sigmoid(rng.normal(0.0, 2.0, (n_out, m))), rng.uniform(0.0, 1.0, (n_out, m))

    return make


def outputs_equal_to_some_targets(rng):
    """Binary targets where about half of the outputs are exactly right (a = y in {0, 1})."""
    Y = rng.integers(0, 2, (4, 6)).astype(float)
    A = sigmoid(rng.normal(0.0, 2.0, (4, 6)))
    exact = rng.random((4, 6)) < 0.5
    return np.where(exact, Y, A), Y


def weighted_inputs(n_out, m, one_hot=True, scale=2.0):
    """Z, A = sigmoid(Z), Y (the arguments of an output-error function)."""

    def make(rng):
        Z = rng.normal(0.0, scale, (n_out, m))
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)] if one_hot else rng.uniform(0.0, 1.0, (n_out, m))
        return Z, sigmoid(Z), Y

    return make


def softmax_outputs(n_classes, m, spread=2.0):
    def make(rng):
        Z = rng.normal(0.0, spread, (n_classes, m))
        E = np.exp(Z - Z.max(axis=0))
        return E / E.sum(axis=0), rng.integers(0, n_classes, m)

    return make


def neuron(cost, w, b, x, y, eta, epochs):
    return lambda rng: (cost, w, b, x, y, eta, epochs)


def layer_sizes(*sizes):
    """A network's layer sizes and a generator of its own (seeded from rng): scaled_init's arguments."""
    return lambda rng: (list(sizes), np.random.default_rng(int(rng.integers(0, 2**31))))


CASES = {
    "quadratic_cost": [
        Case("10 outputs, 8 examples, one-hot targets", outputs_and_one_hot(10, 8)),
        Case("3 outputs, targets in [0, 1]", outputs_and_soft_targets(3, 5)),
        Case("one output, one example", outputs_and_soft_targets(1, 1)),
    ],
    "quadratic_delta": [
        Case("10 outputs, 6 examples", weighted_inputs(10, 6)),
        Case("saturated outputs (large |z|)", weighted_inputs(3, 4, scale=12.0), atol=1e-12),
        Case("targets in [0, 1]", weighted_inputs(2, 5, one_hot=False)),
    ],
    "cross_entropy_cost": [
        Case("10 outputs, 8 examples, one-hot targets", outputs_and_one_hot(10, 8)),
        Case("targets in [0, 1]", outputs_and_soft_targets(3, 5)),
        Case("some outputs exactly equal to their 0/1 targets", outputs_equal_to_some_targets),
        Case("one output, one example", outputs_and_soft_targets(1, 1)),
    ],
    "cross_entropy_delta": [
        Case("10 outputs, 6 examples", weighted_inputs(10, 6)),
        Case("targets in [0, 1]", weighted_inputs(2, 5, one_hot=False)),
        Case("one example", weighted_inputs(4, 1)),
    ],
    "neuron_costs": [
        Case('the saturated neuron, "quadratic", 300 steps', neuron("quadratic", 2.0, 2.0, 1.0, 0.0, 0.15, 300)),
        Case(
            'the saturated neuron, "cross_entropy", 300 steps', neuron("cross_entropy", 2.0, 2.0, 1.0, 0.0, 0.15, 300)
        ),
        Case('target y = 1, x = -0.5, "quadratic"', neuron("quadratic", 1.5, -0.3, -0.5, 1.0, 0.8, 20)),
        Case('target y = 1, x = -0.5, "cross_entropy"', neuron("cross_entropy", 1.5, -0.3, -0.5, 1.0, 0.8, 20)),
        Case('target y = 0.25, "cross_entropy"', neuron("cross_entropy", -0.7, 0.4, 2.0, 0.25, 0.3, 12)),
        Case("zero epochs", neuron("quadratic", 0.3, 0.1, 1.2, 0.0, 0.5, 0)),
    ],
    "log_likelihood_cost": [
        Case("10 classes, 12 examples", softmax_outputs(10, 12)),
        Case("3 classes, 5 examples", softmax_outputs(3, 5)),
        Case("one example", softmax_outputs(4, 1)),
        Case("confident outputs (tiny probabilities)", softmax_outputs(5, 6, spread=15.0)),
    ],
    "scaled_init": [
        Case("three layers, 6-5-4-3", layer_sizes(6, 5, 4, 3)),
        Case("one layer of weights, 7 inputs and 3 outputs", layer_sizes(7, 3)),
        Case("a wide input layer, 60-8-2", layer_sizes(60, 8, 2)),
        Case("four layers, growing and shrinking: 3-9-9-5-1", layer_sizes(3, 9, 9, 5, 1)),
    ],
}
