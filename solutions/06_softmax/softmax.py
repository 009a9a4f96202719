# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 06 — Softmax regression: many classes, straight boundaries, safe numerics
#
# Logistic regression answers a yes/no question. Most classification problems have more than two
# answers: which of ten digits, which of four kinds of animal. In this lesson you build the
# multi-class generalisation, **softmax regression**, piece by piece: the softmax function and its
# "hard" counterpart, one-hot labels, the cross-entropy loss and its remarkably simple gradient
# $\partial \mathcal{L} / \partial z = \hat y - y$, then the whole model trained by gradient descent. You will
# see that without a hidden layer its decision boundaries are always straight lines, what one
# hidden layer changes, why two-class softmax *is* logistic regression, and why a softmax written
# straight from its formula breaks on perfectly ordinary inputs.
#
# The lesson follows the Deep Learning Specialization, course 2, week 3, videos 3.8 (*Softmax
# regression*) and 3.9 (*Training a softmax classifier*), cited below as DLS C2W3 3.8–3.9, and the
# Machine Learning Specialization, course 2, week 2, section 3 (*Multiclass classification*, including
# the improved, numerically safer implementation of softmax), cited as ML Specialization C2W2 §3.
#
# **How this notebook works.** Cells marked `# YOUR CODE HERE` are yours to write. The cell after each
# exercise tests your function: run it, read its message if it fails, fix, run again. Hidden tests
# run the same function on inputs you have not seen when your work is graded, so make it correct in
# general, not just on the examples. A test cell holds only its inputs (their names end in `_t`, so
# they never overwrite yours) and the calls that check your function; when a result is wrong, its
# message says where, and names the mistake when it is a common one. Cells that ask a question in
# words are read and graded by your instructor.

# %% tags=["setup"] nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nncourse.utils.answers import public_answers
from nncourse.utils.checks import (call, expect_close, expect_dtype, expect_equal, expect_finite, expect_items,
                                   expect_number, expect_shape, fail, passed)
from nncourse.utils.gradcheck import numerical_gradient, relative_error
from nncourse.utils.network import accuracy_on, cost_on, feedforward, sigmoid, train
from nncourse.utils.plotting import plot_curves
from nncourse.utils.progress import progress, progress_range
from nncourse.utils.runtime import experiment_size

answers = public_answers("06_softmax")  # what the public tests expect, and what known mistakes give

# %% [markdown]
# ## 1. The softmax function
#
# With $C$ classes, the last layer computes one number per class for each example, the **logits**
# $z = Wx + b \in \mathbb{R}^C$. Softmax turns them into a probability distribution over the classes,
# numbered from 0 as in the code:
#
# $$\hat y_i = \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=0}^{C-1} e^{z_j}}, \qquad i = 0, \dots, C - 1 .$$
#
# Exponentiating makes every entry positive; dividing by the sum makes them add up to 1. The order of
# the logits is kept, and larger gaps between them give more lopsided probabilities. Unlike the
# sigmoid, softmax takes a whole vector in and gives a whole vector out: raising one logit lowers
# every other probability.
#
# **A worked example** (DLS C2W3 3.8): for $z = (5, 2, -1, 3)$, $e^{z} \approx (148.4,\ 7.39,\ 0.368,\ 20.1)$,
# whose sum is about 176.3, so $\hat y \approx (0.842,\ 0.042,\ 0.002,\ 0.114)$. Class 0 wins with 84%.
#
# As everywhere in the course, examples are **columns**: `Z` is `(C, m)`, and softmax acts on each
# column separately.
#
# ### Numerics: the naive formula overflows
#
# Float64 cannot hold $e^{710}$ or more. A logit of 1000 is unusual but far from impossible (a
# confident network, unscaled inputs, a large learning rate), and the formula as written then fails:

# %%
z_big = np.array([[1000.0], [999.0], [998.0]])
with np.errstate(over="ignore", invalid="ignore"):   # numpy would warn; we want to see the values
    print("np.exp(1000.0) =", np.exp(1000.0))
    naive = np.exp(z_big) / np.exp(z_big).sum(axis=0)
print(_("naive softmax of (1000, 999, 998):"), naive.ravel())

# %% [markdown]
# `inf / inf` is `nan`, and one `nan` spreads to every number computed from it: the cost, the
# gradient, then every weight. The fix costs nothing. For any constant $c$,
#
# $$\frac{e^{z_i - c}}{\sum_j e^{z_j - c}} = \frac{e^{-c}\, e^{z_i}}{e^{-c} \sum_j e^{z_j}} = \frac{e^{z_i}}{\sum_j e^{z_j}} ,$$
#
# because the common factor $e^{-c}$ cancels: softmax only sees the *differences* between logits.
# Choose $c = \max_j z_j$, separately for each column. Then the largest shifted logit is 0, every
# $e^{z_i - c}$ lies between 0 and 1 so nothing overflows, and the denominator is at least 1 so there is
# no division by zero. An entry more than about 745 below its column's maximum underflows to exactly 0:
# its true probability is then less than half the smallest positive float64 ($5 \times 10^{-324}$), so 0 is
# the nearest float64 to it.
#
# ### Exercise 1 — `softmax`
# Write the column-wise softmax with the max-shift. It must give finite values for logits up to
# $10^3$ in size, and subtract each **column's own** maximum: a single maximum over the whole matrix
# would push the other columns' exponentials down to 0, and give them 0/0.

