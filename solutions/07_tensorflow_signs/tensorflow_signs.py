# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 07 — TensorFlow 2: tensors, automatic gradients, and a hand-sign classifier
#
# For six lessons you wrote every derivative by hand. That is the best way to understand how a
# network learns, and the worst way to build one you intend to change often: each new layer or cost
# means new backward formulas and new bugs. A **deep-learning framework** does that part for you. You
# describe the forward computation; the framework records it and differentiates it exactly, runs it on
# whatever hardware is present, and offers ready-made layers, costs and optimisers.
#
# This lesson uses TensorFlow 2. You will meet its **tensors** and **variables**, let
# **`tf.GradientTape`** find a minimum for you, see what a **computation graph** is and what
# `@tf.function` gains by building one, then train a three-layer network on **SIGNS**, photos of a
# hand showing 0 to 5 fingers: first with your own forward pass, cost and training loop, then in a
# handful of lines of **Keras**. At the end you look at the mistakes the model makes, show numerically
# why hidden layers need a non-linear activation, and compare with a small convolutional network.
#
# The lesson follows the Deep Learning Specialization, course 2, week 3, videos 3.10 (*Deep learning
# frameworks*) and 3.11 (*TensorFlow*) and that week's programming assignment, cited as DLS C2W3, and
# the Machine Learning Specialization, course 2, week 2, sections 1 (*Neural network training*: the
# compile / fit steps and the loss) and 4 (*Additional neural network concepts*: the Adam optimiser
# and convolutional layers), cited as ML Specialization C2W2 §1 and §4.
#
# **How this notebook works.** Cells marked `# YOUR CODE HERE` are yours to write. The cell after each
# exercise tests your function: run it, read its message if it fails, fix, run again. Hidden tests
# run the same function on inputs you have not seen when your work is graded. Cells that ask a
# question in words are read and graded by your instructor. Importing TensorFlow takes several
# seconds, and it may print a few lines about CUDA or CPU instructions: they are information, not
# errors.

# %% tags=["setup"] nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")   # keep TensorFlow's C++ start-up messages short
import time

import numpy as np
import matplotlib.pyplot as plt
import tensorflow as tf

from nncourse.utils.checks import call, expect_close, expect_equal, expect_number, expect_shape, fail, passed
from nncourse.utils.plotting import plot_curves, show_images
from nncourse.utils.progress import progress, progress_range
from nncourse.utils.runtime import experiment_size


def expect_tensor(value, name, dtype=None, shape=None):
    """Check that ``value`` is a TensorFlow tensor (of ``dtype`` and ``shape`` when given); return its numpy value."""
    if value is None:
        fail(f"{name} is None: did the function forget to `return` its result?")
    if not tf.is_tensor(value):
        hint = (" It is a numpy array: build it with TensorFlow operations (tf.constant, tf.matmul, tf.cast, ...) "
                "or convert it with tf.convert_to_tensor." if isinstance(value, (np.ndarray, np.generic)) else "")
        fail(f"{name} should be a tf.Tensor, got {type(value).__name__}.{hint}")
    if dtype is not None and value.dtype != dtype:
        want = tf.as_dtype(dtype).name
        hint = ""
        if value.dtype.is_integer:
            hint = f" Integer tensors stay integers in TensorFlow: convert with tf.cast(x, tf.{want})."
        elif value.dtype == tf.float64:
            hint = (f" numpy arrays are float64, and TensorFlow keeps that dtype: cast with tf.cast(x, tf.{want}) "
                    f"or ask for dtype=tf.{want}.")
        fail(f"{name} has dtype {value.dtype.name}; expected {want}.{hint}")
    array = np.asarray(value)
    if shape is not None:
        expect_shape(array, shape, name)
    return array


# %% [markdown]
# ## 1. Tensors and variables
#
# A **tensor** (`tf.Tensor`) is TensorFlow's array: a shape, a dtype and values, like a numpy array.
# Three differences matter in practice:
#
# - a tensor is **immutable**: operations make new tensors, you cannot assign into one;
# - TensorFlow **never converts dtypes silently**: adding an `int32` tensor to a `float32` one is an
#   error, and so is mixing `float32` with `float64`. Python floats become `float32`, but numpy arrays
#   keep their `float64`;
# - every operation can be **recorded** (to differentiate it later) or **compiled into a graph**
#   (to run it faster), which is what the rest of the lesson uses.
#
# A **variable** (`tf.Variable`) wraps a tensor that *can* change, in place, with `assign`,
# `assign_add` and `assign_sub`. Model parameters are variables: training is a long series of
# `assign_sub` calls. (DLS C2W3 3.11 introduces both.)

# %%
a = np.array([[1.0, 2.0], [3.0, 4.0]])
t = tf.constant(a)
print(t)
print("dtype from a numpy array:", t.dtype.name, "| from Python floats:", tf.constant([1.0, 2.0]).dtype.name)
print("back to numpy:", type(t.numpy()).__name__, "| t @ t =", (t @ t).numpy().tolist())
print("numpy functions accept tensors: np.sum(t) =", np.sum(t))
try:
    t[0, 0] = 10.0
except TypeError as err:
    print("tensors are immutable:", err)
try:
    tf.constant([1, 2]) + tf.constant([0.5, 0.5])
except tf.errors.InvalidArgumentError as err:
    print("no silent conversion (int32 + float32):", type(err).__name__)
print("explicit conversion works:", (tf.cast(tf.constant([1, 2]), tf.float32) + tf.constant([0.5, 0.5])).numpy())

w = tf.Variable([1.0, 2.0], name="w")
w.assign_sub([0.5, 0.5])        # in place: this is what an optimiser does to every parameter
w[0].assign(10.0)
print("a variable changes in place:", w.numpy(), "| trainable:", w.trainable)

# %% [markdown]
# ### Exercise 1 — `linear_function`
# Compute $Y = WX + b$ with TensorFlow from numpy data. Call `np.random.seed(1)` first, then draw, **in
# this order**, `X` of shape `(3, 1)`, `W` of shape `(4, 3)` and `b` of shape `(4, 1)`, each with
# `np.random.randn`; turn them into tensors with `tf.constant` and combine them with `tf.matmul`
# (or `@`) and `tf.add` (or `+`). The order of the draws matters: each draw takes the next numbers of
# the same random stream.

# %% nbgrader={"grade": false, "grade_id": "linear_function", "locked": false, "schema_version": 3, "solution": true, "task": false}
def linear_function():
    """Y = W X + b as a tf.Tensor, from X (3, 1), W (4, 3), b (4, 1) drawn by np.random.randn
    in that order right after np.random.seed(1).

    Returns a tf.Tensor of shape (4, 1).
    """
    ### BEGIN SOLUTION
    np.random.seed(1)
    X = tf.constant(np.random.randn(3, 1), name="X")
    W = tf.constant(np.random.randn(4, 3), name="W")
    b = tf.constant(np.random.randn(4, 1), name="b")
    return tf.add(tf.matmul(W, X), b)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_linear_function", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
draws = np.random.RandomState(1)   # the same stream as np.random.seed(1), without touching the global one
X_, W_, b_ = draws.randn(3, 1), draws.randn(4, 3), draws.randn(4, 1)
reorder = np.random.RandomState(1)
W_first, X_second, b_third = reorder.randn(4, 3), reorder.randn(3, 1), reorder.randn(4, 1)
Y = expect_tensor(call(linear_function), "linear_function()")
if Y.shape == (4, 3):
    fail("linear_function() has shape (4, 3): W * X multiplies elementwise (with broadcasting); "
         "a matrix product needs tf.matmul(W, X) or W @ X.")
expect_shape(Y, (4, 1), "linear_function()")
np.random.rand(5)   # use the global random state, as other code would
if not np.allclose(Y, np.asarray(call(linear_function))):
    fail("linear_function() gives a different result each time it is called: call np.random.seed(1) inside "
         "the function, before the three draws.")
expect_close(Y, W_ @ X_ + b_, "linear_function()", rtol=1e-5,
             wrong={"draw W before X (the draws must be X, then W, then b)": lambda: W_first @ X_second + b_third,
                    "forget to add b": lambda: W_ @ X_,
                    "subtract b instead of adding it": lambda: W_ @ X_ - b_})
passed("linear_function")

# %% [markdown]
# ### Exercise 2 — `sigmoid`
# TensorFlow has the activations built in: `tf.math.sigmoid`, `tf.keras.activations.sigmoid`. They
# only accept floating-point tensors, so `sigmoid(-1)` (an integer) fails unless you convert first.
# Write `sigmoid(z)` that casts `z` to `float32` with `tf.cast` and returns its sigmoid: a `float32`
# tensor for a Python number, an integer tensor or a `float64` tensor alike.

# %% nbgrader={"grade": false, "grade_id": "sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid(z):
    """The sigmoid of z, elementwise.

    z: a Python number or a tensor of any shape and numeric dtype.
    Returns a float32 tf.Tensor of the same shape.
    """
    ### BEGIN SOLUTION
    z = tf.cast(z, tf.float32)
    return tf.keras.activations.sigmoid(z)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
z = np.array([[-2.0, 0.0, 3.0], [0.5, -0.5, 12.0]], dtype=np.float32)
expected = 1 / (1 + np.exp(-z.astype(np.float64)))
try:
    s_int = call(sigmoid, -1)
