"""The course's fully connected network: one ``Network``, one ``train``, for every lesson that trains one.

Lesson 01 has you write each piece of a network; its training runs through this loop with your own
gradient step (``train(step=...)``). Later lessons plug the piece they teach into the same loop: the
output error of a cost (lesson 02), a regularised weight update or dropout (lesson 03), an update rule
with a state of its own, such as momentum or Adam (lesson 04), batch normalisation (lesson 05), a softmax
output (lessons 02 and 06). The loop is written once, here.

Data are columns: ``X`` is ``(n_in, m)``, one-hot ``Y`` is ``(n_out, m)``, labels ``y`` are ``(m,)``.
``weights[l]`` is ``(sizes[l+1], sizes[l])`` and ``biases[l]`` is ``(sizes[l+1], 1)``.

Layers, for a network built with ``init_network(sizes, rng, ...)``:

* hidden layer l: ``Z = W A_prev + b``, ``A = g(Z)``, with ``g`` the ``activation`` ("sigmoid", "relu"
  or "tanh"); with batch norm, ``Z = W A_prev`` (no bias: beta takes its place), then
  ``Z_tilde = batchnorm_forward(Z, gamma, beta)`` while training on a mini-batch, or
  ``batchnorm_inference(Z, gamma, beta, running_mean, running_var)`` when predicting, and ``A = g(Z_tilde)``;
  with dropout (training only), the lesson's dropout function then masks ``A``;
* output layer: ``Z = W A + b``, then ``output``: "sigmoid" (one sigmoid per output) or "softmax".

Nothing here normalises or drops out by itself: batch norm and dropout are the lesson's own functions,
passed in as a ``BatchNorm`` or a ``Dropout``, and their caches are handed back to the lesson's backward
functions untouched, whatever they hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from .progress import progress_range

# --- activations and output layers ---------------------------------------------------------------


def sigmoid(z):
    e = np.exp(-np.abs(z))  # e <= 1: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z):
    return np.maximum(z, 0.0)


def softmax(Z):
    """Column-wise softmax; shifting each column by its max keeps exp from overflowing."""
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


@dataclass(frozen=True)
class Activation:
    """A hidden layer's activation g, and its backward pass written with the activation A = g(Z) the
    forward pass kept: backward(dA, A) = dA * g'(Z)."""

    function: Callable
    backward: Callable


ACTIVATIONS = {
    "sigmoid": Activation(sigmoid, lambda dA, A: dA * (A * (1.0 - A))),  # sigma' = sigma (1 - sigma), no exp again
    "relu": Activation(relu, lambda dA, A: dA * (A > 0)),  # g'(0) taken as 0
    "tanh": Activation(np.tanh, lambda dA, A: dA * (1.0 - A * A)),
}
OUTPUTS = {"sigmoid": sigmoid, "softmax": softmax}


def _choose(name, options, what):
    if name not in options:
        raise ValueError(f"unknown {what} {name!r}; choose one of {', '.join(options)}")
    return options[name]


def one_hot_columns(y, n_classes=10):
    """(n_classes, m) matrix with a 1 in row y[j] of column j."""
    return np.eye(n_classes)[:, np.asarray(y)]


# --- the pieces a lesson plugs in ------------------------------------------------------------------


@dataclass
class Dropout:
    """Inverted dropout on the hidden layers during training, with the lesson's own functions.

    forward(A, keep_prob, rng) -> (A_out, mask); backward(dA_out, mask, keep_prob) -> dA.
    """

    keep_prob: float
    forward: Callable
    backward: Callable
    rng: np.random.Generator


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


def plain_update(W, grad_W, eta):
    """Gradient descent on one weight matrix: W - eta * grad_W."""
    return W - eta * grad_W


@dataclass
class Stateful:
    """An update rule that keeps a state for each parameter (momentum's v, Adam's m and v), for
    ``train(update=...)``; every parameter (weights, biases, batch norm's gammas and betas) then takes
    its steps.

    init(P) -> the initial state of parameter P (e.g. np.zeros_like(P)).
    step(P, grad_P, state, eta, t) -> (new P, new state), where t = 1, 2, ... counts the updates
    made so far, this one included (Adam's bias correction counts from 1).
    """

    init: Callable
    step: Callable


