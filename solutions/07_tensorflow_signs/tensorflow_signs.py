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
# handful of lines of **Keras**. At the end of Part 1 you look at the mistakes the model makes, show
# numerically why hidden layers need a non-linear activation, and compare with a small convolutional
# network. Part 2 asks why the choices of Part 1 were made: which activation goes where (you write ReLU
# and its derivative, count the units that die during training, and try tanh, the leaky ReLU and three
# output activations on a regression), the binary cost of the original assignment and what
# `tf.reduce_mean`'s `axis` does, and how to choose a framework, with a table for reading TensorFlow 1
# code.
#
# The lesson follows the Deep Learning Specialization, course 2, week 3, videos 3.10 (*Deep learning
# frameworks*) and 3.11 (*TensorFlow*) and that week's programming assignment, cited as DLS C2W3, and
# the Machine Learning Specialization, course 2, week 2, sections 1 (*Neural network training*: the
# compile / fit steps and the loss), 2 (*Activation functions*: which one to choose, and why a network
# needs them) and 4 (*Additional neural network concepts*: the Adam optimiser and convolutional
# layers), cited as ML Specialization C2W2 §1, §2 and §4. Section 11 also uses Nielsen's *Neural
# Networks and Deep Learning*, chapter 3, *Other models of artificial neuron*.
#
# **How this notebook works.** Cells marked `# YOUR CODE HERE` are yours to write. The cell after each
# exercise tests your function: run it, read its message if it fails, fix, run again. Hidden tests
# run the same function on inputs you have not seen when your work is graded. A test cell holds only
# its inputs (their names end in `_t`, so they never overwrite yours) and the calls that check your
# function; when a result is wrong, its message says where, and names the mistake when it is a
# common one. Cells that ask a question in words are read and graded by your instructor. Importing
# TensorFlow takes several seconds, and it may print a few lines about CUDA or CPU instructions: they
# are information, not errors.

# %% tags=["setup"] nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")   # keep TensorFlow's C++ start-up messages short
import time

import numpy as np
import matplotlib.pyplot as plt
import tensorflow as tf

from nncourse.utils.answers import public_answers
from nncourse.utils.checks import call, expect_close, expect_dtype, expect_equal, expect_number, expect_shape, fail, passed
from nncourse.utils.plotting import plot_curves, show_images
from nncourse.utils.progress import progress, progress_range
from nncourse.utils.runtime import experiment_size

answers = public_answers("07_tensorflow_signs")  # what the public tests expect, and what known mistakes give


def expect_tensor(value, name, dtype=None, shape=None):
    """Check that ``value`` is a TensorFlow tensor (of ``dtype`` and ``shape`` when given); return its numpy value."""
    if value is None:
        fail(_(f"{name} is None: did the function forget to `return` its result?"))
    if not tf.is_tensor(value):
        hint = (_(" It is a numpy value: build it with TensorFlow operations (tf.constant, tf.matmul, tf.cast, ...) "
                "or convert it with tf.convert_to_tensor.") if isinstance(value, (np.ndarray, np.generic)) else "")
        fail(_(f"{name} should be a tf.Tensor, got {type(value).__name__}.{hint}"))
    if dtype is not None and value.dtype != dtype:
        want = tf.as_dtype(dtype).name
        hint = ""
        if value.dtype.is_integer:
            hint = _(f" Integer tensors stay integers in TensorFlow: convert with tf.cast(x, tf.{want}).")
        elif value.dtype == tf.bool:
            hint = _(f" A comparison gives booleans: convert them to numbers with tf.cast(x, tf.{want}).")
        elif value.dtype == tf.float64:
            hint = (_(f" numpy arrays are float64, and TensorFlow keeps that dtype: cast with tf.cast(x, tf.{want}) "
                    f"or ask for dtype=tf.{want}."))
        fail(_(f"{name} has dtype {value.dtype.name}; expected {want}.{hint}"))
    array = np.asarray(value)
    if shape is not None:
        expect_shape(array, shape, name)
    return array


def expect_numpy(value, name, dtype):
    """Check that ``value`` is a numpy array of ``dtype``, not a tf.Tensor; return it."""
    if tf.is_tensor(value):
        fail(_(f"{name} is a tf.Tensor: given a numpy array, return a numpy array (numpy in, numpy out; "
             "tf.is_tensor tells you which kind you were given)."))
    expect_dtype(value, dtype, name)
    return value


# %% [markdown]
# # Part 1 — TensorFlow 2, and a hand-sign classifier
#
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
print(_("dtype from a numpy array:"), t.dtype.name, _("| from Python floats:"), tf.constant([1.0, 2.0]).dtype.name)
print(_("back to numpy:"), type(t.numpy()).__name__, "| t @ t =", (t @ t).numpy().tolist())
print(_("numpy functions accept tensors: np.sum(t) ="), np.sum(t))
try:
    t[0, 0] = 10.0
except TypeError as err:
    print(_("tensors are immutable:"), err)
try:
    tf.constant([1, 2]) + tf.constant([0.5, 0.5])
except tf.errors.InvalidArgumentError as err:
    print(_("no silent conversion (int32 + float32):"), type(err).__name__)
print(_("explicit conversion works:"), (tf.cast(tf.constant([1, 2]), tf.float32) + tf.constant([0.5, 0.5])).numpy())

w = tf.Variable([1.0, 2.0], name="w")
w.assign_sub([0.5, 0.5])        # in place: this is what an optimiser does to every parameter
w[0].assign(10.0)
print(_("a variable changes in place:"), w.numpy(), _("| trainable:"), w.trainable)

# %% [markdown]
# ### Exercise 1 — `linear_function`
# Compute $Y = WX + b$ with TensorFlow from random numpy data: $X$ of shape `(3, 1)`, $W$ `(4, 3)` and
# $b$ `(4, 1)`, standard-normal draws from numpy's global random generator (`np.random`), which the
# function seeds with 1 before drawing, so that every call gives the same result whatever ran before.
# Draw them **in the order X, W, b**: each draw takes the next numbers of the same stream, so another
# order gives other matrices. Turn the arrays into TensorFlow constants and combine them with
# TensorFlow's matrix product and addition. $WX$ is a matrix product, a `(4, 1)` column, not an
# elementwise product (`*`).

