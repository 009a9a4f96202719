"""The course's shared network: its backprop is right for every output layer, dropout and cost."""

import numpy as np
import pytest

from nncourse.utils.gradcheck import numerical_gradient, relative_error
from nncourse.utils.network import (
    Dropout,
    Stateful,
    accuracy_on,
    feedforward,
    forward_pass,
    gradients,
    one_hot_columns,
    plain_update,
    softmax,
    train,
)

rng = np.random.default_rng(0)
SIZES = [5, 4, 3, 3]
WEIGHTS = [rng.normal(size=(o, i)) for i, o in zip(SIZES[:-1], SIZES[1:])]
BIASES = [rng.normal(size=(o, 1)) for o in SIZES[1:]]
X = rng.normal(size=(5, 6))
Y = one_hot_columns(rng.integers(0, 3, 6), 3)


def quadratic(A):
    return 0.5 * np.sum((A - Y) ** 2) / X.shape[1]


def cross_entropy(A):
    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / X.shape[1]


def log_likelihood(A):
    return -np.sum(Y * np.log(A)) / X.shape[1]


CASES = {
    "quadratic, sigmoid": (quadratic, lambda Z, A, Y: (A - Y) * A * (1 - A), "sigmoid"),
    "cross-entropy, sigmoid": (cross_entropy, lambda Z, A, Y: A - Y, "sigmoid"),
    "log-likelihood, softmax": (log_likelihood, lambda Z, A, Y: A - Y, "softmax"),
}


def fixed_mask_dropout(keep_prob=0.5):
    """Dropout whose masks are drawn once, so the cost is a deterministic function of the weights."""
    masks = {}

    def forward(A, p, rng):
        mask = masks.setdefault(A.shape, np.random.default_rng(len(masks)).random(A.shape) < p)
        return A * mask / p, mask

    return Dropout(keep_prob, forward, lambda dA, mask, p: dA * mask / p, np.random.default_rng(0))


@pytest.mark.parametrize("with_dropout", [False, True], ids=["plain", "dropout"])
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_gradients_match_numerical_gradients(case, with_dropout):
    cost, delta, output = CASES[case]
    dropout = fixed_mask_dropout() if with_dropout else None
    grad_w, grad_b = gradients(WEIGHTS, BIASES, X, Y, delta, output, dropout)

    def cost_of(params, l, kind):
        def f(P):
            ws, bs = list(WEIGHTS), list(BIASES)
            (ws if kind == "w" else bs)[l] = P
            return cost(forward_pass(ws, bs, X, output, dropout)[1][-1])

        return f

    for l in range(len(WEIGHTS)):
        assert relative_error(grad_w[l], numerical_gradient(cost_of(WEIGHTS, l, "w"), WEIGHTS[l].copy())) < 1e-6
        assert relative_error(grad_b[l], numerical_gradient(cost_of(BIASES, l, "b"), BIASES[l].copy())) < 1e-6


def test_softmax_is_stable_and_sums_to_one():
    Z = np.array([[1000.0, -1000.0], [999.0, 0.0]])
    S = softmax(Z)
    assert np.all(np.isfinite(S)) and np.allclose(S.sum(axis=0), 1)


def test_train_is_reproducible_and_learns():
    data = np.random.default_rng(1)
    X = data.normal(size=(2, 200))
    y = (X[0] + X[1] > 0).astype(int)
    runs = [
        train(
            [2, 8, 2],
            X,
            y,
            epochs=20,
            batch_size=10,
            eta=1.0,
            output_delta=lambda Z, A, Y: A - Y,
            monitor={"accuracy": accuracy_on(X, y)},
            seed=3,
            show_progress=False,
        )
        for _ in range(2)
    ]
    assert runs[0][2]["accuracy"] == runs[1][2]["accuracy"]
    assert len(runs[0][2]["accuracy"]) == 21 and runs[0][2]["accuracy"][-1] > 0.95
    assert feedforward(runs[0][0], runs[0][1], X).shape == (2, 200)


def test_train_stops_when_asked_and_takes_a_target_matrix():
    X = np.random.default_rng(2).normal(size=(3, 40))
    T = (X > 0).astype(float)  # three labels per example
    _, _, history = train(
        [3, 4, 3],
        X,
        T,
        epochs=10,
        batch_size=8,
        eta=0.5,
        output_delta=lambda Z, A, Y: A - Y,
        monitor={"n": lambda w, b: 0.0},
        stop=lambda h: len(h["n"]) == 4,
        show_progress=False,
    )
    assert len(history["n"]) == 4


def small_problem():
    data = np.random.default_rng(2)
    X = data.normal(size=(3, 40))
    return X, (X[0] - X[2] > 0).astype(int)


def test_a_stateless_stateful_rule_is_plain_gradient_descent():
    """A Stateful rule that keeps no state and steps W - eta * grad trains exactly as the default update."""
    X, y = small_problem()
    common = dict(epochs=3, batch_size=7, eta=0.8, output_delta=lambda Z, A, Y: A - Y, seed=5, show_progress=False)
    plain = train([3, 4, 2], X, y, **common)
    rule = Stateful(init=lambda P: None, step=lambda P, gP, state, eta, t: (plain_update(P, gP, eta), state))
    stateful = train([3, 4, 2], X, y, update=rule, **common)
    for a, b in zip(plain[0] + plain[1], stateful[0] + stateful[1]):
        np.testing.assert_array_equal(a, b)


def test_a_stateful_rule_keeps_one_state_per_parameter_and_counts_updates_from_1():
    X, y = small_problem()
    seen = []

    def step(P, gP, state, eta, t):
        assert state["shape"] == P.shape and state["updates"] == t - 1  # its own state, from its previous step
        seen.append(t)
        return P - eta * gP, {"shape": P.shape, "updates": t}

    rule = Stateful(init=lambda P: {"shape": P.shape, "updates": 0}, step=step)
    weights, biases, _ = train(
        [3, 4, 2],
        X,
        y,
        epochs=2,
        batch_size=10,
        eta=0.5,
        output_delta=lambda Z, A, Y: A - Y,
        update=rule,
        show_progress=False,
    )
    n_params, n_updates = 4, 2 * 4  # 2 weight matrices and 2 bias vectors; 2 epochs of 4 mini-batches
    assert seen == [t for t in range(1, n_updates + 1) for _ in range(n_params)]
    assert [W.shape for W in weights] == [(4, 3), (2, 4)] and [b.shape for b in biases] == [(4, 1), (2, 1)]


def test_a_stateful_rule_updates_the_biases_too():
    X, y = small_problem()
    frozen = Stateful(
        init=lambda P: None, step=lambda P, gP, state, eta, t: (P if P.shape[1] == 1 else P - eta * gP, state)
    )
    start = train(
        [3, 4, 2], X, y, epochs=0, batch_size=10, eta=0.5, output_delta=lambda Z, A, Y: A - Y, show_progress=False
    )
    moved = train(
        [3, 4, 2],
        X,
        y,
        epochs=2,
        batch_size=10,
        eta=0.5,
        output_delta=lambda Z, A, Y: A - Y,
        update=frozen,
        show_progress=False,
    )
    for b0, b1 in zip(start[1], moved[1]):
        np.testing.assert_array_equal(b0, b1)  # this rule leaves the (n, 1) biases where they were
    assert not np.array_equal(start[0][0], moved[0][0])