# %% nbgrader={"grade": false, "grade_id": "softmax", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax(Z):
    """Column-wise softmax: exp of each column, divided by that column's sum.

    Z: (C, m) logits, one column per example.
    Returns a float64 array (C, m) with entries in [0, 1], each column summing to 1;
    finite for logits up to 1e3 in absolute value.
    """
    ### BEGIN SOLUTION
    E = np.exp(Z - Z.max(axis=0, keepdims=True))   # each column's largest logit becomes 0: E <= 1
    return E / E.sum(axis=0, keepdims=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_softmax", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
Z_t = np.array([[5.0, 0.0, 1000.0],
                [2.0, 0.0, 999.0],
                [-1.0, 0.0, 0.0],
                [3.0, 0.0, -1000.0]])   # column 0: the worked example; column 2: logits up to 1000
S_t = call(softmax, Z_t)
expect_shape(S_t, (4, 3), "softmax(Z)")
expect_finite(call(softmax, np.array([[1000.0], [999.0], [998.0]])), _("softmax of the column (1000, 999, 998)"))
expect_finite(S_t, _("softmax(Z), whose columns 0 and 1 lie about 1000 below column 2's maximum,"))
expect_close(S_t, answers, _("softmax(Z) (column 0 is the worked example z = (5, 2, -1, 3))"), atol=1e-11)
expect_dtype(call(softmax, np.array([[1, 2], [3, 4]])), np.float64, _("softmax of an integer array"))
expect_close(call(softmax, np.array([[-3.0], [-3.0]])), answers, _("softmax of one column (-3, -3)"))
passed("softmax")

# %% [markdown]
# Your softmax on the worked example, and on the logits that broke the naive formula:

# %%
z = np.array([[5.0], [2.0], [-1.0], [3.0]])
print("softmax(5, 2, -1, 3) =", softmax(z).ravel().round(3), _(" sum:"), softmax(z).sum())
print("softmax(1000, 999, 998) =", softmax(z_big).ravel().round(3))

# %% [markdown]
# ## 2. Hardmax
#
# The name "softmax" contrasts it with **hardmax** (DLS C2W3 3.9), which puts a 1 at the largest logit
# and 0 everywhere else: $(5, 2, -1, 3) \mapsto (1, 0, 0, 0)$. Hardmax is what we use to *predict*; softmax
# is a smooth version of it that we can *train*, because it changes gradually with every logit while
# hardmax jumps and has zero gradient almost everywhere.
#
# ### Exercise 2 — `hardmax`
# Return an array of 0s and 1s with exactly one 1 per column, at the column's largest entry.
# When several entries tie for the largest, choose the first one, as `np.argmax` does. Floats (0.0 and
# 1.0, like the probabilities hardmax stands in for) are usual; integers or booleans hold the same 0s
# and 1s, and numpy mixes them with floats, so they are right too.

# %% nbgrader={"grade": false, "grade_id": "hardmax", "locked": false, "schema_version": 3, "solution": true, "task": false}
def hardmax(Z):
    """One-hot of each column's largest entry (the first one when several are equal).

    Z: (C, m).  Returns a (C, m) array of 0s and 1s (float64 here; int or bool work too):
    1 at each column's argmax, 0 elsewhere.
    """
    ### BEGIN SOLUTION
    C, m = Z.shape
    H = np.zeros((C, m))
    H[np.argmax(Z, axis=0), np.arange(m)] = 1.0
    return H
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_hardmax", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
Z_t = np.array([[5.0, 1.0, 3.0, -2.0],
                [2.0, 4.0, 3.0, -1.0],
                [-1.0, 0.0, 1.0, -3.0],
                [3.0, 4.0, 0.0, -1.0]])   # columns 1, 2 and 3 each hold a tie for the largest entry
H_t = call(hardmax, Z_t)
expect_shape(H_t, (4, 4), _("hardmax(Z) (a (C, m) matrix of 0s and 1s, not the indices of the maxima)"))
expect_close(H_t, answers, "hardmax(Z)", check_dtype=False)
expect_close(call(hardmax, np.array([[0.0], [2.0], [1.0]])), answers, _("hardmax of one column (0, 2, 1)"),
             check_dtype=False)
passed("hardmax")

# %%
print("z =", z.ravel(), "\n  softmax:", softmax(z).ravel().round(3), "\n  hardmax:", hardmax(z).ravel())

# %% [markdown]
# ### Why "soft" max: scale the logits
#
# The lecture that introduces hardmax (DLS C2W3 3.9) takes the name from it: hardmax sends the largest
# entry of $z$ to 1 and every other entry to 0, and softmax is a gentler, graded version of the same
# mapping. You can watch the one turn into the other. Multiply the logits by a number $c > 0$; any two probabilities then compare as
#
# $$\frac{\operatorname{softmax}(cz)_i}{\operatorname{softmax}(cz)_k} = \frac{e^{c z_i}}{e^{c z_k}} = e^{c\,(z_i - z_k)} .$$
#
# The exponential turns a *difference* of logits into a *ratio* of probabilities, and $c$ multiplies the
# difference. Take $k$, the class of the largest logit: for every other class the ratio $e^{-c\,(z_k - z_i)}$
# falls to 0 as $c$ grows, so all the probability moves to class $k$ and $\operatorname{softmax}(cz) \to
# \operatorname{hardmax}(z)$. As $c \to 0$ every ratio tends to $e^0 = 1$, so softmax tends to the uniform
# distribution $(1/C, \dots, 1/C)$, whatever the logits; $c = 1$ is the softmax of this lesson. Written as
# $\operatorname{softmax}(z / T)$, the number $T = 1/c$ is called the **temperature**: $c$ is an inverse
# temperature, a hot softmax spreads the probability evenly, a cold one freezes it onto the arg max. (If
# several logits tie for the largest, the limit shares the probability equally between them, while hardmax
# picks the first; $z$ below has no tie.) Whatever $c > 0$, the largest logit stays the largest: scaling
# changes how confident softmax is, never which class it predicts.
#
# Your `softmax` and `hardmax` on the worked example $z = (5, 2, -1, 3)$, for $c$ from 0.01 to 100. Softmax
# acts on each column separately, so one call does every $c$ at once, one column per value of $c$:

# %%
c_grid = np.logspace(-2, 2, 401)          # c from 0.01 to 100, evenly spaced on a log axis
Y_hat_scaled = softmax(z * c_grid)        # (4, 1) times (401,) gives (4, 401): column j is softmax(c_j z)
fig, ax = plt.subplots(figsize=(7, 4))
for i in range(z.shape[0]):
    ax.plot(c_grid, Y_hat_scaled[i], label=_(f"class {i} ($z_{i}$ = {z[i, 0]:g})"))
ax.axhline(1 / z.shape[0], color="gray", linewidth=0.8, linestyle=":", label=_("uniform, $1/C$"))
ax.set_xscale("log")
ax.set_xlabel(_("scale $c$ of the logits (log axis)"))
ax.set_ylabel(r"$\mathrm{softmax}(c z)_i$")
ax.set_title(_("softmax(c z) for z = (5, 2, -1, 3): from uniform to hardmax(z)"))
ax.legend(loc="center right")
plt.show()
for c_value in [0.01, 1.0, 10.0, 100.0]:
    y_hat_c = softmax(c_value * z)
    print(_(f"c = {c_value:>6g}: softmax(c z) = ({', '.join(f'{p:.3g}' for p in y_hat_c.ravel())})\n"
          f"             largest {y_hat_c.max():.10f},  max |softmax(c z) - hardmax(z)| = "
          f"{np.abs(y_hat_c - hardmax(z)).max():.1e},  max |softmax(c z) - 1/C| = "
          f"{np.abs(y_hat_c - 1 / z.shape[0]).max():.1e}"))

# %% [markdown]
# At $c = 0.01$ all four probabilities lie within $8.1 \times 10^{-3}$ of $1/4$. At $c = 1$ the worked
# example comes back, class 0 with 0.842. At $c = 10$ the largest probability is 0.9999999979 and the
# distance to hardmax, the largest $|\operatorname{softmax}(cz)_i - \operatorname{hardmax}(z)_i|$, is
# $2.1 \times 10^{-9}$; at $c = 100$ the largest is 1 to every digit float64 holds, and the distance is
# $1.4 \times 10^{-87}$. For large $c$ that distance is close to $e^{-2c}$, set by the runner-up, class 3,
# whose logit is 2 below the largest ($e^{-20} \approx 2.1 \times 10^{-9}$). The plot also shows class 3
# first gaining a little: for small $c$, $\operatorname{softmax}(cz)_i \approx (1 + c\,(z_i - \bar z))/C$ with
# $\bar z = 2.25$ the mean logit, so every class above the mean gains at first, and only the largest keeps
# gaining.

# %% [markdown]
# ## 3. One-hot labels
#
# Labels arrive as integers, `y = [2, 0, 1, ...]`. The loss compares the probability vector $\hat y$ of
# each example with its label written as a vector too, the **one-hot** column with a 1 in row $y$:
# for $C = 4$, the label 2 becomes $(0, 0, 1, 0)^T$. A one-hot column is itself a probability
# distribution, the one that is certain of the right answer.
#
# ### Exercise 3 — `one_hot`
# Return the `(C, m)` matrix whose column $j$ is the one-hot vector of `y[j]`. Take the number of rows
# from `C`, not from the labels: a small batch may happen to contain no example of the last class. Floats
# are usual, but integer or boolean 0s and 1s are right too: numpy mixes them with the float outputs
# $\hat y$ (TensorFlow, in lesson 07, will not).

# %% nbgrader={"grade": false, "grade_id": "one_hot", "locked": false, "schema_version": 3, "solution": true, "task": false}
def one_hot(y, C):
    """One-hot columns of integer labels.

    y: (m,) integers in 0..C-1; C: the number of classes.
    Returns a (C, m) array of 0s and 1s (float64 here; int or bool work too): 1 in row y[j] of column j,
    0 elsewhere.
    """
    ### BEGIN SOLUTION
    m = len(y)
    Y = np.zeros((C, m))
    Y[y, np.arange(m)] = 1.0
    return Y
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_one_hot", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
y_t = np.array([2, 0, 1, 2, 0])
Y_t = call(one_hot, y_t, 4)
expect_shape(Y_t, (4, 5), _("one_hot(y, 4) (C = 4 rows, although class 3 does not occur in y)"))
expect_close(Y_t, answers, _("one_hot(y, 4) with y = [2, 0, 1, 2, 0]"), check_dtype=False)
expect_close(call(one_hot, np.array([1]), 2), answers, _("one_hot of one example of class 1, C = 2"), check_dtype=False)
passed("one_hot")

# %% [markdown]
# ## 4. The loss
#
# For one example with one-hot label $y$ and prediction $\hat y$, softmax regression uses the
# **cross-entropy** loss (DLS C2W3 3.9)
#
# $$\mathcal{L}(\hat y, y) = -\sum_{i=0}^{C-1} y_i \ln \hat y_i = -\ln \hat y_{\text{true class}} ,$$
#
# since only the true class's term survives the zeros of $y$. To make the loss small, the model must
# give the true class a high probability; a probability near 0 for the truth costs without limit. The
# cost of a batch averages the losses of its $m$ columns:
#
# $$J = -\frac{1}{m} \sum_{j=0}^{m-1} \sum_{i=0}^{C-1} Y_{ij} \ln \hat Y_{ij} ,$$
#
# with $i$ the row (the class) and $j$ the column (the example).
#
# With $C = 2$ this is exactly the binary cross-entropy of logistic regression (section 8 returns to this).
#
# ### Exercise 4 — `softmax_cost`
# `Y_hat` holds softmax outputs (every entry above 0 here), `Y` the one-hot labels, both `(C, m)`.
# Return $J$ as a float.

# %% nbgrader={"grade": false, "grade_id": "softmax_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_cost(Y_hat, Y):
    """Cross-entropy cost -1/m * sum over the C rows and m columns of Y * ln(Y_hat).

    Y_hat: (C, m) softmax outputs, every entry > 0; Y: (C, m) one-hot labels.
    Returns a float.
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(Y_hat)) / m)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_softmax_cost", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
Y_hat_t = np.array([[0.7, 0.1, 0.2, 0.3],
                    [0.2, 0.3, 0.5, 0.3],
                    [0.1, 0.6, 0.3, 0.4]])
Y_t = np.array([[1.0, 0.0, 0.0, 1.0],
                [0.0, 0.0, 1.0, 0.0],
                [0.0, 1.0, 0.0, 0.0]])   # labels 0, 2, 1, 0
cost_t = call(softmax_cost, Y_hat_t, Y_t)
expect_number(cost_t, "softmax_cost(Y_hat, Y)")
expect_close(cost_t, answers, _("softmax_cost(Y_hat, Y) with C = 3 classes and m = 4 examples"), m=4)
expect_close(call(softmax_cost, np.array([[0.25], [0.75]]), np.array([[0.0], [1.0]])), answers,
             _("softmax_cost of one example of class 1"))
passed("softmax_cost")

# %% [markdown]
# ### Numerics again: compute the loss from the logits
#
# The max-shift keeps softmax finite, but a probability can still underflow to exactly 0, and then its
# logarithm is $-\infty$ although the true loss is merely large. Take logits $z = (1000, 0, -1000)$ and true
# class 2: softmax rounds $\hat y_1 = e^{-1000}/\dots$ and $\hat y_2 = e^{-2000}/\dots$ to 0, so the true
# class's term is $1 \cdot \ln 0 = -\infty$ and class 1's is $0 \cdot (-\infty)$, which numpy makes
# `nan`. Writing the log of softmax out avoids both the division and the underflow:
#
# $$-\ln \hat y_k = -z_k + \ln \sum_j e^{z_j} = -(z_k - c) + \ln \sum_j e^{z_j - c}, \qquad c = \max_j z_j ,$$
#
# the **log-sum-exp** form, with the same max-shift inside. Here, with $k = 2$ and $c = 1000$, it gives
# $-(-1000 - 1000) + \ln(1 + e^{-1000} + e^{-2000}) = 2000$.
# This is why deep-learning libraries prefer to receive logits and apply softmax inside the loss
# themselves (`from_logits=True` in TensorFlow; ML Specialization C2W2 §3, lesson 07):

# %%
def softmax_cost_from_logits(Z, Y):
    """The same cost as softmax_cost(softmax(Z), Y), computed stably from the logits (log-sum-exp)."""
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    return float(-np.sum(Y * log_probabilities) / Z.shape[1])

z3 = np.array([[1000.0], [0.0], [-1000.0]])
y3 = np.array([[0.0], [0.0], [1.0]])   # the true class is class 2
with np.errstate(divide="ignore", invalid="ignore"):
    print("softmax(z) =", softmax(z3).ravel(), "-> softmax_cost =", softmax_cost(softmax(z3), y3))
print("softmax_cost_from_logits =", softmax_cost_from_logits(z3, y3))
rng = np.random.default_rng(0)
Z_check, Y_check = rng.normal(0.0, 3.0, (5, 8)), one_hot(rng.integers(0, 5, 8), 5)
print(_("on ordinary logits the two agree:"), softmax_cost(softmax(Z_check), Y_check), softmax_cost_from_logits(Z_check, Y_check))

# %% [markdown]
# ## 5. The gradient: $\partial \mathcal{L} / \partial z = \hat y - y$
#
# Backpropagation needs $\partial \mathcal{L} / \partial z$. Softmax couples all the outputs, so first its
# derivative: differentiating $\hat y_i = e^{z_i} / \sum_k e^{z_k}$ with the quotient rule gives
#
# $$\frac{\partial \hat y_i}{\partial z_j} = \hat y_i\,(\delta_{ij} - \hat y_j), \qquad \delta_{ij} = 1 \text{ if } i = j \text{, else } 0 .$$
#
# Then, by the chain rule through every $\hat y_i$,
#
# $$\frac{\partial \mathcal{L}}{\partial z_j} = -\sum_i \frac{y_i}{\hat y_i}\, \hat y_i\,(\delta_{ij} - \hat y_j)
#   = -y_j + \hat y_j \sum_i y_i = \hat y_j - y_j ,$$
#
# because the entries of a one-hot $y$ add up to 1. The matrix of softmax derivatives and the $1/\hat y$ of
# the logarithm cancel, leaving the prediction minus the truth (DLS C2W3 3.9), just as the sigmoid with
# cross-entropy did in lesson 02. For the cost $J$, the average over the $m$ columns:
#
# $$dZ = \frac{\partial J}{\partial Z} = \frac{1}{m}\,(\hat Y - Y) .$$
#
# ### Exercise 5 — `softmax_grad_z`
# Return $dZ$, the gradient of the cost $J$ with respect to the logits, for a batch of softmax outputs
# `Y_hat` and one-hot labels `Y`, both `(C, m)`. Two pitfalls: $m$ is the number of examples, the
# columns, not the number of classes; and no $\hat y (1 - \hat y)$ factor appears, since the softmax
# derivatives have already cancelled with those of the logarithm.

# %% nbgrader={"grade": false, "grade_id": "softmax_grad_z", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_grad_z(Y_hat, Y):
    """dZ, the gradient of the cost J = softmax_cost(softmax(Z), Y) with respect to the logits Z (section 5).

    Y_hat: (C, m) softmax outputs; Y: (C, m) one-hot labels.  Returns (C, m).
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    return (Y_hat - Y) / m
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_softmax_grad_z", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
Y_hat_t = np.array([[0.6, 0.1, 0.25],
                    [0.2, 0.5, 0.25],
                    [0.1, 0.3, 0.4],
                    [0.1, 0.1, 0.1]])
Y_t = np.array([[1.0, 0.0, 0.0],
                [0.0, 0.0, 0.0],
                [0.0, 0.0, 1.0],
                [0.0, 1.0, 0.0]])   # labels 0, 3, 2
dZ_t = call(softmax_grad_z, Y_hat_t, Y_t)
expect_shape(dZ_t, (4, 3), "softmax_grad_z(Y_hat, Y)")
expect_close(dZ_t, answers, _("softmax_grad_z(Y_hat, Y) with C = 4 classes and m = 3 examples"), m=3)
expect_close(call(softmax_grad_z, np.array([[0.2], [0.5], [0.3]]), np.array([[0.0], [1.0], [0.0]])), answers,
             _("softmax_grad_z of one example of class 1 (m = 1)"))
passed("softmax_grad_z")

# %% [markdown]
# Check the formula yourself with the course's gradient checker (`nncourse.utils.gradcheck`): nudge each
# logit of a random batch, measure how your cost changes, and compare with your `softmax_grad_z`.

# %%
rng = np.random.default_rng(1)
C_check, m_check = 5, 8
Z_check = rng.normal(0.0, 1.0, (C_check, m_check))
Y_check = one_hot(rng.integers(0, C_check, m_check), C_check)
numeric = numerical_gradient(lambda Zp: softmax_cost(softmax(Zp), Y_check), Z_check)
analytic = softmax_grad_z(softmax(Z_check), Y_check)
print(_(f"relative error of (Y_hat - Y) / m against the numerical gradient: {relative_error(analytic, numeric):.1e}  (right: below 1e-7)"))
print(_(f"the same for (Y_hat - Y), the 1/m forgotten:                      {relative_error(analytic * m_check, numeric):.1e}"))

# %% [markdown]
# ## 6. Softmax regression
#
# Put the pieces together. Softmax regression has no hidden layer: one weight matrix $W$ of shape
# `(C, n)`, one bias column $b$ of shape `(C, 1)`, and
#
# $$Z = WX + b, \qquad \hat Y = \operatorname{softmax}(Z), \qquad J = \text{softmax\_cost}(\hat Y, Y) .$$
#
# With $dZ = (\hat Y - Y)/m$ from section 5, the chain rule through $Z = WX + b$ gives the same shapes as
# the last layer of lesson 01's backprop:
#
# $$dW = dZ\, X^T \quad (C \times n), \qquad db = \sum_{\text{columns}} dZ \quad (C \times 1).$$
#
# Each gradient-descent step is $W \leftarrow W - \alpha\, dW$, $b \leftarrow b - \alpha\, db$, on the
# whole training set at once (full batch).
#
# ### Exercise 6 — `softmax_regression`
# Start from small random weights and zero biases. The tests compare your weights with the solution's,
# so draw them the same way: make a generator with numpy's `default_rng` from `seed`, draw from it one
# `(C, n)` array of standard normal numbers (in that shape, not its transpose, and nothing drawn
# before it), and multiply it by 0.01; $b$ is a `(C, 1)` column of zeros. Then, `num_epochs` times:
# forward, record the cost in a list, compute the gradients, update. `costs[i]` is the cost *before*
# update `i`, so there are `num_epochs` of them. Use your functions above; `softmax_grad_z` already
# divides by $m$, so $dW$ and $db$ need no further $1/m$.

# %% nbgrader={"grade": false, "grade_id": "softmax_regression", "locked": false, "schema_version": 3, "solution": true, "task": false}
def softmax_regression(X, y, C, learning_rate, num_epochs, seed=0):
    """Softmax regression trained by full-batch gradient descent.

    X: (n, m) inputs; y: (m,) integer labels in 0..C-1; C: number of classes.
    Starts from W: 0.01 times a (C, n) array of standard normals drawn from np.random.default_rng(seed);
    b: (C, 1) zeros.
    Returns (W, b, costs): W (C, n), b (C, 1), and costs, a list of num_epochs floats where costs[i] is the
    cost before update i.
    """
    ### BEGIN SOLUTION
    n = X.shape[0]
    W = 0.01 * np.random.default_rng(seed).standard_normal((C, n))
    b = np.zeros((C, 1))
    Y = one_hot(y, C)
    costs = []
    for epoch in range(num_epochs):
        Y_hat = softmax(W @ X + b)
        costs.append(softmax_cost(Y_hat, Y))
        dZ = softmax_grad_z(Y_hat, Y)                 # already averaged over the m columns
        W = W - learning_rate * (dZ @ X.T)
        b = b - learning_rate * dZ.sum(axis=1, keepdims=True)
    return W, b, costs
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_softmax_regression", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
rng_t = np.random.default_rng(6)
X_t = rng_t.normal(0.0, 1.0, (2, 8))
y_t = np.array([0, 1, 2, 0, 1, 2, 2, 0])
W0_t, b0_t, costs0_t = expect_items(call(softmax_regression, X_t, y_t, 3, 0.5, 0, seed=7), ["W", "b", "costs"],
                                    "softmax_regression(X, y, 3, 0.5, num_epochs=0, seed=7)")
expect_close(call(softmax_regression, X_t, y_t, 3, 0.5, 0, seed=7)[0], W0_t,
             _("the initial W of a second call with the same seed 7"),
             hint=_("Two calls with the same seed must start from the same weights: draw them from a generator "
                  "made from `seed`."))
expect_close(len(costs0_t), answers, _("the number of costs recorded with num_epochs = 0 (no update, no cost)"))
expect_shape(W0_t, (3, 2), _("the initial W (C = 3 classes, n = 2 features)"))
expect_close(W0_t, answers, _("the initial W (seed = 7)"))
expect_close(b0_t, answers, _("the initial b"))
W_t, b_t, costs_t = expect_items(call(softmax_regression, X_t, y_t, 3, 0.5, 25, seed=7), ["W", "b", "costs"],
                                 "softmax_regression(X, y, 3, 0.5, num_epochs=25, seed=7)")
expect_close(np.array(costs_t, dtype=float), answers, _("the 25 costs (learning rate 0.5; costs[i] before update i)"))
expect_close(W_t, answers, _("the trained W (after 25 updates)"))
expect_close(b_t, answers, _("the trained b (after 25 updates)"))
rng_t = np.random.default_rng(8)
X_t, y_t = rng_t.normal(0.0, 1.0, (3, 10)), rng_t.integers(0, 4, 10)
W_t, b_t, costs_t = expect_items(call(softmax_regression, X_t, y_t, 4, 0.3, 12), ["W", "b", "costs"],
                                 _("softmax_regression(X, y, 4, 0.3, 12) with the default seed"))
expect_close(np.array(costs_t, dtype=float), answers, _("the costs with 4 classes, 3 features and the default seed 0"))
expect_close(W_t, answers, _("W with 4 classes, 3 features and the default seed 0"))
passed("softmax_regression")

# %% [markdown]
# ### Exercise 7 — `predict`
# The predicted class of each column is the row of its largest logit. Softmax keeps the order of the
# logits, so you need not compute it: $\arg\max_k \hat y_k = \arg\max_k z_k$. Return integers, shape `(m,)`.

# %% nbgrader={"grade": false, "grade_id": "predict", "locked": false, "schema_version": 3, "solution": true, "task": false}
def predict(W, b, X):
    """Predicted class of each column of X: the row index of the largest entry of W X + b.

    W: (C, n); b: (C, 1); X: (n, m).  Returns an integer array (m,).
    """
    ### BEGIN SOLUTION
    return np.argmax(W @ X + b, axis=0)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_predict", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
W_t = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])
b_t = np.array([[0.0], [0.0], [1.5]])
X_t = np.array([[2.0, 0.0, -1.0, 0.5, 0.2],
                [0.0, 3.0, -1.0, 1.0, 0.1]])   # the bias b moves the last column into class 2