# --- the network -----------------------------------------------------------------------------------


@dataclass
class Network:
    """Parameters and state.  ``biases[l]`` is None for a hidden layer with batch norm; ``gammas``,
    ``betas``, ``running_means`` and ``running_vars`` have one ``(n_units, 1)`` array per hidden layer
    with batch norm (empty lists without); ``activation`` names the hidden layers' activation and
    ``output`` the output layer's (see ACTIVATIONS and OUTPUTS)."""

    weights: list
    biases: list
    output: str = "sigmoid"
    activation: str = "sigmoid"
    batchnorm: BatchNorm | None = None
    gammas: list = field(default_factory=list)
    betas: list = field(default_factory=list)
    running_means: list = field(default_factory=list)
    running_vars: list = field(default_factory=list)

    def __post_init__(self):
        if self.activation not in ACTIVATIONS or self.output not in OUTPUTS:
            _choose(self.activation, ACTIVATIONS, "hidden activation")
            _choose(self.output, OUTPUTS, "output layer")

    @property
    def hidden_layers(self) -> int:
        return len(self.weights) - 1


def init_parameters(sizes, rng, scaled=True):
    """Gaussian weights and biases, as lists (weights, biases).

    scaled: weights with standard deviation 1/sqrt(fan-in), so z starts near 0 (Nielsen, ch. 3);
    otherwise standard deviation 1, which saturates many neurons from the start (Nielsen, ch. 1).
    """
    weights = [
        rng.normal(0.0, 1.0 / np.sqrt(n_in) if scaled else 1.0, (n_out, n_in))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]
    biases = [rng.normal(0.0, 1.0, (n_out, 1)) for n_out in sizes[1:]]
    return weights, biases


def init_network(
    sizes, rng, *, output="sigmoid", activation="sigmoid", batchnorm=None, scaled=True, weight_scale=1.0
) -> Network:
    """A network with layer sizes ``sizes``, its parameters from ``init_parameters(sizes, rng, scaled)``.

    weight_scale multiplies the initial weights of the hidden layers (those batch norm follows), so a
    network with and one without batch norm built from the same generator state start from the same
    weights; batch norm starts with gamma = 1, beta = 0 and running averages 0 (mean) and 1 (variance).
    """
    weights, biases = init_parameters(sizes, rng, scaled)
    if weight_scale != 1.0:
        weights = [weight_scale * W for W in weights[:-1]] + weights[-1:]
    if batchnorm is None:
        return Network(weights, biases, output, activation)
    hidden = sizes[1:-1]
    return Network(
        weights,
        [None] * len(hidden) + biases[-1:],
        output,
        activation,
        batchnorm,
        gammas=[np.ones((n, 1)) for n in hidden],
        betas=[np.zeros((n, 1)) for n in hidden],
        running_means=[np.zeros((n, 1)) for n in hidden],
        running_vars=[np.ones((n, 1)) for n in hidden],
    )


def _batchnorm_forward(net, l, Z, training, group_size):
    """Z_tilde of hidden layer l, and (training) its caches and the statistics of all of Z's columns."""
    bn = net.batchnorm
    if not training:
        Z_tilde = bn.inference(Z, net.gammas[l], net.betas[l], net.running_means[l], net.running_vars[l], bn.eps)
        return Z_tilde, None, None
    m = Z.shape[1]
    size = group_size or m
    pieces, caches = zip(
        *(bn.forward(Z[:, s : s + size], net.gammas[l], net.betas[l], bn.eps) for s in range(0, m, size))
    )
    Z_tilde = np.hstack(pieces) if len(pieces) > 1 else pieces[0]
    return Z_tilde, list(caches), (Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True))