except (TypeError, ValueError, tf.errors.InvalidArgumentError) as err:
    fail(f"sigmoid(-1) raised {type(err).__name__}: TensorFlow's sigmoid only takes floating-point tensors. "
         "Cast the input first: z = tf.cast(z, tf.float32).")
expect_tensor(s_int, "sigmoid(-1)", dtype=tf.float32, shape=())
expect_close(np.asarray(s_int), 0.2689414213699951, "sigmoid(-1)", rtol=1e-6,
             wrong={"compute 1/(1 + exp(z)): the sign of z is flipped": 0.7310585786300049})
S = expect_tensor(call(sigmoid, tf.constant(z)), "sigmoid of a float32 tensor", dtype=tf.float32, shape=(2, 3))
expect_close(S, expected, "sigmoid of a float32 tensor", rtol=1e-6,
             wrong={"compute 1/(1 + exp(z)): the sign of z is flipped": lambda: 1 - expected,
                    "return tanh(z) instead of the sigmoid": lambda: np.tanh(z)})
expect_tensor(call(sigmoid, tf.constant(z, dtype=tf.float64)), "sigmoid of a float64 tensor", dtype=tf.float32)
expect_close(np.asarray(call(sigmoid, 0.0)), 0.5, "sigmoid(0.0)")
passed("sigmoid")

# %% [markdown]
# ### Exercise 3 — `ones`
# `ones(shape)` returns a `float32` tensor of ones of the given shape (a tuple, a list, or a single
# integer for a vector). Look at `tf.ones`.

# %% nbgrader={"grade": false, "grade_id": "ones", "locked": false, "schema_version": 3, "solution": true, "task": false}
def ones(shape):
    """A float32 tf.Tensor of ones.

    shape: a tuple or list of dimensions, or an int (a vector).  Returns a tensor of that shape.
    """
    ### BEGIN SOLUTION
    return tf.ones(shape, dtype=tf.float32)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_ones", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
O = call(ones, (2, 3))
if tf.is_tensor(O) and tuple(O.shape) == (2,):
    fail("ones((2, 3)) has shape (2,): tf.ones_like(shape) makes ones shaped like the tuple itself. "
         "Use tf.ones(shape).")
O = expect_tensor(O, "ones((2, 3))", dtype=tf.float32, shape=(2, 3))
expect_close(O, np.ones((2, 3)), "ones((2, 3))", wrong={"fill with zeros": np.zeros((2, 3))})
expect_tensor(call(ones, [4, 1, 2]), "ones([4, 1, 2])", dtype=tf.float32, shape=(4, 1, 2))
expect_tensor(call(ones, 5), "ones(5)", dtype=tf.float32, shape=(5,))
passed("ones")

# %% [markdown]
# ## 2. Gradients for free: `tf.GradientTape`
#
# Everything computed inside a `with tf.GradientTape() as tape:` block is recorded, operation by
# operation, on the "tape". Afterwards `tape.gradient(J, w)` plays the tape **backwards**, applying
# the chain rule through each recorded operation: that is backpropagation, done for you, exactly (not
# by finite differences). Variables are watched automatically; a plain tensor would need
# `tape.watch(x)`. A tape can be played back once, then it is released.
#
# Take $J(w) = w^2 - 10w + 25 = (w - 5)^2$, whose minimum is at $w = 5$. At $w = 3$ the derivative is
# $2w - 10 = -4$:

# %%
w = tf.Variable(3.0)
with tf.GradientTape() as tape:
    J = w ** 2 - 10 * w + 25
print("J(3) =", float(J), "| dJ/dw at w = 3:", float(tape.gradient(J, w)))

# %% [markdown]
# One step of gradient descent is then `w.assign_sub(learning_rate * gradient)`. Repeat it and $w$
# walks to the minimum.
#
# The cost need not be written with fixed numbers. In DLS C2W3 3.11 the coefficients of the quadratic
# are **data**: the same code minimises $c_0 w^2 + c_1 w + c_2$ for whatever array $c$ it is given, just
# as a network's code stays the same whatever training set it is fed.
#
# ### Exercise 4 — `minimize_quadratic`
# Start from $w = 0$ (a `tf.Variable` of dtype `float32`), and repeat `steps` times: record
# $J = c_0 w^2 + c_1 w + c_2$ on a tape, get $dJ/dw$, and take the step $w \leftarrow w - \alpha\,dJ/dw$
# with $\alpha$ = `learning_rate`. Return the final $w$ as a **Python float** (`float(w.numpy())`).
# With the defaults and $c = (1, -10, 25)$ you should get $w \approx 5$. (This runs 1,000 small eager
# steps, a couple of seconds; section 3 shows how to make it faster.)

# %% nbgrader={"grade": false, "grade_id": "minimize_quadratic", "locked": false, "schema_version": 3, "solution": true, "task": false}
def minimize_quadratic(coefficients, learning_rate=0.01, steps=1000):
    """Minimise J(w) = c0 w^2 + c1 w + c2 by `steps` steps of gradient descent from w = 0,
    the gradient given by tf.GradientTape.

    coefficients: a sequence or array (c0, c1, c2); learning_rate: float; steps: int >= 0.
    Returns w after the last step, as a Python float.
    """
    ### BEGIN SOLUTION
    c = tf.constant(coefficients, dtype=tf.float32)
    w = tf.Variable(0.0, dtype=tf.float32)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            J = c[0] * w ** 2 + c[1] * w + c[2]
        w.assign_sub(learning_rate * tape.gradient(J, w))
    return float(w.numpy())
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_minimize_quadratic", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
def descent(c, learning_rate, steps, w=0.0, sign=1.0):
    """Gradient descent on the quadratic, in plain Python (sign=-1 climbs instead)."""
    for _ in range(steps):
        w = w - sign * learning_rate * (2 * c[0] * w + c[1])
    return w

def adam(c, learning_rate, steps, beta1=0.9, beta2=0.999, eps=1e-7):
    """Adam on the quadratic, to recognise it."""
    w = m = v = 0.0
    for t in range(1, steps + 1):
        g = 2 * c[0] * w + c[1]
        m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g * g
        w = w - learning_rate * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return w

w_few = call(minimize_quadratic, [2.0, -4.0, 1.0], learning_rate=0.1, steps=3)
if tf.is_tensor(w_few):
    fail("minimize_quadratic returned a TensorFlow object: return a Python float, float(w.numpy()).")
expect_number(w_few, "minimize_quadratic([2, -4, 1], learning_rate=0.1, steps=3)")
expect_close(w_few, descent([2.0, -4.0, 1.0], 0.1, 3), "minimize_quadratic([2, -4, 1], learning_rate=0.1, steps=3)",
             rtol=1e-5,
             wrong={"add the gradient instead of subtracting it": descent([2.0, -4.0, 1.0], 0.1, 3, sign=-1.0),
                    "start from w = 1 instead of w = 0": descent([2.0, -4.0, 1.0], 0.1, 3, w=1.0),
                    "take one step too few": descent([2.0, -4.0, 1.0], 0.1, 2),
                    "take one step too many": descent([2.0, -4.0, 1.0], 0.1, 4),
                    "ignore learning_rate (always 0.01)": descent([2.0, -4.0, 1.0], 0.01, 3),
                    "ignore steps (always 1000)": descent([2.0, -4.0, 1.0], 0.1, 1000),
                    "read the coefficients backwards (c2 w^2 + c1 w + c0)": descent([1.0, -4.0, 2.0], 0.1, 3),
                    "use the Adam optimiser instead of plain gradient descent": adam([2.0, -4.0, 1.0], 0.1, 3)})
expect_close(call(minimize_quadratic, np.array([3.0, 1.0, -2.0]), 0.05, 0), 0.0, "minimize_quadratic with steps=0",
             wrong={"start from w = 1 instead of w = 0": 1.0})
import inspect
defaults = {k: v.default for k, v in inspect.signature(minimize_quadratic).parameters.items()}
if defaults.get("learning_rate") != 0.01 or defaults.get("steps") != 1000:
    fail(f"minimize_quadratic's defaults are learning_rate={defaults.get('learning_rate')}, "
         f"steps={defaults.get('steps')}: keep the signature minimize_quadratic(coefficients, learning_rate=0.01, steps=1000).")
w_five = call(minimize_quadratic, [1.0, -10.0, 25.0], 0.1, 100)   # converged: 0.8 ** 100 is about 2e-10
expect_close(w_five, 5.0, "minimize_quadratic([1, -10, 25], learning_rate=0.1, steps=100)", atol=1e-4)
w_ten = call(minimize_quadratic, np.array([1.0, -20.0, 100.0]), 0.1, 100)
expect_close(w_ten, 10.0, "minimize_quadratic(np.array([1, -20, 100]), learning_rate=0.1, steps=100)", atol=1e-4)
passed("minimize_quadratic")

# %% [markdown]
# The coefficients are data: feed $(1, -10, 25)$ and the minimum is found at 5; feed $(1, -20, 100)$,
# which is $(w - 10)^2$, and the same code finds 10. Below, $w$ after $k$ steps of your function, with a
# larger learning rate so that few steps suffice:

# %%
step_counts = [0, 1, 2, 4, 8, 16, 32, 64]
fig, ax = plt.subplots(figsize=(6, 3.5))
for coefficients in ([1.0, -10.0, 25.0], [1.0, -20.0, 100.0]):
    path = [minimize_quadratic(coefficients, learning_rate=0.1, steps=k) for k in step_counts]
    ax.plot(step_counts, path, "o-", label=f"c = {coefficients}")
    print(f"c = {coefficients}: w after {step_counts[-1]} steps of 0.1 = {path[-1]:.4f}")
ax.set_xscale("symlog", linthresh=1)
ax.set_xlabel("gradient steps")
ax.set_ylabel("w")
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## 3. Computation graphs and `@tf.function`
#
# A **computation graph** is the forward computation written as a network of operations: each node
# is an operation (a matrix product, an addition, a ReLU), each edge a tensor flowing from one
# operation to the next. Lesson 01 drew one by hand to explain backpropagation; the tape above records
# one as the code runs.
#
# By default TensorFlow runs **eagerly**: each line executes at once, from Python, like numpy. That is
# easy to debug, but every small operation pays Python's overhead. Decorating a function with
# `@tf.function` changes that. On its first call TensorFlow **traces** it: it runs the Python code once
# with symbolic tensors, recording every TensorFlow operation into a graph. Later calls with inputs of
# the same kind (dtype and shape) skip Python and run the graph directly, which TensorFlow can also
# optimise (fuse operations, run independent ones in parallel, place them on a GPU). Python side
# effects, such as `print` or appending to a list, happen **only while tracing**:

# %%
traces = []

@tf.function
def quadratic_cost(w, c):
    traces.append(w.dtype.name)   # plain Python: runs only while TensorFlow traces the function
    return c[0] * w ** 2 + c[1] * w + c[2]

c = tf.constant([1.0, -10.0, 25.0])
for value in [0.0, 3.0, 5.0]:
    print(f"J({value}) = {float(quadratic_cost(tf.constant(value), c)):5.1f}   traces so far: {len(traces)}")
quadratic_cost(tf.constant(2.0, tf.float64), tf.constant([1.0, -10.0, 25.0], tf.float64))
print("after a call with float64 inputs (a new kind of input):", len(traces), "traces")
graph = quadratic_cost.get_concrete_function(tf.TensorSpec([], tf.float32), tf.TensorSpec([3], tf.float32)).graph
print("the traced graph's operations:", [op.type for op in graph.get_operations()])

# %% [markdown]
# Now time a loop of many small steps. Eager: your `minimize_quadratic`. Traced: the same loop, with
# the body of one step (tape, gradient, update) wrapped in `tf.function`, so each step is one call into
# a graph instead of a dozen Python-level operations.

# %%
def minimize_traced(coefficients, learning_rate=0.01, steps=1000):
    c = tf.constant(coefficients, dtype=tf.float32)
    w = tf.Variable(0.0)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            J = c[0] * w ** 2 + c[1] * w + c[2]
        w.assign_sub(learning_rate * tape.gradient(J, w))

    for _ in range(steps):
        step()
    return float(w.numpy())

n_steps = experiment_size(300, 50)
timings = {}
for label, minimise in [("eager", minimize_quadratic), ("@tf.function", minimize_traced)]:
    start = time.perf_counter()
    w_final = minimise([1.0, -10.0, 25.0], learning_rate=0.01, steps=n_steps)
    timings[label] = time.perf_counter() - start
    print(f"{label:13s}: {n_steps} steps in {timings[label]:.2f} s, w = {w_final:.4f}")
print(f"the traced loop is {timings['eager'] / timings['@tf.function']:.1f} times faster (tracing included)")

# %% [markdown]
# The traced loop does the same arithmetic and gets the same $w$, several times faster even though
# its time includes the tracing. The gain is largest for many small operations, as here; for one huge
# matrix product the Python overhead is negligible either way. The training loops below wrap their
# step in `@tf.function` for this reason. The price: inside a traced function, use TensorFlow
# operations for anything that must happen on every call, and expect one new trace per new kind of
# input.
#
# ## 4. The SIGNS data
#
# SIGNS holds 64×64 colour photos of a hand showing 0, 1, 2, 3, 4 or 5 fingers: 1,080 for training and
# 120 for testing, 180 and 20 per class (the set of the DLS C2W3 programming assignment). The course
# does not redistribute those photos: if you have the files `train_signs.h5` and `test_signs.h5`, put
# them in the course's `data/` folder and the loader uses them; otherwise it uses a set in the same
# format that the course draws itself (hands with a random pose, size, skin tone and lighting in front of
# random backgrounds). The line printed below says which one you have; the numbers in this notebook
# were measured on the generated set.

# %%
from nncourse.utils.signs import load_signs, show_signs_grid

(X_train_orig, y_train), (X_test_orig, y_test), classes = load_signs()
print("X_train_orig:", X_train_orig.shape, X_train_orig.dtype, "| y_train:", y_train.shape, y_train.dtype,
      "| classes:", classes)
print("images per class, train:", np.bincount(y_train).tolist(), "test:", np.bincount(y_test).tolist())
show_signs_grid(X_train_orig, y_train, per_class=10, title="SIGNS training images, one row per class")
plt.show()

# %% [markdown]
# A dense network takes a vector, not a picture: each image becomes one vector of
# $64 \cdot 64 \cdot 3 = 12{,}288$ numbers, scaled from the pixel range 0–255 to [0, 1] (large inputs would
# make the first layer's weighted inputs huge and training erratic).
#
# ### Exercise 5 — `normalize`
# Take one image, a `uint8` tensor `(64, 64, 3)`, convert it to `float32`, divide by 255, and flatten it
# to shape `(12288,)` with `tf.reshape(..., [-1])`: row by row, with the three colour values of each
# pixel next to each other, the same order as numpy's `reshape(-1)`. Cast **before** dividing:
# arithmetic on integer tensors stays integer.

# %% nbgrader={"grade": false, "grade_id": "normalize", "locked": false, "schema_version": 3, "solution": true, "task": false}
def normalize(image):
    """One image as a flat float32 vector in [0, 1].

    image: uint8 tensor (64, 64, 3) (or a numpy array).  Returns a float32 tf.Tensor (12288,).
    """
    ### BEGIN SOLUTION
    image = tf.cast(image, tf.float32) / 255.0
    return tf.reshape(image, [-1])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_normalize", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
picture = np.random.default_rng(7).integers(10, 241, size=(64, 64, 3), dtype=np.uint8)   # pixels 10..240
picture[0, 0] = [240, 10, 128]
flat = picture.reshape(-1).astype(np.float64)
v = expect_tensor(call(normalize, tf.constant(picture)), "normalize(image)", dtype=tf.float32)
if v.shape == (12288, 1) or v.shape == (1, 12288):
    fail(f"normalize(image) has shape {v.shape}: flatten to a vector of shape (12288,), e.g. tf.reshape(image, [-1]).")
expect_shape(v, (12288,), "normalize(image)")
if v.max() > 1.5:
    fail(f"normalize(image) has values up to {v.max():g}: divide the pixel values by 255 so they lie in [0, 1].")