# %% nbgrader={"grade": false, "grade_id": "linear_function", "locked": false, "schema_version": 3, "solution": true, "task": false}
def linear_function():
    """Y = W X + b as a tf.Tensor, from X (3, 1), W (4, 3), b (4, 1): standard-normal draws, in that
    order, from numpy's global generator seeded with 1 inside the function.

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
Y_t = expect_tensor(call(linear_function), "linear_function()")
if Y_t.shape == (4, 3):
    fail(_("linear_function() has shape (4, 3): an elementwise product broadcasts W and X (transposed) into "
         "a (4, 3) array; W X must be a matrix product, of shape (4, 1)."))
expect_shape(Y_t, (4, 1), "linear_function()")
np.random.rand(5)   # other code uses numpy's global random state in between
expect_close(np.asarray(call(linear_function)), Y_t, _("a second call of linear_function()"),
             hint=_("The second call gives another result: seed numpy's generator with 1 inside the function, "
                  "before the three draws."))
expect_close(Y_t, answers, "linear_function()", rtol=1e-5)
passed("linear_function")

# %% [markdown]
# ### Exercise 2 — `sigmoid`
# TensorFlow has the activations built in: `tf.math.sigmoid`, `tf.keras.activations.sigmoid`. They
# only accept floating-point tensors, so `sigmoid(-1)` (an integer) fails unless you convert first.
# Write `sigmoid(z)` that returns $\sigma(z) = 1 / (1 + e^{-z})$ elementwise as a `float32` tensor, for
# a Python number, an integer tensor or a `float64` tensor alike: TensorFlow converts no dtype for
# you, so convert the input to `float32` yourself before applying the sigmoid.

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
z_t = np.array([[-2.0, 0.0, 3.0], [0.5, -0.5, 12.0]], dtype=np.float32)
try:
    s_int_t = call(sigmoid, -1)
except (TypeError, ValueError, tf.errors.InvalidArgumentError) as err_t:
    fail(_(f"sigmoid(-1) raised {type(err_t).__name__}: TensorFlow's sigmoid only takes floating-point tensors. "
         "Convert the input to float32 first."))
expect_close(expect_tensor(s_int_t, "sigmoid(-1)", dtype=tf.float32, shape=()), answers, "sigmoid(-1)", rtol=1e-6)
S_t = expect_tensor(call(sigmoid, tf.constant(z_t)), _("sigmoid of a float32 tensor"), dtype=tf.float32, shape=(2, 3))
expect_close(S_t, answers, _("sigmoid of a float32 tensor"), rtol=1e-6)
expect_tensor(call(sigmoid, tf.constant(z_t, dtype=tf.float64)), _("sigmoid of a float64 tensor"), dtype=tf.float32)
expect_close(expect_tensor(call(sigmoid, 0.0), "sigmoid(0.0)"), 0.5, "sigmoid(0.0)")
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
O_t = call(ones, (2, 3))
if tf.is_tensor(O_t) and tuple(O_t.shape) == (2,):
    fail(_("ones((2, 3)) has shape (2,): tf.ones_like(shape) makes ones shaped like the tuple itself, "
         "not a tensor of that shape."))
expect_close(expect_tensor(O_t, "ones((2, 3))", dtype=tf.float32, shape=(2, 3)), answers, "ones((2, 3))")
expect_tensor(call(ones, [4, 1, 2]), "ones([4, 1, 2])", dtype=tf.float32, shape=(4, 1, 2))
expect_tensor(call(ones, 5), "ones(5)", dtype=tf.float32, shape=(5,))
passed("ones")

# %% [markdown]
# ## 2. Gradients for free: `tf.GradientTape`
#
# Everything computed inside a `with tf.GradientTape() as tape:` block is recorded, operation by
# operation, on the "tape". Afterwards `tape.gradient(J, w)` plays the tape **backwards**, applying
# the chain rule through each recorded operation: that is backpropagation, done for you, exactly (not
# by finite differences). Trainable variables are watched automatically; a plain tensor would need
# `tape.watch(x)`. A tape can be played back once, then it is released.
#
# Take $J(w) = w^2 - 10w + 25 = (w - 5)^2$, whose minimum is at $w = 5$. At $w = 3$ the derivative is
# $2w - 10 = -4$:

# %%
w = tf.Variable(3.0)
with tf.GradientTape() as tape:
    J = w ** 2 - 10 * w + 25
print("J(3) =", float(J), _("| dJ/dw at w = 3:"), float(tape.gradient(J, w)))

# %% [markdown]
# One step of gradient descent, $w \leftarrow w - \alpha\, dJ/dw$, is then an in-place update of the
# variable (section 1). Repeat it and $w$ walks to the minimum.
#
# The cost need not be written with fixed numbers. In DLS C2W3 3.11 the coefficients of the quadratic
# are **data**: the same code minimises $c_0 w^2 + c_1 w + c_2$ for whatever array $c$ it is given, just
# as a network's code stays the same whatever training set it is fed.
#
# ### Exercise 4 — `minimize_quadratic`
# Start from $w = 0$ (a `tf.Variable` of dtype `float32`), and repeat `steps` times: record
# $J = c_0 w^2 + c_1 w + c_2$ on a tape, get $dJ/dw$, and take the step $w \leftarrow w - \alpha\,dJ/dw$
# with $\alpha$ = `learning_rate`. Return the final $w$ as a **Python float**, not as a tensor or a
# variable (the caller should not need TensorFlow to use it).
# With the defaults and $c = (1, -10, 25)$ you should get $w \approx 5$. (This runs 1,000 small eager
# steps, a few seconds; section 3 shows how to make it faster.)

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
w_few_t = call(minimize_quadratic, [2.0, -6.0, 1.0], learning_rate=0.1, steps=3)
if tf.is_tensor(w_few_t) or isinstance(w_few_t, tf.Variable):
    fail(_("minimize_quadratic returned a TensorFlow object: return w's value as a Python float."))
expect_number(w_few_t, "minimize_quadratic([2, -6, 1], learning_rate=0.1, steps=3)")
expect_close(w_few_t, answers, "minimize_quadratic([2, -6, 1], learning_rate=0.1, steps=3)", rtol=1e-5)
expect_close(call(minimize_quadratic, np.array([3.0, 1.0, -2.0]), 0.05, 0), answers, _("minimize_quadratic with steps=0"))
import inspect
defaults_t = {k: v.default for k, v in inspect.signature(minimize_quadratic).parameters.items()}
if defaults_t.get("learning_rate") != 0.01 or defaults_t.get("steps") != 1000:
    fail(_(f"minimize_quadratic's defaults are learning_rate={defaults_t.get('learning_rate')}, "
         f"steps={defaults_t.get('steps')}: keep the signature minimize_quadratic(coefficients, learning_rate=0.01, steps=1000)."))
w_five_t = call(minimize_quadratic, [1.0, -10.0, 25.0], 0.1, 100)   # converged: 0.8 ** 100 is about 2e-10
expect_close(w_five_t, 5.0, "minimize_quadratic([1, -10, 25], learning_rate=0.1, steps=100)", atol=1e-4)
w_ten_t = call(minimize_quadratic, np.array([1.0, -20.0, 100.0]), 0.1, 100)
expect_close(w_ten_t, 10.0, "minimize_quadratic(np.array([1, -20, 100]), learning_rate=0.1, steps=100)", atol=1e-4)
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
    print(_(f"c = {coefficients}: w after {step_counts[-1]} steps of 0.1 = {path[-1]:.4f}"))
ax.set_xscale("symlog", linthresh=1)
ax.set_xlabel(_("gradient steps"))
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
    print(_(f"J({value}) = {float(quadratic_cost(tf.constant(value), c)):5.1f}   traces so far: {len(traces)}"))
quadratic_cost(tf.constant(2.0, tf.float64), tf.constant([1.0, -10.0, 25.0], tf.float64))
print(_("after a call with float64 inputs (a new kind of input):"), len(traces), _("traces"))
graph = quadratic_cost.get_concrete_function(tf.TensorSpec([], tf.float32), tf.TensorSpec([3], tf.float32)).graph
print(_("the traced graph's operations:"), [op.type for op in graph.get_operations()])

# %% [markdown]
# Now time a loop of many small steps. Eager: your `minimize_quadratic`. Traced: the same loop, with
# the body of one step (tape, gradient, update) wrapped in `tf.function`, so each step is one call into
# a graph instead of a dozen Python-level operations.

# %%
from nncourse.utils.i18n import pad


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
for label, minimise in [(_("eager"), minimize_quadratic), ("@tf.function", minimize_traced)]:
    start = time.perf_counter()
    w_final = minimise([1.0, -10.0, 25.0], learning_rate=0.01, steps=n_steps)
    timings[label] = time.perf_counter() - start
    print(_(f"{pad(label, 13)}: {n_steps} steps in {timings[label]:.2f} s, w = {w_final:.4f}"))
speed_up = timings[_("eager")] / timings["@tf.function"]
print(_(f"the traced loop is {speed_up:.1f} times faster (tracing included)"))

# %% [markdown]
# The traced loop does the same arithmetic and gets the same $w$, faster (two to five times in our
# runs) even though its time includes the tracing. The gain is largest for many small operations, as here; for one huge
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
      _("| classes:"), classes)
print(_("images per class, train:"), np.bincount(y_train).tolist(), _("test:"), np.bincount(y_test).tolist())
show_signs_grid(X_train_orig, y_train, per_class=10, title=_("SIGNS training images, one row per class"))
plt.show()

# %% [markdown]
# A dense network takes a vector, not a picture: each image becomes one vector of
# $64 \cdot 64 \cdot 3 = 12{,}288$ numbers, scaled from the pixel range 0–255 to [0, 1] (large inputs would
# make the first layer's weighted inputs huge and training erratic).
#
# ### Exercise 5 — `normalize`
# Take one image, a `uint8` tensor `(64, 64, 3)`, convert it to `float32`, divide by 255, and flatten it
# to a vector of shape `(12288,)` (not a column `(12288, 1)`), in the default order of numpy and
# TensorFlow: row by row, with the three colour values of each pixel next to each other. Convert
# **before** dividing: TensorFlow refuses to divide a `uint8` tensor by the float 255.0 (it mixes no
# dtypes), and an integer division (`//`) leaves only 0s and 1s.

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
picture_t = np.random.default_rng(7).integers(10, 241, size=(64, 64, 3), dtype=np.uint8)   # pixels 10..240
picture_t[0, 0] = [240, 10, 128]
v_t = expect_tensor(call(normalize, tf.constant(picture_t)), "normalize(image)", dtype=tf.float32)
expect_shape(v_t, (12288,), "normalize(image)", hint=_("flatten to a vector, with no axis of length 1."))
expect_close(v_t[:192], answers, _("normalize(image)[:192], the image's first row of pixels"), rtol=1e-6, atol=1e-7)
expect_close(np.sum(v_t, dtype=np.float64), answers, _("the sum of normalize(image)"), rtol=1e-6)
white_t = expect_tensor(call(normalize, tf.fill((64, 64, 3), tf.constant(255, tf.uint8))), _("normalize(white image)"),
                        dtype=tf.float32, shape=(12288,))
expect_close(white_t, np.ones(12288), _("normalize of an all-white image (every pixel 255)"))
passed("normalize")

# %% [markdown]
# ### Exercise 6 — `one_hot_matrix`
# The cost needs each label $y \in \{0, \dots, 5\}$ as a one-hot vector: a 1 at position $y$, 0 elsewhere.
# `tf.one_hot(label, C)` does it, but its output shape follows the label's: a label of shape `()` gives
# `(C,)`, a label of shape `(1,)` gives `(1, C)`. Return a `float32` tensor of shape `(C,)` in both cases,
# with `C` the argument (not a fixed 6). The label may be a Python int or an integer tensor.

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
e_t = expect_tensor(call(one_hot_matrix, tf.constant(2, dtype=tf.int64)), "one_hot_matrix(label=2)", dtype=tf.float32)
expect_shape(e_t, (6,), _("one_hot_matrix(label=2) with the default C = 6"))
expect_close(e_t, answers, "one_hot_matrix(label=2)")
e_t = expect_tensor(call(one_hot_matrix, tf.constant([1]), 4), _("one_hot_matrix(label of shape (1,), C=4)"))
expect_shape(e_t, (4,), "one_hot_matrix(tf.constant([1]), C=4)",
             hint=_("tf.one_hot adds an axis to a label of shape (1,), and C is the argument, not a fixed 6: "
                  "the result must have shape (C,)."))
expect_close(e_t, answers, "one_hot_matrix(tf.constant([1]), C=4)")
e_t = expect_tensor(call(one_hot_matrix, 4, C=5), "one_hot_matrix(4, C=5)", dtype=tf.float32, shape=(5,))
expect_close(e_t, answers, _("one_hot_matrix(4, C=5) (the last class)"))
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
print(_("first example:"), first_image.shape, first_image.dtype.name, _(f"values in [{float(tf.reduce_min(first_image)):.2f}, "
      f"{float(tf.reduce_max(first_image)):.2f}]"), _("| label"), y_train[0], "->", first_label.numpy())

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
# keeps the variance of the signal roughly the same from layer to layer, forwards and backwards.
# **Glorot (Xavier)** initialisation draws each weight with mean 0 and variance $2 / (n_{in} + n_{out})$,
# a compromise between $1 / n_{in}$, which keeps the variance of the forward signal, and $1 / n_{out}$,
# which keeps that of the backward one. It comes in two forms of that same variance:
#
# - **Glorot normal**: a normal distribution of standard deviation $\sqrt{2 / (n_{in} + n_{out})}$.
#   Keras provides it as `tf.keras.initializers.GlorotNormal(seed=...)`, an object you call with a
#   shape (it truncates the normal at two standard deviations and rescales it; a plain normal with
#   that standard deviation is just as good). The DLS assignment uses this form.
# - **Glorot uniform**: uniform on $[-r, r]$ with $r = \sqrt{6 / (n_{in} + n_{out})}$, Glorot and
#   Bengio's own proposal, and the default of Keras's layers (`GlorotUniform`).
#
# Either is right here. Biases start at 0.
#
# ### Exercise 7 — `initialize_parameters`
# Return a dict with `W1 (25, 12288)`, `b1 (25, 1)`, `W2 (12, 25)`, `b2 (12, 1)`, `W3 (6, 12)`,
# `b3 (6, 1)`, each a `tf.Variable` of dtype `float32`: weights Glorot (normal or uniform), biases
# zeros. For `W1`, $n_{in} = 12{,}288$ and $n_{out} = 25$. The same `seed` must give the same weights,
# a different seed different ones: the seed must decide the draw.

# %% nbgrader={"grade": false, "grade_id": "initialize_parameters", "locked": false, "schema_version": 3, "solution": true, "task": false}
def initialize_parameters(seed=1):
    """Parameters of the 12288-25-12-6 network as float32 tf.Variables.

    Returns {"W1": (25, 12288), "b1": (25, 1), "W2": (12, 25), "b2": (12, 1), "W3": (6, 12), "b3": (6, 1)}:
    W Glorot (normal or uniform: mean 0, variance 2 / (n_in + n_out)), drawn from `seed`; b zeros.
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
SHAPES_t = {"W1": (25, 12288), "b1": (25, 1), "W2": (12, 25), "b2": (12, 1), "W3": (6, 12), "b3": (6, 1)}
params_t = call(initialize_parameters, 1)
if not isinstance(params_t, dict) or sorted(params_t) != sorted(SHAPES_t):
    fail(_(f"initialize_parameters should return a dict with the keys {sorted(SHAPES_t)}, got "
         f"{sorted(params_t) if isinstance(params_t, dict) else type(params_t).__name__}."))