def forward(net: Network, X, *, training=False, dropout: Dropout | None = None, group_size=None):
    """The forward pass, and the cache the backward pass needs: a dict with

    ``inputs``: each layer's weighted input, the output layer's last (Z, or Z_tilde with batch norm);
    ``activations``: [X, hidden activations (after dropout)..., output activations];
    ``unmasked``: each hidden layer's g(Z) before dropout (the same arrays without dropout);
    ``masks``: each hidden layer's dropout mask (None without dropout);
    ``caches``: per hidden layer with batch norm, the list of batch-norm caches of its groups (training);
    ``stats``: per hidden layer with batch norm, the mean and variance of Z over all the columns (training).

    training: batch norm normalises with the statistics of the columns of X themselves
    (batchnorm_forward) rather than the running averages (batchnorm_inference); dropout only applies
    while training.  group_size: while training, batch norm normalises each group of ``group_size``
    consecutive columns with that group's statistics, as if it were a mini-batch of its own ("ghost
    batches"); None: all columns.
    """
    g = ACTIVATIONS[net.activation].function
    cache = {"inputs": [], "activations": [X], "unmasked": [], "masks": [], "caches": [], "stats": []}
    A = X
    for l in range(net.hidden_layers):
        if net.batchnorm is None:
            Z = net.weights[l] @ A + net.biases[l]
        else:
            Z, bn_caches, stats = _batchnorm_forward(net, l, net.weights[l] @ A, training, group_size)
            if training:
                cache["caches"].append(bn_caches)
                cache["stats"].append(stats)
        A = g(Z)
        cache["unmasked"].append(A)
        mask = None
        if dropout is not None and training:
            A, mask = dropout.forward(A, dropout.keep_prob, dropout.rng)
        cache["inputs"].append(Z)
        cache["masks"].append(mask)
        cache["activations"].append(A)
    Z = net.weights[-1] @ A + net.biases[-1]
    cache["inputs"].append(Z)
    cache["activations"].append(OUTPUTS[net.output](Z))
    return cache


def feedforward(net: Network, X, training=False):
    """Output activations ``(sizes[-1], m)``, without dropout; with ``training=True`` batch norm uses
    the statistics of the columns of X themselves (what a mini-batch of training does)."""
    return forward(net, X, training=training)["activations"][-1]


def accuracy(net: Network, X, y, training=False) -> float:
    """Fraction of the columns of X whose largest output is at index y (batch norm: running averages
    unless ``training``)."""
    return float(np.mean(np.argmax(feedforward(net, X, training), axis=0) == y))


def error_of_matching_cost(Z, A, Y):
    """The output error A - Y: cross-entropy's for sigmoid outputs, log-likelihood's for softmax."""
    return A - Y


def gradients(net: Network, X, Y, output_delta=error_of_matching_cost, dropout=None, group_size=None):
    """Gradients of a cost averaged over the m columns of (X, Y), by backpropagation in training mode.

    output_delta(Z_L, A_L, Y) -> dC_x/dZ_L for each column (the cost's own output error, not yet
    divided by m): (A - Y) * sigmoid'(Z) for the quadratic cost, A - Y for cross-entropy with sigmoid
    outputs and for log-likelihood with softmax.
    Returns ``(grads, stats)``: ``grads`` a dict of lists shaped like the network's ``weights``,
    ``biases`` (None where a layer has no bias), ``gammas`` and ``betas``; ``stats`` the batch
    statistics of the layers with batch norm (see ``forward``).
    """
    through_g = ACTIVATIONS[net.activation].backward
    bn = net.batchnorm
    m = X.shape[1]
    cache = forward(net, X, training=True, dropout=dropout, group_size=group_size)
    acts, L = cache["activations"], net.hidden_layers
    grads = {"weights": [None] * (L + 1), "biases": [None] * (L + 1), "gammas": [], "betas": []}
    if bn is not None:
        grads["gammas"], grads["betas"] = [None] * L, [None] * L
    dZ = output_delta(cache["inputs"][-1], acts[-1], Y) / m
    grads["weights"][L] = dZ @ acts[L].T
    grads["biases"][L] = dZ.sum(axis=1, keepdims=True)
    for l in range(L - 1, -1, -1):
        dA = net.weights[l + 1].T @ dZ
        if cache["masks"][l] is not None:
            dA = dropout.backward(dA, cache["masks"][l], dropout.keep_prob)
        dZ = through_g(dA, cache["unmasked"][l])
        if bn is None:
            grads["biases"][l] = dZ.sum(axis=1, keepdims=True)
        else:
            size = group_size or m
            parts = [bn.backward(dZ[:, s : s + size], c) for s, c in zip(range(0, m, size), cache["caches"][l])]
            dZ = np.hstack([p[0] for p in parts]) if len(parts) > 1 else parts[0][0]
            grads["gammas"][l] = sum(p[1] for p in parts)
            grads["betas"][l] = sum(p[2] for p in parts)
        grads["weights"][l] = dZ @ acts[l].T
    return grads, cache["stats"]


