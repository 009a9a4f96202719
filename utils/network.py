"""The course's fully connected network, for every lesson after 01 that trains one.

Lesson 01 has you write each piece of a network. Later lessons plug the piece they teach into this
one training loop: the output error of a cost (lesson 02), a regularised weight update or dropout
(lesson 03), a learning-rate rule (lesson 04). The loop is written once, here.

Data are columns: ``X`` is ``(n_in, m)``, one-hot ``Y`` is ``(n_out, m)``, labels ``y`` are ``(m,)``.
``weights[l]`` is ``(sizes[l+1], sizes[l])`` and ``biases[l]`` is ``(sizes[l+1], 1)``.  Hidden layers
are sigmoid; the output layer is ``"sigmoid"`` or ``"softmax"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from .progress import progress_range


def init_network(sizes, rng, scaled=True):
    """Gaussian weights and biases.

    scaled: weights with standard deviation 1/sqrt(fan-in), so z starts near 0 (Nielsen, ch. 3);
    otherwise standard deviation 1, which saturates many neurons from the start (Nielsen, ch. 1).
    """
    weights = [
        rng.normal(0.0, 1.0 / np.sqrt(n_in) if scaled else 1.0, (n_out, n_in))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]
    biases = [rng.normal(0.0, 1.0, (n_out, 1)) for n_out in sizes[1:]]
    return weights, biases


def one_hot_columns(y, n_classes=10):
    """(n_classes, m) matrix with a 1 in row y[j] of column j."""
    return np.eye(n_classes)[:, np.asarray(y)]


def sigmoid(z):
    e = np.exp(-np.abs(z))  # e <= 1: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def softmax(Z):
    """Column-wise softmax; shifting each column by its max keeps exp from overflowing."""
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


OUTPUTS = {"sigmoid": sigmoid, "softmax": softmax}


@dataclass
class Dropout:
    """Inverted dropout on the hidden layers during training, with the lesson's own functions.

    forward(A, keep_prob, rng) -> (A_out, mask); backward(dA_out, mask, keep_prob) -> dA.
    """

    keep_prob: float
    forward: Callable
    backward: Callable
    rng: np.random.Generator


def forward_pass(weights, biases, X, output="sigmoid", dropout: Dropout | None = None):
    """The cache of a forward pass: (zs, activations, masks).

    activations[0] is X and activations[l+1] the (possibly dropped-out) output of layer l;
    masks[l] is the dropout mask of hidden layer l (None without dropout).
    """
    zs, activations, masks = [], [X], []
    last = len(weights) - 1
    for l, (W, b) in enumerate(zip(weights, biases)):
        zs.append(W @ activations[-1] + b)
        A = OUTPUTS[output](zs[-1]) if l == last else sigmoid(zs[-1])
        mask = None
        if dropout is not None and l < last:
            A, mask = dropout.forward(A, dropout.keep_prob, dropout.rng)
        activations.append(A)
        masks.append(mask)
    return zs, activations, masks


def feedforward(weights, biases, X, output="sigmoid"):
    """Output activations (sizes[-1], m), without dropout."""
    return forward_pass(weights, biases, X, output)[1][-1]


def accuracy(weights, biases, X, y, output="sigmoid"):
    """Fraction of columns whose largest output is at index y."""
    return float(np.mean(np.argmax(feedforward(weights, biases, X, output), axis=0) == y))


def gradients(weights, biases, X, Y, output_delta, output="sigmoid", dropout: Dropout | None = None):
    """(grad_w, grad_b) of a cost averaged over the m columns, by backpropagation.

    output_delta(Z_L, A_L, Y) -> dC_x/dZ_L for each column (the cost's own output error, not yet
    divided by m): (A - Y) * sigmoid'(Z) for the quadratic cost, A - Y for cross-entropy.
    """
    m = X.shape[1]
    zs, activations, masks = forward_pass(weights, biases, X, output, dropout)
    grad_w, grad_b = [None] * len(weights), [None] * len(biases)
    delta = output_delta(zs[-1], activations[-1], Y) / m
    for l in range(len(weights) - 1, -1, -1):
        grad_b[l] = delta.sum(axis=1, keepdims=True)
        grad_w[l] = delta @ activations[l].T
        if l > 0:
            dA = weights[l].T @ delta
            if masks[l - 1] is not None:
                dA = dropout.backward(dA, masks[l - 1], dropout.keep_prob)
                delta = dA * sigmoid_prime(zs[l - 1])
            else:  # the layer's activation is sigmoid(z) itself: sigmoid'(z) = a(1 - a), no exp again
                delta = dA * (activations[l] * (1.0 - activations[l]))
    return grad_w, grad_b


def plain_update(W, grad_W, eta):
    """Gradient descent on one weight matrix: W - eta * grad_W."""
    return W - eta * grad_W


@dataclass
class Stateful:
    """An update rule that keeps a state for each parameter (momentum's v, Adam's m and v), for
    ``train(update=...)``; every weight matrix and every bias vector then takes its steps.

    init(P) -> the initial state of parameter P (e.g. np.zeros_like(P)).
    step(P, grad_P, state, eta, t) -> (new P, new state), where t = 1, 2, ... counts the updates
    made so far, this one included (Adam's bias correction counts from 1).
    """

    init: Callable
    step: Callable


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
    output_delta,
    output="sigmoid",
    update=plain_update,
    dropout: Dropout | None = None,
    monitor=None,
    stop=None,
    scaled_init=True,
    seed=0,
    desc="epochs",
    show_progress=True,
):
    """Mini-batch stochastic gradient descent; returns (weights, biases, history).

    y: integer labels (m,), trained against their one-hot columns, or a target matrix (sizes[-1], m)
    (several labels per example, lesson 02).

    update(W, grad_W, eta) -> new W (lesson 03 passes its regularised updates; biases always take the
    plain step), or a ``Stateful`` rule, which updates weights and biases alike (lesson 04's momentum
    and Adam).  eta is a number, or a function eta(epoch, history) -> learning rate for that epoch
    (lesson 04 babysits a model this way).
    monitor: {name: f(weights, biases) -> float}, measured before training and after every epoch;
    history[name] holds those epochs + 1 values.  stop(history) -> True ends training early.
    scaled_init: see init_network.  show_progress=False hides the epoch bar (inside a search's own bar).
    """
    rng = np.random.default_rng(seed)
    weights, biases = init_network(sizes, rng, scaled_init)
    Y = np.asarray(y) if np.ndim(y) == 2 else one_hot_columns(y, sizes[-1])
    monitor = monitor or {}
    history = {name: [f(weights, biases)] for name, f in monitor.items()}
    epochs_range = progress_range(epochs, desc=desc) if show_progress else range(epochs)
    if isinstance(update, Stateful):
        states, t = [update.init(P) for P in weights + biases], 0
    for epoch in epochs_range:
        rate = eta(epoch, history) if callable(eta) else eta
        order = rng.permutation(X.shape[1])
        X_epoch, Y_epoch = X[:, order], Y[:, order]  # one gather per epoch; each mini-batch is then a view
        for start in range(0, len(order), batch_size):
            batch = slice(start, start + batch_size)
            grad_w, grad_b = gradients(
                weights, biases, X_epoch[:, batch], Y_epoch[:, batch], output_delta, output, dropout
            )
            if isinstance(update, Stateful):
                t += 1
                steps = [
                    update.step(P, gP, state, rate, t)
                    for P, gP, state in zip(weights + biases, grad_w + grad_b, states)
                ]
                states = [state for _, state in steps]
                weights, biases = [P for P, _ in steps[: len(weights)]], [P for P, _ in steps[len(weights) :]]
            else:
                weights = [update(W, gW, rate) for W, gW in zip(weights, grad_w)]
                biases = [b - rate * gb for b, gb in zip(biases, grad_b)]
        for name, f in monitor.items():
            history[name].append(f(weights, biases))
        if stop is not None and stop(history):
            break
    return weights, biases, history


def accuracy_on(X, y, output="sigmoid"):
    """A monitor: accuracy on (X, y)."""
    return lambda weights, biases: accuracy(weights, biases, X, y, output)


def cost_on(cost, X, Y, output="sigmoid"):
    """A monitor: cost(A, Y) of the network's outputs A on X (Y as the cost expects it)."""
    return lambda weights, biases: float(cost(feedforward(weights, biases, X, output), Y))