labels_t = call(predict, W_t, b_t, X_t)
expect_shape(labels_t, (5,), _("predict(W, b, X) (one label per column of X: the argmax over the classes)"))
if labels_t.dtype.kind not in "iu":
    fail(_(f"predict(W, b, X) has dtype {labels_t.dtype}; expected integers: a label is the row number of a class."))
expect_equal(labels_t, answers, "predict(W, b, X)")
passed("predict")

# %% [markdown]
# ## 7. Softmax regression on four clusters of points
#
# Two-dimensional data can be drawn, so we can *see* what the model learns. Make four clusters of 100
# points each, one class per cluster, from Gaussians around four centres (seeded, so the numbers
# below repeat), and a second, independent sample of the same clusters to test on.

# %%
def make_blobs(centres, per_class, spread, rng):
    """(2, C * per_class) points around each of the C centres, and their integer labels."""
    X = np.hstack([np.asarray(c, dtype=float)[:, None] + spread * rng.standard_normal((2, per_class))
                   for c in centres])
    y = np.repeat(np.arange(len(centres)), per_class)
    return X, y

CENTRES = [(-2.5, 2.0), (2.5, 2.0), (0.0, -2.5), (0.0, 0.7)]
X_blobs, y_blobs = make_blobs(CENTRES, 100, 1.0, np.random.default_rng(0))
X_blobs_test, y_blobs_test = make_blobs(CENTRES, 100, 1.0, np.random.default_rng(1))
print("X:", X_blobs.shape, " y:", y_blobs.shape, _(" examples per class:"), np.bincount(y_blobs))