# --- one step of gradient descent, and the training loop -------------------------------------------


def _parameters(net: Network) -> list:
    """Every trained array, in a fixed order: weights, biases (those there are), gammas, betas."""
    return net.weights + [b for b in net.biases if b is not None] + net.gammas + net.betas


def _with_parameters(net: Network, params: list, running_means, running_vars) -> Network:
    """A new Network with the arrays of ``_parameters``' order, and the running averages given."""
    n_w, n_b, n_g = len(net.weights), sum(b is not None for b in net.biases), len(net.gammas)
    trained = iter(params[n_w : n_w + n_b])
    biases = [None if b is None else next(trained) for b in net.biases]
    return Network(
        params[:n_w],
        biases,
        net.output,
        net.activation,
        net.batchnorm,
        params[n_w + n_b : n_w + n_b + n_g],
        params[n_w + n_b + n_g :],
        running_means,
        running_vars,
    )


def _running_averages(net: Network, stats):
    """The running means and variances after one more mini-batch with batch statistics ``stats``."""
    if net.batchnorm is None:
        return [], []
    bn = net.batchnorm
    updated = [
        bn.update_running_stats(mean, var, mu, sigma2, bn.momentum)
        for mean, var, (mu, sigma2) in zip(net.running_means, net.running_vars, stats)
    ]
    return [mean for mean, _ in updated], [var for _, var in updated]


def apply_gradients(net: Network, grads, stats, eta, update=plain_update, states=None, t=0):
    """The network after one step of gradient descent with ``grads`` (see ``gradients``), and (with
    batch norm) one update of the running averages with the mini-batch's statistics ``stats``.
    Returns a new Network (and, for a ``Stateful`` update, the new states: ``(net, states)``).

    update: ``plain_update``, a rule update(W, grad_W, eta) -> new W for the weights (the other
    parameters take the plain step), or a ``Stateful`` rule for every parameter, whose ``states`` (one
    per parameter, in the order weights, biases, gammas, betas) and update count ``t`` the caller keeps.
    """
    if net.batchnorm is None and not isinstance(update, Stateful):  # the common case, kept short: it runs per step
        weights = [update(W, gW, eta) for W, gW in zip(net.weights, grads["weights"])]
        biases = [b - eta * gb for b, gb in zip(net.biases, grads["biases"])]
        return Network(weights, biases, net.output, net.activation)
    means, variances = _running_averages(net, stats)
    grad_list = grads["weights"] + [g for g in grads["biases"] if g is not None] + grads["gammas"] + grads["betas"]
    params = _parameters(net)
    if isinstance(update, Stateful):
        steps = [update.step(P, gP, state, eta, t) for P, gP, state in zip(params, grad_list, states)]
        return _with_parameters(net, [P for P, _ in steps], means, variances), [state for _, state in steps]
    n_w = len(net.weights)
    new = [update(W, gW, eta) for W, gW in zip(params[:n_w], grad_list[:n_w])]
    new += [P - eta * gP for P, gP in zip(params[n_w:], grad_list[n_w:])]
    return _with_parameters(net, new, means, variances)


def sgd_step(net: Network, X, Y, eta, update=plain_update, states=None, t=0, **gradient_options):
    """One step of gradient descent on the mini-batch (X, Y): ``apply_gradients`` of ``gradients``.
    gradient_options: output_delta, dropout, group_size (see ``gradients``)."""
    return apply_gradients(net, *gradients(net, X, Y, **gradient_options), eta, update, states, t)


