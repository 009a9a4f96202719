# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 01 — Backpropagation from scratch
#
# In this lesson you build, from nothing but numpy, a neural network that learns to read handwritten
# digits, and you write the algorithm that makes it learn: **backpropagation**. The network is small
# (784 inputs, 30 hidden neurons, 10 outputs) and every line of it is yours.
#
# The lesson follows chapters 1 and 2 of Michael Nielsen's *Neural Networks and Deep Learning*
# (2015), which you may read alongside.
#
# **How this notebook works.** Cells marked `# YOUR CODE HERE` are yours to write. The cell after each
# exercise tests your function: run it, read its message if it fails, fix, run again. The tests you
# see are public; when your work is graded, further hidden tests run the same function on inputs you
# have not seen, so make it correct in general, not just on the examples.

# %% tags=["setup"] nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nncourse.utils.checks import call, expect_close, expect_dtype, expect_shape, passed
from nncourse.utils.data import load_mnist
from nncourse.utils.plotting import show_images

# %% [markdown]
# ## 1. The data
#
# MNIST is a set of 28×28 grey-scale images of handwritten digits with their labels. The course
# keeps data as **columns**: `X` has shape `(784, m)`, one flattened image per column, pixel values
# in [0, 1]; `y` has shape `(m,)` and holds the digit each column shows.

# %%
(X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist()
print("X_train:", X_train.shape, X_train.dtype, " y_train:", y_train.shape, y_train.dtype)
show_images(X_train[:, :20], labels=y_train[:20], ncols=10);

# %% [markdown]
# ## 2. The sigmoid neuron
#
# Each neuron of our network computes a weighted input $z = w \cdot x + b$ and outputs
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}} .$$
#
# Why not a step function, which outputs 0 or 1 like a "perceptron"? Because learning means making
# *small* changes to weights and seeing *small* changes in the output. A step function jumps; the
# sigmoid is a smooth step, so the output changes smoothly with every weight, and calculus tells us
# which way to move each one (Nielsen, ch. 1).
#
# **Numerics.** For $z = -1000$, `np.exp(-z)` overflows to `inf`. The result $1/(1+\infty) = 0$ happens
# to be right, but numpy warns. A form that never overflows uses $e^{-|z|} \le 1$:
#
# $$\sigma(z) = \frac{1}{1 + e^{-|z|}} \text{ for } z \ge 0, \qquad \sigma(z) = \frac{e^{-|z|}}{1 + e^{-|z|}} \text{ for } z < 0 .$$
#
# ### Exercise 1 — `sigmoid`
# Write `sigmoid(z)`, elementwise, for an array `z` of any shape. It must return finite values for
# $|z| \le 1000$.

# %% nbgrader={"grade": false, "grade_id": "sigmoid", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), elementwise.

    z: array of any shape.  Returns a float64 array of the same shape, values in [0, 1].
    """
    ### BEGIN SOLUTION
    e = np.exp(-np.abs(z))  # never overflows: e <= 1
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
z = np.array([[-1.0, 0.0, 2.0],
              [1000.0, -1000.0, 0.5]])
s = call(sigmoid, z)
expect_close(s, [[0.2689414214, 0.5, 0.8807970780],
                 [1.0, 0.0, 0.6224593312]], "sigmoid(z)", rtol=1e-8, atol=1e-12,
             wrong={"compute 1/(1 + exp(z)): the sign of z is flipped": lambda: 1 / (1 + np.exp(z)),
                    "compute exp(-z)/(1 + exp(-z)), which is 1 - sigmoid(z)": lambda: 1 - 1 / (1 + np.exp(-z))})
expect_dtype(call(sigmoid, np.array([0, 3])), np.float64, "sigmoid of an integer array")
expect_shape(call(sigmoid, np.zeros((4, 1))), (4, 1), "sigmoid(np.zeros((4, 1)))")
passed("sigmoid")
### BEGIN HIDDEN TESTS
from nncourse.autograder.hidden import check_hidden
check_hidden("01_backprop", "sigmoid", sigmoid)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2 — `sigmoid_prime`
# Backpropagation needs the derivative of the activation. For the sigmoid it has a neat form:
#
# $$\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr).$$
#
# (Differentiate $(1 + e^{-z})^{-1}$ and rearrange.) Write `sigmoid_prime(z)` using your `sigmoid`.

# %% nbgrader={"grade": false, "grade_id": "sigmoid_prime", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sigmoid_prime(z):
    """Derivative of the sigmoid, elementwise: sigmoid(z) * (1 - sigmoid(z)).

    z: array of any shape.  Returns a float64 array of the same shape, values in [0, 0.25].
    """
    ### BEGIN SOLUTION
    s = sigmoid(z)
    return s * (1.0 - s)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid_prime", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
z = np.array([[-1.0, 0.0, 2.0],
              [1000.0, -1000.0, 0.5]])
expect_close(call(sigmoid_prime, z), [[0.1966119332, 0.25, 0.1049935854],
                                      [0.0, 0.0, 0.2350037122]], "sigmoid_prime(z)", rtol=1e-8, atol=1e-12,
             wrong={"return sigmoid(z) itself instead of its derivative": lambda: sigmoid(z),
                    "compute z * (1 - z): apply the formula to sigmoid(z), not to z": lambda: z * (1 - z)})
expect_dtype(call(sigmoid_prime, np.array([0, 3])), np.float64, "sigmoid_prime of an integer array")
passed("sigmoid_prime")
### BEGIN HIDDEN TESTS
from nncourse.autograder.hidden import check_hidden
check_hidden("01_backprop", "sigmoid_prime", sigmoid_prime)
### END HIDDEN TESTS

# %% [markdown]
# Here are both. Notice that $\sigma'$ is at most 0.25 and almost 0 once $|z| > 5$: a saturated neuron
# barely changes its output when its weights change, so it learns slowly. Lesson 02 returns to this.

# %%
z = np.linspace(-8, 8, 200)
plt.figure(figsize=(6, 3.5))
plt.plot(z, sigmoid(z), label=r"$\sigma(z)$")
plt.plot(z, sigmoid_prime(z), label=r"$\sigma'(z)$")
plt.xlabel("z")
plt.legend()
plt.grid(alpha=0.3)
plt.show()
