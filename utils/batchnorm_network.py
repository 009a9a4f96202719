"""A fully connected network with batch normalization, for lesson 05.

The network is built around the four functions a student writes in lesson 05, passed in as a
``BatchNorm``; nothing here normalises by itself, and the forward pass's cache is handed back to the
student's backward pass untouched, whatever it holds.

Layers (data are columns: ``X`` is ``(784, m)``):

* hidden layer l without batch norm: ``Z = W A_prev + b``, ``A = g(Z)``;
* hidden layer l with batch norm: ``Z = W A_prev`` (no bias: beta takes its place),
  ``Z_tilde = batchnorm_forward(Z, gamma, beta)`` while training on a mini-batch, or
  ``batchnorm_inference(Z, gamma, beta, running_mean, running_var)`` when predicting,
  then ``A = g(Z_tilde)``;
* output layer: ``Z = W A + b``, softmax, trained on the log-likelihood cost (output error ``A - Y``).

The hidden activation ``g`` is the sigmoid unless the network is built with ``activation="relu"``
(``max(0, z)``, whose derivative is taken as 0 at z = 0).

Weights start as in ``nncourse.utils.network.init_network`` (standard deviation 1/sqrt(fan-in)), the
hidden layers' multiplied by ``weight_scale``, so a network with and one without batch norm built from
the same seed start from the same weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from .network import init_network, one_hot_columns, sigmoid, softmax
from .progress import progress_range


def relu(z):
    return np.maximum(z, 0.0)


# name: (g, backward) with backward(dA, A) = dA * g'(Z), written in terms of the activation A = g(Z),
# which is what the backward pass keeps (the sigmoid's in the order this module always computed it)
ACTIVATIONS = {"sigmoid": (sigmoid, lambda dA, A: dA * A * (1.0 - A)), "relu": (relu, lambda dA, A: dA * (A > 0))}


def _activation(name):
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown hidden activation {name!r}; choose one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[name]


@dataclass
class BatchNorm:
    """The lesson's batch-norm functions, and the constants the network calls them with.

    forward(Z, gamma, beta, eps) -> (Z_tilde, cache); backward(dZ_tilde, cache) -> (dZ, dgamma, dbeta);
    update_running_stats(running_mean, running_var, mu, var, momentum) -> (running_mean, running_var);
    inference(Z, gamma, beta, running_mean, running_var, eps) -> Z_tilde.
    """

    forward: Callable
    backward: Callable
    update_running_stats: Callable
    inference: Callable
    momentum: float = 0.9
    eps: float = 1e-5


@dataclass
class Network:
    """Parameters and state.  ``biases[l]`` is None for a hidden layer with batch norm; ``gammas``,
    ``betas``, ``running_means`` and ``running_vars`` have one ``(n_units, 1)`` array per hidden layer
    (empty lists without batch norm); ``activation`` names the hidden layers' activation (see ACTIVATIONS)."""

    weights: list
    biases: list
    batchnorm: BatchNorm | None = None
    gammas: list = field(default_factory=list)
    betas: list = field(default_factory=list)
    running_means: list = field(default_factory=list)
    running_vars: list = field(default_factory=list)
    activation: str = "sigmoid"

    @property
    def hidden_layers(self) -> int:
        return len(self.weights) - 1


def init_net(sizes, rng, batchnorm: BatchNorm | None = None, weight_scale=1.0, activation="sigmoid") -> Network:
    """A network with layer sizes ``sizes`` (the last is the softmax output).

    weight_scale multiplies the initial weights of the hidden layers (those batch norm follows);
    activation: the hidden layers' activation, "sigmoid" or "relu".
    """
    _activation(activation)
    weights, biases = init_network(sizes, rng)
    weights = [weight_scale * W for W in weights[:-1]] + weights[-1:]
    if batchnorm is None:
        return Network(weights, biases, activation=activation)
    hidden = sizes[1:-1]
    return Network(
        weights,
        [None] * len(hidden) + [biases[-1]],
        batchnorm,
        gammas=[np.ones((n, 1)) for n in hidden],
        betas=[np.zeros((n, 1)) for n in hidden],
        running_means=[np.zeros((n, 1)) for n in hidden],
        running_vars=[np.ones((n, 1)) for n in hidden],
        activation=activation,
    )