for key_t, shape_t in SHAPES_t.items():
    if not isinstance(params_t[key_t], tf.Variable):
        fail(_(f"parameters[{key_t!r}] is of type {type(params_t[key_t]).__name__}, not a tf.Variable: the "
             "optimiser can only update variables."))
    expect_tensor(params_t[key_t], f"parameters[{key_t!r}]", dtype=tf.float32, shape=shape_t)
for key_t in ("b1", "b2", "b3"):
    expect_close(params_t[key_t].numpy(), answers, f"parameters[{key_t!r}]", hint=_("Biases start at 0."))
draws_t = [params_t] + [call(initialize_parameters, seed_t) for seed_t in range(3, 12)]   # 10 seeds pooled
for key_t in ("W1", "W2", "W3"):
    pooled_t = np.concatenate([draw_t[key_t].numpy().ravel() for draw_t in draws_t])
    expect_close(np.sqrt(np.mean(pooled_t ** 2)), answers, f"root-mean-square of {key_t} over 10 seeds", rtol=0.2,
                 hint=_("Glorot weights have mean 0 and variance 2 / (n_in + n_out)."))
if not np.array_equal(params_t["W1"].numpy(), call(initialize_parameters, 1)["W1"].numpy()):
    fail(_("Two calls of initialize_parameters(1) gave different W1: the seed must decide the draw "
         "(pass it to the initialiser or the random generator)."))
if np.array_equal(params_t["W1"].numpy(), call(initialize_parameters, 2)["W1"].numpy()):
    fail(_("initialize_parameters(1) and initialize_parameters(2) gave the same W1: the seed must change the draw."))
passed("initialize_parameters")

# %% [markdown]
# ### Exercise 8 — `forward_propagation`
# Compute $Z^{[3]}$ from `X` `(12288, m)` and the parameters with TensorFlow operations, following the
# equations above: ReLU after the first two layers, **nothing** after the third (the cost applies the
# softmax). Each $W^{[l]}$ has shape $(n^{[l]}, n^{[l-1]})$, so it multiplies its layer's input from the
# left, and each bias $(n^{[l]}, 1)$ is broadcast over the $m$ columns.

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
rng_t = np.random.default_rng(3)
P_t = {"W1": 0.013 * rng_t.standard_normal((25, 12288), dtype=np.float32),
       "b1": 0.3 * rng_t.standard_normal((25, 1), dtype=np.float32),
       "W2": 0.23 * rng_t.standard_normal((12, 25), dtype=np.float32),
       "b2": 0.3 * rng_t.standard_normal((12, 1), dtype=np.float32),
       "W3": 0.33 * rng_t.standard_normal((6, 12), dtype=np.float32),
       "b3": 0.3 * rng_t.standard_normal((6, 1), dtype=np.float32)}
X_t = rng_t.random((12288, 5), dtype=np.float32)   # m = 5 images
try:
    Z3_t = call(forward_propagation, tf.constant(X_t), {k: tf.Variable(v) for k, v in P_t.items()})
except tf.errors.InvalidArgumentError:
    fail(_("forward_propagation raised InvalidArgumentError (a matrix product of incompatible shapes): W1 is "
         "(25, 12288) and X is (12288, m), so W1 goes on the left of X."))
Z3_t = expect_tensor(Z3_t, "forward_propagation(X, parameters)", dtype=tf.float32, shape=(6, 5))
expect_close(Z3_t, answers, _("forward_propagation(X, parameters) with m = 5"), rtol=1e-4, atol=1e-5)
passed("forward_propagation")

# %% [markdown]
# ### Exercise 9 — `compute_total_loss`
# The categorical cross-entropy loss of one example with logits $z$, prediction
# $\hat y = \operatorname{softmax}(z)$ and one-hot label $y$ is
#
# $$\mathcal L(\hat y, y) = -\sum_{k=0}^{5} y_k \log \hat y_k ,$$
#
# and the **total** loss of a mini-batch is its **sum** over the $m$ examples (not the mean $J$: the
# training loop adds up the totals of all mini-batches and divides once by the number of training
# examples, so that a smaller last mini-batch counts for what it is). Keras computes the loss of each
# example (`tf.keras.losses.categorical_crossentropy`), and two things matter when you call it:
#
# - it expects **one example per row** (classes on the last axis), while our tensors are `(6, m)`,
#   one example per column; given them as they are, it would take each of the 6 rows for an example
#   of $m$ classes;
# - it must be told that it receives logits, not probabilities (its `from_logits` option): it then
#   applies the softmax itself, in a combined form that stays finite for large logits.

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
rng_t = np.random.default_rng(5)
logits_t = rng_t.normal(0, 2, (6, 5)).astype(np.float32)
labels_t = np.eye(6, dtype=np.float32)[:, [0, 3, 5, 3, 1]]   # m = 5 examples, one per column
total_t = call(compute_total_loss, tf.constant(logits_t), tf.constant(labels_t))
if tf.is_tensor(total_t):
    total_t = expect_tensor(total_t, "compute_total_loss(logits, labels)")
expect_number(total_t, "compute_total_loss(logits, labels)")
expect_close(total_t, answers, _("compute_total_loss(logits, labels) with m = 5"), rtol=1e-5, m=5)
total_big_t = np.asarray(call(compute_total_loss, tf.constant(60 * logits_t), tf.constant(labels_t)), dtype=np.float64)
expect_close(total_big_t, answers, _("compute_total_loss of large logits (around +-100)"), rtol=1e-4)
one_t = np.asarray(call(compute_total_loss, tf.constant(logits_t[:, :1]), tf.constant(labels_t[:, :1])), dtype=np.float64)
expect_close(one_t, answers, _("compute_total_loss of one example"), rtol=1e-5)
passed("compute_total_loss")

# %% [markdown]
# ## 6. Training with `tf.data` and Adam
#
# The training loop puts the pieces together. Each epoch, `tf.data` shuffles the 1,080 pairs (with a
# seed, so runs repeat) and cuts them into mini-batches of 32. For each mini-batch, the tape records the
# forward pass and the total loss, `tape.gradient` returns the gradient for all six variables, and
# **Adam** (`tf.keras.optimizers.Adam`) updates them. Adam keeps, per parameter, a running mean of the
# gradient (momentum) and of its square, and steps by $\alpha$ times the one divided by the square root
# of the other. Each parameter thus gets its own step size: about $\alpha$ where its gradient keeps the
# same sign, whether that gradient is small or large, and smaller where the gradient keeps changing sign
# (ML Specialization C2W2 §4). `optimizer.apply_gradients` performs the update.
#
# The mini-batches come out of `tf.data` as rows, `(32, 12288)` and `(32, 6)`: the step transposes them
# into the course's column layout. The step is a `tf.function` (section 3). After every epoch we record
# the cost $J$, the total loss of the epoch's mini-batches divided by the number of examples (so an
# average over an epoch during which the weights change), and the training and test accuracy.
#
# **The learning rate** is $\alpha = 3 \cdot 10^{-4}$, and larger ones do worse here, for a reason worth
# knowing. No input pixel is negative, so for one image the gradient of a first-layer unit has the
# same sign for all 12,288 of its weights (over a mini-batch of similar images, mostly the same sign),
# and Adam, whose steps have about the size of $\alpha$ whatever the gradient, moves nearly all of them
# the same way at once. With $\alpha = 10^{-3}$ one step can shift a unit's weighted input by up to about
# $10^{-3} \sum_j x_j \approx 3$ (the pixels of an image add up to about 2,700 on average): enough to
# push a ReLU below zero for every training image, after which it gets no gradient and never recovers
# (a "dead" unit). When this lesson was checked, 3 of the 25 first-layer units were dead at the start;
# after the first step 12 were dead with $10^{-3}$ and 4 with $3 \cdot 10^{-4}$, and after the first
# epoch most were, at both rates (22 and 21). After 60 epochs $10^{-3}$ had kept a single working
# unit and reached 55% training accuracy; $3 \cdot 10^{-4}$ had kept three and reached 78%. (Try it.)
# Even at the smaller rate, the trained network computes with only a few of its 25 first-layer units:
# the run below prints how many.

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
    for epoch in progress_range(epochs, desc=_("3-layer network (tf.data, Adam)")):
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
plot_curves({_("training cost"): history["cost"]}, _("cost J (per example)"), ax=axes[0], title=_("cross-entropy"))
plot_curves({_("train accuracy"): history["train accuracy"], _("test accuracy"): history["test accuracy"]}, _("accuracy"), ax=axes[1],
            title=_("accuracy after each epoch"))
plt.show()
print(_(f"{EPOCHS} epochs in {scratch_seconds:.1f} s: cost {history['cost'][0]:.3f} -> {history['cost'][-1]:.3f}, "
      f"train accuracy {history['train accuracy'][-1]:.1%}, test accuracy {history['test accuracy'][-1]:.1%}"))
alive = np.any((parameters["W1"] @ X_train + parameters["b1"]).numpy() > 0, axis=1)
print(_(f"first-layer units active on at least one training image: {int(alive.sum())} of {alive.size}"))

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
# `SparseCategoricalCrossentropy` the labels stay integers `0..5` (the "sparse" loss picks the
# log-probability of each example's class directly, the term a one-hot label would select); `from_logits=True` again means the last layer outputs logits, so it has no activation.
# Keras's losses average over the mini-batch, where ours summed: with Adam this hardly matters, since
# Adam's steps do not depend on the scale of the gradient.
#
# ### Exercise 10 — `build_keras_model`
# Return a **compiled** `tf.keras.Sequential` model of the network of section 5: 12,288 inputs, fully
# connected layers of 25 and 12 ReLU units, and a last layer of 6 units with no activation, whose
# outputs are the logits. Compile it to train with Adam at the given `learning_rate`, with the sparse
# categorical cross-entropy told that it receives logits (the labels stay integers 0..5), and to report
# the accuracy. A softmax at the end would be applied a second time by a loss that expects logits.

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
model_t = call(build_keras_model)
if not isinstance(model_t, tf.keras.Sequential):
    fail(_(f"build_keras_model() returned a {type(model_t).__name__}, not a tf.keras.Sequential model."))
if not getattr(model_t, "compiled", getattr(model_t, "_is_compiled", False)):
    fail(_("The model is not compiled: compile it (optimiser, loss, metrics) before returning it."))
try:
    n_inputs_t = model_t.input_shape[-1]
except (AttributeError, ValueError):
    fail(_("The model has no input size: start the Sequential with an Input of shape (12288,)."))
if n_inputs_t != 12288:
    fail(_(f"The model takes {n_inputs_t} inputs; expected 12288 (one flattened 64x64x3 image)."))
expect_equal(np.array(model_t.count_params()), answers, _("the number of parameters"),
             hint=_("The layers have 25, 12 and 6 units, each with its weights and biases."))
