"""Hidden test cases of 07_tensorflow_signs.

``make_args`` returns numpy arrays and Python values only: the grader ships them to a sandboxed child.
Each case's ``run`` (shipped by value, like every function of this module) builds the tensors or
variables there and reduces the result to plain data, so the comparison never depends on a TensorFlow
object.  Random initialisations and Keras models are compared through summaries that any correct
implementation gives under any recent TensorFlow and Keras (never their raw random values).
Tolerances suit float32 arithmetic, which may differ in the last digits between versions and devices.
"""

import numpy as np

from . import Case

RTOL, ATOL = 1e-4, 1e-5
SIZES = [12288, 25, 12, 6]
SEEDS_POOLED = 10  # initialisations pooled per case for the statistics of the weights


def tensor_result(value):
    """Whether ``value`` is a TensorFlow tensor, and the value itself (converted to an array by the grader)."""
    import tensorflow as tf

    return {"a_tf_tensor": bool(tf.is_tensor(value)), "value": value}


def float64_result(value):
    """As ``tensor_result``, the value as float64: any floating dtype is accepted."""
    import tensorflow as tf

    return {"a_tf_tensor": bool(tf.is_tensor(value)), "value": np.asarray(value, dtype=np.float64)}


def image_result(value):
    """As ``tensor_result`` for a 12,288-entry vector, kept small: its shape, every 97th entry (all
    positions and channels are sampled) and the sum of all entries."""
    import tensorflow as tf

    array = np.asarray(value)
    return {
        "a_tf_tensor": bool(tf.is_tensor(value)),
        "shape": ",".join(str(n) for n in array.shape),
        "every_97th": array.reshape(-1)[::97],
        "sum": float(np.sum(array, dtype=np.float64)),
    }


def as_tensor(value, dtype):
    import tensorflow as tf

    return tf.constant(value, dtype=dtype)


# --- linear_function ---------------------------------------------------------------------------


def linear_after_global_draws(f, args):
    """The result after other code has seeded and used numpy's global random state."""
    seed, n = args
    np.random.seed(seed)
    np.random.rand(n)
    return float64_result(f())


def linear_second_call(f, args):
    f()
    np.random.rand(args[0])
    return float64_result(f())


# --- minimize_quadratic -------------------------------------------------------------------------


def descent_result(f, args):
    """The final w, and whether it came back as a TensorFlow object instead of a number."""
    import tensorflow as tf

    w = f(*args)
    return {"a_tf_object": bool(tf.is_tensor(w) or isinstance(w, tf.Variable)), "w": np.asarray(w, dtype=np.float64)}


def convex_quadratic(learning_rate, steps):
    """Coefficients with c0 > 0 (a minimum exists), as a list, and the learning rate and steps."""

    def make(rng):
        c = [float(rng.uniform(0.5, 2.0)), float(rng.uniform(-6.0, 6.0)), float(rng.uniform(-3.0, 3.0))]
        return c, learning_rate, steps

    return make


def quadratic_as_array(rng):
    return np.array([rng.uniform(0.5, 1.5), rng.uniform(-8.0, -2.0), rng.uniform(0.0, 10.0)]), 0.1, 40


# --- initialize_parameters ----------------------------------------------------------------------


def initialization_summary(f, args):
    """What any correct Glorot initialisation gives, normal or uniform (both have the variance
    2 / (n_in + n_out)), for the seed in ``args``."""
    import tensorflow as tf

    seed = args[0]
    first = f(seed)
    if not isinstance(first, dict):
        return {"a_dict": False}
    keys = sorted(first)
    summary = {"a_dict": True, "keys": ",".join(keys)}
    if keys != ["W1", "W2", "W3", "b1", "b2", "b3"]:
        return summary
    pooled = [first] + [f(seed + 1000 * k) for k in range(1, SEEDS_POOLED)]
    again = f(seed)
    other = f(seed + 1)
    summary["same_seed_same_W1"] = bool(np.array_equal(np.asarray(first["W1"]), np.asarray(again["W1"])))
    summary["other_seed_other_W1"] = not np.array_equal(np.asarray(first["W1"]), np.asarray(other["W1"]))
    for l in (1, 2, 3):
        shape = (SIZES[l], SIZES[l - 1])
        for name in (f"W{l}", f"b{l}"):
            value = first[name]
            entry = {
                "variable": isinstance(value, tf.Variable),
                "dtype": getattr(getattr(value, "dtype", None), "name", str(getattr(value, "dtype", None))),
                "shape": ",".join(str(n) for n in np.shape(value)),
            }
            if name.startswith("b"):
                entry["zeros"] = bool(np.all(np.asarray(value) == 0))
            elif entry["shape"] == ",".join(map(str, shape)):
                values = np.concatenate([np.asarray(p[name], dtype=np.float64).ravel() for p in pooled])
                glorot = np.sqrt(2.0 / (shape[0] + shape[1]))
                entry["std_within_20%_of_glorot"] = bool(0.8 <= values.std() / glorot <= 1.2)
                entry["mean_near_0"] = bool(abs(values.mean()) <= 0.1 * glorot)
            summary[name] = entry
    return summary


