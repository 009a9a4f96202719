"""Hidden test cases of 04_hyperparameter_tuning."""

import numpy as np

from . import Case


def box(k):
    """Random bounds (k, 2) with low < high."""

    def make(rng):
        low = rng.uniform(-5.0, 5.0, k)
        return np.column_stack([low, low + rng.uniform(0.5, 10.0, k)])

    return make


def fresh_rng(rng):
    """A generator for the function under test, seeded from the case's own stream."""
    return np.random.default_rng(int(rng.integers(0, 2**31)))


def trials(n, k):
    """Points (n, k) and distinct scores (n,)."""

    def make(rng):
        return rng.uniform(0.0, 10.0, (n, k)), rng.permutation(n) / n + rng.uniform(0.0, 0.001, n)

    return make


def search_problem(n_trials, params="dict"):
    """A smooth objective of sampled hyperparameters, its sampler, n_trials and a fresh rng."""

    def make(rng):
        target = rng.uniform(-2.0, 0.0)
        if params == "dict":
            sampler = lambda r: {"log_eta": float(r.uniform(-3.0, 1.0)), "hidden": int(r.integers(5, 60))}  # noqa: E731
            objective = lambda p: -((p["log_eta"] - target) ** 2) - 1e-4 * (p["hidden"] - 30) ** 2  # noqa: E731
        else:
            sampler = lambda r: r.uniform(-3.0, 1.0, 2)  # noqa: E731
            objective = lambda p: float(-np.sum((p - target) ** 2))  # noqa: E731
        return objective, sampler, n_trials, fresh_rng(rng)

    return make


def noisy_series(T, integers=False):
    """A random walk plus noise of length T (whole numbers from 0 to 9 when integers)."""

    def make(rng):
        if integers:
            return rng.integers(0, 10, T)
        return np.cumsum(rng.normal(0.0, 1.0, T)) + rng.normal(0.0, 0.5, T)

    return make


def momentum_state(shape, beta, learning_rate):
    """W, dW, a non-zero velocity v of one shape, then beta and the learning rate."""

    def make(rng):
        return (
            rng.normal(0.0, 1.0, shape),
            rng.normal(0.0, 1.0, shape),
            rng.normal(0.0, 0.5, shape),
            beta,
            learning_rate,
        )

    return make


def adam_state(shape, t, learning_rate, **betas_eps):
    """W, dW, m, v >= 0 of one shape, the step number t and the learning rate (then beta1, beta2, eps)."""

    def make(rng):
        args = (
            rng.normal(0.0, 1.0, shape),
            rng.normal(0.0, 1.0, shape),
            rng.normal(0.0, 0.3, shape),
            rng.uniform(0.0, 0.5, shape),
            t,
            learning_rate,
        )
        names = ("beta1", "beta2", "eps")
        return args + tuple(betas_eps[name] for name in names[: len(betas_eps)])

    return make


CASES = {
    "grid_points": [
        Case("2 axes, 4 values each", lambda rng: (box(2)(rng), 4)),
        Case("3 axes, 3 values each", lambda rng: (box(3)(rng), 3)),
        Case("1 axis, 5 values", lambda rng: (box(1)(rng), 5)),
        Case("4 axes, 2 values each", lambda rng: (box(4)(rng), 2)),
    ],
    "random_points": [
        Case("2 axes, 10 points", lambda rng: (box(2)(rng), 10, fresh_rng(rng))),
        Case("3 axes, 25 points", lambda rng: (box(3)(rng), 25, fresh_rng(rng))),
        Case("1 axis, 1 point", lambda rng: (box(1)(rng), 1, fresh_rng(rng))),
    ],
    "sample_log_uniform": [
        Case("[1e-4, 1], 10 values", lambda rng: (1e-4, 1.0, 10, fresh_rng(rng))),
        Case("[1e-3, 10], 7 values", lambda rng: (1e-3, 10.0, 7, fresh_rng(rng))),
        Case("[0.5, 200], 5 values", lambda rng: (0.5, 200.0, 5, fresh_rng(rng))),
    ],
    "sample_one_minus_log": [
        Case("[0.9, 0.999], 10 values", lambda rng: (0.9, 0.999, 10, fresh_rng(rng))),
        Case("[0.5, 0.99], 6 values", lambda rng: (0.5, 0.99, 6, fresh_rng(rng))),
        Case("[0.99, 0.9999], 4 values", lambda rng: (0.99, 0.9999, 4, fresh_rng(rng))),
    ],
    "zoom_bounds": [
        Case("20 points in 2-d, top 5", lambda rng: (*trials(20, 2)(rng), 5)),
        Case("30 points in 3-d, top 10, margin 0.25", lambda rng: (*trials(30, 3)(rng), 10, 0.25)),
        Case("10 points in 1-d, top 3, no margin", lambda rng: (*trials(10, 1)(rng), 3, 0.0)),
        Case("8 points in 2-d, top 8 (all of them)", lambda rng: (*trials(8, 2)(rng), 8)),
    ],
    "ewa": [
        Case("a noisy walk of 50 values, beta = 0.9, corrected", lambda rng: (noisy_series(50)(rng), 0.9)),
        Case("30 values, beta = 0.98, not corrected", lambda rng: (noisy_series(30)(rng), 0.98, False)),
        Case("12 values, beta = 0.5, corrected", lambda rng: (noisy_series(12)(rng), 0.5, True)),
        Case(
            "20 whole numbers, beta = 0.8, not corrected",
            lambda rng: (noisy_series(20, integers=True)(rng), 0.8, False),
        ),
        Case("a single value, beta = 0.95, corrected", lambda rng: (noisy_series(1)(rng), 0.95)),
    ],
    "momentum_update": [
        Case("(4, 3) weights, beta = 0.9, learning rate 0.1", momentum_state((4, 3), 0.9, 0.1)),
        Case("a (5, 1) bias, beta = 0.99, learning rate 2.0", momentum_state((5, 1), 0.99, 2.0)),
        Case("(2, 6) weights, beta = 0.6, learning rate 0.03", momentum_state((2, 6), 0.6, 0.03)),
    ],
    "adam_update": [
        Case("(4, 3) weights, step 1, defaults", adam_state((4, 3), 1, 0.01)),
        Case("(3, 5) weights, step 7, defaults", adam_state((3, 5), 7, 0.001)),
        Case("a (6, 1) bias, step 3, beta1 = 0.8, beta2 = 0.99", adam_state((6, 1), 3, 0.05, beta1=0.8, beta2=0.99)),
        Case(
            "(2, 2) weights, step 500, beta1 = 0.95, beta2 = 0.9, eps = 0.1",
            adam_state((2, 2), 500, 0.02, beta1=0.95, beta2=0.9, eps=0.1),
        ),
    ],
    "random_search": [
        Case("10 trials, dict hyperparameters", search_problem(10)),
        Case("7 trials, array hyperparameters", search_problem(7, params="array")),
        Case("a single trial", search_problem(1)),
    ],
    "babysat_learning_rate": [
        Case("rising then flat accuracies", lambda rng: (2.0, [0.1, 0.5, 0.7, 0.7, 0.72, 0.71, 0.71, 0.8])),
        Case(
            "noisy accuracies, factor 0.3",
            lambda rng: (0.8, list(np.round(0.5 + 0.1 * rng.standard_normal(12), 3)), 0.3),
        ),
        Case("always improving", lambda rng: (1.5, [0.1, 0.2, 0.3, 0.4])),
        Case("only the accuracy before training", lambda rng: (0.5, [0.3])),
    ],
}