# %% [markdown]
# First the learning rate. Train with three of them and compare the cost per epoch:

# %%
epochs_blobs = experiment_size(300, 30)   # fewer while the notebook is being autograded
blob_runs = {}
for rate in progress([0.01, 0.1, 1.0], desc=_("learning rates")):
    blob_runs[rate] = softmax_regression(X_blobs, y_blobs, 4, rate, epochs_blobs, seed=0)
plot_curves({_(f"learning rate {rate}"): costs for rate, (_weights, _biases, costs) in blob_runs.items()}, _("training cost"),
            title=_("softmax regression, 4 classes"))
plt.show()
for rate, (W_r, b_r, costs_r) in blob_runs.items():
    train_accuracy = np.mean(predict(W_r, b_r, X_blobs) == y_blobs)
    print(_(f"learning rate {rate:>4}: cost {costs_r[0]:.3f} -> {costs_r[-1]:.3f}, training accuracy {train_accuracy:.1%}"))

# %% [markdown]
# The first cost is $\ln 4 \approx 1.386$ for every run: with weights near 0 every class gets probability
# about 1/4. With 0.01 the cost is still falling after 300 epochs; 1.0 gets lowest, fastest, and its curve
# is still smooth (a much larger rate would start to oscillate). Keep it, and draw what it learned: colour
# every point of the plane by `predict`.