def forward(net: Network, X, training=False, group_size=None):
    """The forward pass.  Returns a dict with

    ``inputs``: the input of each hidden layer's activation (Z, or Z_tilde with batch norm);
    ``activations``: [X, hidden activations..., softmax output];
    ``caches``: per hidden layer, the list of batch-norm caches of its groups (training with batch norm);
    ``stats``: the mean and variance of each hidden layer's Z over all the columns of X (idem).

    training: normalise with the mini-batch's own statistics (batchnorm_forward) rather than the
    running averages (batchnorm_inference).
    group_size: while training, normalise each group of ``group_size`` consecutive columns with that
    group's statistics, as if it were a mini-batch of its own ("ghost batches"); None: all columns.
    """
    bn = net.batchnorm
    g = _activation(net.activation)[0]
    out = {"inputs": [], "activations": [X], "caches": [], "stats": []}
    A = X
    m = X.shape[1]
    starts = range(0, m, group_size or m)
    for l in range(net.hidden_layers):
        Z = net.weights[l] @ A
        if bn is None:
            Z_in = Z + net.biases[l]
        elif training:
            pieces, caches = [], []
            for s in starts:
                piece, cache = bn.forward(Z[:, s : s + (group_size or m)], net.gammas[l], net.betas[l], bn.eps)
                pieces.append(piece)
                caches.append(cache)
            Z_in = np.hstack(pieces) if len(pieces) > 1 else pieces[0]
            out["caches"].append(caches)
            out["stats"].append((Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)))
        else:
            Z_in = bn.inference(Z, net.gammas[l], net.betas[l], net.running_means[l], net.running_vars[l], bn.eps)
        A = g(Z_in)
        out["inputs"].append(Z_in)
        out["activations"].append(A)
    out["activations"].append(softmax(net.weights[-1] @ A + net.biases[-1]))
    return out


def predict_proba(net: Network, X, training=False):
    """Softmax outputs ``(n_classes, m)``; with ``training=True`` the batch-norm layers use the
    statistics of the columns of ``X`` themselves (which is what a mini-batch of training does)."""
    return forward(net, X, training)["activations"][-1]


def gradients(net: Network, X, Y, group_size=None):
    """Gradients of the mean log-likelihood cost on the mini-batch ``(X, Y)`` (one-hot ``Y``), in
    training mode.  Returns ``(grads, stats)``: ``grads`` a dict with lists shaped like the network's
    ``weights``, ``biases`` (None where a layer has no bias), ``gammas``, ``betas``; ``stats`` the batch
    statistics (see ``forward``)."""
    bn = net.batchnorm
    through_g = _activation(net.activation)[1]
    m = X.shape[1]
    cache = forward(net, X, training=True, group_size=group_size)
    acts = cache["activations"]
    L = net.hidden_layers
    n_bn = L if bn is not None else 0
    grads = {"weights": [None] * (L + 1), "biases": [None] * (L + 1), "gammas": [None] * n_bn, "betas": [None] * n_bn}
    delta = (acts[-1] - Y) / m  # softmax + log-likelihood
    grads["weights"][L] = delta @ acts[L].T
    grads["biases"][L] = delta.sum(axis=1, keepdims=True)
    dA = net.weights[L].T @ delta
    for l in range(L - 1, -1, -1):
        A = acts[l + 1]
        dZ_in = through_g(dA, A)  # through the activation
        if bn is None:
            dZ = dZ_in
            grads["biases"][l] = dZ.sum(axis=1, keepdims=True)
        else:
            size = group_size or m
            parts = [bn.backward(dZ_in[:, s : s + size], c) for s, c in zip(range(0, m, size), cache["caches"][l])]
            dZ = np.hstack([p[0] for p in parts]) if len(parts) > 1 else parts[0][0]
            grads["gammas"][l] = sum(p[1] for p in parts)
            grads["betas"][l] = sum(p[2] for p in parts)
        grads["weights"][l] = dZ @ acts[l].T
        if l > 0:
            dA = net.weights[l].T @ dZ
    return grads, cache["stats"]