rng_t = np.random.default_rng(11)   # set weights of our own, then run the model on 3 images
model_t.set_weights([0.05 * rng_t.standard_normal(w_t.shape, dtype=np.float32) for w_t in model_t.get_weights()])
expect_close(np.asarray(model_t(rng_t.random((3, 12288), dtype=np.float32))), answers,
             _("the model's outputs for 3 images, with weights set by the test"), rtol=1e-4, atol=1e-6,
             hint=_("ReLU after the two hidden layers, no activation after the last one (it outputs logits)."))
loss_t = model_t.loss
if isinstance(loss_t, str):
    fail(_(f"The loss is the string {loss_t!r}, which uses from_logits=False: pass a "
         "tf.keras.losses.SparseCategoricalCrossentropy object told that it receives logits."))
if type(loss_t).__name__ != "SparseCategoricalCrossentropy":
    fail(_(f"The loss is {type(loss_t).__name__}: use tf.keras.losses.SparseCategoricalCrossentropy, the "
         "cross-entropy for integer labels 0..5 (CategoricalCrossentropy expects one-hot labels)."))
if not loss_t.get_config().get("from_logits"):
    fail(_("The loss has from_logits=False: the last layer outputs logits, so tell the loss (from_logits=True)."))
if type(model_t.optimizer).__name__ != "Adam":
    fail(_(f"The optimiser is {type(model_t.optimizer).__name__}; expected tf.keras.optimizers.Adam."))
expect_close(float(model_t.optimizer.learning_rate), answers, _("the default learning rate"), rtol=1e-5)
expect_close(float(call(build_keras_model, 0.02).optimizer.learning_rate), answers,
             _("the learning rate of build_keras_model(0.02)"), rtol=1e-5)
if "accuracy" not in str(model_t.get_compile_config().get("metrics")).lower():
    fail(_("The model reports no accuracy: compile it with an accuracy metric."))
passed("build_keras_model")

# %% [markdown]
# `model.summary()` lists the layers and their parameter counts (the first layer holds almost all of
# them: $12{,}288 \times 25$ weights). Train it like the model of section 6: same data, same learning
# rate, same number of epochs, mini-batches of 32. `fit` takes numpy arrays or tensors (with
# `batch_size=32, shuffle=True`), or, as here, a `tf.data` pipeline of (image, label) pairs that is
# shuffled with a seed and batched like ours, which is faster. A **callback**, a function Keras calls at
# set moments of training (here at the end of every epoch), moves a progress bar and records, for
# section 11, each first-layer unit's largest weighted input over the training images. For a fair comparison, the final training accuracy is measured after training
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


def first_layer_peaks(model, X_rows):
    """Each first-layer unit's largest weighted input z over the examples X_rows (m, 12288): a (units,) array."""
    kernel, bias = model.layers[0].get_weights()
    return tf.reduce_max(X_rows @ kernel + bias, axis=0).numpy()


keras_peaks = [first_layer_peaks(keras_model, X_train_rows)]   # before training, then after every epoch (section 11)
bar = progress(total=EPOCHS, desc=_("Keras fit"))
start = time.perf_counter()
fit = keras_model.fit(keras_train_batches, epochs=EPOCHS, validation_data=keras_test_batches, verbose=0,
                      shuffle=False,   # the pipeline shuffles, with its seed
                      callbacks=[tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: (
                          bar.update(1), keras_peaks.append(first_layer_peaks(keras_model, X_train_rows))))])
keras_seconds = time.perf_counter() - start
bar.close()
keras_train = keras_model.evaluate(X_train_rows, y_train, verbose=0)[1]
keras_test = keras_model.evaluate(X_test_rows, y_test, verbose=0)[1]

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({_("from scratch (sum / m)"): history["cost"], _("Keras (epoch mean)"): fit.history["loss"]},
            _("cost J (per example)"), ax=axes[0], title=_("training cost"))
plot_curves({_("from scratch, test"): history["test accuracy"], _("Keras, test"): fit.history["val_accuracy"]},
            _("accuracy"), ax=axes[1], title=_("test accuracy after each epoch"))
plt.show()

# %% [markdown]
# How do the two compare? Accuracy, time, and the lines of code each needed (counted without
# docstrings, comments and blank lines; for Keras, the model function and the three lines that fit it):

# %%
import ast
import inspect

from nncourse.utils.i18n import pad


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
print(f"{'':14s}{pad(_('train acc'), 10, '>')}{pad(_('test acc'), 10, '>')}{pad(_('seconds'), 9, '>')}{pad(_('lines'), 7, '>')}")
print(f"{pad(_('from scratch'), 14)}{scratch_train:10.1%}{scratch_test:10.1%}{scratch_seconds:9.1f}{scratch_lines:7d}")
print(f"{'Keras':14s}{keras_train:10.1%}{keras_test:10.1%}{keras_seconds:9.1f}{keras_lines:7d}")

# %% [markdown]
# Same architecture, same optimiser, same data: the accuracies land in the same range, not on the same
# digits, because the initial weights differ (Keras's default initialiser is Glorot *uniform*) and Keras
# averages the loss over each mini-batch where we summed it. With 120 test images, one image is 0.8
# points of test accuracy, so differences of a few points between two runs mean little. Keras needs a
# fraction of the code and no more time: underneath, both run the same TensorFlow operations.
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
# TensorFlow computes it in this combined form with the max-shift (log-sum-exp), which is accurate and never
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
ax.set_xlabel(_("predicted class"))
ax.set_ylabel(_("true class"))
ax.set_title(_("test set, network from scratch"))
plt.show()
off_diagonal = confusion - np.diag(np.diag(confusion))
worst = np.dstack(np.unravel_index(np.argsort(off_diagonal, axis=None)[::-1][:3], confusion.shape))[0]
print(_("per-class test accuracy:"), np.round(np.diag(confusion) / confusion.sum(axis=1), 2).tolist())
print(_("most frequent confusions (true -> predicted, count):"),
      [(int(t), int(p), int(off_diagonal[t, p])) for t, p in worst])
print(_("misclassified by a finger more or less:"), int(np.trace(off_diagonal, 1) + np.trace(off_diagonal, -1)),
      _("of"), int(off_diagonal.sum()))

wrong = np.flatnonzero(predicted != y_test)
print(_(f"{len(wrong)} of {len(y_test)} test images misclassified; the first ones, labelled true -> predicted:"))
if len(wrong):
    show_images(X_test_orig[wrong], labels=[f"{y_test[k]} -> {predicted[k]}" for k in wrong], ncols=8, max_images=16)
    plt.show()

# %% [markdown]
# Most confusions are between neighbouring counts, a finger more or less (the run above counts them),
# where the two pictures differ by one thin strip of pixels. A dense network sees 12,288 unrelated numbers: it has no notion that a
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
# decision boundaries between the classes (ML Specialization C2W2, video *Why do we need activation
# functions?*).
#
# To see both the collapse and its cost clearly, take a problem where straight boundaries cannot work:
# points in the plane on three concentric rings, one class per ring. Train the same shape of network,
# 2-25-12-3, once with ReLU and once with no activation (the identity), with Adam on the whole set.

# %%
from nncourse.utils.i18n import pad

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


ring_nets = {"ReLU": ring_network(tf.nn.relu, _("rings, ReLU")),
             _("linear only"): ring_network(tf.identity, _("rings, linear only"))}
ring_accuracy = {name: float(np.mean(tf.argmax(logits(X_ring), axis=0).numpy() == ring_labels))
                 for name, (_, logits) in ring_nets.items()}

# The linear network's three layers, multiplied out (in float64), against the network itself:
P = {k: v.numpy().astype(np.float64) for k, v in ring_nets[_("linear only")][0].items()}
W = P["W3"] @ P["W2"] @ P["W1"]
b = P["W3"] @ P["W2"] @ P["b1"] + P["W3"] @ P["b2"] + P["b3"]
network_logits = ring_nets[_("linear only")][1](X_ring).numpy()
print("W = W3 W2 W1 =", np.round(W, 3).tolist(), " b =", np.round(b.ravel(), 3).tolist())
print(_(f"largest |difference| between the linear network's logits and W x + b: "
      f"{np.max(np.abs(network_logits - (W @ X_ring.numpy() + b))):.1e} "
      f"(logits up to {np.max(np.abs(network_logits)):.1f})"))
ring_counts = np.bincount(ring_labels)
print(_("points per ring:"), ring_counts.tolist())
for name, acc in ring_accuracy.items():
    print(_(f"2-25-12-3 network, {pad(name, 11)}: training accuracy {acc:.1%}"))
print(_(f"always guessing the largest ring: {ring_counts.max() / n_ring:.1%}; guessing at random: {1 / 3:.1%}"))
linear_predicted = np.argmax(network_logits, axis=0)
print(_("the linear network's predictions for rings 0, 1, 2 (how many of each ring it puts in class 0, 1, 2):"),
      [np.bincount(linear_predicted[ring_labels == k], minlength=3).tolist() for k in range(3)])
print(_(f"cross-entropy per point: linear network {float(compute_total_loss(network_logits, Y_ring)) / n_ring:.4f}, "
      f"ignoring the input (each ring's frequency) {-np.sum(ring_counts / n_ring * np.log(ring_counts / n_ring)):.4f}"))

grid = np.linspace(-3.2, 3.2, 200)
gx, gy = np.meshgrid(grid, grid)
points = tf.constant(np.stack([gx.ravel(), gy.ravel()]), dtype=tf.float32)
fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
for ax, (name, (_, logits)) in zip(axes, ring_nets.items()):
    regions = tf.argmax(logits(points), axis=0).numpy().reshape(gx.shape)
    ax.contourf(gx, gy, regions, levels=[-0.5, 0.5, 1.5, 2.5], alpha=0.25, cmap="viridis")
    ax.scatter(*X_ring.numpy(), c=ring_labels, s=6, cmap="viridis")
    ax.set_title(_(f"{name}: {ring_accuracy[name]:.0%} of the points"))
    ax.set_aspect("equal")
plt.show()

# %% [markdown]
# The linear network's logits and those of the single matrix $W$ (shape `(3, 2)`) agree to float32
# rounding: its three layers *are* one linear layer. Its regions are cut by straight lines, which cannot
# follow a ring, so the input tells it almost nothing: its cross-entropy is barely below that of ignoring
# the input and predicting each ring's frequency. Its accuracy is worse still, below the 33% of guessing
# at random and below the 37% of always guessing the largest ring. The printed predictions say why: it
# gives the whole inner ring and most of the others to the outer ring (the most frequent), never
# predicts the middle ring, and gives the inner ring's class to the points beyond one straight line, far
# from the centre, where the inner ring has no points at all. Training minimises the cross-entropy, not
# the number of errors: when a model cannot fit the data, a small gain in cross-entropy may cost
# accuracy. With ReLU each hidden unit is linear only on one side of its threshold, so the network is
# piecewise linear with many pieces and bends its boundaries around the rings. That, not the number of
# layers, is what depth buys.
#
# On SIGNS the difference is smaller than on the rings, and takes longer to appear: with 12,288 inputs
# and only 1,080 training images, even one linear layer can separate most training images. When this
# lesson was checked, a longer run (100 epochs, learning rate $3 \cdot 10^{-4}$) of the Keras model and
# of the same model without ReLU gave 92% training and 72% test accuracy with ReLU, 97% and 57% without:
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
bar = progress(total=CONV_EPOCHS, desc=_("conv net"))
start = time.perf_counter()
conv_fit = conv_model.fit(
    tf.data.Dataset.from_tensor_slices((pictures_train, y_train)).cache().shuffle(len(y_train), seed=1).batch(32),
    epochs=CONV_EPOCHS, validation_data=tf.data.Dataset.from_tensor_slices((pictures_test, y_test)).batch(len(y_test)),
    shuffle=False, verbose=0, callbacks=[tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: bar.update(1))])