expect_close(v, flat / 255, "normalize(image)", rtol=1e-6, atol=1e-7,
             wrong={"divide by 256 instead of 255": lambda: flat / 256,
                    "transpose the image before flattening (the pixel order changes)":
                        lambda: picture.transpose().reshape(-1) / 255,
                    "scale by the image's own minimum and maximum instead of by 255":
                        lambda: (flat - flat.min()) / (flat.max() - flat.min()),
                    "divide with integer division, which leaves only 0s and 1s": lambda: flat // 255})
white = expect_tensor(call(normalize, tf.fill((64, 64, 3), tf.constant(255, tf.uint8))), "normalize(white image)",
                      dtype=tf.float32, shape=(12288,))
if not np.all(np.isfinite(white)):
    fail("normalize of an all-white image (every pixel 255) contains nan: scaling by the image's own range "
         "divides by max - min = 0. Divide every image by 255.")
expect_close(white, np.ones(12288), "normalize of an all-white image (every pixel 255)",
             wrong={"divide by 256 instead of 255": np.full(12288, 255 / 256)})
passed("normalize")

# %% [markdown]
# ### Exercise 6 — `one_hot_matrix`
# The cost needs each label $y \in \{0, \dots, 5\}$ as a one-hot vector: a 1 at position $y$, 0 elsewhere.
# `tf.one_hot(label, C)` does it, but its output shape follows the label's: a label of shape `()` gives
# `(C,)`, a label of shape `(1,)` gives `(1, C)`. Return a `float32` tensor of shape `(C,)` in both cases
# (`tf.reshape` to `(C,)`). The label may be a Python int or an integer tensor.

# %% nbgrader={"grade": false, "grade_id": "one_hot_matrix", "locked": false, "schema_version": 3, "solution": true, "task": false}
def one_hot_matrix(label, C=6):
    """The one-hot vector of one label.

    label: an int, or an integer tensor of shape () or (1,), in 0..C-1; C: the number of classes.
    Returns a float32 tf.Tensor (C,) with a 1 at position `label`.
    """
    ### BEGIN SOLUTION
    return tf.reshape(tf.one_hot(label, C, axis=0), (C,))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_one_hot_matrix", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
e = expect_tensor(call(one_hot_matrix, tf.constant(2, dtype=tf.int64)), "one_hot_matrix(label=2)", dtype=tf.float32)
expect_shape(e, (6,), "one_hot_matrix(label=2) with the default C = 6")
expect_close(e, [0, 0, 1, 0, 0, 0], "one_hot_matrix(label=2)",
             wrong={"put the 1 at position label - 1": [0, 1, 0, 0, 0, 0],
                    "put the 1 at position label + 1": [0, 0, 0, 1, 0, 0]})
e = expect_tensor(call(one_hot_matrix, tf.constant([1]), 4), "one_hot_matrix(label of shape (1,), C=4)")
if e.shape in [(1, 4), (4, 1)]:
    fail(f"one_hot_matrix(tf.constant([1]), 4) has shape {e.shape}: tf.one_hot adds an axis to a label of "
         "shape (1,). Reshape the result to (C,).")
if e.shape == (6,):
    fail("one_hot_matrix(label, C=4) has shape (6,): use the argument C, not a fixed 6.")
expect_shape(e, (4,), "one_hot_matrix(tf.constant([1]), C=4)")
expect_close(e, [0, 1, 0, 0], "one_hot_matrix(tf.constant([1]), C=4)")
e = expect_tensor(call(one_hot_matrix, 4, C=5), "one_hot_matrix(4, C=5)", dtype=tf.float32, shape=(5,))
expect_close(e, [0, 0, 0, 0, 1], "one_hot_matrix(4, C=5) (the last class)")
passed("one_hot_matrix")

# %% [markdown]
# With both functions, a `tf.data` pipeline prepares the data: `Dataset.from_tensor_slices` makes a
# stream of single examples, `map` applies a function to each (TensorFlow traces your function into a
# graph for this), `zip` pairs images with labels, and `cache` keeps the result in memory after the
# first pass. Shuffling and batching come when we train.

# %%
images_train = tf.data.Dataset.from_tensor_slices(X_train_orig).map(normalize)
labels_train = tf.data.Dataset.from_tensor_slices(y_train).map(one_hot_matrix)
train_pairs = tf.data.Dataset.zip((images_train, labels_train)).cache()
print(train_pairs.element_spec)

first_image, first_label = next(iter(train_pairs))
print("first example:", first_image.shape, first_image.dtype.name, f"values in [{float(tf.reduce_min(first_image)):.2f}, "
      f"{float(tf.reduce_max(first_image)):.2f}]", "| label", y_train[0], "->", first_label.numpy())

# The whole sets as matrices in the course's layout, one example per column, for evaluation and for Keras:
X_train = tf.stack(list(images_train), axis=1)                        # (12288, 1080)
X_test = tf.stack(list(tf.data.Dataset.from_tensor_slices(X_test_orig).map(normalize)), axis=1)
print("X_train:", X_train.shape, "| X_test:", X_test.shape)

# %% [markdown]
# ## 5. The model: LINEAR → RELU → LINEAR → RELU → LINEAR
#
# The network has layers of 25, 12 and 6 units. With examples as columns, $X$ of shape `(12288, m)`:
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]},\quad A^{[1]} = \mathrm{ReLU}(Z^{[1]}),\quad
#   Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},\quad A^{[2]} = \mathrm{ReLU}(Z^{[2]}),\quad
#   Z^{[3]} = W^{[3]} A^{[2]} + b^{[3]} .$$
#
# The output $Z^{[3]}$, shape `(6, m)`, holds the **logits**: no softmax here. The cost applies it
# itself, in a numerically safe combined form (lesson 06, and section 7's written question).
#
# **Initialisation.** Weights must start random (equal weights stay equal forever) and at a scale that
# keeps the signal's variance roughly constant from layer to layer. **Glorot (Xavier) normal**
# initialisation draws each weight from a normal distribution with standard deviation
# $\sqrt{2 / (n_{in} + n_{out})}$; Keras provides it as `tf.keras.initializers.GlorotNormal(seed=...)`,
# an object you call with a shape. (Keras's version truncates the normal at two standard deviations
# and rescales it; a plain normal with that standard deviation is just as good.) Biases start at 0.
#
# ### Exercise 7 — `initialize_parameters`
# Return a dict with `W1 (25, 12288)`, `b1 (25, 1)`, `W2 (12, 25)`, `b2 (12, 1)`, `W3 (6, 12)`,
# `b3 (6, 1)`, each a `tf.Variable` of dtype `float32`: weights Glorot-normal, biases zeros. The same
# `seed` must give the same weights, a different seed different ones (pass the seed to the initialiser).

# %% nbgrader={"grade": false, "grade_id": "initialize_parameters", "locked": false, "schema_version": 3, "solution": true, "task": false}
def initialize_parameters(seed=1):
    """Parameters of the 12288-25-12-6 network as float32 tf.Variables.

    Returns {"W1": (25, 12288), "b1": (25, 1), "W2": (12, 25), "b2": (12, 1), "W3": (6, 12), "b3": (6, 1)}:
    W Glorot-normal (std sqrt(2 / (n_in + n_out))), drawn from `seed`; b zeros.
    """
    ### BEGIN SOLUTION
    sizes = [12288, 25, 12, 6]
    parameters = {}
    for l in range(1, len(sizes)):
        glorot = tf.keras.initializers.GlorotNormal(seed=seed + l)   # one seed per layer: no shared draws
        parameters[f"W{l}"] = tf.Variable(glorot(shape=(sizes[l], sizes[l - 1])), name=f"W{l}")
        parameters[f"b{l}"] = tf.Variable(tf.zeros((sizes[l], 1)), name=f"b{l}")
    return parameters
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_initialize_parameters", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
SHAPES = {"W1": (25, 12288), "b1": (25, 1), "W2": (12, 25), "b2": (12, 1), "W3": (6, 12), "b3": (6, 1)}
params = call(initialize_parameters, 1)
if not isinstance(params, dict) or sorted(params) != sorted(SHAPES):
    fail(f"initialize_parameters should return a dict with the keys {sorted(SHAPES)}, got "
         f"{sorted(params) if isinstance(params, dict) else type(params).__name__}.")
for key, shape in SHAPES.items():
    value = params[key]
    if not isinstance(value, tf.Variable):
        fail(f"parameters[{key!r}] is of type {type(value).__name__}, not a tf.Variable: the optimiser can only "
             f"update variables. Wrap it: tf.Variable(...).")
    expect_tensor(value, f"parameters[{key!r}]", dtype=tf.float32, shape=shape)
for key in ("b1", "b2", "b3"):
    if np.any(params[key].numpy() != 0):
        fail(f"parameters[{key!r}] is not all zeros: biases start at 0.")
for key in ("W1", "W2", "W3"):
    if np.all(params[key].numpy() == 0):
        fail(f"{key} is all zeros: every unit of the layer would compute the same thing and get the same "
             "gradient, forever. Draw the weights at random (Glorot normal).")
same = call(initialize_parameters, 1)
if not np.array_equal(params["W1"].numpy(), same["W1"].numpy()):
    fail("Two calls of initialize_parameters(1) gave different W1: pass the seed to the initialiser, "
         "e.g. tf.keras.initializers.GlorotNormal(seed=seed).")
if np.array_equal(params["W1"].numpy(), call(initialize_parameters, 2)["W1"].numpy()):
    fail("initialize_parameters(1) and initialize_parameters(2) gave the same W1: the seed must change the draw.")
draws = [params] + [call(initialize_parameters, s) for s in range(3, 12)]   # pool 10 seeds: precise statistics
for key in ("W1", "W2", "W3"):
    n_out, n_in = SHAPES[key]
    glorot_std = np.sqrt(2 / (n_in + n_out))
    values = np.concatenate([d[key].numpy().ravel() for d in draws])
    ratio = values.std() / glorot_std
    if abs(values.mean()) > 0.1 * glorot_std:
        fail(f"{key} has mean {values.mean():.3g}: weights should be centred on 0 (a uniform draw on [0, 1)?).")
    if not 0.8 <= ratio <= 1.2:
        he = np.sqrt(2 / n_in) / glorot_std
        guess = (f" That is He initialisation, sqrt(2 / n_in), made for ReLU layers; use Glorot normal here."
                 if abs(ratio - he) < 0.08 * he else "")
        fail(f"{key} has standard deviation {values.std():.4g}, {ratio:.2f} times the Glorot-normal "
             f"sqrt(2 / (n_in + n_out)) = {glorot_std:.4g} with n_in = {n_in}, n_out = {n_out}.{guess}")
    if key == "W1" and np.mean(np.abs(values) > 1.8 * glorot_std) < 0.005:
        fail(f"W1 has the right standard deviation but no values beyond 1.8 of them: it looks uniform "
             f"(tf.keras.initializers.GlorotUniform). Use the normal version, GlorotNormal.")
passed("initialize_parameters")

# %% [markdown]
# ### Exercise 8 — `forward_propagation`
# Compute $Z^{[3]}$ from `X` `(12288, m)` and the parameters, with `tf.matmul` (or `@`), `+` and
# `tf.keras.activations.relu` (or `tf.nn.relu`): ReLU after the first two layers, **nothing** after the
# third.