# %%
def plot_regions(ax, classify, X, y, title, steps=300):
    """Colour the plane by the class classify((2, k) points) gives, and draw the data on top."""
    x0 = np.linspace(X[0].min() - 1.0, X[0].max() + 1.0, steps)
    x1 = np.linspace(X[1].min() - 1.0, X[1].max() + 1.0, steps)
    G0, G1 = np.meshgrid(x0, x1)
    regions = classify(np.vstack([G0.ravel(), G1.ravel()])).reshape(G0.shape)
    classes = int(y.max()) + 1
    ax.contourf(G0, G1, regions, levels=np.arange(classes + 1) - 0.5, cmap="tab10", vmin=0, vmax=9, alpha=0.25)
    ax.scatter(X[0], X[1], c=y, cmap="tab10", vmin=0, vmax=9, s=12, edgecolors="k", linewidths=0.3)
    ax.set_title(title)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")

W_blobs, b_blobs, costs_blobs = blob_runs[1.0]
blobs_train = np.mean(predict(W_blobs, b_blobs, X_blobs) == y_blobs)
blobs_test = np.mean(predict(W_blobs, b_blobs, X_blobs_test) == y_blobs_test)
fig, ax = plt.subplots(figsize=(6, 5))
plot_regions(ax, lambda P: predict(W_blobs, b_blobs, P), X_blobs, y_blobs,
             _(f"softmax regression: training {blobs_train:.1%}, test {blobs_test:.1%}"))