conv_seconds = time.perf_counter() - start
bar.close()
conv_train = conv_model.evaluate(pictures_train, y_train, verbose=0)[1]
conv_test = conv_model.evaluate(pictures_test, y_test, verbose=0)[1]
plot_curves({_("dense 12288-25-12-6 (Keras)"): fit.history["val_accuracy"], _("conv net"): conv_fit.history["val_accuracy"]},
            _("test accuracy"), title=_("test accuracy after each epoch"))
plt.show()
print(_(f"conv net: {conv_model.count_params():,} parameters (dense network: {keras_model.count_params():,}), "
      f"{CONV_EPOCHS} epochs in {conv_seconds:.1f} s: train {conv_train:.1%}, test {conv_test:.1%}"))
print(_(f"dense network:  train {keras_train:.1%}, test {keras_test:.1%}"))

# %% [markdown]
# With a small fraction of the dense network's parameters the convolutional network does clearly better on
# the test set: sharing weights across positions is the right assumption for pictures.

# %% [markdown]
# # Part 2 — Choices: activations, costs, frameworks
#
# Part 1 gave you every choice ready-made: ReLU in the hidden layers, a linear output read by a
# softmax cross-entropy, TensorFlow 2. Part 2 looks at why. Section 11 chooses activation functions,
# for the output layer by the kind of target and for the hidden layers by how gradients flow through
# them; section 12 writes the binary cost that the DLS assignment once used and shows what
# `tf.reduce_mean`'s `axis` does; section 13 says how to choose a framework and translates the
# TensorFlow 1 code you will meet in older material into the TensorFlow 2 of this lesson. The numbers
# quoted in Part 2 are those of a full run of the notebook (when it is autograded, its experiments are
# cut short and print other numbers).
#
# ## 11. Choosing activation functions
#
# **The output layer** is chosen by what the target $y$ is (ML Specialization C2W2 §2, video *Choosing
# activation functions*), and the cost goes with it:
#
# | target $y$ | output activation | what it outputs | Keras loss |
# | --- | --- | --- | --- |
# | 0 or 1 (binary classification) | sigmoid | a probability in $(0, 1)$ | `BinaryCrossentropy` |
# | one of $C$ classes | softmax | $C$ probabilities that sum to 1 | `SparseCategoricalCrossentropy` (labels $0..C-1$) or `CategoricalCrossentropy` (one-hot labels) |
# | a real number of either sign (a change of temperature, a profit) | linear (none) | any real number | `MeanSquaredError` |
# | a number that cannot be negative (a price, a count) | ReLU | a number $\ge 0$ | `MeanSquaredError` |
#
# For the two classifications this course keeps the last layer linear and gives the loss the logits
# (`from_logits=True`, Question 1): the sigmoid or softmax of the table is then applied inside the loss,
# in its numerically safe combined form, and you apply it yourself only when you want the probabilities.
#
# **The hidden layers** take ReLU by default, $g(z) = \max(0, z)$. Its derivative is 1 for every $z > 0$,
# however large: an active unit passes the gradient back unshrunk, it never **saturates**. The sigmoid's
# derivative is at most $1/4$ and tends to 0 on both sides, which is the learning slowdown of lesson 02
# (the cross-entropy cured it for the output layer only: a hidden sigmoid unit still learns slowly once
# $|z|$ is large). tanh, $\tanh(z) = 2\sigma(2z) - 1$, has derivative 1 at $z = 0$ but is flat on both
# sides too. ReLU is flat on one side only, and cheap (a comparison instead of an exponential): those
# are the lecture's two reasons for making it the default. Nielsen (ch. 3, *Other models of artificial
# neuron*) names the price: where the weighted input is negative the gradient is 0, and the unit stops
# learning. Below you measure how many units of the SIGNS network pay it.
#
# ### Exercise 11 — `relu`
# Write $\mathrm{ReLU}(Z) = \max(0, Z)$, elementwise, for a numpy array **or** a `tf.Tensor` `Z` of any
# shape. Return the same kind of object as `Z`, with its shape and dtype: numpy in, numpy out (the
# from-scratch networks of lessons 01 to 06 are numpy), tensor in, tensor out. The second matters more
# than it looks. A tape records TensorFlow operations only: if a `relu` turned a tensor into a numpy
# array in the middle of a forward pass, `tape.gradient` would have nothing to differentiate through
# and would return `None`. Pitfalls:
#
# - `tf.is_tensor(Z)` tells the two kinds apart; numpy functions accept tensors but return numpy arrays
#   (section 1), and TensorFlow functions accept numpy arrays but return tensors;
# - the elementwise maximum of two arrays and the largest entry of one array are different numpy
#   functions (with an `axis`, the second one returns the maxima along that axis);
# - do not write into `Z`: graded functions never change their inputs (and a tensor refuses);
# - compare with zeros of `Z`'s own dtype: zeros made by `np.zeros(shape)` are `float64`, and the
#   result would be promoted to `float64` for a `float32` input.

# %% nbgrader={"grade": false, "grade_id": "relu", "locked": false, "schema_version": 3, "solution": true, "task": false}
def relu(Z):
    """ReLU(Z) = max(0, Z), elementwise.

    Z: a numpy array or a tf.Tensor, any shape, a floating dtype.
    Returns the same kind of object (numpy array or tf.Tensor), with Z's shape and dtype.
    """
    ### BEGIN SOLUTION
    if tf.is_tensor(Z):
        return tf.nn.relu(Z)
    return np.maximum(Z, 0)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_relu", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
Z32_relu_t = np.array([[-2.5, 0.0, 1.5, 3.0], [0.25, 0.0, -1e-3, -7.0]], dtype=np.float32)
A32_relu_t = expect_numpy(call(relu, Z32_relu_t), _("relu of a float32 numpy array"), np.float32)
expect_close(A32_relu_t, answers, _("relu of a float32 numpy array"))
A64_relu_t = expect_numpy(call(relu, np.array([-1.5, 0.0, 2.0, -0.25, 4.5])), _("relu of a float64 numpy array"),
                          np.float64)
expect_close(A64_relu_t, answers, _("relu of a float64 numpy array"))
At_relu_t = expect_tensor(call(relu, tf.constant([[-3.0, 0.0, 0.5], [2.0, -0.5, 0.0]])),
                          _("relu of a float32 tf.Tensor"), dtype=tf.float32, shape=(2, 3))
expect_close(At_relu_t, answers, _("relu of a float32 tf.Tensor"))
expect_tensor(call(relu, tf.constant([-1.0, 3.0], dtype=tf.float64)), _("relu of a float64 tf.Tensor"), dtype=tf.float64)
passed("relu")

# %% [markdown]
# ### Exercise 12 — `relu_prime`
# The derivative of ReLU is 1 where $z > 0$ and 0 where $z < 0$. At $z = 0$ the two one-sided slopes
# differ, so the derivative does not exist there and a program must pick a value; this course picks 0,
# as TensorFlow's gradient of `tf.nn.relu` does (a cell below checks it):
#
# $$\mathrm{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 . \end{cases}$$
#
# Write `relu_prime(Z)` for a numpy array or a `tf.Tensor`, returning, like `relu`, the same kind of
# object with `Z`'s shape and dtype, holding the numbers 1.0 and 0.0. A comparison gives booleans, which
# are not those numbers (a boolean tensor cannot even be multiplied by a float one); and a `float32`
# input must give `float32`, not numpy's default `float64`.

# %% nbgrader={"grade": false, "grade_id": "relu_prime", "locked": false, "schema_version": 3, "solution": true, "task": false}
def relu_prime(Z):
    """The derivative of ReLU: 1.0 where Z > 0, 0.0 where Z <= 0 (0 at Z = 0).

    Z: a numpy array or a tf.Tensor, any shape, a floating dtype.
    Returns the same kind of object (numpy array or tf.Tensor), with Z's shape and dtype.
    """
    ### BEGIN SOLUTION
    if tf.is_tensor(Z):
        return tf.cast(Z > 0, Z.dtype)
    return (Z > 0).astype(Z.dtype)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_relu_prime", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
Z32_prime_t = np.array([[-2.5, 0.0, 1.5, 3.0], [0.25, 0.0, -1e-3, -7.0]], dtype=np.float32)
D32_prime_t = expect_numpy(call(relu_prime, Z32_prime_t), _("relu_prime of a float32 numpy array"), np.float32)
expect_close(D32_prime_t, answers, _("relu_prime of a float32 numpy array (z = 0 at two entries)"),
             hint=_("relu_prime is 1.0 where z > 0 and 0.0 where z <= 0, z = 0 included."))
D64_prime_t = expect_numpy(call(relu_prime, np.array([-1.5, 0.0, 2.0, -0.25, 4.5])),
                           _("relu_prime of a float64 numpy array"), np.float64)
expect_close(D64_prime_t, answers, _("relu_prime of a float64 numpy array"))
Dt_prime_t = expect_tensor(call(relu_prime, tf.constant([[-3.0, 0.0, 0.5], [2.0, -0.5, 1e-6]])),
                           _("relu_prime of a float32 tf.Tensor"), dtype=tf.float32, shape=(2, 3))
expect_close(Dt_prime_t, answers, _("relu_prime of a float32 tf.Tensor"))
expect_tensor(call(relu_prime, tf.constant([-1.0, 3.0], dtype=tf.float64)), _("relu_prime of a float64 tf.Tensor"),
              dtype=tf.float64)
passed("relu_prime")

# %% [markdown]
# Your two functions, with the sigmoid, tanh and the leaky ReLU $\max(0.2z, z)$ for comparison, over
# $z \in [-6, 6]$ (steps of 0.01, $z = 0$ included). The derivative is what backpropagation multiplies
# the gradient by at each unit (BP2 of lesson 01: $\delta^{[l]} = (W^{[l+1]})^T \delta^{[l+1]} \odot g'(z^{[l]})$),
# so the right-hand plot is the one that decides how well a layer learns. The cell also checks your
# `relu_prime` against TensorFlow's automatic differentiation: the gradient of a sum of ReLUs with
# respect to each $z$ is $\mathrm{ReLU}'(z)$.

