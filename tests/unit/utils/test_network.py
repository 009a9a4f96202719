"""The course's one network (nncourse.utils.network): its backprop is right for every output layer,
cost, hidden activation, dropout and batch norm (with the lesson's own batch-norm functions and with
independent ones whose cache is an opaque object), and ``train`` uses every one of its options."""

import numpy as np
import pytest

from nncourse.course.lessons import get_lesson
from nncourse.notebooks import build_notebook, load_definitions
from nncourse.utils.gradcheck import numerical_gradient, relative_error
from nncourse.utils.network import (
    BatchNorm,
    Dropout,
    Network,
    Stateful,
    accuracy,
    accuracy_on,
    cost_on,
    feedforward,
    forward,
    gradients,
    init_network,
    init_parameters,
    log_likelihood_on,
    one_hot_columns,
    plain_update,
    sgd_step,
    softmax,
    train,
)

SIZES = [5, 4, 3, 3]
rng = np.random.default_rng(0)
X = rng.normal(size=(5, 6))
y = rng.integers(0, 3, 6)
Y = one_hot_columns(y, 3)
QUIET = {"show_progress": False}

# --- independent batch-norm functions, with a cache the network cannot look into -------------------


class Opaque:
    def __init__(self, **parts):
        self._parts = parts


def bn_forward(Z, gamma, beta, eps=1e-5):
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta, Opaque(Z=Z, gamma=gamma, eps=eps)


def bn_backward(dZ_tilde, cache):
    Z, gamma, eps = cache._parts["Z"], cache._parts["gamma"], cache._parts["eps"]
    m = Z.shape[1]
    std = np.sqrt(Z.var(axis=1, keepdims=True) + eps)
    Z_norm = (Z - Z.mean(axis=1, keepdims=True)) / std
    d = dZ_tilde * gamma
    dZ = (m * d - d.sum(axis=1, keepdims=True) - Z_norm * (d * Z_norm).sum(axis=1, keepdims=True)) / (m * std)
    return dZ, (dZ_tilde * Z_norm).sum(axis=1, keepdims=True), dZ_tilde.sum(axis=1, keepdims=True)


def bn_update(running_mean, running_var, mu, var, momentum=0.9):
    return momentum * running_mean + (1 - momentum) * mu, momentum * running_var + (1 - momentum) * var


def bn_inference(Z, gamma, beta, running_mean, running_var, eps=1e-5):
    return gamma * (Z - running_mean) / np.sqrt(running_var + eps) + beta


def opaque_batchnorm(momentum=0.9):
    return BatchNorm(bn_forward, bn_backward, bn_update, bn_inference, momentum=momentum)


def lesson_batchnorm():
    ns = load_definitions(build_notebook(get_lesson("05_batch_norm").source))
    return BatchNorm(
        ns["batchnorm_forward"], ns["batchnorm_backward"], ns["update_running_stats"], ns["batchnorm_inference"]
    )


def fixed_mask_dropout(keep_prob=0.5):
    """Dropout whose masks are drawn once, so the cost is a deterministic function of the weights."""
    masks = {}

    def forward_(A, p, rng):
        mask = masks.setdefault(A.shape, np.random.default_rng(len(masks)).random(A.shape) < p)
        return A * mask / p, mask

    return Dropout(keep_prob, forward_, lambda dA, mask, p: dA * mask / p, np.random.default_rng(0))


# --- gradients against numerical gradients --------------------------------------------------------

COSTS = {  # name: (cost of the outputs A, output error, output layer)
    "quadratic, sigmoid": (lambda A: 0.5 * np.sum((A - Y) ** 2) / 6, lambda Z, A, Y: (A - Y) * A * (1 - A), "sigmoid"),
    "cross-entropy, sigmoid": (
        lambda A: -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / 6,
        lambda Z, A, Y: A - Y,
        "sigmoid",
    ),
    "log-likelihood, softmax": (lambda A: -np.sum(Y * np.log(A)) / 6, lambda Z, A, Y: A - Y, "softmax"),
}
LAYERS = {  # name: (batch norm, group size, dropout)
    "plain": lambda: (None, None, None),
    "dropout": lambda: (None, None, fixed_mask_dropout()),
    "batch norm, opaque cache": lambda: (opaque_batchnorm(), None, None),
    "batch norm, groups of 3": lambda: (opaque_batchnorm(), 3, None),
    "batch norm, the lesson's solution": lambda: (lesson_batchnorm(), None, None),
    "batch norm and dropout": lambda: (opaque_batchnorm(), None, fixed_mask_dropout()),
}