# %% nbgrader={"grade": false, "grade_id": "forward_propagation", "locked": false, "schema_version": 3, "solution": true, "task": false}
def forward_propagation(X, parameters):
    """LINEAR -> RELU -> LINEAR -> RELU -> LINEAR.

    X: float32 tensor (12288, m), one example per column; parameters: the dict of initialize_parameters.
    Returns Z3, the logits: a float32 tensor (6, m).
    """
    ### BEGIN SOLUTION
    Z1 = tf.math.add(tf.linalg.matmul(parameters["W1"], X), parameters["b1"])
    A1 = tf.keras.activations.relu(Z1)
    Z2 = tf.math.add(tf.linalg.matmul(parameters["W2"], A1), parameters["b2"])
    A2 = tf.keras.activations.relu(Z2)
    Z3 = tf.math.add(tf.linalg.matmul(parameters["W3"], A2), parameters["b3"])
    return Z3
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_forward_propagation", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
rng = np.random.default_rng(3)
sizes = [12288, 25, 12, 6]
P = {}
for l in (1, 2, 3):
    P[f"W{l}"] = rng.normal(0, np.sqrt(2 / (sizes[l] + sizes[l - 1])), (sizes[l], sizes[l - 1])).astype(np.float32)
    P[f"b{l}"] = rng.normal(0, 0.3, (sizes[l], 1)).astype(np.float32)
X_batch = rng.random((12288, 5)).astype(np.float32)
relu = lambda z: np.maximum(z, 0)

def numpy_forward(act1=relu, act2=relu, act3=lambda z: z, bias=True):
    b = {k: (v if bias else 0) for k, v in P.items()}
    A1 = act1(P["W1"].astype(float) @ X_batch + b["b1"])
    A2 = act2(P["W2"] @ A1 + b["b2"])
    return act3(P["W3"] @ A2 + b["b3"])

try:
    Z3 = call(forward_propagation, tf.constant(X_batch), {k: tf.Variable(v) for k, v in P.items()})
except tf.errors.InvalidArgumentError:
    fail("forward_propagation raised InvalidArgumentError (a matrix product of incompatible shapes): W1 is "
         "(25, 12288) and X is (12288, m), so the product is tf.matmul(W1, X), with W on the left.")
Z3 = expect_tensor(Z3, "forward_propagation(X, parameters)", dtype=tf.float32)
expect_shape(Z3, (6, 5), "forward_propagation(X, parameters) with m = 5")
identity = lambda z: z
sig = lambda z: 1 / (1 + np.exp(-z))
expect_close(Z3, numpy_forward(), "forward_propagation(X, parameters)", rtol=1e-4, atol=1e-5,
             wrong={"leave out the ReLUs": lambda: numpy_forward(identity, identity),
                    "apply a ReLU to the last layer as well (Z3 must be the raw logits)": lambda: numpy_forward(act3=relu),
                    "forget the biases": lambda: numpy_forward(bias=False),
                    "use sigmoid instead of ReLU": lambda: numpy_forward(sig, sig),
                    "apply the ReLU to the first layer only": lambda: numpy_forward(relu, identity),
                    "end with a softmax (the cost applies it itself)":
                        lambda: np.exp(numpy_forward()) / np.exp(numpy_forward()).sum(axis=0)})
passed("forward_propagation")

# %% [markdown]
# ### Exercise 9 — `compute_total_loss`
# The categorical cross-entropy of one example with logits $z$ and one-hot label $y$ is
#
# $$\mathcal L(z, y) = -\sum_{k=1}^{6} y_k \log \operatorname{softmax}(z)_k ,$$
#
# and the **total** loss of a mini-batch is its **sum** over the $m$ examples (not the mean: the
# training loop adds up the totals of all mini-batches and divides once by the number of training
# examples, so that a smaller last mini-batch counts for what it is). Use
# `tf.keras.losses.categorical_crossentropy(y_true, y_pred, from_logits=True)` and `tf.reduce_sum`.
# Keras expects **one example per row** (classes on the last axis), and our tensors are `(6, m)`:
# transpose both. `from_logits=True` tells it the inputs are logits, not probabilities.

# %% nbgrader={"grade": false, "grade_id": "compute_total_loss", "locked": false, "schema_version": 3, "solution": true, "task": false}
def compute_total_loss(logits, labels):
    """Sum over the m examples of the categorical cross-entropy of softmax(logits) against the labels.

    logits: float32 tensor (6, m), the output of forward_propagation; labels: one-hot float32 tensor (6, m).
    Returns a scalar float32 tensor.
    """
    ### BEGIN SOLUTION
    per_example = tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits),
                                                           from_logits=True)
    return tf.reduce_sum(per_example)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_compute_total_loss", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
rng = np.random.default_rng(5)
logits = rng.normal(0, 2, (6, 5)).astype(np.float32)
labels = np.eye(6, dtype=np.float32)[:, [0, 3, 5, 3, 1]]

def cross_entropy(Z, Y):
    """Summed categorical cross-entropy, columns as examples, in float64 numpy."""
    Z = Z.astype(np.float64)
    log_softmax = Z - Z.max(axis=0) - np.log(np.exp(Z - Z.max(axis=0)).sum(axis=0))
    return float(-np.sum(Y * log_softmax))

keras_cce = tf.keras.losses.categorical_crossentropy
total = call(compute_total_loss, tf.constant(logits), tf.constant(labels))
if tf.is_tensor(total):
    total = expect_tensor(total, "compute_total_loss(logits, labels)")
expect_number(total, "compute_total_loss(logits, labels)")
expect_close(total, cross_entropy(logits, labels), "compute_total_loss(logits, labels) with m = 5", rtol=1e-5, m=5,
             wrong={"forget to transpose (Keras wants one example per row), so the softmax runs over the wrong axis": lambda: float(tf.reduce_sum(
                        keras_cce(labels, logits, from_logits=True))),
                    "average over the examples (tf.reduce_mean) instead of summing": lambda: cross_entropy(logits, labels) / 5,
                    "leave from_logits=False, so the logits are taken for probabilities": lambda: float(tf.reduce_sum(
                        keras_cce(labels.T, logits.T))),
                    "apply a softmax before a loss that is told from_logits=True (softmax twice)": lambda: float(
                        tf.reduce_sum(keras_cce(labels.T, tf.nn.softmax(logits.T), from_logits=True))),
                    "use the binary cross-entropy": lambda: float(tf.reduce_sum(tf.keras.losses.binary_crossentropy(
                        labels.T, logits.T, from_logits=True)))})
big = 60 * logits
total_big = np.asarray(call(compute_total_loss, tf.constant(big), tf.constant(labels)), dtype=np.float64)
if not np.isfinite(total_big):
    fail("compute_total_loss is not finite for logits around +-100: compute the softmax and its log together "
         "(from_logits=True), not log(exp(z) / sum(exp(z))).")
expect_close(total_big, cross_entropy(big, labels), "compute_total_loss of large logits (around +-100)", rtol=1e-4)
one = np.asarray(call(compute_total_loss, tf.constant(logits[:, :1]), tf.constant(labels[:, :1])), dtype=np.float64)
expect_close(one, cross_entropy(logits[:, :1], labels[:, :1]), "compute_total_loss of one example", rtol=1e-5)
passed("compute_total_loss")

# %% [markdown]
# ## 6. Training with `tf.data` and Adam
#
# The training loop puts the pieces together. Each epoch, `tf.data` shuffles the 1,080 pairs (with a
# seed, so runs repeat) and cuts them into mini-batches of 32. For each mini-batch, the tape records the
# forward pass and the total loss, `tape.gradient` returns the gradient for all six variables, and
# **Adam** (`tf.keras.optimizers.Adam`) updates them. Adam keeps, per parameter, a running mean of the
# gradient (momentum) and of its square, and divides the one by the square root of the other: each
# parameter gets its own step size, large where gradients are small and steady, small where they are
# large or noisy (ML Specialization C2W2 §4). `optimizer.apply_gradients` performs the update.
#
# The mini-batches come out of `tf.data` as rows, `(32, 12288)` and `(32, 6)`: the step transposes them
# into the course's column layout. The step is a `tf.function` (section 3). After every epoch we record
# the cost (total loss of the epoch divided by the number of examples) and the training and test
# accuracy.
#
# **The learning rate** is $3 \cdot 10^{-4}$. Larger ones go wrong here in a way worth knowing: every
# input pixel is positive, so the gradient of a first-layer unit has the same sign for all 12,288 of its
# weights, and Adam, whose steps have about the size of the learning rate whatever the gradient, moves all
# of them the same way at once. With $10^{-3}$ one step shifts a unit's weighted input by about
# $10^{-3} \sum_j x_j \approx 3$ (the pixels of an image add up to about 2,700): many first-layer ReLUs are
# pushed below zero for every image and never recover ("dead" units), and the network learns far more
# slowly. When this lesson was written, this model reached 52% training accuracy after 60 epochs with
# $10^{-3}$, against 78% with $3 \cdot 10^{-4}$. (Try it.)