# %%
from nncourse.utils.i18n import pad

z_axis = np.linspace(-6.0, 6.0, 1201).astype(np.float32)   # steps of 0.01; z_axis[600] is exactly 0
sigma_axis, tanh_axis = 1 / (1 + np.exp(-z_axis)), np.tanh(z_axis)
activations = {"sigmoid": (sigma_axis, sigma_axis * (1 - sigma_axis)),
               "tanh": (tanh_axis, 1 - tanh_axis ** 2),
               _("ReLU (your relu, relu_prime)"): (relu(z_axis), relu_prime(z_axis)),
               _("leaky ReLU, slope 0.2"): (np.maximum(0.2 * z_axis, z_axis), np.where(z_axis > 0, 1.0, 0.2))}
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
for name, (values, slopes) in activations.items():
    axes[0].plot(z_axis, values, label=name)
    axes[1].plot(z_axis, slopes, label=name)
axes[0].set(xlabel=_("weighted input z"), ylabel="g(z)", title=_("activation functions"), ylim=(-1.5, 3.0))
axes[1].set(xlabel=_("weighted input z"), ylabel="g'(z)", title=_("their derivatives: what the gradient is multiplied by"))
for ax in axes:
    ax.legend()
    ax.grid(alpha=0.3)
plt.show()
index_of = {z: int(np.argmin(np.abs(z_axis - z))) for z in (0.0, 2.0, 5.0)}
for name, (values, slopes) in activations.items():
    print(_(f"{pad(name, 29)} g'(z): largest {slopes.max():.3f}, at z = 2 {slopes[index_of[2.0]]:.4f}, "
          f"at z = 5 {slopes[index_of[5.0]]:.2e}"))

z_tensor = tf.constant(z_axis)
slopes_by_tape = {}
for name, g in [("tf.nn.relu", tf.nn.relu), (_("your relu"), relu), ("tf.maximum(z, 0)", lambda z: tf.maximum(z, 0.0))]:
    with tf.GradientTape() as tape:
        tape.watch(z_tensor)
        total = tf.reduce_sum(g(z_tensor))
    slope = tape.gradient(total, z_tensor)
    slopes_by_tape[name] = None if slope is None else slope.numpy()
for name, slope in slopes_by_tape.items():
    if slope is None:
        print(_(f"gradient through {name}: None (the tape lost track: a numpy result?)"))
    else:
        print(_(f"gradient through {pad(name, 16)}: differs from your relu_prime at {int(np.sum(slope != relu_prime(z_axis)))} "
              f"of {z_axis.size} points; at z = 0 it is {slope[index_of[0.0]]:g}"))

# %% [markdown]
# The sigmoid's slope is at most 0.25, and already 0.105 at $z = 2$ and $6.65 \cdot 10^{-3}$ at $z = 5$;
# tanh's starts at 1 but falls faster, to 0.0707 and $1.82 \cdot 10^{-4}$. Every saturated layer
# multiplies the gradient by such a number, so a few of them in a row leave the first layers almost no
# gradient. ReLU's slope is 1 for every $z > 0$. The tape agrees with your `relu_prime` at all 1,201
# points when it differentiates `tf.nn.relu`, $z = 0$ included; through `tf.maximum(z, 0)` it differs at
# exactly one point, $z = 0$, where it gives 1. At the kink any slope between 0 and 1 is defensible, and
# which one you get is the choice of whoever wrote the operation (through your own `relu`, yours).
#
# ### Dead units, epoch by epoch
#
# A first-layer unit whose weighted input $z$ is negative (or 0) on **every** training image outputs 0
# for all of them, and $\mathrm{ReLU}'(z) = 0$ there: by BP2 its $\delta$ is 0 on every example, so the
# gradient of the cost with respect to its weights and bias is exactly 0. Plain gradient descent never
# moves them again; Adam only finishes, over a few dozen steps, the move its momentum had under
# way. The unit is **dead**: only a change in the layer below could revive it,
# and below the first layer are the fixed pixels. Section 6 counted the live units of the network from scratch
# once, at the end. The Keras fit of section 7 recorded each first-layer unit's largest weighted input
# over the 1,080 training images, before training and after every epoch. A unit is alive when your
# `relu_prime` of that largest $z$ is 1, so summing `relu_prime` over the units counts them:

# %%
keras_live_units = relu_prime(np.array(keras_peaks))   # (EPOCHS + 1, 25): 1.0 where a unit is alive
keras_alive = keras_live_units.sum(axis=1)
ax = plot_curves({_("Keras model of section 7 (ReLU, Adam 3e-4)"): keras_alive}, _("live first-layer units (of 25)"),
                 xlabel=_("epoch (0: before training)"), title=_("first-layer ReLU units active on at least one training image"))
ax.set_ylim(0, 26)
ax.legend()
plt.show()
print(_("live first-layer units, before training and after each epoch:"), keras_alive.astype(int).tolist())
print(_(f"dead before training: {25 - int(keras_alive[0])}, after the first epoch: {25 - int(keras_alive[1])}, "
      f"after epoch {EPOCHS}: {25 - int(keras_alive[-1])}"))
print(_("units that were dead after some epoch and alive after a later one:"),
      int(np.sum(np.any(np.diff(keras_live_units, axis=0) > 0, axis=0))))

# %% [markdown]
# Before training, 2 of the 25 first-layer units were already dead: Glorot's random weights gave them a
# negative $z$ on every image. After the first epoch 17 were dead, after 40 epochs 18, and none ever
# came back. The network of section 6 ended the same way (3 live units of 25), and section 6 says why
# the first epoch is so deadly here: every pixel is positive, so Adam moves all 12,288 weights of a unit
# the same way at once. The 7 units that survived did all the learning: a first layer of 25 units
# doing the work of 7.
#
# ### tanh and leaky ReLU on the same network
#
# Two alternatives address the dead units from opposite sides. **tanh** has $\tanh'(z) = 1 - \tanh^2(z) > 0$
# everywhere, so no unit can die, but it saturates on both sides. The **leaky ReLU**, $\max(az, z)$
# with a small slope $a$ (Keras's `"leaky_relu"` takes $a = 0.2$; 0.01 is also common), keeps ReLU's
# slope 1 for $z > 0$ and gives the negative side a small slope instead of none: a unit whose $z$ is
# negative on every image still gets a gradient, $a$ times the one it would get on the positive side,
# and can climb back.
#
# Train the 12288-25-12-6 network of section 7 with each of the three hidden activations, for a few
# epochs only (this is a comparison, not a final model): the same initial weights (Keras's Glorot
# uniform from seed 1; the activation does not change the draw), the same mini-batches, learning rate
# $3 \cdot 10^{-4}$. The callback records the first layer as before; for the two ReLUs it counts the
# units whose $z$ is negative on every training image: dead for ReLU, only quiet for the leaky one.

# %%
from nncourse.utils.i18n import pad

ACTIVATION_EPOCHS = experiment_size(10, 1)
hidden_activations = experiment_size({"ReLU": "relu", _("leaky ReLU (slope 0.2)"): "leaky_relu", "tanh": "tanh"},
                                     {"ReLU": "relu"})   # while autograding: one short run


def accuracy(model, X_rows, labels):
    """The fraction of the examples X_rows (m, 12288) whose largest logit is their label."""
    return float(np.mean(np.argmax(model(X_rows).numpy(), axis=1) == labels))


activation_runs = {}
for name, activation in progress(hidden_activations.items(), desc=_("hidden activations")):
    tf.keras.utils.set_random_seed(1)
    model = tf.keras.Sequential([tf.keras.Input(shape=(12288,)), tf.keras.layers.Dense(25, activation=activation),
                                 tf.keras.layers.Dense(12, activation=activation), tf.keras.layers.Dense(6)])
    model.compile(optimizer=tf.keras.optimizers.Adam(LEARNING_RATE),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    run = {"test accuracy": [], "peaks": [first_layer_peaks(model, X_train_rows)]}

    def after_epoch(epoch, logs, model=model, run=run):
        run["test accuracy"].append(accuracy(model, X_test_rows, y_test))
        run["peaks"].append(first_layer_peaks(model, X_train_rows))

    batches = tf.data.Dataset.from_tensor_slices((X_train_rows, y_train)).shuffle(len(y_train), seed=1).batch(32)
    model.fit(batches, epochs=ACTIVATION_EPOCHS, verbose=0, shuffle=False,
              callbacks=[tf.keras.callbacks.LambdaCallback(on_epoch_end=after_epoch)])
    run["train"] = accuracy(model, X_train_rows, y_train)
    run["units with z > 0 somewhere"] = relu_prime(np.array(run["peaks"])).sum(axis=1)
    activation_runs[name] = run

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({name: run["test accuracy"] for name, run in activation_runs.items()}, _("test accuracy"), ax=axes[0],
            title=_(f"test accuracy after each epoch ({ACTIVATION_EPOCHS} epochs)"))
plot_curves({name: run["units with z > 0 somewhere"] for name, run in activation_runs.items() if "ReLU" in name},
            _("first-layer units with z > 0 on some image"), xlabel=_("epoch (0: before training)"), ax=axes[1],
            title=_("ReLU units die; leaky ones can come back"))
axes[1].set_ylim(0, 26)
plt.show()
for name, run in activation_runs.items():
    counts = run["units with z > 0 somewhere"].astype(int)
    units = (_(f"first-layer units with z > 0 on some image: {counts[0]} before, {counts.min()} at the fewest, "
             f"{counts[-1]} at the end") if "ReLU" in name else _("no unit can die (tanh' > 0 everywhere)"))
    print(_(f"{pad(name, 24)} after {ACTIVATION_EPOCHS} epochs: train {run['train']:.1%}, "
          f"test {run['test accuracy'][-1]:.1%}; {units}"))

# %% [markdown]
# After 10 epochs (a comparison at equal cost, not a verdict) the three are close: 55.0% test accuracy
# with ReLU, 58.3% with the leaky ReLU, 51.7% with tanh, where one test image is 0.8 points. Their first
# layers differ more. ReLU went from 23 live units to 7, as in the 40-epoch run. The leaky ReLU fell to
# 9 units with a positive $z$ on some image, then climbed back to 13: its quiet units still received a
# gradient, and some of them returned to work. tanh had no unit to lose, and reached the highest
# training accuracy (61.8%) but not the highest test accuracy. ReLU is the default not because it always
# wins but because it is cheap, does not saturate where it is active, and is a safe first choice; when
# many units die, a leaky ReLU or a smaller learning rate (section 6) are the usual remedies.
#
# ### The output activation: a regression
#
# The table at the start of this section, tried on a target that is a real number of either sign. The
# data: 256 points $x$ drawn uniformly in $[-3, 3]$ and $y = 0.5x^2 - 1.5 + 0.5\sin 3x$ plus a little
# noise (standard deviation 0.15), so that about half the targets are negative and some are above 1.
# Three networks 1-32-32-1 with ReLU hidden layers differ only in their output activation: linear (the
# table's choice for this target), sigmoid and ReLU. All three minimise the **mean squared error**
# $J = \frac{1}{m}\sum_i (\hat y^{(i)} - y^{(i)})^2$, Keras's `MeanSquaredError`, the usual cost of a
# regression (ML Specialization C2W2 §1, video *Training details*), with Adam ($\alpha = 0.01$) on
# mini-batches of 32, 300 steps (`steps_per_epoch` sets how many steps make an epoch when the data
# stream repeats).

# %%
regression_rng = np.random.default_rng(0)
x_reg = regression_rng.uniform(-3, 3, (256, 1)).astype(np.float32)
y_reg = (0.5 * x_reg ** 2 - 1.5 + 0.5 * np.sin(3 * x_reg) + regression_rng.normal(0, 0.15, x_reg.shape)).astype(np.float32)
REGRESSION_EPOCHS = experiment_size(15, 2)    # of 20 steps each
regression_fits = {}
for output in progress(experiment_size(["linear", "sigmoid", "relu"], ["linear"]), desc=_("regression")):
    tf.keras.utils.set_random_seed(2)
    regressor = tf.keras.Sequential([tf.keras.Input(shape=(1,)), tf.keras.layers.Dense(32, activation="relu"),
                                     tf.keras.layers.Dense(32, activation="relu"),
                                     tf.keras.layers.Dense(1, activation=output)])
    regressor.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss=tf.keras.losses.MeanSquaredError())
    stream = tf.data.Dataset.from_tensor_slices((x_reg, y_reg)).shuffle(256, seed=2).repeat().batch(32)
    regressor.fit(stream, steps_per_epoch=20, epochs=REGRESSION_EPOCHS, shuffle=False, verbose=0)
    regression_fits[output] = regressor