# --- forward_propagation ------------------------------------------------------------------------


def network_and_batch(m, input_scale=1.0, bias_scale=0.3):
    """X (12288, m) float32 and the six parameters as float32 arrays (biases non-zero)."""

    def make(rng):
        params = {}
        for l in (1, 2, 3):
            std = np.sqrt(2.0 / (SIZES[l] + SIZES[l - 1]))
            params[f"W{l}"] = rng.normal(0.0, std, (SIZES[l], SIZES[l - 1])).astype(np.float32)
            params[f"b{l}"] = rng.normal(0.0, bias_scale, (SIZES[l], 1)).astype(np.float32)
        X = (input_scale * rng.random((SIZES[0], m))).astype(np.float32)
        return X, params

    return make


def forward_with_variables(f, args):
    import tensorflow as tf

    X, params = args
    return tensor_result(f(tf.constant(X), {k: tf.Variable(v) for k, v in params.items()}))


# --- compute_total_loss -------------------------------------------------------------------------


def logits_and_labels(m, scale=2.0):
    def make(rng):
        logits = rng.normal(0.0, scale, (6, m)).astype(np.float32)
        labels = np.eye(6, dtype=np.float32)[:, rng.integers(0, 6, m)]
        return logits, labels

    return make


def total_loss(f, args):
    """The loss as a float64 array: a scalar of any float dtype (tensor or number) is accepted."""
    import tensorflow as tf

    logits, labels = args
    return np.asarray(f(tf.constant(logits), tf.constant(labels)), dtype=np.float64)


# --- build_keras_model --------------------------------------------------------------------------


def keras_summary(f, args):
    """The model's structure and training set-up as plain data."""
    import tensorflow as tf

    model = f(*args)
    summary = {"sequential": isinstance(model, tf.keras.Sequential)}
    if not summary["sequential"]:
        return summary
    summary["compiled"] = bool(getattr(model, "compiled", getattr(model, "_is_compiled", False)))
    try:
        summary["input_size"] = int(model.input_shape[-1])
    except (AttributeError, ValueError, TypeError):
        summary["input_size"] = -1
    layers = []
    for layer in model.layers:
        if isinstance(layer, tf.keras.layers.Dense):
            layers.append([int(layer.units), getattr(layer.activation, "__name__", str(layer.activation))])
        elif isinstance(layer, tf.keras.layers.ReLU) and layers and layers[-1][1] == "linear":
            layers[-1][1] = "relu"
        elif isinstance(layer, tf.keras.layers.Activation) and layers and layers[-1][1] == "linear":
            layers[-1][1] = getattr(layer.activation, "__name__", str(layer.activation))
        elif not isinstance(layer, (tf.keras.layers.InputLayer, tf.keras.layers.Flatten)):
            layers.append([0, type(layer).__name__])
    summary["dense_layers"] = ";".join(f"{units} {activation}" for units, activation in layers)
    summary["parameters"] = int(model.count_params()) if summary["input_size"] > 0 else -1
    loss = getattr(model, "loss", None)
    summary["loss"] = loss if isinstance(loss, str) else type(loss).__name__
    config = loss.get_config() if hasattr(loss, "get_config") else {}
    summary["from_logits"] = bool(config.get("from_logits", False))
    optimizer = getattr(model, "optimizer", None)
    summary["optimizer"] = type(optimizer).__name__
    try:
        summary["learning_rate"] = float(np.asarray(optimizer.learning_rate))
    except (AttributeError, TypeError, ValueError):
        summary["learning_rate"] = -1.0
    try:
        metrics = str(model.get_compile_config().get("metrics"))
    except (AttributeError, TypeError, ValueError):
        metrics = ""
    summary["accuracy_metric"] = "accuracy" in metrics.lower()
    return summary


# --- relu, relu_prime -----------------------------------------------------------------------------


def weighted_inputs(shape, dtype, scale=2.0):
    """Z of ``shape`` and ``dtype`` (a numpy dtype name), every third entry exactly 0."""

    def make(rng):
        Z = rng.normal(0.0, scale, shape)
        Z.reshape(-1)[::3] = 0.0
        return (Z.astype(dtype),)

    return make


def on_array(f, args):
    """The function applied to the numpy array itself (``call`` checks that it is left unchanged)."""
    return tensor_result(f(args[0]))


