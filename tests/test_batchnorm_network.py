"""Lesson 05's network with batch norm: its backprop matches numerical gradients, with the lesson's
own functions and with independent ones whose cache is an opaque object."""

import numpy as np
import pytest

from nncourse.course.lessons import get_lesson
from nncourse.notebooks import build_notebook, load_definitions
from nncourse.utils import batchnorm_network as bnn
from nncourse.utils.gradcheck import numerical_gradient, relative_error


class Opaque:
    """A cache the network cannot look into."""

    def __init__(self, **parts):
        self._parts = parts


def forward(Z, gamma, beta, eps=1e-5):
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta, Opaque(Z=Z, gamma=gamma, eps=eps)


def backward(dZ_tilde, cache):
    Z, gamma, eps = cache._parts["Z"], cache._parts["gamma"], cache._parts["eps"]
    m = Z.shape[1]
    std = np.sqrt(Z.var(axis=1, keepdims=True) + eps)
    Z_norm = (Z - Z.mean(axis=1, keepdims=True)) / std
    d = dZ_tilde * gamma
    dZ = (m * d - d.sum(axis=1, keepdims=True) - Z_norm * (d * Z_norm).sum(axis=1, keepdims=True)) / (m * std)
    return dZ, (dZ_tilde * Z_norm).sum(axis=1, keepdims=True), dZ_tilde.sum(axis=1, keepdims=True)


def update(running_mean, running_var, mu, var, momentum=0.9):
    return momentum * running_mean + (1 - momentum) * mu, momentum * running_var + (1 - momentum) * var


def inference(Z, gamma, beta, running_mean, running_var, eps=1e-5):
    return gamma * (Z - running_mean) / np.sqrt(running_var + eps) + beta


def lesson_batchnorm():
    ns = load_definitions(build_notebook(get_lesson("05_batch_norm").source))
    return bnn.BatchNorm(
        ns["batchnorm_forward"], ns["batchnorm_backward"], ns["update_running_stats"], ns["batchnorm_inference"]
    )


SIZES = [5, 4, 3, 3]
rng = np.random.default_rng(0)
X = rng.normal(size=(5, 6))
y = rng.integers(0, 3, 6)
Y = np.eye(3)[:, y]


def random_net(batchnorm, activation="sigmoid"):
    net = bnn.init_net(SIZES, np.random.default_rng(1), batchnorm, activation=activation)
    if batchnorm is not None:  # move gamma and beta away from 1 and 0, so that their gradients are general
        r = np.random.default_rng(2)
        net.gammas = [r.uniform(0.5, 2.0, g.shape) for g in net.gammas]
        net.betas = [r.normal(size=b.shape) for b in net.betas]
    return net


def cost(net, group_size):
    A = bnn.forward(net, X, training=True, group_size=group_size)["activations"][-1]
    return -np.mean(np.log(A[y, np.arange(X.shape[1])]))


def numerical(net, kind, l, group_size):
    def f(P):
        params = {k: list(getattr(net, k)) for k in ("weights", "biases", "gammas", "betas")}
        params[kind][l] = P
        probe = bnn.Network(
            params["weights"],
            params["biases"],
            net.batchnorm,
            params["gammas"],
            params["betas"],
            net.running_means,
            net.running_vars,
            net.activation,
        )
        return cost(probe, group_size)

    return numerical_gradient(f, getattr(net, kind)[l].copy())


BATCHNORMS = {
    "without batch norm": lambda: None,
    "opaque cache": lambda: bnn.BatchNorm(forward, backward, update, inference),
    "the lesson's solution": lesson_batchnorm,
}


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("group_size", [None, 3], ids=["whole batch", "groups of 3"])
@pytest.mark.parametrize("which", BATCHNORMS, ids=list(BATCHNORMS))
def test_gradients_match_numerical_gradients(which, group_size, activation):
    net = random_net(BATCHNORMS[which](), activation)
    assert net.activation == activation
    grads, stats = bnn.gradients(net, X, Y, group_size)
    checked = 0
    for kind in ("weights", "biases", "gammas", "betas"):
        assert len(grads[kind]) == len(getattr(net, kind))
        for l, analytic in enumerate(grads[kind]):
            if analytic is None:
                assert getattr(net, kind)[l] is None  # hidden layers with batch norm have no bias
                continue
            numeric = numerical(net, kind, l, group_size)
            # an entry whose gradient is exactly 0 (a ReLU unit silent on every example, or one active on every
            # example, whose beta the next layer's batch norm then cancels) makes the relative error meaningless
            assert relative_error(analytic, numeric) < 1e-6 or np.allclose(analytic, numeric, rtol=1e-6, atol=1e-9), (
                f"{kind}[{l}]"
            )
            checked += 1
    assert checked == (6 if net.batchnorm is None else 8)
    if net.batchnorm is not None:
        Z1 = net.weights[0] @ X
        assert np.allclose(stats[0][0], Z1.mean(axis=1, keepdims=True)) and np.allclose(
            stats[0][1], Z1.var(axis=1, keepdims=True)
        )