def random_net(batchnorm=None, activation="sigmoid", output="softmax"):
    net = init_network(SIZES, np.random.default_rng(1), output=output, activation=activation, batchnorm=batchnorm)
    if batchnorm is not None:  # move gamma and beta away from 1 and 0, so that their gradients are general
        r = np.random.default_rng(2)
        net.gammas = [r.uniform(0.5, 2.0, g.shape) for g in net.gammas]
        net.betas = [r.normal(size=b.shape) for b in net.betas]
    return net


def numerical(net, kind, l, cost, options):
    def f(P):
        params = {k: list(getattr(net, k)) for k in ("weights", "biases", "gammas", "betas")}
        params[kind][l] = P
        probe = Network(**params, output=net.output, activation=net.activation, batchnorm=net.batchnorm,
                        running_means=net.running_means, running_vars=net.running_vars)  # fmt: skip
        return cost(forward(probe, X, training=True, **options)["activations"][-1])

    return numerical_gradient(f, getattr(net, kind)[l].copy())


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh"])
@pytest.mark.parametrize("layers", LAYERS, ids=list(LAYERS))
@pytest.mark.parametrize("which_cost", COSTS, ids=list(COSTS))
def test_gradients_match_numerical_gradients(which_cost, layers, activation):
    cost, output_delta, output = COSTS[which_cost]
    batchnorm, group_size, dropout = LAYERS[layers]()
    net = random_net(batchnorm, activation, output)
    options = {"group_size": group_size, "dropout": dropout}
    grads, stats = gradients(net, X, Y, output_delta, **options)
    checked = 0
    for kind in ("weights", "biases", "gammas", "betas"):
        assert len(grads[kind]) == len(getattr(net, kind))
        for l, analytic in enumerate(grads[kind]):
            if analytic is None:
                assert getattr(net, kind)[l] is None  # hidden layers with batch norm have no bias
                continue
            numeric = numerical(net, kind, l, cost, options)
            # an entry whose gradient is exactly 0 (a ReLU unit silent on every example, or one active on every
            # example, whose beta the next layer's batch norm then cancels) makes the relative error meaningless
            assert relative_error(analytic, numeric) < 1e-6 or np.allclose(analytic, numeric, rtol=1e-6, atol=1e-9), (
                f"{kind}[{l}]"
            )
            checked += 1
    assert checked == (6 if batchnorm is None else 8)
    if batchnorm is not None:
        Z1 = net.weights[0] @ X
        assert np.allclose(stats[0][0], Z1.mean(axis=1, keepdims=True))
        assert np.allclose(stats[0][1], Z1.var(axis=1, keepdims=True))


# --- the forward pass ------------------------------------------------------------------------------


def test_softmax_is_stable_and_sums_to_one():
    S = softmax(np.array([[1000.0, -1000.0], [999.0, 0.0]]))
    assert np.all(np.isfinite(S)) and np.allclose(S.sum(axis=0), 1)


@pytest.mark.parametrize("batchnorm", [None, opaque_batchnorm], ids=["plain", "batch norm"])
def test_each_activation_and_output_is_the_one_asked_for(batchnorm):
    bn = batchnorm and batchnorm()
    default = init_network(SIZES, np.random.default_rng(1), batchnorm=bn)
    assert (default.activation, default.output) == ("sigmoid", "sigmoid")
    out = forward(default, X, training=True)
    assert np.allclose(out["activations"][1], 1 / (1 + np.exp(-out["inputs"][0])))
    assert np.allclose(out["activations"][-1], 1 / (1 + np.exp(-out["inputs"][-1])))
    for name, g in (("relu", lambda Z: np.maximum(Z, 0.0)), ("tanh", np.tanh)):
        net = init_network(SIZES, np.random.default_rng(1), activation=name, output="softmax", batchnorm=bn)
        assert all(np.array_equal(a, b) for a, b in zip(net.weights, default.weights))  # same start
        out = forward(net, X, training=True)
        for Z, A in zip(out["inputs"], out["activations"][1:-1]):
            assert np.array_equal(A, g(Z)) and (A <= 0).any() and (A > 0).any()  # not a sigmoid
        assert np.allclose(out["activations"][-1], softmax(out["inputs"][-1]))
        assert sgd_step(net, X, Y, 0.1).activation == name
    for wrong in ({"activation": "swish"}, {"output": "linear"}):
        with pytest.raises(ValueError, match=next(iter(wrong.values()))):
            init_network(SIZES, np.random.default_rng(1), **wrong)