x_line = np.linspace(-3, 3, 200, dtype=np.float32)[:, None]
fig, ax = plt.subplots(figsize=(7, 4))
ax.scatter(x_reg, y_reg, s=8, color="gray", alpha=0.6, label=_("training data"))
for output, regressor in regression_fits.items():
    ax.plot(x_line, regressor(x_line).numpy(), label=_(f"{output} output"))
ax.set(xlabel="x", ylabel="y", title=_("one regression, three output activations"))
ax.legend()
ax.grid(alpha=0.3)
plt.show()
print(_(f"targets: from {y_reg.min():.2f} to {y_reg.max():.2f}, {np.mean(y_reg < 0):.1%} of them negative; mean squared "
      f"error of predicting their mean everywhere {y_reg.var():.3f}, of predicting 0 everywhere {np.mean(y_reg ** 2):.3f}"))
for output, regressor in regression_fits.items():
    predictions = regressor(x_reg).numpy()
    print(_(f"{output:7s} output after {20 * REGRESSION_EPOCHS} steps: mean squared error "
          f"{np.mean((predictions - y_reg) ** 2):.3f}, predictions from {predictions.min():.3f} "
          f"to {predictions.max():.3f}"))

# %% [markdown]
# The targets run from −2.04 to 3.32, and 53.5% of them are negative. The linear output follows them:
# mean squared error 0.039, not far above the variance of the noise ($0.15^2 = 0.0225$), with
# predictions from −1.846 to 3.396. The sigmoid output cannot leave $(0, 1)$: it follows the targets
# inside that band and stays flat at 0 and at 1 elsewhere (error 1.272). The ReLU output did worst: it
# predicts 0 everywhere, and its error, 2.275, is exactly that of predicting 0, a little worse than
# predicting the mean (2.256). Its output unit died like the hidden units above: the negative targets
# pushed its $z$ below 0 for every input, and from then on no gradient reaches any weight of the
# network. A ReLU output suits a target that is never negative; a target of either sign needs a linear
# output.
#
# ## 12. The binary cost, and what `axis` does
#
# Exercise 9's cost reads the 6 logits of an example together, through a softmax: one question with 6
# answers. A TensorFlow 2 version of the DLS C2W3 assignment computed another cost on the same one-hot
# labels, the **binary** (sigmoid) cross-entropy, which asks 6 separate yes/no questions: for every
# entry $z_{ki}$ of the logits $Z^{[3]}$, shape `(6, m)`, and its label $y_{ki} \in \{0, 1\}$,
#
# $$\mathcal L(z, y) = -y \log \sigma(z) - (1 - y) \log\bigl(1 - \sigma(z)\bigr),$$
#
# averaged over all $6m$ entries:
#
# $$J = \frac{1}{6m} \sum_{k=0}^{5} \sum_{i=1}^{m} \mathcal L\bigl(z_{ki}, y_{ki}\bigr).$$
#
# This is the cost of **multi-label** classification (lesson 02): each output is a probability of its
# own, and nothing makes the six sum to 1. On one-hot labels it still trains a working classifier, since
# each output learns "is it this class?", but it is the categorical cost that matches a softmax output
# (section 11's table).
#
# ### Exercise 13 — `compute_binary_loss`
# Return $J$ as a **scalar** `tf.Tensor` for `logits` and 0/1 `labels` of the same shape, any shape
# (`(6, m)` for SIGNS, `(1, m)` for a single binary output). TensorFlow has the loss of an entry computed
# from the logits, both in `tf.nn` and among Keras's losses; written directly from $\sigma(z)$ it would
# take $\log 0$ for a logit of $\pm 100$ in `float32`. Pitfalls:
#
# - the loss must be told that it receives logits, not probabilities, and not be given logits already
#   passed through a sigmoid;
# - the argument order: `tf.nn`'s function takes keywords (`labels=`, `logits=`); Keras's losses take
#   the labels first and the predictions second;
# - the mean over **all** entries, not the sum, not a mean over one axis (which leaves a vector, as the
#   next cell shows), and not a sum over the 6 outputs averaged over the $m$ examples (6 times too large).

# %% nbgrader={"grade": false, "grade_id": "compute_binary_loss", "locked": false, "schema_version": 3, "solution": true, "task": false}
def compute_binary_loss(logits, labels):
    """Mean over all entries of the sigmoid (binary) cross-entropy of the logits against 0/1 labels.

    logits: float32 tensor, any shape, e.g. (6, m); labels: float32 tensor of 0s and 1s, the same shape.
    Returns a scalar float32 tf.Tensor.
    """
    ### BEGIN SOLUTION
    per_entry = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    return tf.reduce_mean(per_entry)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_compute_binary_loss", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
rng_binary_t = np.random.default_rng(13)
logits_binary_t = rng_binary_t.normal(0, 2, (6, 5)).astype(np.float32)
labels_binary_t = np.eye(6, dtype=np.float32)[:, [0, 3, 5, 3, 1]]   # one-hot, m = 5 examples
J_binary_t = call(compute_binary_loss, tf.constant(logits_binary_t), tf.constant(labels_binary_t))
if tf.is_tensor(J_binary_t) and J_binary_t.shape.rank == 1:
    fail(_(f"compute_binary_loss returned a vector of shape {tuple(J_binary_t.shape)}: the mean ran over one "
         "axis only. Average over all the entries, to a single number."))
J_binary_t = expect_tensor(J_binary_t, "compute_binary_loss(logits, labels)", dtype=tf.float32, shape=())
expect_close(J_binary_t, answers, _("compute_binary_loss of (6, 5) logits and one-hot labels"), rtol=1e-5)
J_one_t = expect_tensor(call(compute_binary_loss, tf.constant([[2.0, -1.0, 0.5, -3.0]]),
                             tf.constant([[1.0, 0.0, 0.0, 1.0]])), _("compute_binary_loss of one binary output"),
                        dtype=tf.float32, shape=())
expect_close(J_one_t, answers, _("compute_binary_loss of (1, 4) logits"), rtol=1e-5)
J_multi_t = expect_tensor(call(compute_binary_loss, tf.constant(logits_binary_t[:3, :4]),
                               tf.constant([[1.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]])),
                          _("compute_binary_loss with several 1s per example"), dtype=tf.float32, shape=())
expect_close(J_multi_t, answers, _("compute_binary_loss of (3, 4) multi-label targets"), rtol=1e-5)
J_big_t = expect_tensor(call(compute_binary_loss, tf.constant(50 * logits_binary_t), tf.constant(labels_binary_t)),
                        _("compute_binary_loss of large logits"), dtype=tf.float32, shape=())
expect_close(J_big_t, answers, _("compute_binary_loss of large logits (around +-100)"), rtol=1e-4,
             hint=_("Compute the loss from the logits with TensorFlow's sigmoid cross-entropy: the log of a sigmoid "
                  "that rounded to 0 or 1 is -inf."))
passed("compute_binary_loss")

# %% [markdown]
# **What `axis` does.** `tf.reduce_mean(x)` averages every entry of `x` into one number; with `axis=k`
# it averages along axis $k$ only, and that axis disappears from the shape (unless `keepdims=True`,
# which keeps it with length 1, ready to broadcast). With examples in columns, `axis=0` averages over
# the 6 outputs of each example, `axis=1` over the $m$ examples of each output. Every column has the
# same 6 entries, so the mean of the column means is the mean of all entries: that is why a
# per-example Keras loss (`tf.keras.losses.binary_crossentropy` averages over the last axis) followed by
# `tf.reduce_mean` gives the same $J$ when its axis holds the 6 outputs. The entries of a 2 × 3 matrix,
# then the binary and the categorical cost of the same logits:

# %%
x_means = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 9.0]])
print("x =", x_means.numpy().tolist())
print("tf.reduce_mean(x)                        =", tf.reduce_mean(x_means).numpy())
print("tf.reduce_mean(x, axis=0)                =", tf.reduce_mean(x_means, axis=0).numpy(), _("(one per column)"))
print("tf.reduce_mean(x, axis=1)                =", tf.reduce_mean(x_means, axis=1).numpy(), _("(one per row)"))
print("tf.reduce_mean(x, axis=1, keepdims=True) =", tf.reduce_mean(x_means, axis=1, keepdims=True).numpy().tolist())
print(_("the mean of the column means             ="), tf.reduce_mean(tf.reduce_mean(x_means, axis=0)).numpy())

logits_demo = tf.constant(np.random.default_rng(4).normal(0, 2, (6, 8)), dtype=tf.float32)
labels_demo = tf.one_hot([0, 1, 2, 3, 4, 5, 2, 0], 6, axis=0)                               # (6, 8), one-hot
per_example = tf.keras.losses.binary_crossentropy(tf.transpose(labels_demo), tf.transpose(logits_demo), from_logits=True)
print(_(f"\nbinary cost J (your compute_binary_loss): {float(compute_binary_loss(logits_demo, labels_demo)):.4f}; "
      f"Keras's per-example binary loss {tuple(per_example.shape)}, then reduce_mean: {float(tf.reduce_mean(per_example)):.4f}"))