# %%
def train_model(train_pairs, X_train, y_train, X_test, y_test, learning_rate=3e-4, epochs=40, batch_size=32,
                seed=1):
    """Train the 12288-25-12-6 network with your functions; returns (parameters, history)."""
    tf.keras.utils.set_random_seed(seed)
    parameters = initialize_parameters(seed)
    variables = list(parameters.values())
    optimizer = tf.keras.optimizers.Adam(learning_rate)
    m = len(y_train)
    batches = train_pairs.shuffle(m, seed=seed, reshuffle_each_iteration=True).batch(batch_size)

    @tf.function
    def train_step(X_rows, Y_rows):
        with tf.GradientTape() as tape:
            loss = compute_total_loss(forward_propagation(tf.transpose(X_rows), parameters), tf.transpose(Y_rows))
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    @tf.function
    def predict(X):
        return tf.argmax(forward_propagation(X, parameters), axis=0)

    history = {"cost": [], "train accuracy": [], "test accuracy": []}
    for epoch in progress_range(epochs, desc="3-layer network (tf.data, Adam)"):
        total = 0.0
        for X_rows, Y_rows in batches:
            total += train_step(X_rows, Y_rows)
        history["cost"].append(float(total) / m)
        history["train accuracy"].append(float(np.mean(predict(X_train).numpy() == y_train)))
        history["test accuracy"].append(float(np.mean(predict(X_test).numpy() == y_test)))
    return parameters, history


EPOCHS = experiment_size(40, 2)   # fewer while the notebook is being autograded
LEARNING_RATE = 3e-4
start = time.perf_counter()
parameters, history = train_model(train_pairs, X_train, y_train, X_test, y_test, LEARNING_RATE, EPOCHS)
scratch_seconds = time.perf_counter() - start

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({"training cost": history["cost"]}, "cost per example", ax=axes[0], title="cross-entropy")
plot_curves({k: history[k] for k in ("train accuracy", "test accuracy")}, "accuracy", ax=axes[1],
            title="accuracy after each epoch")
plt.show()
print(f"{EPOCHS} epochs in {scratch_seconds:.1f} s: cost {history['cost'][0]:.3f} -> {history['cost'][-1]:.3f}, "
      f"train accuracy {history['train accuracy'][-1]:.1%}, test accuracy {history['test accuracy'][-1]:.1%}")

# %% [markdown]
# ## 7. The same model in Keras
#
# Keras, TensorFlow's high-level API, packages what you just wrote. A `tf.keras.Sequential` model is a
# stack of layers: `tf.keras.Input(shape=(12288,))` declares the input size, and
# `tf.keras.layers.Dense(units, activation=...)` is one fully connected layer (it creates and
# initialises its own weights, Glorot uniform by default). Then two calls replace the training loop
# (ML Specialization C2W2 §1):
#
# - `model.compile(optimizer=..., loss=..., metrics=[...])` says **how** to train: the optimiser, the
#   cost, and what to report;
# - `model.fit(X, y, batch_size=..., epochs=...)` trains: it shuffles, batches, runs the forward pass,
#   differentiates the loss and updates the weights, epoch after epoch.
#
# Keras works with **one example per row**, so its inputs are `(m, 12288)`. With
# `SparseCategoricalCrossentropy` the labels stay integers `0..5` (the "sparse" loss one-hot encodes them
# internally); `from_logits=True` again means the last layer outputs logits, so it has no activation.
# Keras's losses average over the mini-batch, where ours summed: with Adam this hardly matters, since
# Adam's steps do not depend on the scale of the gradient.
#
# ### Exercise 10 — `build_keras_model`
# Return a **compiled** `tf.keras.Sequential`: `tf.keras.Input(shape=(12288,))`, then `Dense(25)` with
# ReLU, `Dense(12)` with ReLU, `Dense(6)` with no activation; compiled with
# `tf.keras.optimizers.Adam(learning_rate)`, the loss
# `tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)` and `metrics=["accuracy"]`.

# %% nbgrader={"grade": false, "grade_id": "build_keras_model", "locked": false, "schema_version": 3, "solution": true, "task": false}
def build_keras_model(learning_rate=1e-3):
    """The 12288-25-12-6 network as a compiled tf.keras.Sequential.

    Input 12288 -> Dense 25 relu -> Dense 12 relu -> Dense 6 (logits);
    loss SparseCategoricalCrossentropy(from_logits=True), optimizer Adam(learning_rate), metric accuracy.
    """
    ### BEGIN SOLUTION
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(12288,)),
        tf.keras.layers.Dense(25, activation="relu"),
        tf.keras.layers.Dense(12, activation="relu"),
        tf.keras.layers.Dense(6),                      # linear: the logits
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=learning_rate),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_keras_model", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
def dense_stack(model):
    """[(units, activation name)] of the model's Dense layers, a separate ReLU layer folded into its Dense."""
    stack = []
    for layer in model.layers:
        if isinstance(layer, tf.keras.layers.Dense):
            stack.append([layer.units, getattr(layer.activation, "__name__", str(layer.activation))])
        elif stack and isinstance(layer, (tf.keras.layers.ReLU, tf.keras.layers.Activation, tf.keras.layers.Softmax)):
            kind = "relu" if isinstance(layer, tf.keras.layers.ReLU) else (
                "softmax" if isinstance(layer, tf.keras.layers.Softmax) else layer.activation.__name__)
            if stack[-1][1] == "linear":
                stack[-1][1] = kind
    return stack

model = call(build_keras_model)
if not isinstance(model, tf.keras.Sequential):
    fail(f"build_keras_model() returned a {type(model).__name__}, not a tf.keras.Sequential model.")
if not getattr(model, "compiled", getattr(model, "_is_compiled", False)):
    fail("The model is not compiled: call model.compile(optimizer=..., loss=..., metrics=[...]) before returning it.")
try:
    n_inputs = model.input_shape[-1]
except (AttributeError, ValueError):
    fail("The model has no input size: start the Sequential with tf.keras.Input(shape=(12288,)).")
if n_inputs != 12288:
    fail(f"The model takes {n_inputs} inputs; expected 12288 (one flattened 64x64x3 image).")
stack = dense_stack(model)
expected_stack = [[25, "relu"], [12, "relu"], [6, "linear"]]
if stack != expected_stack:
    hint = ""
    if stack[-1:] == [[6, "softmax"]]:
        hint = (" The last layer must output logits: from_logits=True makes the loss apply the softmax itself, "
                "so a softmax layer would apply it twice.")
    elif [u for u, _ in stack] == [25, 12, 6] and stack[0][1] != "relu":
        hint = " The hidden layers need activation=\"relu\": without it the network is a single linear map (section 9)."
    fail(f"The model's Dense layers are {stack} (units, activation); expected {expected_stack}.{hint}")
loss = model.loss
loss_config = loss.get_config() if hasattr(loss, "get_config") else {}
if isinstance(loss, str):
    fail(f"The loss is the string {loss!r}, which uses from_logits=False: pass the object "
         "tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True).")
if type(loss).__name__ != "SparseCategoricalCrossentropy":
    fail(f"The loss is {loss if isinstance(loss, str) else type(loss).__name__}: use tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), the "
         "cross-entropy for integer labels 0..5 (CategoricalCrossentropy expects one-hot labels).")
if not loss_config.get("from_logits"):
    fail("The loss has from_logits=False: the last layer outputs logits, so pass from_logits=True.")
if type(model.optimizer).__name__ != "Adam":
    fail(f"The optimiser is {type(model.optimizer).__name__}; expected tf.keras.optimizers.Adam(learning_rate).")
expect_close(float(model.optimizer.learning_rate), 1e-3, "the default learning rate", rtol=1e-5)
expect_close(float(call(build_keras_model, 0.02).optimizer.learning_rate), 0.02,
             "the learning rate of build_keras_model(0.02)", rtol=1e-5,
             wrong={"ignore the learning_rate argument (Adam's default is 0.001)": 1e-3})
if "accuracy" not in str(model.get_compile_config().get("metrics")).lower():
    fail("The model reports no accuracy: compile it with metrics=[\"accuracy\"].")
expect_equal(np.array(model.count_params()), np.array(12288 * 25 + 25 + 25 * 12 + 12 + 12 * 6 + 6),
             "the number of parameters")
passed("build_keras_model")

# %% [markdown]
# `model.summary()` lists the layers and their parameter counts (the first layer holds almost all of
# them: $12{,}288 \times 25$ weights). Train it like the model of section 6: same data, same learning
# rate, same number of epochs, mini-batches of 32. `fit` takes numpy arrays or tensors (with
# `batch_size=32, shuffle=True`), or, as here, a `tf.data` pipeline of (image, label) pairs that is
# shuffled with a seed and batched like ours, which is faster. A progress bar follows the epochs through
# a Keras callback. For a fair comparison, the final training accuracy is measured after training
# (`model.evaluate`); the `accuracy` in Keras's history is an average over each epoch while the
# weights were still changing.

# %%
X_train_rows, X_test_rows = tf.transpose(X_train), tf.transpose(X_test)   # Keras: one example per row
keras_train_batches = (tf.data.Dataset.from_tensor_slices((X_train_rows, y_train)).cache()
                       .shuffle(len(y_train), seed=1).batch(32))