def test_dropout_applies_while_training_only():
    net = random_net(output="sigmoid")
    dropout = fixed_mask_dropout(0.5)
    trained = forward(net, X, training=True, dropout=dropout)
    assert all(mask is not None for mask in trained["masks"])
    assert not np.array_equal(trained["activations"][1], trained["unmasked"][0])
    predicted = forward(net, X, dropout=dropout)
    assert predicted["masks"] == [None, None]
    np.testing.assert_array_equal(predicted["activations"][-1], feedforward(net, X))


def test_batch_norm_predicts_per_example_and_trains_on_the_batch():
    net = random_net(opaque_batchnorm())
    whole = feedforward(net, X)
    assert np.allclose(whole, np.hstack([feedforward(net, X[:, [j]]) for j in range(X.shape[1])]))
    singles = np.hstack([feedforward(net, X[:, [j]], training=True) for j in range(X.shape[1])])
    assert np.allclose(singles, singles[:, :1])  # batch statistics of one example: the same output for every input


def test_init_network_scales_as_asked():
    plain = init_network([400, 300, 10], np.random.default_rng(0))
    assert abs(plain.weights[0].std() - 1 / 20) < 0.002 and abs(plain.weights[1].std() - 1 / np.sqrt(300)) < 0.01
    unscaled = init_network([400, 300, 10], np.random.default_rng(0), scaled=False)
    assert abs(unscaled.weights[0].std() - 1) < 0.01
    doubled = init_network([400, 300, 10], np.random.default_rng(0), weight_scale=2.0)
    np.testing.assert_array_equal(doubled.weights[0], 2 * plain.weights[0])  # hidden layers only
    np.testing.assert_array_equal(doubled.weights[1], plain.weights[1])
    weights, biases = init_parameters([400, 300, 10], np.random.default_rng(0))
    assert all(np.array_equal(a, b) for a, b in zip(weights + biases, plain.weights + plain.biases))
    with_bn = init_network([400, 300, 10], np.random.default_rng(0), batchnorm=opaque_batchnorm())
    assert with_bn.biases[0] is None and with_bn.biases[1].shape == (10, 1)
    assert [g.shape for g in with_bn.gammas + with_bn.betas] == [(300, 1)] * 2


# --- one step and the loop -------------------------------------------------------------------------


def test_sgd_step_updates_running_averages_and_leaves_the_old_network_alone():
    net = random_net(opaque_batchnorm(momentum=0.8))
    before = [P.copy() for P in net.weights + net.gammas + net.running_means]
    new = sgd_step(net, X, Y, 0.1)
    assert all(np.array_equal(P, B) for P, B in zip(net.weights + net.gammas + net.running_means, before))
    Z1 = net.weights[0] @ X
    assert np.allclose(new.running_means[0], 0.2 * Z1.mean(axis=1, keepdims=True))
    assert np.allclose(new.running_vars[0], 0.8 + 0.2 * Z1.var(axis=1, keepdims=True))
    grads, _ = gradients(net, X, Y)
    assert np.allclose(new.gammas[0], net.gammas[0] - 0.1 * grads["gammas"][0])


def two_classes(n=300, seed=3):
    data = np.random.default_rng(seed)
    Xs = data.normal(size=(2, n))
    return Xs, (Xs[0] + Xs[1] > 0).astype(int)