def sgd_step(net: Network, X, Y, eta, group_size=None) -> Network:
    """One step of gradient descent on a mini-batch, and (with batch norm) one update of the
    running averages with that mini-batch's statistics.  Returns a new Network."""
    grads, stats = gradients(net, X, Y, group_size)
    new = Network(
        [W - eta * g for W, g in zip(net.weights, grads["weights"])],
        [None if b is None else b - eta * g for b, g in zip(net.biases, grads["biases"])],
        net.batchnorm,
        activation=net.activation,
    )
    bn = net.batchnorm
    if bn is not None:
        new.gammas = [p - eta * g for p, g in zip(net.gammas, grads["gammas"])]
        new.betas = [p - eta * g for p, g in zip(net.betas, grads["betas"])]
        for l, (mu, var) in enumerate(stats):
            mean, variance = bn.update_running_stats(net.running_means[l], net.running_vars[l], mu, var, bn.momentum)
            new.running_means.append(mean)
            new.running_vars.append(variance)
    return new


def train(
    sizes,
    X,
    y,
    *,
    epochs,
    batch_size,
    eta,
    batchnorm: BatchNorm | None = None,
    weight_scale=1.0,
    group_size=None,
    monitor=None,
    probe=None,
    probe_every=10,
    seed=0,
    desc="epochs",
    activation="sigmoid",
):
    """Mini-batch SGD on the log-likelihood cost; returns ``(net, history)``.

    monitor: {name: f(net) -> float}, measured before training and after every epoch.
    probe: f(net) -> anything, called before training and every ``probe_every`` mini-batches;
    its results are in ``history["probe"]`` (for pictures of how the layers change as they learn).
    group_size: see ``forward`` (batch norm on groups smaller than the mini-batch).
    activation: the hidden layers' activation, "sigmoid" (the default) or "relu".
    """
    with threadpool_limits(limits=1, user_api="blas"):  # small matrices: threads only add overhead
        rng = np.random.default_rng(seed)
        net = init_net(sizes, rng, batchnorm, weight_scale, activation)
        Y = one_hot_columns(y, sizes[-1])
        monitor = monitor or {}
        history = {name: [f(net)] for name, f in monitor.items()}
        if probe is not None:
            history["probe"] = [probe(net)]
        step = 0
        for _ in progress_range(epochs, desc=desc):
            order = rng.permutation(X.shape[1])
            for start in range(0, len(order), batch_size):
                batch = order[start : start + batch_size]
                net = sgd_step(net, X[:, batch], Y[:, batch], eta, group_size)
                step += 1
                if probe is not None and step % probe_every == 0:
                    history["probe"].append(probe(net))
            for name, f in monitor.items():
                history[name].append(f(net))
    return net, history


def accuracy(net: Network, X, y, training=False) -> float:
    """Fraction of the columns of X classified as y (running averages unless ``training``)."""
    return float(np.mean(predict_proba(net, X, training).argmax(axis=0) == y))


def accuracy_on(X, y):
    """A monitor: accuracy on (X, y), normalising with the running averages."""
    return lambda net: accuracy(net, X, y)


def log_likelihood_on(X, y):
    """A monitor: the mean log-likelihood cost on (X, y), normalising with the running averages."""

    def cost(net):
        A = predict_proba(net, X)
        return float(-np.mean(np.log(np.maximum(A[y, np.arange(len(y))], 1e-300))))

    return cost