keras_test_batches = tf.data.Dataset.from_tensor_slices((X_test_rows, y_test)).batch(len(y_test)).cache()

tf.keras.utils.set_random_seed(1)
keras_model = build_keras_model(LEARNING_RATE)
keras_model.summary()

bar = progress(total=EPOCHS, desc="Keras fit")
start = time.perf_counter()
fit = keras_model.fit(keras_train_batches, epochs=EPOCHS, validation_data=keras_test_batches, verbose=0,
                      shuffle=False,   # the pipeline shuffles, with its seed
                      callbacks=[tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: bar.update(1))])
keras_seconds = time.perf_counter() - start
bar.close()
keras_train = keras_model.evaluate(X_train_rows, y_train, verbose=0)[1]
keras_test = keras_model.evaluate(X_test_rows, y_test, verbose=0)[1]

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({"from scratch (sum / m)": history["cost"], "Keras (epoch mean)": fit.history["loss"]},
            "cost per example", ax=axes[0], title="training cost")
plot_curves({"from scratch, test": history["test accuracy"], "Keras, test": fit.history["val_accuracy"]},
            "accuracy", ax=axes[1], title="test accuracy after each epoch")
plt.show()

# %% [markdown]
# How do the two compare? Accuracy, time, and the lines of code each needed (counted without
# docstrings, comments and blank lines; for Keras, the model function and the three lines that fit it):

# %%
import ast
import inspect


def code_lines(function):
    """Lines of code of a function, without its docstring, comments and blank lines."""
    try:
        tree = ast.parse(inspect.getsource(function))
    except (OSError, TypeError):
        return float("nan")
    body = tree.body[0].body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        tree.body[0].body = body[1:] or [ast.Pass()]
    return len(ast.unparse(tree).splitlines())

scratch_lines = sum(code_lines(f) for f in (initialize_parameters, forward_propagation, compute_total_loss,
                                             train_model))
keras_lines = code_lines(build_keras_model) + 3
scratch_train = history["train accuracy"][-1]
scratch_test = history["test accuracy"][-1]
print(f"{'':14s}{'train acc':>10s}{'test acc':>10s}{'seconds':>9s}{'lines':>7s}")
print(f"{'from scratch':14s}{scratch_train:10.1%}{scratch_test:10.1%}{scratch_seconds:9.1f}{scratch_lines:7d}")
print(f"{'Keras':14s}{keras_train:10.1%}{keras_test:10.1%}{keras_seconds:9.1f}{keras_lines:7d}")

# %% [markdown]
# Same architecture, same optimiser, same data: the accuracies land in the same range, not on the same
# digits, because the initial weights differ (Keras's default initialiser is Glorot *uniform*) and Keras
# averages the loss over each mini-batch where we summed it. With 120 test images, one image is 0.8
# points of test accuracy, so differences of a few points between two runs mean little. Keras needs a
# fraction of the code and about the same time: underneath, both run the same TensorFlow operations.
# Writing the loop yourself is still worth knowing: it is how you implement anything `fit` does not
# offer (an unusual loss, two networks trained against each other, a custom schedule), and it is the
# loop `fit` runs for you.
#
# ### Question 1 (written, graded by your instructor)
# Both versions end the network with a **linear** layer and give the loss `from_logits=True`. Why is
# that better than ending with a softmax layer and passing its probabilities to the loss with
# `from_logits=False`? And what goes wrong if you keep a softmax layer **and** pass `from_logits=True`?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_from_logits", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** The loss needs $\log \operatorname{softmax}(z)_y = z_y - \log \sum_k e^{z_k}$. Given the logits,
# TensorFlow computes it in this combined form with the max-shift (log-sum-exp), which is exact and never
# overflows or takes $\log 0$. Given probabilities, it must take the log of a softmax that was already rounded:
# a probability that underflowed to 0 gives $\log 0$, so Keras clips it (to about $10^{-7}$), and the loss and
# its gradient become inaccurate or flat for confident wrong predictions. With a softmax layer *and*
# `from_logits=True`, the softmax is applied twice: the loss sees numbers in $(0, 1)$ as logits, whose softmax
# is nearly uniform (at most $e$ times apart), so the loss cannot drop below about 1.04, gradients shrink and
# learning is slow and poor, although nothing raises an error.
#
# **Rubric (2 points).** 1 point: numerical stability: from the logits the loss combines softmax and log
# (log-sum-exp) and avoids overflow / log 0 / clipping. 1 point: softmax + `from_logits=True` applies softmax
# twice, squashing the outputs so training is slow or stuck, silently.
# ### END SOLUTION

# %% [markdown]
# ## 8. What does the model get wrong?
#
# A single accuracy hides *which* classes are confused. The **confusion matrix** counts, for each true
# class (row), how the test images of that class were classified (columns); the diagonal holds the
# correct answers. Below, for the network you trained from scratch:

# %%
predicted = tf.argmax(forward_propagation(X_test, parameters), axis=0).numpy()
confusion = np.zeros((6, 6), dtype=int)
np.add.at(confusion, (y_test, predicted), 1)
fig, ax = plt.subplots(figsize=(4.5, 4))
ax.imshow(confusion, cmap="Blues")
for i, j in np.ndindex(*confusion.shape):
    ax.text(j, i, confusion[i, j], ha="center", va="center",
            color="white" if confusion[i, j] > confusion.max() / 2 else "black")
ax.set_xticks(range(6))
ax.set_yticks(range(6))
ax.set_xlabel("predicted class")
ax.set_ylabel("true class")
ax.set_title("test set, network from scratch")
plt.show()
off_diagonal = confusion - np.diag(np.diag(confusion))
worst = np.dstack(np.unravel_index(np.argsort(off_diagonal, axis=None)[::-1][:3], confusion.shape))[0]
print("per-class test accuracy:", np.round(np.diag(confusion) / confusion.sum(axis=1), 2).tolist())
print("most frequent confusions (true -> predicted, count):",
      [(int(t), int(p), int(off_diagonal[t, p])) for t, p in worst])

wrong = np.flatnonzero(predicted != y_test)
print(f"{len(wrong)} of {len(y_test)} test images misclassified; the first ones, labelled true -> predicted:")
if len(wrong):
    show_images(X_test_orig[wrong], labels=[f"{y_test[k]} -> {predicted[k]}" for k in wrong], ncols=8, max_images=16)
    plt.show()

# %% [markdown]
# Most confusions are between neighbouring counts, a finger more or less, where the two pictures differ
# by one thin strip of pixels. A dense network sees 12,288 unrelated numbers: it has no notion that a
# finger shifted by three pixels is still the same finger, and must learn each position separately from
# only 180 examples per class. Section 10 gives it that notion.
#
# ## 9. Why the hidden layers need a non-linear activation
#
# Remove the ReLUs and every layer is affine: $Z^{[1]} = W^{[1]}X + b^{[1]}$, and so on. Composing them gives
#
# $$Z^{[3]} = W^{[3]}\bigl(W^{[2]}(W^{[1]}X + b^{[1]}) + b^{[2]}\bigr) + b^{[3]}
#   = \underbrace{W^{[3]}W^{[2]}W^{[1]}}_{W}\,X + \underbrace{W^{[3]}W^{[2]}b^{[1]} + W^{[3]}b^{[2]} + b^{[3]}}_{b},$$
#
# a single linear layer: for SIGNS, one $W$ of shape `(6, 12288)`. Whatever the depth, a network
# without activations computes nothing that softmax regression (one layer, lesson 06) cannot: straight
# decision boundaries between the classes.
#
# To see both the collapse and its cost clearly, take a problem where straight boundaries cannot work:
# points in the plane on three concentric rings, one class per ring. Train the same shape of network,
# 2-25-12-3, once with ReLU and once with no activation (the identity), with Adam on the whole set.

# %%
ring_rng = np.random.default_rng(0)
n_ring = 600
ring_labels = ring_rng.integers(0, 3, n_ring)
radius = 0.5 + ring_labels + ring_rng.uniform(-0.3, 0.3, n_ring)    # ring k: radius k + 0.5 +- 0.3
angle = ring_rng.uniform(0, 2 * np.pi, n_ring)
X_ring = tf.constant(np.stack([radius * np.cos(angle), radius * np.sin(angle)]), dtype=tf.float32)  # (2, 600)
Y_ring = tf.one_hot(ring_labels, 3, axis=0)                                                       # (3, 600)
RING_STEPS = experiment_size(600, 60)


def ring_network(activation, name, steps=RING_STEPS, seed=1):
    """A 2-25-12-3 network trained on the rings (Adam, whole set); returns (parameters, logits function)."""
    sizes = [2, 25, 12, 3]
    params = {}
    for l in (1, 2, 3):
        glorot = tf.keras.initializers.GlorotNormal(seed=seed + l)
        params[f"W{l}"] = tf.Variable(glorot(shape=(sizes[l], sizes[l - 1])))
        params[f"b{l}"] = tf.Variable(tf.zeros((sizes[l], 1)))
    variables = list(params.values())
    optimizer = tf.keras.optimizers.Adam(0.01)

    def logits(X):
        A1 = activation(params["W1"] @ X + params["b1"])
        A2 = activation(params["W2"] @ A1 + params["b2"])
        return params["W3"] @ A2 + params["b3"]

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = compute_total_loss(logits(X_ring), Y_ring) / n_ring
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))

    for _ in progress_range(steps, desc=name):
        step()
    return params, logits