print(_(f"categorical cost per example (Exercise 9's total / m): {float(compute_total_loss(logits_demo, labels_demo)) / 8:.4f}"))
for name, outputs in [("sigmoid", tf.sigmoid(logits_demo)), ("softmax", tf.nn.softmax(logits_demo, axis=0))]:
    print(_(f"per example, the 6 {name} outputs sum to"),
          np.round(tf.reduce_sum(outputs, axis=0).numpy().astype(np.float64), 2).tolist())

# %% [markdown]
# Averaging over all 48 entries at once, or over the 6 outputs of each example and then over the 8
# examples, gives the same $J = 0.9746$, as Keras's per-example loss shows. The categorical cost of the
# same logits is another number, 3.1132 per example: not another way of computing one cost, but another
# cost. The sums say why: the six sigmoid outputs of an example can add up to anything between 0 and 6
# (here from 1.81 to 3.68), each a separate yes/no probability, while the six softmax outputs always add
# up to 1, one distribution over the classes.
#
# ## 13. Choosing a framework, and reading TensorFlow 1 code
#
# This lesson used TensorFlow 2, but it is one framework of several, and the list changes from year to
# year. DLS C2W3 3.10 (*Deep learning frameworks*) gives three criteria for choosing one that outlast
# any list: **ease of programming**, both to develop a network and to deploy it where it will run (a
# server, a phone, a browser); **running speed**, on the hardware you have; and whether it is **truly
# open**, which takes more than an open-source licence: good governance, so that the project stays open
# for a long time instead of depending on one company that might later close it or keep its best parts
# for a proprietary service. The
# ideas of this course (tensors, automatic differentiation, layers, losses, optimisers) carry over to
# any framework that meets them; only the spelling changes.
#
# **TensorFlow 1.** Much older material, including the first versions of the DLS assignment, is written
# for TensorFlow 1, which worked differently: you first *built* a graph, whose nodes had no values, and
# then *ran* it in a session. TensorFlow 2 keeps those functions in `tf.compat.v1` (the names below are
# as TensorFlow 1 spelled them, `tf.` for `tf.compat.v1.`):
#
# | TensorFlow 1 | TensorFlow 2 |
# | --- | --- |
# | `Y = tf.matmul(W, X)` adds a node to a graph: `Y` has no value yet | **eager execution**: every operation runs at once and returns its value (section 1) |
# | `X = tf.placeholder(tf.float32, shape=[12288, None])`: an input slot of the graph, filled at run time | a function argument: pass a tensor or a numpy array; `tf.keras.Input` declares a Keras model's input |
# | `sess = tf.Session()`, then `sess.run(cost, feed_dict={X: X_batch, Y: Y_batch})` runs the graph with the placeholders fed | call the Python function, e.g. `compute_total_loss(forward_propagation(X, parameters), Y)` |
# | `tf.get_variable("W1", [25, 12288], initializer=...)`, found again by name through variable scopes | `tf.Variable(initializer(shape))`, kept in a dict (Exercise 7) or by a Keras layer |
# | `sess.run(tf.global_variables_initializer())`: variables have no value until this runs | a `tf.Variable` has its value as soon as it is created |
# | `train_op = tf.train.AdamOptimizer(learning_rate).minimize(cost)`, then `sess.run(train_op, feed_dict=...)` for each mini-batch | a `tf.GradientTape` and `tf.keras.optimizers.Adam(learning_rate).apply_gradients(...)` (section 6), or `model.fit` |
# | the graph is built once and run many times | `@tf.function` gets the graph back: traced on the first call, traced **again** for each new input signature (another dtype or shape of a tensor argument, another value of a plain Python argument); `input_signature=[tf.TensorSpec(shape, dtype), ...]` fixes the signature, `None` in a shape standing for any length, so that one trace serves every batch size |
#
# Both styles, side by side, and the retracing rules counted with `experimental_get_tracing_count()`.
# A graph of its own (`with tf.Graph().as_default():`) lets TensorFlow 1 code run without turning eager
# execution off for the rest of the notebook:

# %%
from nncourse.utils.i18n import pad

with tf.Graph().as_default():
    X_slot = tf.compat.v1.placeholder(tf.float32, shape=(3, None), name="X")   # an input slot, no value
    W_tf1 = tf.compat.v1.get_variable("W", initializer=tf.constant([[1.0, -2.0, 0.5]]))
    Y_node = tf.matmul(W_tf1, X_slot)                                            # a node of the graph
    initialise = tf.compat.v1.global_variables_initializer()
    print(_("TensorFlow 1: Y is"), Y_node)
    with tf.compat.v1.Session() as session:
        session.run(initialise)
        print("  session.run(Y, feed_dict={X: ...}) =",
              session.run(Y_node, feed_dict={X_slot: [[1.0, 2.0], [0.0, 1.0], [2.0, 2.0]]}).tolist())
W_tf2 = tf.Variable([[1.0, -2.0, 0.5]])
print("TensorFlow 2: W @ X =", (W_tf2 @ tf.constant([[1.0, 2.0], [0.0, 1.0], [2.0, 2.0]])).numpy().tolist(),
      _("| executing eagerly:"), tf.executing_eagerly())


def scaled_mean_square(x, scale):
    return scale * tf.reduce_mean(x ** 2)


retraced = tf.function(scaled_mean_square)
signed = tf.function(scaled_mean_square, input_signature=[tf.TensorSpec([None, 6], tf.float32),
                                                          tf.TensorSpec([], tf.float32)])
signature_calls = [(_("a (32, 6) float32 batch, scale 1.0"), tf.ones((32, 6)), 1.0),
                   (_("another (32, 6) batch, scale 1.0"), tf.zeros((32, 6)), 1.0),
                   (_("a last, smaller batch (8, 6)"), tf.ones((8, 6)), 1.0),
                   (_("a (32, 6) batch, scale 2.0 (a new Python value)"), tf.ones((32, 6)), 2.0)]
print(_("\ncall                                               traces: plain tf.function  with input_signature"))
for label, x_call, scale in signature_calls:
    retraced(x_call, scale)
    signed(x_call, scale)
    print(f"{pad(label, 50)} {retraced.experimental_get_tracing_count():21d} {signed.experimental_get_tracing_count():17d}")
try:
    signed(tf.ones((32, 6), tf.float64), 1.0)
except (TypeError, ValueError) as err:
    print(_("a float64 batch, against the signature:"), type(err).__name__)

# %% [markdown]
# In TensorFlow 1 style `Y` is a symbolic tensor of shape `(1, None)`, with no value until `session.run`
# feeds the placeholder; TensorFlow 2 computes the same `[[2.0, 1.0]]` at once. The plain `tf.function`
# traced three times in four calls: again for the smaller last batch (a new shape) and again for
# `scale = 2.0` (a new Python value: a plain number is built into the graph as a constant). With an
# `input_signature` one trace served all four calls, the number converted to a tensor as the signature
# says, and a `float64` batch was refused with a `TypeError` instead of being traced again. In a
# training loop this means that the last, smaller mini-batch of an epoch costs a trace unless the
# signature allows any batch size (`None`), and that a number that changes from call to call, a
# learning rate for instance, should be passed as a tensor.
#
# ## What to expect
#
# The numbers this notebook printed when it was last checked, on the course's generated SIGNS set
# (seed 0) with TensorFlow 2.21 on two CPU cores. Everything is seeded, so yours should match on the
# same versions, up to the last digits where another processor rounds differently (the convolutional
# network's accuracies moved by about a point between two machines); timings depend on the machine and
# its load:
#
# - **GradientTape:** $w = 5.0000$ for $c = (1, -10, 25)$ and $10.0000$ for $c = (1, -20, 100)$ after 64 steps
#   of 0.1 (with the defaults, 1,000 steps of 0.01, `minimize_quadratic([1, -10, 25])` gives 4.99999).
# - **`@tf.function`:** 300 steps of the same descent ran 2 to 5 times faster traced than eagerly
#   (tracing included) in repeated runs, for example 0.15 s against 0.40 s; a call with float64 inputs
#   traced the function a second time.
# - **Network from scratch** (12288-25-12-6, Adam $3 \cdot 10^{-4}$, mini-batches of 32, 40 epochs, 11 to
#   16 s): cost $J$ 1.816 after the first epoch, 0.830 after the last; 74.8% training and 73.3% test
#   accuracy; 3 of the 25 first-layer units active on at least one training image.
# - **Keras** (same model and settings, 8 to 11 s): 79.6% training, 68.3% test accuracy, in 7 lines of
#   code against 45 for the four functions of the version from scratch.
# - **Mistakes:** 32 of the 120 test images misclassified, 24 of them by a finger more or less; per-class
#   test accuracy 0.9, 0.65, 0.75, 0.7, 0.5 and 0.9 for 0 to 5 fingers; the most frequent confusions
#   4 → 5 (4 images), 2 → 3 and 4 → 3 (3 each).
# - **Rings:** the 2-25-12-3 network classifies 100.0% of the points with ReLU and 26.8% without any
#   activation, against 37.2% for always guessing the largest ring; that linear network's cross-entropy
#   is 1.0933 per point, against 1.0954 for ignoring the input, and its logits equal $W x + b$ with
#   $W = W^{[3]}W^{[2]}W^{[1]}$ to $3.3 \times 10^{-7}$.
# - **Convolutional network** (7,926 parameters against 307,615, 10 epochs, 5 to 7 s): 89.5% training
#   and 80.0% test accuracy, against 79.6% and 68.3% for the dense Keras network.
# - **Activations:** the sigmoid's slope at most 0.250, 0.1050 at $z = 2$ and $6.65 \cdot 10^{-3}$ at $z = 5$;
#   tanh's 1.000, 0.0707 and $1.82 \cdot 10^{-4}$; ReLU's 1 for every $z > 0$. `relu_prime` agrees with the
#   tape's gradient of `tf.nn.relu` at all 1,201 points; that of `tf.maximum(z, 0)` differs at $z = 0$ only.
# - **Dead units** (the Keras model): 23 of the 25 first-layer units alive before training, 8 after the first
#   epoch, 7 from the second epoch to the 40th; none came back.
# - **Hidden activations** (10 epochs): train / test accuracy 50.3% / 55.0% with ReLU (7 live first-layer
#   units at the end), 55.9% / 58.3% with the leaky ReLU (slope 0.2; 9 units with $z > 0$ somewhere at the
#   fewest, 13 at the end), 61.8% / 51.7% with tanh.
# - **Regression** (1-32-32-1, 300 steps): mean squared error 0.039 with a linear output, 1.272 with a sigmoid
#   output (predictions from 0.000 to 1.000), 2.275 with a ReLU output, which predicts 0 everywhere.
# - **Binary cost:** $J = 0.9746$ for the (6, 8) example, by your `compute_binary_loss` and by Keras's
#   per-example loss averaged; the categorical cost of the same logits 3.1132 per example.
# - **Retracing:** three traces in four calls for the plain `tf.function`, one with an `input_signature`,
#   which refuses a `float64` batch with a `TypeError`.
#
# On the real SIGNS photos (if you have them) the accuracies will differ: they are other pictures.