@pytest.mark.parametrize(
    "options",
    [
        {"output": "sigmoid"},
        {"output": "softmax", "batchnorm": opaque_batchnorm()},
        {"output": "softmax", "activation": "relu", "weight_scale": np.sqrt(2), "eta": 0.1},
        {
            "output": "softmax",
            "activation": "relu",
            "weight_scale": np.sqrt(2),
            "eta": 0.1,
            "batchnorm": opaque_batchnorm(),
        },
    ],
    ids=["sigmoid", "batch norm", "relu", "relu with batch norm"],
)
def test_train_learns_and_is_reproducible(options):
    Xs, ys = two_classes()
    settings = {"epochs": 15, "batch_size": 20, "eta": 0.5, "seed": 4, **options}
    runs = [
        train([2, 8, 8, 2], Xs, ys, monitor={"accuracy": accuracy_on(Xs, ys)}, **settings, **QUIET) for _ in range(2)
    ]
    assert runs[0][1]["accuracy"] == runs[1][1]["accuracy"]
    assert len(runs[0][1]["accuracy"]) == 16 and runs[0][1]["accuracy"][-1] > 0.95
    net = runs[0][0]
    assert (net.output, net.activation) == (options["output"], options.get("activation", "sigmoid"))
    assert feedforward(net, Xs).shape == (2, 300)
    other_seed = train(
        [2, 8, 8, 2], Xs, ys, monitor={"accuracy": accuracy_on(Xs, ys)}, **{**settings, "seed": 5}, **QUIET
    )
    assert other_seed[1]["accuracy"] != runs[0][1]["accuracy"]


def test_every_setting_of_train_changes_the_result():
    """A train that silently ignored one of its settings would give the same network as without it."""
    Xs, ys = two_classes(60)
    base = {"epochs": 2, "batch_size": 10, "eta": 0.5, "output": "softmax"}
    reference = train([2, 5, 5, 2], Xs, ys, **base, **QUIET)[0]
    variants = {
        "epochs": {"epochs": 3},
        "batch_size": {"batch_size": 7},
        "eta": {"eta": 0.4},
        "callable eta": {"eta": lambda epoch, history: 0.5 if epoch == 0 else 0.1},
        "output": {"output": "sigmoid"},
        "output_delta": {"output_delta": lambda Z, A, Y: 2 * (A - Y)},
        "activation": {"activation": "tanh"},
        "scaled_init": {"scaled_init": False},
        "weight_scale": {"weight_scale": 1.5},
        "batchnorm": {"batchnorm": opaque_batchnorm()},
        "group_size": {"batchnorm": opaque_batchnorm(), "group_size": 5},
        "dropout": {
            "dropout": Dropout(
                0.5,
                lambda A, p, r: (A * (m := r.random(A.shape) < p) / p, m),
                lambda dA, m, p: dA * m / p,
                np.random.default_rng(0),
            )
        },  # fmt: skip
        "update": {"update": lambda W, gW, eta: 0.99 * W - eta * gW},
        "seed": {"seed": 1},
    }
    for name, change in variants.items():
        settings = {**base, **change}
        if name == "group_size":  # against batch norm on whole mini-batches
            compare_to = train([2, 5, 5, 2], Xs, ys, **base, batchnorm=opaque_batchnorm(), **QUIET)[0]
        else:
            compare_to = reference
        net = train([2, 5, 5, 2], Xs, ys, **settings, **QUIET)[0]
        assert not np.array_equal(net.weights[0], compare_to.weights[0]), f"train ignored {name}"


def test_train_stops_when_asked_probes_and_takes_a_target_matrix():
    Xs = np.random.default_rng(2).normal(size=(3, 40))
    T = (Xs > 0).astype(float)  # three labels per example
    _, history = train([3, 4, 3], Xs, T, epochs=10, batch_size=8, eta=0.5, monitor={"n": lambda net: 0.0},
                       probe=lambda net: net.weights[0].sum(), probe_every=2, stop=lambda h: len(h["n"]) == 4,
                       **QUIET)  # fmt: skip
    assert len(history["n"]) == 4
    assert len(history["probe"]) == 1 + (3 * 5) // 2  # before training, then every 2 of the 3 epochs' 5 steps
    assert len(set(history["probe"])) == len(history["probe"])