plt.show()
print(_(f"4 clusters: training accuracy {blobs_train:.1%}, test accuracy {blobs_test:.1%}"))

# %% [markdown]
# Every boundary is a straight line. Classes $i$ and $j$ meet where their logits are equal,
# $w_i \cdot x + b_i = w_j \cdot x + b_j$, that is on the line $(w_i - w_j) \cdot x + (b_i - b_j) = 0$, and each
# class owns the convex region where its logit beats all the others. Notice the middle cluster: it is
# carved out by three straight cuts. DLS C2W3 3.8 shows the same pictures, and notes that they stay
# linear for as long as the model has no hidden layer.
#
# ## 8. Two classes: softmax regression *is* logistic regression
#
# With $C = 2$ classes, 0 and 1, the two probabilities are
#
# $$\hat y_0 = \frac{e^{z_0}}{e^{z_0} + e^{z_1}} = \frac{1}{1 + e^{-(z_0 - z_1)}} = \sigma(z_0 - z_1), \qquad \hat y_1 = 1 - \hat y_0 ,$$
#
# so a two-class softmax regression is a logistic regression with $w = w_0 - w_1$ and $b = b_0 - b_1$,
# where $w_k$ is row $k$ of $W$ (DLS C2W3 3.9). Numerically, on a thousand random pairs of logits:

# %%
rng = np.random.default_rng(2)
Z_pairs = rng.normal(0.0, 5.0, (2, 1000))
gap = np.max(np.abs(softmax(Z_pairs)[0] - sigmoid(Z_pairs[0] - Z_pairs[1])))
print(_(f"max |softmax([z0, z1])[0] - sigmoid(z0 - z1)| over 1000 pairs: {gap:.1e}"))