def on_tensor(dtype):
    def run(f, args):
        return tensor_result(f(as_tensor(args[0], dtype)))

    return run


def activation_cases():
    return [
        Case("a float32 numpy array (4, 6) with zeros", weighted_inputs((4, 6), "float32"), run=on_array),
        Case("a float64 numpy vector with zeros", weighted_inputs((7,), "float64"), run=on_array),
        Case(
            "a float32 tf.Tensor (3, 5) with zeros",
            weighted_inputs((3, 5), "float32"),
            rtol=1e-6,
            atol=1e-7,
            run=on_tensor("float32"),
        ),
        Case("a float64 tf.Tensor (2, 4)", weighted_inputs((2, 4), "float64"), run=on_tensor("float64")),
        Case(
            "a larger float32 numpy array (25, 40), small values",
            weighted_inputs((25, 40), "float32", scale=1e-3),
            rtol=1e-6,
            atol=1e-10,
            run=on_array,
        ),
    ]


# --- compute_binary_loss --------------------------------------------------------------------------


def binary_targets(shape, one_hot=False, scale=2.0):
    """Logits of ``shape`` and 0/1 labels: one-hot columns, or independent 0/1 entries."""

    def make(rng):
        logits = rng.normal(0.0, scale, shape).astype(np.float32)
        if one_hot:
            labels = np.eye(shape[0], dtype=np.float32)[:, rng.integers(0, shape[0], shape[1])]
        else:
            labels = rng.integers(0, 2, shape).astype(np.float32)
        return logits, labels

    return make


def binary_loss(f, args):
    logits, labels = args
    return tensor_result(f(as_tensor(logits, "float32"), as_tensor(labels, "float32")))