# The matrices are small: one BLAS thread is as fast, and stays fast when other processes
# (parallel trials, a grader's workers) share the cores; several threads then fight for them.
@threadpool_limits.wrap(limits=1, user_api="blas")
def train(
    sizes,
    X,
    y,
    *,
    epochs,
    batch_size,
    eta,
    output="sigmoid",
    output_delta=error_of_matching_cost,
    activation="sigmoid",
    scaled_init=True,
    weight_scale=1.0,
    batchnorm: BatchNorm | None = None,
    group_size=None,
    dropout: Dropout | None = None,
    update=plain_update,
    step=None,
    monitor=None,
    probe=None,
    probe_every=10,
    stop=None,
    seed=0,
    desc="epochs",
    show_progress=True,
):
    """Mini-batch stochastic gradient descent; returns ``(net, history)``.

    Each epoch shuffles the training set (with the generator of ``seed``, which first draws the
    initial parameters: see ``init_network``) and takes one step per mini-batch of ``batch_size``.
    y: integer labels (m,), trained against their one-hot columns, or a target matrix (sizes[-1], m)
    (several labels per example, lesson 02).
    eta: a number, or a function eta(epoch, history) -> learning rate for that epoch (lesson 04).
    output, activation, scaled_init, weight_scale, batchnorm: the network (see ``init_network``);
    output_delta, dropout, group_size: the gradients (see ``gradients``); update: the step (see
    ``sgd_step``).
    step(weights, biases, X, Y, eta) -> (weights, biases): your own gradient step in place of the
    course's, for a network without batch norm (lesson 01).
    monitor: {name: f(net) -> float}, measured before training and after every epoch; history[name]
    holds those epochs + 1 values.  probe: f(net) -> anything, called before training and every
    ``probe_every`` mini-batches, its results in history["probe"].  stop(history) -> True ends
    training early.  show_progress=False hides the epoch bar (inside a search's own bar).
    """
    rng = np.random.default_rng(seed)
    net = init_network(
        sizes,
        rng,
        output=output,
        activation=activation,
        batchnorm=batchnorm,
        scaled=scaled_init,
        weight_scale=weight_scale,
    )
    if step is not None and (batchnorm is not None or dropout is not None or update is not plain_update):
        raise ValueError("train(step=...) takes your own gradient step: batch norm, dropout and update do not apply")
    Y = np.asarray(y) if np.ndim(y) == 2 else one_hot_columns(y, sizes[-1])
    monitor = monitor or {}
    history = {name: [f(net)] for name, f in monitor.items()}
    if probe is not None:
        history["probe"] = [probe(net)]
    states = [update.init(P) for P in _parameters(net)] if isinstance(update, Stateful) else None
    steps = 0
    for epoch in progress_range(epochs, desc=desc) if show_progress else range(epochs):
        rate = eta(epoch, history) if callable(eta) else eta
        order = rng.permutation(X.shape[1])
        X_epoch, Y_epoch = X[:, order], Y[:, order]  # one gather per epoch; each mini-batch is then a view
        for start in range(0, len(order), batch_size):
            X_batch, Y_batch = X_epoch[:, start : start + batch_size], Y_epoch[:, start : start + batch_size]
            steps += 1
            if step is not None:
                net = Network(*step(net.weights, net.biases, X_batch, Y_batch, rate), net.output, net.activation)
            elif states is None:
                net = apply_gradients(
                    net, *gradients(net, X_batch, Y_batch, output_delta, dropout, group_size), rate, update
                )
            else:
                grads = gradients(net, X_batch, Y_batch, output_delta, dropout, group_size)
                net, states = apply_gradients(net, *grads, rate, update, states, steps)
            if probe is not None and steps % probe_every == 0:
                history["probe"].append(probe(net))
        for name, f in monitor.items():
            history[name].append(f(net))
        if stop is not None and stop(history):
            break
    return net, history


# --- monitors --------------------------------------------------------------------------------------


def accuracy_on(X, y):
    """A monitor: accuracy on (X, y) (batch norm: with the running averages)."""
    return lambda net: accuracy(net, X, y)


def cost_on(cost, X, Y):
    """A monitor: cost(A, Y) of the network's outputs A on X (Y as the cost expects it)."""
    return lambda net: float(cost(feedforward(net, X), Y))


def log_likelihood_on(X, y):
    """A monitor: the mean log-likelihood cost -ln a_y on (X, y) (batch norm: with the running averages)."""

    def cost(net):
        A = feedforward(net, X)
        return float(-np.mean(np.log(np.maximum(A[y, np.arange(len(y))], 1e-300))))

    return cost