# %% [markdown]
# Training agrees too. Take two of the clusters and train softmax regression with $C = 2$ and learning
# rate $\alpha$. Its gradients for the two rows are opposite: $dw_0 = d\,X^T$ and $dw_1 = -d\,X^T$, with
# $d = (\hat y_0 - y_0)/m$ the row of class 0, because the two rows of $\hat Y - Y$ are negatives of each
# other (each column of $\hat Y$ and of $Y$ adds up to 1). So each step moves $w_0 - w_1$ by
# $-2\alpha\, d\,X^T$, and $b_0 - b_1$ likewise, which is exactly a logistic-regression step with learning
# rate $2\alpha$ on the label "is class 0". Train that logistic regression by hand from $w_0 - w_1$ of the
# same starting weights, and compare:

# %%
two = y_blobs < 2
X_two, y_two = X_blobs[:, two], y_blobs[two]
rate, epochs_two = 0.5, experiment_size(200, 20)
W_two, b_two, costs_two = softmax_regression(X_two, y_two, 2, rate, epochs_two, seed=3)

W_start = 0.01 * np.random.default_rng(3).standard_normal((2, 2))   # softmax_regression's starting weights
w, b_log = W_start[0] - W_start[1], 0.0
t = (y_two == 0).astype(float)          # logistic target: 1 for class 0
m_two = X_two.shape[1]
logistic_costs = []
for epoch in progress_range(epochs_two, desc=_("logistic regression")):
    a = sigmoid(w @ X_two + b_log)
    logistic_costs.append(float(-np.mean(t * np.log(a) + (1 - t) * np.log(1 - a))))
    d = (a - t) / m_two
    w, b_log = w - 2 * rate * (X_two @ d), b_log - 2 * rate * d.sum()

plot_curves({_("softmax regression, C = 2, rate 0.5"): costs_two, _("logistic regression, rate 1.0"): logistic_costs},
            _("training cost"), title=_("the two curves coincide"))
plt.show()
p_softmax = softmax(W_two @ X_two + b_two)[0]
p_logistic = sigmoid(w @ X_two + b_log)
print(_("softmax: w0 - w1 ="), (W_two[0] - W_two[1]).round(4), " b0 - b1 =", round(float(b_two[0, 0] - b_two[1, 0]), 4))
print(_("logistic:      w ="), w.round(4), "       b =", round(float(b_log), 4))
print(_(f"largest difference: costs {np.max(np.abs(np.array(costs_two) - logistic_costs)):.1e}, "
      f"probabilities {np.max(np.abs(p_softmax - p_logistic)):.1e}"))
same = np.mean(predict(W_two, b_two, X_two) == np.where(p_logistic > 0.5, 0, 1))
print(_(f"the two models predict the same class for {same:.0%} of the {m_two} points"))

# %% [markdown]
# ### Question 1 (written, graded by your instructor)
# With two classes, softmax regression learns two weight vectors and two biases, logistic regression
# only one of each. Why is one of the softmax pairs redundant: what happens to the predicted
# probabilities if you add the same vector $v$ to both $w_0$ and $w_1$ (and the same number to both
# biases)? And why did the logistic regression above need the learning rate $2\alpha$ to follow the
# softmax model step by step?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_two_classes", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** Softmax depends only on differences of logits: adding $v \cdot x + c$ to both $z_0$ and
# $z_1$ multiplies numerator and denominator by the same $e^{v \cdot x + c}$, so the probabilities, the cost
# and the predictions are unchanged. Only $w_0 - w_1$ and $b_0 - b_1$ matter, and $\hat y_0 = \sigma((w_0 - w_1)
# \cdot x + b_0 - b_1)$ is a logistic regression in those differences: the second pair adds no power. For
# the step size: the rows of $\hat Y - Y$ are opposite, so $dw_0 = g$ and $dw_1 = -g$, with $g$ the logistic
# gradient. One step changes $w_0$ by $-\alpha g$ and $w_1$ by $+\alpha g$, so their difference moves by
# $-2\alpha g$, a logistic step with rate $2\alpha$.
#
# **Rubric (2 points).** 1 point: adding the same vector/number to both leaves the probabilities unchanged
# because softmax depends only on $z_0 - z_1$, so the model is logistic regression in $w_0 - w_1$. 1 point:
# the two rows get opposite gradients, so the difference moves twice as far per step (rate $2\alpha$).
# ### END SOLUTION

# %% [markdown]
# ## 9. When straight lines are not enough: one hidden layer
#
# Straight boundaries cannot separate classes that wind around each other. Three interleaved spirals
# make the point (again seeded, with an independent test sample):

# %%
def make_spirals(per_class, C, noise, rng):
    """(2, C * per_class) points on C interleaved spiral arms, and their integer labels."""
    radius = np.linspace(0.05, 1.0, per_class)
    X, y = [], []
    for k in range(C):
        angle = 4.0 * radius + 2 * np.pi * k / C + noise * rng.standard_normal(per_class)
        X.append(np.vstack([radius * np.cos(angle), radius * np.sin(angle)]))
        y.append(np.full(per_class, k))
    return 2.0 * np.hstack(X), np.concatenate(y)

X_spiral, y_spiral = make_spirals(100, 3, 0.2, np.random.default_rng(0))
X_spiral_test, y_spiral_test = make_spirals(100, 3, 0.2, np.random.default_rng(1))

epochs_linear = experiment_size(300, 30)
W_sp, b_sp, costs_sp = softmax_regression(X_spiral, y_spiral, 3, 1.0, epochs_linear, seed=0)
linear_train = np.mean(predict(W_sp, b_sp, X_spiral) == y_spiral)
linear_test = np.mean(predict(W_sp, b_sp, X_spiral_test) == y_spiral_test)
print(_(f"softmax regression on the spirals: training {linear_train:.1%}, test {linear_test:.1%}"))