ring_nets = {"ReLU": ring_network(tf.nn.relu, "rings, ReLU"),
             "linear only": ring_network(tf.identity, "rings, linear only")}
ring_accuracy = {name: float(np.mean(tf.argmax(logits(X_ring), axis=0).numpy() == ring_labels))
                 for name, (_, logits) in ring_nets.items()}

# The linear network's three layers, multiplied out (in float64), against the network itself:
P = {k: v.numpy().astype(np.float64) for k, v in ring_nets["linear only"][0].items()}
W = P["W3"] @ P["W2"] @ P["W1"]
b = P["W3"] @ P["W2"] @ P["b1"] + P["W3"] @ P["b2"] + P["b3"]
network_logits = ring_nets["linear only"][1](X_ring).numpy()
print("W = W3 W2 W1 =", np.round(W, 3).tolist(), " b =", np.round(b.ravel(), 3).tolist())
print(f"largest |difference| between the linear network's logits and W x + b: "
      f"{np.max(np.abs(network_logits - (W @ X_ring.numpy() + b))):.1e} "
      f"(logits up to {np.max(np.abs(network_logits)):.1f})")
print("points per ring:", np.bincount(ring_labels).tolist())
for name, acc in ring_accuracy.items():
    print(f"2-25-12-3 network, {name:11s}: training accuracy {acc:.1%}")

grid = np.linspace(-3.2, 3.2, 200)
gx, gy = np.meshgrid(grid, grid)
points = tf.constant(np.stack([gx.ravel(), gy.ravel()]), dtype=tf.float32)
fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
for ax, (name, (_, logits)) in zip(axes, ring_nets.items()):
    regions = tf.argmax(logits(points), axis=0).numpy().reshape(gx.shape)
    ax.contourf(gx, gy, regions, levels=[-0.5, 0.5, 1.5, 2.5], alpha=0.25, cmap="viridis")
    ax.scatter(*X_ring.numpy(), c=ring_labels, s=6, cmap="viridis")
    ax.set_title(f"{name}: {ring_accuracy[name]:.0%} of the points")
    ax.set_aspect("equal")
plt.show()

# %% [markdown]
# The linear network's logits and those of the single matrix $W$ (shape `(3, 2)`) agree to float32
# rounding: its three layers *are* one linear layer. Its regions are cut by straight lines, which cannot
# follow a ring, and it does no better than always guessing the largest ring. With ReLU each hidden unit is linear only on one side of its threshold, so the
# network is piecewise linear with many pieces and bends its boundaries around the rings. That, not
# the number of layers, is what depth buys.
#
# On SIGNS the difference is smaller than on the rings, and takes longer to appear: with 12,288 inputs
# and only 1,080 training images, even one linear layer can separate most training images. When this
# lesson was written, a longer run (100 epochs, learning rate $3 \cdot 10^{-4}$) of the Keras model and
# of the same model without ReLU gave 83% training and 73% test accuracy with ReLU, 95% and 62% without:
# the linear network fitted the training set better and generalised worse.
#
# ### Question 2 (written, graded by your instructor)
# A colleague proposes to make the network "more powerful" by adding two more hidden layers of 100 units
# each, all with linear activations (no ReLU), arguing that more parameters can only help. What do you
# answer? Would the answer change if the new layers used ReLU?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_linear_layers", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** With linear activations the extra layers add parameters but no expressive power: a
# composition of affine maps is one affine map, $W = W^{[L]} \cdots W^{[1]}$ and a combined bias, so the
# network still computes a single linear layer (here of rank at most the narrowest width), i.e. it can do no
# better than softmax regression, only train more slowly and with more ways to be badly conditioned. With
# ReLU the answer changes: the composition is piecewise linear with many pieces, so extra layers can
# represent more complex decision boundaries (whether they help on 1,080 images is then a question of
# overfitting, checked on a validation set).
#
# **Rubric (2 points).** 1 point: linear layers compose into one linear (affine) map, so no gain in what the
# model can represent. 1 point: with a non-linear activation such as ReLU the layers no longer collapse and
# can add capacity (mentioning the overfitting risk is welcome but not required).
# ### END SOLUTION

# %% [markdown]
# ## 10. A small convolutional network
#
# A **convolutional layer** (ML Specialization C2W2 §4) has units that each look at a small window of
# the image, and the same small set of weights slides over every position. A finger then looks the same
# to it wherever it appears, and the layer needs few parameters. Here the first layer moves its 5×5
# window two pixels at a time (stride 2), and pooling layers shrink the picture between convolutions,
# keeping the strongest response in each 2×2 block. Keras has both as layers; the model works on images
# `(64, 64, 3)` directly, so we reshape the normalised vectors back.

# %%
pictures_train = tf.reshape(X_train_rows, (-1, 64, 64, 3))
pictures_test = tf.reshape(X_test_rows, (-1, 64, 64, 3))
tf.keras.utils.set_random_seed(1)
conv_model = tf.keras.Sequential([
    tf.keras.Input(shape=(64, 64, 3)),
    tf.keras.layers.Conv2D(8, 5, strides=2, padding="same", activation="relu"),   # 8 filters of 5x5x3 -> 32x32x8
    tf.keras.layers.MaxPool2D(2),                                                  # -> 16x16x8
    tf.keras.layers.Conv2D(16, 3, padding="same", activation="relu"),             # 16 filters of 3x3x8
    tf.keras.layers.MaxPool2D(2),                                                  # -> 8x8x16
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(6),                                                      # logits
])
conv_model.compile(optimizer=tf.keras.optimizers.Adam(3e-3),
                   loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
CONV_EPOCHS = experiment_size(10, 1)
bar = progress(total=CONV_EPOCHS, desc="conv net")
start = time.perf_counter()
conv_fit = conv_model.fit(
    tf.data.Dataset.from_tensor_slices((pictures_train, y_train)).cache().shuffle(len(y_train), seed=1).batch(32),
    epochs=CONV_EPOCHS, validation_data=tf.data.Dataset.from_tensor_slices((pictures_test, y_test)).batch(len(y_test)),
    shuffle=False, verbose=0, callbacks=[tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: bar.update(1))])
conv_seconds = time.perf_counter() - start
bar.close()
conv_train = conv_model.evaluate(pictures_train, y_train, verbose=0)[1]
conv_test = conv_model.evaluate(pictures_test, y_test, verbose=0)[1]
plot_curves({"dense 12288-25-12-6 (Keras)": fit.history["val_accuracy"], "conv net": conv_fit.history["val_accuracy"]},
            "test accuracy", title="test accuracy after each epoch")
plt.show()
print(f"conv net: {conv_model.count_params():,} parameters (dense network: {keras_model.count_params():,}), "
      f"{CONV_EPOCHS} epochs in {conv_seconds:.1f} s: train {conv_train:.1%}, test {conv_test:.1%}")
print(f"dense network:  train {keras_train:.1%}, test {keras_test:.1%}")

# %% [markdown]
# With a small fraction of the dense network's parameters the convolutional network does clearly better on
# the test set: sharing weights across positions is the right assumption for pictures.
#
# ## What to expect
#
# The numbers this notebook printed when it was written, on the course's generated SIGNS set (seed 0) with
# TensorFlow 2.21 on two CPU cores; everything is seeded, so yours should match on the same versions
# (timings, of course, depend on the machine):
#
# - **GradientTape:** $w = 5.0000$ for $c = (1, -10, 25)$ and $10.0000$ for $c = (1, -20, 100)$ after 64 steps
#   of 0.1 (with the defaults, 1,000 steps of 0.01, `minimize_quadratic([1, -10, 25])` gives 4.99999).
# - **`@tf.function`:** 300 steps of the same descent took 0.73 s eagerly and 0.13 s traced (tracing
#   included), about 6 times faster; a call with float64 inputs traced the function a second time.
# - **Network from scratch** (12288-25-12-6, Adam $3 \cdot 10^{-4}$, mini-batches of 32, 40 epochs, 9 s):
#   cost per example 1.816 after the first epoch, 0.830 after the last; 74.8% training and 73.3% test accuracy.
# - **Keras** (same model and settings, 10 s): 79.6% training, 68.3% test accuracy, in 7 lines of code
#   against 45 for the four functions of the version from scratch.
# - **Mistakes:** 32 of the 120 test images misclassified; per-class test accuracy 0.9, 0.65, 0.75, 0.7,
#   0.5 and 0.9 for 0 to 5 fingers; the most frequent confusions 4 → 5 (4 images), 2 → 3 and 4 → 3 (3 each).
# - **Rings:** the 2-25-12-3 network classifies 100.0% of the points with ReLU and 26.8% without any
#   activation; that linear network's logits equal $W x + b$ with $W = W^{[3]}W^{[2]}W^{[1]}$ to $3.3 \times 10^{-7}$.
# - **Convolutional network** (7,926 parameters against 307,615, 10 epochs, 8 s): 89.2% training and
#   80.8% test accuracy, against 79.6% and 68.3% for the dense Keras network.
#
# On the real SIGNS photos (if you have them) the accuracies will differ: they are other pictures.
