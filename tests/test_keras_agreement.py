"""Lesson 01's from-scratch network learns as well as the same network in Keras (within one point): the same
initial weights, cost, learning rate and mini-batch size; each shuffles in its own order."""

import numpy as np
import pytest

from nncourse.course.lessons import get_lesson
from nncourse.notebooks import build_notebook, load_definitions
from nncourse.utils.data import load_mnist
from nncourse.utils.network import init_parameters, one_hot_columns, train

pytestmark = pytest.mark.slow

SIZES, EPOCHS, BATCH, ETA, SEED = [784, 30, 10], 30, 10, 3.0, 0


def from_scratch(X, y, data):
    """The lesson's solution functions (sgd_step, accuracy), trained as the notebook trains them: by the
    course's train, from the initial weights of seed SEED and with its mini-batches."""
    lesson = load_definitions(build_notebook(get_lesson("01_backprop").source))
    net, _ = train(
        SIZES, X, y, epochs=EPOCHS, batch_size=BATCH, eta=ETA, seed=SEED, step=lesson["sgd_step"], show_progress=False
    )
    return {name: lesson["accuracy"](net.weights, net.biases, Xs, ys) for name, (Xs, ys) in data.items()}


def keras(weights, biases, X, y, data):
    """The same network, initial weights, cost, optimiser and mini-batches in Keras."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(SEED)
    model = tf.keras.Sequential(
        [tf.keras.Input((SIZES[0],))] + [tf.keras.layers.Dense(n, activation="sigmoid") for n in SIZES[1:]]
    )
    model.set_weights([p for W, b in zip(weights, biases) for p in (W.T, b.ravel())])

    def quadratic_cost(y_true, y_pred):  # 1/(2m) sum ||a - y||^2: Keras averages over the batch
        return 0.5 * tf.reduce_sum(tf.square(y_pred - y_true), axis=-1)

    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=ETA), loss=quadratic_cost)
    model.fit(X.T, one_hot_columns(y).T, batch_size=BATCH, epochs=EPOCHS, shuffle=True, verbose=0)
    return {
        name: float(np.mean(model.predict(Xs.T, verbose=0).argmax(axis=1) == ys)) for name, (Xs, ys) in data.items()
    }


def test_from_scratch_network_matches_keras_within_one_point():
    (X, y), validation, test = load_mnist(verbose=False)
    data = {"validation": validation, "test": test}
    weights, biases = init_parameters(SIZES, np.random.default_rng(SEED))  # what train(seed=SEED) starts from
    ours = from_scratch(X, y, data)
    theirs = keras(weights, biases, X, y, data)
    print(f"from scratch: {ours}\nKeras:        {theirs}")
    for name in data:
        assert ours[name] >= theirs[name] - 0.01, f"{name}: from scratch {ours[name]:.3f}, Keras {theirs[name]:.3f}"