CASES = {
    "minimize_quadratic": [
        Case(
            "(w - 5)^2, learning rate 0.1, 50 steps",
            lambda rng: ([1.0, -10.0, 25.0], 0.1, 50),
            rtol=RTOL,
            atol=ATOL,
            run=descent_result,
        ),
        Case(
            "another convex quadratic, 25 steps of 0.05 (not yet converged)",
            convex_quadratic(0.05, 25),
            rtol=RTOL,
            atol=ATOL,
            run=descent_result,
        ),
        Case("coefficients as a numpy array", quadratic_as_array, rtol=RTOL, atol=ATOL, run=descent_result),
        Case(
            "a learning rate large enough to overshoot (w oscillates), 12 steps",
            lambda rng: ([2.0, float(rng.uniform(-6.0, -1.0)), 0.5], 0.4, 12),
            rtol=RTOL,
            atol=ATOL,
            run=descent_result,
        ),
    ],
    "linear_function": [
        Case("called once", lambda rng: (), rtol=RTOL, atol=ATOL, run=lambda f, args: float64_result(f())),
        Case(
            "after other code seeded and used numpy's global random state",
            lambda rng: (int(rng.integers(0, 10_000)), int(rng.integers(1, 20))),
            rtol=RTOL,
            atol=ATOL,
            run=linear_after_global_draws,
        ),
        Case(
            "called a second time after other random draws",
            lambda rng: (int(rng.integers(1, 20)),),
            rtol=RTOL,
            atol=ATOL,
            run=linear_second_call,
        ),
    ],
    "sigmoid": [
        Case(
            "a Python int",
            lambda rng: (int(rng.integers(-5, 6)),),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: tensor_result(f(args[0])),
        ),
        Case(
            "a Python float",
            lambda rng: (float(rng.normal(0.0, 2.0)),),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: tensor_result(f(args[0])),
        ),
        Case(
            "an int32 tensor (3, 4)",
            lambda rng: (rng.integers(-6, 7, (3, 4)),),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: tensor_result(f(as_tensor(args[0], "int32"))),
        ),
        Case(
            "a float64 tensor with large |z|",
            lambda rng: (rng.normal(0.0, 20.0, (2, 5)),),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: tensor_result(f(as_tensor(args[0], "float64"))),
        ),
        Case(
            "a float32 tensor (5, 1)",
            lambda rng: (rng.normal(0.0, 3.0, (5, 1)),),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: tensor_result(f(as_tensor(args[0], "float32"))),
        ),
    ],
    "ones": [
        Case(
            "a shape tuple of two dimensions",
            lambda rng: ((int(rng.integers(1, 5)), int(rng.integers(1, 5))),),
            run=lambda f, args: tensor_result(f(*args)),
        ),
        Case(
            "a shape list of three dimensions",
            lambda rng: ([int(n) for n in rng.integers(1, 4, 3)],),
            run=lambda f, args: tensor_result(f(*args)),
        ),
        Case(
            "a single int (a vector)",
            lambda rng: (int(rng.integers(1, 9)),),
            run=lambda f, args: tensor_result(f(*args)),
        ),
    ],
    "normalize": [
        Case(
            "a random uint8 image tensor",
            lambda rng: (rng.integers(0, 256, (64, 64, 3), dtype=np.uint8),),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: image_result(f(as_tensor(args[0], "uint8"))),
        ),
        Case(
            "an all-white image (255 everywhere)",
            lambda rng: (np.full((64, 64, 3), 255, dtype=np.uint8),),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: image_result(f(as_tensor(args[0], "uint8"))),
        ),
        Case(
            "an image with a dark and a bright half",
            lambda rng: (
                np.concatenate([rng.integers(0, 20, (32, 64, 3)), rng.integers(235, 256, (32, 64, 3))]).astype(
                    np.uint8
                ),
            ),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: image_result(f(as_tensor(args[0], "uint8"))),
        ),
        Case(
            "a numpy uint8 image (not a tensor)",
            lambda rng: (rng.integers(0, 256, (64, 64, 3), dtype=np.uint8),),
            rtol=RTOL,
            atol=1e-6,
            run=lambda f, args: image_result(f(args[0])),
        ),
    ],
    "one_hot_matrix": [
        Case(
            "an int64 label tensor of shape (), the default C = 6",
            lambda rng: (int(rng.integers(0, 6)),),
            run=lambda f, args: tensor_result(f(as_tensor(args[0], "int64"))),
        ),
        Case(
            "a label tensor of shape (1,), C = 4",
            lambda rng: ([int(rng.integers(0, 4))], 4),
            run=lambda f, args: tensor_result(f(as_tensor(args[0], "int32"), args[1])),
        ),
        Case(
            "the last class, C = 10",
            lambda rng: (9, 10),
            run=lambda f, args: tensor_result(f(as_tensor(args[0], "int64"), C=args[1])),
        ),
        Case(
            "a Python int label, class 0, C = 3",
            lambda rng: (0, 3),
            run=lambda f, args: tensor_result(f(args[0], args[1])),
        ),
    ],
    "initialize_parameters": [
        Case("seed 1", lambda rng: (1,), run=initialization_summary),
        Case("seed 7", lambda rng: (7,), run=initialization_summary),
        Case("a large seed", lambda rng: (int(rng.integers(10_000, 100_000)),), run=initialization_summary),
    ],
    "forward_propagation": [
        Case("a mini-batch of 32 images", network_and_batch(32), rtol=RTOL, atol=ATOL, run=forward_with_variables),
        Case("a single image (m = 1)", network_and_batch(1), rtol=RTOL, atol=ATOL, run=forward_with_variables),
        Case(
            "inputs and biases on a larger scale",
            network_and_batch(7, input_scale=3.0, bias_scale=2.0),
            rtol=RTOL,
            atol=ATOL,
            run=forward_with_variables,
        ),
    ],
    "compute_total_loss": [
        Case("a mini-batch of 32", logits_and_labels(32), rtol=RTOL, atol=ATOL, run=total_loss),
        Case("one example", logits_and_labels(1), rtol=RTOL, atol=ATOL, run=total_loss),
        Case("6 examples (as many as classes)", logits_and_labels(6), rtol=RTOL, atol=ATOL, run=total_loss),
        Case("confident logits (around +-100)", logits_and_labels(9, scale=60.0), rtol=RTOL, atol=1e-3, run=total_loss),
    ],
    "build_keras_model": [
        Case("the default learning rate", lambda rng: (), rtol=RTOL, atol=1e-9, run=keras_summary),
        Case("learning rate 0.01", lambda rng: (0.01,), rtol=RTOL, atol=1e-9, run=keras_summary),
        Case(
            "learning rate 3e-4, as a keyword",
            lambda rng: (3e-4,),
            rtol=RTOL,
            atol=1e-9,
            run=lambda f, args: keras_summary(lambda: f(learning_rate=args[0]), ()),
        ),
    ],
    "relu": activation_cases(),
    "relu_prime": activation_cases(),
    "compute_binary_loss": [
        Case(
            "(6, 32) logits, one-hot labels",
            binary_targets((6, 32), one_hot=True),
            rtol=RTOL,
            atol=ATOL,
            run=binary_loss,
        ),
        Case("one binary output, (1, 20)", binary_targets((1, 20)), rtol=RTOL, atol=ATOL, run=binary_loss),
        Case("(4, 7) multi-label targets", binary_targets((4, 7)), rtol=RTOL, atol=ATOL, run=binary_loss),
        Case(
            "confident logits (around +-100), one-hot",
            binary_targets((6, 9), one_hot=True, scale=60.0),
            rtol=RTOL,
            atol=1e-3,
            run=binary_loss,
        ),
    ],
}