def test_your_own_step_trains_as_the_course_step_does():
    """train(step=...) drives lesson 01's sgd_step: with the course's own step inside, the same network."""
    Xs, ys = two_classes(60)

    def quadratic(Z, A, Y):
        return (A - Y) * A * (1 - A)

    def step(weights, biases, X_batch, Y_batch, eta):
        new = sgd_step(Network(weights, biases), X_batch, Y_batch, eta, output_delta=quadratic)
        return new.weights, new.biases

    settings = {"epochs": 3, "batch_size": 7, "eta": 2.0, "seed": 2, **QUIET}
    course = train([2, 5, 2], Xs, ys, output_delta=quadratic, **settings)[0]
    own = train([2, 5, 2], Xs, ys, step=step, **settings)[0]
    for a, b in zip(course.weights + course.biases, own.weights + own.biases):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="own gradient step"):
        train([2, 5, 2], Xs, ys, step=step, batchnorm=opaque_batchnorm(), **settings)


def test_a_stateless_stateful_rule_is_plain_gradient_descent():
    """A Stateful rule that keeps no state and steps P - eta * grad trains exactly as the default update."""
    Xs, ys = two_classes(40, seed=2)
    for bn in (None, opaque_batchnorm()):
        common = dict(epochs=3, batch_size=7, eta=0.8, seed=5, batchnorm=bn, output="softmax", **QUIET)
        plain = train([2, 4, 2], Xs, ys, **common)[0]
        rule = Stateful(init=lambda P: None, step=lambda P, gP, state, eta, t: (plain_update(P, gP, eta), state))
        stateful = train([2, 4, 2], Xs, ys, update=rule, **common)[0]
        for kind in ("weights", "biases", "gammas", "betas", "running_means", "running_vars"):
            for a, b in zip(getattr(plain, kind), getattr(stateful, kind)):
                assert (a is None and b is None) or np.array_equal(a, b), kind


def steps_seen_by_a_stateful_rule(batchnorm):
    """The update counts t a Stateful rule is called with, training 2 epochs of 4 mini-batches."""
    Xs, ys = two_classes(40, seed=2)
    seen = []

    def step(P, gP, state, eta, t):
        assert state["shape"] == P.shape and state["updates"] == t - 1  # its own state, from its previous step
        seen.append(t)
        return P - eta * gP, {"shape": P.shape, "updates": t}

    rule = Stateful(init=lambda P: {"shape": P.shape, "updates": 0}, step=step)
    net, _ = train([2, 4, 2], Xs, ys, epochs=2, batch_size=10, eta=0.5, update=rule, batchnorm=batchnorm, **QUIET)
    assert [W.shape for W in net.weights] == [(4, 2), (2, 4)]
    return seen


@pytest.mark.parametrize("batchnorm, n_params", [(None, 4), (opaque_batchnorm, 5)], ids=["plain", "batch norm"])
def test_a_stateful_rule_keeps_one_state_per_parameter_and_counts_updates_from_1(batchnorm, n_params):
    seen = steps_seen_by_a_stateful_rule(batchnorm and batchnorm())  # with batch norm: 2 W, 1 b, 1 gamma, 1 beta
    n_updates = 2 * 4
    assert seen == [t for t in range(1, n_updates + 1) for _ in range(n_params)]


def test_a_stateful_rule_updates_the_biases_too():
    Xs, ys = two_classes(40, seed=2)
    frozen = Stateful(init=lambda P: None, step=lambda P, gP, s, eta, t: (P if P.shape[1] == 1 else P - eta * gP, s))
    start = train([2, 4, 2], Xs, ys, epochs=0, batch_size=10, eta=0.5, **QUIET)[0]
    moved = train([2, 4, 2], Xs, ys, epochs=2, batch_size=10, eta=0.5, update=frozen, **QUIET)[0]
    for b0, b1 in zip(start.biases, moved.biases):
        np.testing.assert_array_equal(b0, b1)  # this rule leaves the (n, 1) biases where they were
    assert not np.array_equal(start.weights[0], moved.weights[0])


def test_the_monitors_measure_the_network():
    net = random_net(output="softmax")
    assert accuracy_on(X, y)(net) == accuracy(net, X, y) == np.mean(feedforward(net, X).argmax(axis=0) == y)
    A = feedforward(net, X)
    assert log_likelihood_on(X, y)(net) == pytest.approx(-np.mean(np.log(A[y, np.arange(6)])))
    assert cost_on(lambda A, Y: float(np.sum(A * Y)), X, Y)(net) == pytest.approx(np.sum(A * Y))