# %% [markdown]
# Now add one hidden layer of 50 sigmoid neurons: $A^{[1]} = \sigma(W^{[1]} X + b^{[1]})$, then softmax
# regression on $A^{[1]}$ instead of on $X$. We train it with the course's network
# (`nncourse.utils.network.train`, mini-batches of 10, learning rate $\alpha = 2.0$, which that function
# calls `eta`) with a softmax output layer. The output error it needs is exactly the gradient you derived,
# $\hat y - y$ per example (the network divides by the number of examples in each mini-batch itself), and
# it reports your `softmax_cost` before training and after every epoch.

# %%
def softmax_output_delta(Z, A, Y):
    """dL/dz for softmax with cross-entropy, one column per example (train divides by m)."""
    return A - Y

epochs_hidden = experiment_size(300, 20)
Y_spiral = one_hot(y_spiral, 3)
hidden_net, spiral_history = train(
    [2, 50, 3], X_spiral, y_spiral, epochs=epochs_hidden, batch_size=10, eta=2.0, output="softmax",
    output_delta=softmax_output_delta, seed=0, desc=_("one hidden layer"),
    monitor={"training cost": cost_on(softmax_cost, X_spiral, Y_spiral),
             "training accuracy": accuracy_on(X_spiral, y_spiral)})

def predict_hidden(P):
    return np.argmax(feedforward(hidden_net, P), axis=0)

hidden_train = np.mean(predict_hidden(X_spiral) == y_spiral)
hidden_test = np.mean(predict_hidden(X_spiral_test) == y_spiral_test)
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({_("softmax regression"): costs_sp}, _("training cost"), xlabel=_("epoch (full batch)"),
            title=_("softmax regression"), ax=axes[0])
plot_curves({_("one hidden layer"): spiral_history["training cost"]}, _("training cost"), xlabel=_("epoch (30 mini-batches)"),
            title=_("2-50-3 network"), ax=axes[1])
plt.show()
fig, axes = plt.subplots(1, 2, figsize=(12, 5))
plot_regions(axes[0], lambda P: predict(W_sp, b_sp, P), X_spiral, y_spiral,
             _(f"softmax regression: training {linear_train:.1%}, test {linear_test:.1%}"))
plot_regions(axes[1], predict_hidden, X_spiral, y_spiral,
             _(f"one hidden layer: training {hidden_train:.1%}, test {hidden_test:.1%}"))
plt.show()
print(_(f"spirals, softmax regression: training {linear_train:.1%}, test {linear_test:.1%}"))
print(_(f"spirals, one hidden layer:   training {hidden_train:.1%}, test {hidden_test:.1%}"))

# %% [markdown]
# The network's last layer is still softmax regression, with straight boundaries, but in the space of
# the 50 hidden activations rather than in the plane. The hidden layer bends the plane so that the
# spirals become separable there, and pulled back to the plane the boundaries curve around the arms.
#
# ### Question 2 (written, graded by your instructor)
# Why are the boundaries between the regions of softmax regression always straight lines, whatever the
# data and however long it trains? And what does the hidden layer change that lets the second model
# follow the spirals?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_boundaries", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** Softmax regression predicts $\arg\max_k (w_k \cdot x + b_k)$ (softmax keeps the order of
# the logits). Two classes $i$ and $j$ meet where their logits are equal, $(w_i - w_j) \cdot x + b_i - b_j = 0$,
# which is a straight line (a hyperplane in more dimensions), and each region is an intersection of
# half-planes, hence convex. Training only moves these lines, so no amount of it can wrap a region around
# a spiral arm: the limit is the model, not the optimisation. A hidden layer first computes non-linear
# features $a^{[1]} = \sigma(W^{[1]} x + b^{[1]})$, and learns them; the softmax layer draws straight
# boundaries in that feature space, which are curved when seen in the original plane.
#
# **Rubric (2 points).** 1 point: the boundary is where two linear logits are equal, so it is a line or
# hyperplane (regions convex), and more training cannot change that. 1 point: the hidden layer applies a
# learned non-linear transformation, so boundaries linear in the hidden features are curved in the inputs.
# ### END SOLUTION

# %% [markdown]
# ## What to expect
#
# The numbers this notebook printed when it was written (seeded, so yours should match to the digits shown):
#
# - **Softmax:** $(5, 2, -1, 3) \mapsto (0.842, 0.042, 0.002, 0.114)$, hardmax $(1, 0, 0, 0)$; the naive formula
#   gives `[nan nan nan]` for $(1000, 999, 998)$, the max-shift gives $(0.665, 0.245, 0.090)$.
#   Scaled, $\operatorname{softmax}(cz)$ lies within $8.1 \times 10^{-3}$ of $1/4$ at $c = 0.01$; its largest
#   probability is 0.842, 0.9999999979 and 1.0000000000 at $c = 1$, 10 and 100, at distance $2.1 \times 10^{-9}$
#   and $1.4 \times 10^{-87}$ from hardmax at $c = 10$ and 100.
# - **Loss from logits:** for $z = (1000, 0, -1000)$ and true class 2, `softmax_cost(softmax(z), y)` is `nan`
#   while the log-sum-exp form gives 2000.0; on ordinary logits both give 3.1773.
# - **Gradient check:** relative error $4.5 \times 10^{-9}$ between $(\hat Y - Y)/m$ and the numerical gradient
#   (0.78 when the $1/m$ is left out).
# - **Four clusters, 300 epochs:** final cost 0.561, 0.328 and 0.274 for learning rates 0.01, 0.1 and 1.0
#   (training accuracy 76.2%, 86.8%, 87.8%); with 1.0, 87.8% on the training set and 87.8% on the test sample.
#   The errors come from the overlap of the clusters, not from the straight lines: for Gaussian clusters of
#   equal spread the best possible boundaries are straight anyway.
# - **Two classes:** softmax and sigmoid of the logit difference agree exactly (difference 0.0); after 200
#   epochs the softmax model's $w_0 - w_1 = (-3.6642, -0.3634)$ and $b_0 - b_1 = -0.1146$ equal the logistic
#   regression's $w$ and $b$, costs and probabilities agree to $2 \times 10^{-16}$, predictions on all 200 points.
# - **Spirals:** softmax regression 55.3% training, 53.7% test accuracy; the 2-50-3 network 100.0% and 99.7%.
#
# Lesson 07 builds the same kind of softmax classifier in TensorFlow, where the loss takes the logits
# (`from_logits=True`) for the reason of section 4.