def test_sgd_step_updates_running_averages_and_leaves_the_old_network_alone():
    net = random_net(bnn.BatchNorm(forward, backward, update, inference, momentum=0.8))
    before = [W.copy() for W in net.weights]
    new = bnn.sgd_step(net, X, Y, 0.1)
    assert all(np.array_equal(W, B) for W, B in zip(net.weights, before))
    Z1 = net.weights[0] @ X
    assert np.allclose(new.running_means[0], 0.2 * Z1.mean(axis=1, keepdims=True))
    assert np.allclose(new.running_vars[0], 0.8 + 0.2 * Z1.var(axis=1, keepdims=True))


def test_inference_is_per_example_and_training_mode_ignores_a_single_input():
    net = random_net(bnn.BatchNorm(forward, backward, update, inference))
    whole = bnn.predict_proba(net, X)
    one_by_one = np.hstack([bnn.predict_proba(net, X[:, [j]]) for j in range(X.shape[1])])
    assert np.allclose(whole, one_by_one)
    singles = np.hstack([bnn.predict_proba(net, X[:, [j]], training=True) for j in range(X.shape[1])])
    assert np.allclose(singles, singles[:, :1])  # batch statistics of one example: the same output for every input


def test_train_learns_and_is_reproducible():
    data = np.random.default_rng(3)
    Xs = data.normal(size=(2, 300))
    ys = (Xs[0] + Xs[1] > 0).astype(int)
    runs = [
        bnn.train(
            [2, 8, 8, 2],
            Xs,
            ys,
            epochs=15,
            batch_size=20,
            eta=0.5,
            seed=4,
            desc=None,
            batchnorm=bnn.BatchNorm(forward, backward, update, inference),
            monitor={"accuracy": bnn.accuracy_on(Xs, ys)},
        )
        for _ in range(2)
    ]
    assert runs[0][1]["accuracy"] == runs[1][1]["accuracy"]
    assert len(runs[0][1]["accuracy"]) == 16 and runs[0][1]["accuracy"][-1] > 0.95


def test_the_hidden_activation_is_the_sigmoid_unless_relu_is_asked_for():
    batchnorm = bnn.BatchNorm(forward, backward, update, inference)
    for bn in (None, batchnorm):
        default = bnn.init_net(SIZES, np.random.default_rng(1), bn)
        assert default.activation == "sigmoid"
        out = bnn.forward(default, X, training=True)
        assert np.allclose(out["activations"][1], 1 / (1 + np.exp(-out["inputs"][0])))
        relu_net = bnn.init_net(SIZES, np.random.default_rng(1), bn, activation="relu")
        assert all(np.array_equal(a, b) for a, b in zip(relu_net.weights, default.weights))  # same start
        out = bnn.forward(relu_net, X, training=True)
        for Z_in, A in zip(out["inputs"], out["activations"][1:-1]):
            assert np.array_equal(A, np.maximum(Z_in, 0.0)) and (A == 0).any() and (A > 0).any()
        assert bnn.sgd_step(relu_net, X, Y, 0.1).activation == "relu"
    with pytest.raises(ValueError, match="tanh"):
        bnn.init_net(SIZES, np.random.default_rng(1), activation="tanh")


def test_relu_network_trains_with_and_without_batch_norm():
    data = np.random.default_rng(3)
    Xs = data.normal(size=(2, 300))
    ys = (Xs[0] + Xs[1] > 0).astype(int)
    for bn in (None, bnn.BatchNorm(forward, backward, update, inference)):
        net, history = bnn.train(
            [2, 8, 8, 2],
            Xs,
            ys,
            epochs=15,
            batch_size=20,
            eta=0.1,
            seed=4,
            desc=None,
            batchnorm=bn,
            weight_scale=np.sqrt(2),
            activation="relu",
            monitor={"accuracy": bnn.accuracy_on(Xs, ys)},
        )
        assert net.activation == "relu" and history["accuracy"][-1] > 0.95
