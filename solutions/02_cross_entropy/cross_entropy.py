# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 02 — The cross-entropy cost, and why the quadratic cost learns slowly
#
# In lesson 01 the network learned by lowering the quadratic cost $\frac{1}{2m}\sum_x \lVert a - y\rVert^2$.
# It works, but it has a flaw you can feel: a neuron that is *badly* wrong can learn *slowly*, which
# is the opposite of what people do. In this lesson you measure that slowdown on a single neuron,
# remove it with the **cross-entropy** cost, then meet its cousin for many classes, the **softmax**
# output layer with the **log-likelihood** cost, and see when an example may carry several labels at
# once (**multi-label**) instead of exactly one (**multi-class**). Last, the cost cannot help a
# saturated *hidden* neuron: there the cure is the starting **scale of the weights**, their
# initialisation.
#
# The lesson follows chapter 3 of Michael Nielsen's *Neural Networks and Deep Learning* (2015) and,
# for multi-label classification, course 2, week 2 of the Machine Learning Specialization
# (DeepLearning.AI and Stanford); the deep-learning specialization's course 2, week 1, gives the same
# initialisation rule.
#
# **How this notebook works.** Cells marked `# YOUR CODE HERE` are yours to write. The cell after each
# exercise tests your function: run it, read its message if it fails, fix, run again. Hidden tests
# run the same function on inputs you have not seen when your work is graded. A test cell holds only
# its inputs (their names end in `_t`, so they never overwrite yours) and the calls that check your
# function; when a result is wrong, its message says where, and names the mistake when it is a common
# one. Cells that ask a question in words are read and graded by your instructor.

# %% tags=["setup"] nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nncourse.utils.answers import public_answers
from nncourse.utils.checks import (call, expect_close, expect_dtype, expect_finite, expect_items, expect_number,
                                    expect_shape, passed)
from nncourse.utils.data import load_mnist
from nncourse.utils.i18n import pad
from nncourse.utils.network import (accuracy, accuracy_on, cost_on, feedforward, one_hot_columns, sigmoid, sigmoid_prime,
                                     train)
from nncourse.utils.plotting import plot_curves
from nncourse.utils.runtime import experiment_size

answers = public_answers("02_cross_entropy")  # what the public tests expect, and what known mistakes give

# %% [markdown]
# ## 1. The quadratic cost, as a function
#
# From now on a cost is a function of the network's output activations `A` and the targets `Y`, both
# `(n_out, m)` with one example per column; $m$ is the number of columns you are given, a mini-batch
# or a whole data set (where Nielsen, averaging over the $n$ training inputs, writes $\frac{1}{n}$).
# Backpropagation only needs one thing from the cost: the
# **output error** $\delta^L = \partial C_x / \partial z^L$ of each example. For the quadratic cost
# $C_x = \tfrac12 \lVert a^L - y \rVert^2$ (lesson 01, equation BP1) it is
#
# $$\delta^L = (a^L - y) \odot \sigma'(z^L).$$
#
# The course's network (`nncourse.utils.network.train`) takes that output error as a function
# `delta(Z, A, Y)`, divides it by $m$ and backpropagates it, so you can swap costs without touching
# the rest.
#
# ### Exercise 1 — `quadratic_cost`
# $$C = \frac{1}{2m} \sum_{x} \lVert a(x) - y(x) \rVert^2 ,$$
#
# the squared length of each column's error, summed over the $m$ columns and divided by $2m$: an
# average over the examples, not over all `n_out * m` entries. It returns one number.

# %% nbgrader={"grade": false, "grade_id": "quadratic_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def quadratic_cost(A, Y):
    """1/(2m) * sum over the m columns of ||a - y||^2.

    A, Y: (n_out, m).  Returns a float.
    """
    ### BEGIN SOLUTION
    m = A.shape[1]
    return float(np.sum((A - Y) ** 2) / (2 * m))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_quadratic_cost", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
A_t = np.array([[0.9, 0.2, 0.6, 0.1],
                [0.3, 0.8, 0.4, 0.5],
                [0.2, 0.1, 0.7, 0.9]])
Y_t = np.array([[1.0, 0.0, 0.0, 0.0],
                [0.0, 1.0, 0.0, 0.0],
                [0.0, 0.0, 1.0, 1.0]])
cost_t = call(quadratic_cost, A_t, Y_t)
expect_number(cost_t, "quadratic_cost(A, Y)")
expect_close(cost_t, answers, _("quadratic_cost(A, Y) with 3 outputs and m = 4"), m=4)
expect_close(call(quadratic_cost, A_t[:, :1], Y_t[:, :1]), answers, _("quadratic_cost of one example"))
passed("quadratic_cost")

# %% [markdown]
# ### Exercise 2 — `quadratic_delta`
# The output error $\delta^L = (a^L - y) \odot \sigma'(z^L)$ of the quadratic cost, for all $m$
# examples at once: `(n_out, m)`, one column per example. (`sigmoid` and `sigmoid_prime` are
# imported for you.) Two pitfalls: $\sigma'$ is taken at the weighted input $z$, not at the
# activation $a$; and this is the error of each single example $C_x$, so do not divide by $m$ here:
# the network does that once for every cost.

# %% nbgrader={"grade": false, "grade_id": "quadratic_delta", "locked": false, "schema_version": 3, "solution": true, "task": false}
def quadratic_delta(Z, A, Y):
    """Output error dC_x/dz of the quadratic cost (BP1), one column per example.

    Z, A, Y: (n_out, m), with A = sigmoid(Z).  Returns (n_out, m).
    """
    ### BEGIN SOLUTION
    return (A - Y) * sigmoid_prime(Z)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_quadratic_delta", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
Z_t = np.array([[2.0, -1.0, 0.0],
                [-3.0, 4.0, 0.5]])
A_t = sigmoid(Z_t)
Y_t = np.array([[1.0, 0.0, 0.0],
                [0.0, 1.0, 1.0]])
delta_t = call(quadratic_delta, Z_t, A_t, Y_t)
expect_shape(delta_t, (2, 3), "quadratic_delta(Z, A, Y)")
expect_close(delta_t, answers, _("quadratic_delta(Z, A, Y) with 2 outputs and m = 3"), m=3)
passed("quadratic_delta")

# %% [markdown]
# ## 2. The learning slowdown
#
# Take one sigmoid neuron with one input, $a = \sigma(wx + b)$, and the single-example quadratic
# cost $C = \tfrac12 (a - y)^2$. The chain rule gives
#
# $$\frac{\partial C}{\partial w} = (a - y)\,\sigma'(z)\,x, \qquad \frac{\partial C}{\partial b} = (a - y)\,\sigma'(z).$$
#
# Now suppose the neuron is badly wrong: $y = 0$ but $z$ is large, so $a \approx 1$. Then
# $\sigma'(z) = a(1 - a) \approx 0$, both partial derivatives are tiny, and gradient descent crawls,
# exactly when the error is largest. The factor $\sigma'(z)$ is the culprit (Nielsen, ch. 3).
#
# **The cross-entropy cost** removes it. For one example,
#
# $$C = -\bigl[\,y \ln a + (1 - y) \ln (1 - a)\,\bigr].$$
#
# It is a sensible cost (Nielsen, ch. 3): it is never negative, and when the target $y$ is 0 or 1 it
# tends to 0 as $a$ approaches $y$. (For a target in between, such as $y = 0.3$, it is smallest at
# $a = y$ too, but that smallest value is not 0; the end of this section shows why.)
#
# Differentiate: $\partial C / \partial a = \dfrac{a - y}{a(1 - a)}$, and $\partial a / \partial z = \sigma'(z) = a(1 - a)$ cancels
# the denominator:
#
# $$\frac{\partial C}{\partial w} = x\,(\sigma(z) - y), \qquad \frac{\partial C}{\partial b} = \sigma(z) - y .$$
#
# The rate of learning is now proportional to the error $\sigma(z) - y$ itself: the more wrong, the
# faster. For a layer of sigmoid outputs the same cancellation gives the output error
# $\delta^L = a^L - y$: no $\sigma'$ at all.
#
# ### Exercise 3 — `cross_entropy_cost`
# $$C = -\frac{1}{m} \sum_x \sum_j \bigl[\,y_j \ln a_j + (1 - y_j) \ln (1 - a_j)\,\bigr]$$
#
# summed over the output neurons $j$ and averaged over the $m$ columns (not over all `n_out * m`
# entries). **Numerics:** where $a = y = 1$ the second term is $0 \cdot \ln 0$, and where
# $a = y = 0$ the first one is; numpy computes $0 \cdot \ln 0$ as `0 * -inf = nan`, but its true value
# is 0 (the limit of $t \ln t$ as $t \to 0$). Your cost must be finite wherever $a = y \in \{0, 1\}$:
# either replace those nan terms by 0, or leave out a term whose factor $y$ or $1 - y$ is 0, or keep
# `A` a tiny distance (say $10^{-12}$) away from 0 and 1. Targets need not be 0 or 1: $y = 0.3$ is
# allowed, so both terms must be there for every entry.

# %% nbgrader={"grade": false, "grade_id": "cross_entropy_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def cross_entropy_cost(A, Y):
    """-1/m * sum of y ln a + (1 - y) ln(1 - a) over all outputs and the m columns.

    A: (n_out, m) sigmoid outputs in [0, 1]; Y: (n_out, m) targets in [0, 1].
    Returns a float, finite where a = y in {0, 1}.
    """
    ### BEGIN SOLUTION
    m = A.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = Y * np.log(A) + (1 - Y) * np.log(1 - A)
    return float(-np.sum(np.nan_to_num(terms)) / m)   # 0 * log 0 -> nan -> 0
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_cross_entropy_cost", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
A_t = np.array([[0.9, 0.2, 1.0],
                [0.4, 0.7, 0.0]])
Y_t = np.array([[1.0, 0.0, 1.0],
                [0.0, 1.0, 0.0]])   # in the last column a = y exactly: those two terms are 0 * ln 0 = 0
cost_t = call(cross_entropy_cost, A_t, Y_t)
expect_number(cost_t, "cross_entropy_cost(A, Y)")
expect_finite(cost_t, _("cross_entropy_cost(A, Y) (its last column has a = y = 1 and a = y = 0, where 0 * ln 0 must count as 0)"))
expect_close(cost_t, answers, _("cross_entropy_cost(A, Y) with 2 outputs and m = 3"), m=3, atol=1e-6)
expect_close(call(cross_entropy_cost, np.array([[0.3]]), np.array([[0.3]])), answers,
             _("cross_entropy_cost for a = y = 0.3 (both terms count)"))
passed("cross_entropy_cost")

# %% [markdown]
# ### Exercise 4 — `cross_entropy_delta`
# The output error $\delta^L = \partial C_x / \partial z^L$ of the cross-entropy cost for sigmoid
# outputs (section 2 derives it), for all $m$ examples at once: `(n_out, m)`, one column per example,
# and, as in `quadratic_delta`, not divided by $m$. It takes `Z` like `quadratic_delta`, so that the
# two are interchangeable, even though it does not need it.

# %% nbgrader={"grade": false, "grade_id": "cross_entropy_delta", "locked": false, "schema_version": 3, "solution": true, "task": false}
def cross_entropy_delta(Z, A, Y):
    """Output error dC_x/dz of the cross-entropy cost with sigmoid outputs, one column per example.

    Z, A, Y: (n_out, m), with A = sigmoid(Z).  Returns (n_out, m).
    """
    ### BEGIN SOLUTION
    return A - Y
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_cross_entropy_delta", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
Z_t = np.array([[1.5, -2.0], [0.0, 3.0], [-0.5, 0.25]])
Y_t = np.array([[1.0, 0.0], [0.0, 0.3], [1.0, 1.0]])   # a target of 0.3 is allowed too
delta_t = call(cross_entropy_delta, Z_t, sigmoid(Z_t), Y_t)
expect_shape(delta_t, (3, 2), "cross_entropy_delta(Z, A, Y)")
expect_close(delta_t, answers, _("cross_entropy_delta(Z, A, Y) with 3 outputs and m = 2"), m=2)
passed("cross_entropy_delta")

# %% [markdown]
# ### Exercise 5 — `neuron_costs`
# Train the single neuron $a = \sigma(wx + b)$ on one example $(x, y)$ by gradient descent with
# learning rate $\eta$, and return its cost before training and after each of the `epochs` steps (an
# array of `epochs + 1` numbers; with a single training example, each epoch is one gradient step).
# `cost` is `"quadratic"` or `"cross_entropy"`; use the single-example costs $\tfrac12 (a - y)^2$ and
# $-[y \ln a + (1 - y)\ln(1 - a)]$ and their gradients from section 2. Compute both partial
# derivatives from the *same* $w$ and $b$ before updating either, and remember the factor $x$ in
# $\partial C / \partial w$. Hint: a single neuron is a network with one output and $m = 1$, so your
# four functions above already do most of the work on `(1, 1)` arrays.

# %% nbgrader={"grade": false, "grade_id": "neuron_costs", "locked": false, "schema_version": 3, "solution": true, "task": false}
def neuron_costs(cost, w, b, x, y, eta, epochs):
    """Cost of one sigmoid neuron on the example (x, y), before training and after each step.

    cost: "quadratic" or "cross_entropy"; w, b, x, y, eta: floats; epochs: int.
    Returns a float64 array of shape (epochs + 1,).
    """
    ### BEGIN SOLUTION
    cost_fn, delta_fn = {"quadratic": (quadratic_cost, quadratic_delta),
                         "cross_entropy": (cross_entropy_cost, cross_entropy_delta)}[cost]
    x, y = np.array([[x]], dtype=float), np.array([[y]], dtype=float)   # one example as (1, 1) columns
    costs = []
    for step in range(epochs + 1):
        z = w * x + b
        a = sigmoid(z)
        costs.append(cost_fn(a, y))
        delta = float(delta_fn(z, a, y)[0, 0])              # dC/db; dC/dw = delta * x
        w, b = w - eta * delta * float(x[0, 0]), b - eta * delta
    return np.array(costs)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_neuron_costs", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
for cost_t in ("quadratic", "cross_entropy"):
    what_t = f'neuron_costs("{cost_t}", w=0.6, b=0.9, x=1.5, y=0, eta=0.15, epochs=5)'
    costs_t = call(neuron_costs, cost_t, 0.6, 0.9, 1.5, 0.0, 0.15, 5)
    expect_shape(costs_t, (6,), f"{what_t} (the cost before training, then after each of the 5 steps)")
    expect_dtype(costs_t, np.float64, what_t)
    expect_close(costs_t[0], answers, f"{what_t}[0], the cost before any step")
    expect_close(costs_t, answers, what_t)
    expect_close(call(neuron_costs, cost_t, -0.4, 0.2, 2.0, 0.75, 0.5, 3), answers,
                 f'neuron_costs("{cost_t}", w=-0.4, b=0.2, x=2, y=0.75, eta=0.5, epochs=3)',
                 hint=_("The first call was right: use every argument, here the target y = 0.75 and the learning rate eta = 0.5."))
passed("neuron_costs")

# %% [markdown]
# Now the experiment of Nielsen's chapter 3: a neuron with $w = 2$, $b = 2$ and input $x = 1$ starts
# at $a = \sigma(4) \approx 0.98$ while the target is $y = 0$, badly wrong. Nielsen trains it under
# each cost, but not at the same learning rate: $\eta = 0.15$ for the quadratic cost and
# $\eta = 0.005$ for the cross-entropy. He chose each rate so that the plot shows what is going on,
# and warns that once the cost changes it is not even clear what the "same" learning rate would mean.
# So the number of steps a run takes says more about its $\eta$ than about its cost; what he
# compares is the *shape* of the two learning curves, how the speed of learning changes as the
# neuron gets less wrong. We train for 300 steps with his two rates, and the cross-entropy once more
# with the quadratic's $\eta = 0.15$:

# %%
steps = 300
neuron_runs = {_("quadratic, eta = 0.15"): neuron_costs("quadratic", 2.0, 2.0, 1.0, 0.0, 0.15, steps),
               _("cross-entropy, eta = 0.005"): neuron_costs("cross_entropy", 2.0, 2.0, 1.0, 0.0, 0.005, steps),
               _("cross-entropy, eta = 0.15"): neuron_costs("cross_entropy", 2.0, 2.0, 1.0, 0.0, 0.15, steps)}

fig, axes = plt.subplots(1, 2, figsize=(11, 4))
plot_curves({k: v for k, v in neuron_runs.items() if k == _("quadratic, eta = 0.15")}, _("cost"),
            xlabel=_("gradient step (one epoch)"), title=_("quadratic cost, eta = 0.15"), ax=axes[0])
plot_curves({k: v for k, v in neuron_runs.items() if k != _("quadratic, eta = 0.15")}, _("cost"),
            xlabel=_("gradient step (one epoch)"), title=_("cross-entropy cost"), ax=axes[1])
plt.show()

for label, run in neuron_runs.items():
    falls = -np.diff(run)   # how much the cost drops at each step
    print(_(f"{pad(label, 27)} cost {run[0]:.3f} -> {run[150]:.3f} after 150 steps -> {run[-1]:.4f} after {steps}; "
          f"steepest drop at step {np.argmax(falls) + 1}; the first step's drop is {falls[0] / falls.max():.0%} of it"))

# %% [markdown]
# The shape is the point. The quadratic curve starts flat: the neuron is saturated, $\sigma'(z)$ is
# about 0.02, and for its first 150 steps the cost falls by less than a tenth; only once $a$ has left
# the flat end of the sigmoid does it drop steeply (fastest around step 215), and then it levels off.
# Both cross-entropy curves instead drop fastest at the very first step, whatever the learning rate,
# because their gradient is the error $a - y \approx 0.98$ itself: no flat start. How far each
# cross-entropy run gets in 300 steps, on the other hand, is set by $\eta$: with Nielsen's
# $\eta = 0.005$ the cost has come down by about 60%, with $\eta = 0.15$ almost to 0. (Do not compare
# the two costs' values with each other either: they measure the error on different scales.)
#
# ### Question 1 (written, graded by your instructor)
# In two or three sentences: why does the neuron above learn slowly under the quadratic cost although
# it is badly wrong, and what exactly in the cross-entropy's gradient removes the problem? Would
# cross-entropy help a saturated neuron in a *hidden* layer in the same way?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_slowdown", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** Under the quadratic cost the gradient is $(a - y)\,\sigma'(z)\,x$; the neuron starts
# saturated ($z = 4$, $a \approx 0.98$), where $\sigma'(z) = a(1 - a) \approx 0.02$, so the updates are tiny
# even though $a - y$ is large. With cross-entropy, $\partial C/\partial a = (a - y)/(a(1-a))$, and the
# chain rule's factor $\sigma'(z) = a(1 - a)$ cancels that denominator, leaving $x(a - y)$: the step is
# proportional to the error.
# No: the cancellation happens only at the output layer; a saturated *hidden* neuron still multiplies
# its error by its own small $\sigma'(z)$ (BP2), so cross-entropy does not cure slow hidden neurons.
#
# **Rubric (2 points).** 1 point: names $\sigma'(z) \approx 0$ at saturation as the factor that makes the
# quadratic gradient small. 1 point: explains that cross-entropy's derivative cancels $\sigma'(z)$ so the
# gradient is proportional to $a - y$ (the hidden-layer remark is not required for full marks).
# ### END SOLUTION

# %% [markdown]
# ### Where does the cross-entropy come from?
#
# Nielsen (ch. 3) does not pull the cross-entropy out of a hat: he asks which cost would have no
# $\sigma'(z)$ in its gradient, and solves for it. For one sigmoid neuron we want the gradient to be
# the error itself,
#
# $$\frac{\partial C}{\partial w} = x\,(a - y), \qquad \frac{\partial C}{\partial b} = a - y .$$
#
# The bias acts on $C$ only through $z = wx + b$ and $a = \sigma(z)$, so the chain rule gives
#
# $$\frac{\partial C}{\partial b} = \frac{\partial C}{\partial a}\,\sigma'(z) = \frac{\partial C}{\partial a}\,a(1 - a),$$
#
# using $\sigma'(z) = \sigma(z)\bigl(1 - \sigma(z)\bigr) = a(1 - a)$. Setting this equal to $a - y$ and
# dividing by $a(1 - a)$:
#
# $$\frac{\partial C}{\partial a} = \frac{a - y}{a(1 - a)} = -\frac{y}{a} + \frac{1 - y}{1 - a}$$
#
# (for the split, bring the right-hand side to the denominator $a(1 - a)$: $-y(1 - a) + (1 - y)a = a - y$).
# Integrating with respect to $a$:
#
# $$C = -\bigl[\,y \ln a + (1 - y) \ln (1 - a)\,\bigr] + \text{constant},$$
#
# the cross-entropy of one example; averaged over the examples it is the cost of Exercise 3. The
# wish for $\partial C / \partial w$ comes for free, since $\partial z / \partial w = x$ makes it
# $x \, \partial C / \partial b$. The constant changes no gradient, so it changes nothing about
# learning: the cost was built for its gradient, not for its value.
#
# What is its smallest value, then? $\partial C / \partial a = (a - y)/(a(1 - a))$ is negative for
# $a < y$ and positive for $a > y$, so $C$ is smallest at $a = y$, where it equals
#
# $$-\bigl[\,y \ln y + (1 - y) \ln (1 - y)\,\bigr],$$
#
# the **binary entropy** of $y$ (Nielsen names it in an exercise of the cross-entropy section). For $y = 0$ or
# $1$ it is 0, since $0 \ln 0 = 0$; for a target in between it is positive, so the cost stays above 0
# even when the output is exactly right. Check it with your `cross_entropy_cost`, one output at a
# time as a `(1, 1)` array, across $a \in (0, 1)$:

# %%
a_grid = np.linspace(0.001, 0.999, 999)   # outputs a in (0, 1), in steps of 0.001
fig, ax = plt.subplots(figsize=(6, 4))
for target in (0.3, 0.0):
    curve = np.array([cross_entropy_cost(np.array([[a]]), np.array([[target]])) for a in a_grid])
    best = np.argmin(curve)
    entropy = sum(p * np.log(1 / p) for p in (target, 1 - target) if p > 0)   # 0 ln 0 counts as 0
    line, = ax.plot(a_grid, curve, label=f"y = {target}")
    ax.plot(a_grid[best], curve[best], "o", color=line.get_color())
    print(_(f"y = {target}: smallest cost on the grid {curve[best]:.6f}, at a = {a_grid[best]:.3f}; "
          f"binary entropy of y: {entropy:.6f}"))
ax.set_xlabel(_("output a"))
ax.set_ylabel(_("cross-entropy cost C"))
ax.set_ylim(-0.1, 4)
ax.set_title(_("one example's cross-entropy; dots mark the minima"))
ax.grid(alpha=0.3)
ax.legend()
plt.show()

# %% [markdown]
# For $y = 0.3$ the smallest cost, 0.610864, is at $a = 0.300$ and equals the binary entropy of 0.3:
# a perfect output still costs 0.61. For $y = 0$ the curve keeps falling towards 0 as $a \to 0$ (on
# the grid its smallest value, 0.001001, is at the edge, $a = 0.001$). A minimum above 0 does not
# hurt learning: at $a = y$ the gradient $a - y$ is 0, whatever the cost's value there.
#
# ### A linear output neuron: the quadratic cost without the slowdown
#
# The slowdown came from $\sigma'(z)$, the slope of the sigmoid, not from the quadratic cost as such.
# Nielsen makes the point in a problem of ch. 3: if the output neurons are *linear*, $a^L = z^L$, then
# $\partial a / \partial z = 1$ and the quadratic cost's output error is $\delta^L = a^L - y$, the same
# as the cross-entropy's with sigmoid outputs. For the single neuron $a = wx + b$,
#
# $$\frac{\partial C}{\partial w} = x\,(a - y), \qquad \frac{\partial C}{\partial b} = a - y .$$
#
# Train it from the saturated neuron's start above ($w = 2$, $b = 2$, $x = 1$, $y = 0$, $\eta = 0.15$,
# 300 steps). Without the sigmoid it starts at $a = 4$, not $\sigma(4) \approx 0.98$, so its cost
# starts at 8 rather than 0.48; to compare the shapes, the plot divides each curve by its first value.

# %%
def linear_neuron_costs(w, b, x, y, eta, epochs):
    """Quadratic cost of the linear neuron a = wx + b on (x, y), before training and after each step."""
    costs = []
    for step in range(epochs + 1):
        a = w * x + b
        costs.append(quadratic_cost(np.array([[a]]), np.array([[y]])))
        w, b = w - eta * (a - y) * x, b - eta * (a - y)   # delta = a - y: no sigma'(z)
    return np.array(costs)

linear_runs = {_("sigmoid output, a = sigma(z)"): neuron_runs[_("quadratic, eta = 0.15")],
               _("linear output, a = z"): linear_neuron_costs(2.0, 2.0, 1.0, 0.0, 0.15, steps)}
plot_curves({k: v / v[0] for k, v in linear_runs.items()}, _("cost / cost before training"),
            xlabel=_("gradient step (one epoch)"), title=_("quadratic cost, eta = 0.15, w = b = 2, x = 1, y = 0"))
plt.show()
for label, run in linear_runs.items():
    print(_(f"{pad(label, 28)} cost {run[0]:.3f} -> {run[1]:.3f} after 1 step -> {run[10]:.4f} after 10 -> "
          f"{run[150]:.3g} after 150; steepest drop at step {np.argmax(-np.diff(run)) + 1}"))

# %% [markdown]
# No flat start: the linear neuron's cost drops most at the very first step, from 8 to 3.92, and is
# down to 0.0064 after 10 steps, while the sigmoid neuron is still at 0.48. Each step here multiplies
# the error $a - y$ by the same $1 - \eta(x^2 + 1) = 0.7$, and so the cost by 0.49, because the step
# is proportional to the error: the more wrong, the bigger the step. This cures the output layer
# only: sigmoid neurons in hidden layers still carry their own $\sigma'(z)$ (BP2). And a linear output
# is not bounded to $(0, 1)$, so it does not suit classification; it is the usual output when the
# target can be any real number, **regression**.
#
# A tiny regression: 40 points with $y = 1.5x - 0.5$ plus Gaussian noise of standard deviation 0.2,
# fitted by one linear neuron $a = wx + b$ with your `quadratic_cost`,
# $C = \frac{1}{2m}\sum_x (a - y)^2$ (half the mean squared error), by gradient descent on all 40
# points at once, $\eta = 0.5$, 100 steps, again from $w = b = 2$:

# %%
rng = np.random.default_rng(0)
x_reg = rng.uniform(-1, 1, size=(1, 40))                          # one example per column
y_reg = 1.5 * x_reg - 0.5 + 0.2 * rng.standard_normal(x_reg.shape)
w_reg, b_reg = 2.0, 2.0
reg_costs = [quadratic_cost(w_reg * x_reg + b_reg, y_reg)]
for step in range(100):
    error = w_reg * x_reg + b_reg - y_reg                         # delta = a - y, one column per example
    w_reg, b_reg = w_reg - 0.5 * np.mean(error * x_reg), b_reg - 0.5 * np.mean(error)
    reg_costs.append(quadratic_cost(w_reg * x_reg + b_reg, y_reg))
slope, intercept = np.polyfit(x_reg[0], y_reg[0], 1)            # the least-squares line, to compare

fig, axes = plt.subplots(1, 2, figsize=(11, 4))
x_line = np.array([-1.0, 1.0])
axes[0].plot(x_reg[0], y_reg[0], "o", alpha=0.6, label=_("data"))
axes[0].plot(x_line, w_reg * x_line + b_reg, label=_(f"linear neuron: a = {w_reg:.3f} x {'-' if b_reg < 0 else '+'} {abs(b_reg):.3f}"))
axes[0].plot(x_line, 1.5 * x_line - 0.5, "k--", lw=1, label=_("the line the data came from"))
axes[0].set_xlabel("x")
axes[0].set_ylabel("y")
axes[0].set_title(_("fit after 100 steps"))
axes[0].grid(alpha=0.3)
axes[0].legend()
plot_curves({_("quadratic cost"): reg_costs}, _("cost"), xlabel=_("gradient step"), title=_("cost during training"),
            ax=axes[1], logy=True)
plt.show()
print(_(f"cost {reg_costs[0]:.4f} before training -> {reg_costs[10]:.4f} after 10 steps -> "
      f"{reg_costs[-1]:.4f} after 100; w = {w_reg:.3f}, b = {b_reg:.3f}"))
print(_(f"least-squares line (np.polyfit): w = {slope:.3f}, b = {intercept:.3f}, "
      f"cost {quadratic_cost(slope * x_reg + intercept, y_reg):.4f}"))

# %% [markdown]
# Gradient descent ends at $w = 1.547$, $b = -0.443$ with a final cost of 0.0230: the same line, and
# the same cost, as the least-squares line that `np.polyfit` computes directly. The cost falls
# fastest at the start, when the line is furthest off (from 3.1267 to 0.0232 in 10 steps), and then
# levels off, not because learning slowed down but because nothing is left to learn: with noise of
# standard deviation 0.2 (variance 0.04) no line gets half the mean squared error much below 0.02.

# %% [markdown]
# ## 3. Both costs on MNIST
#
# Does it matter for a whole network? Train the 784-30-10 network on MNIST with each output error,
# with mini-batches of 10 and the same starting weights. The network's training loop is the course's
# `train`; the piece that differs is your function.
#
# **The start is chosen on purpose, and it matters.** These runs start from Nielsen's chapter-1
# initialisation: every weight and bias a Gaussian with standard deviation 1 (`scaled_init=False`).
# A hidden neuron's weighted input $z = \sum_j w_j x_j + b$ then adds up one random term for each
# lit pixel, so $z$ is spread far from 0 and most hidden neurons start saturated, their outputs stuck
# near 0 or 1. Those 0s and 1s, through 30 weights of standard deviation 1, push the output neurons'
# $z$ far from 0 as well: many output neurons start *confidently wrong*, like the saturated neuron
# of section 2. That is why this section uses it: the quadratic cost's slowdown lives in
# the output neurons' $\sigma'(z)$, and this start makes it large enough to see. (Nielsen, too, runs
# his first cross-entropy experiment on MNIST from the chapter-1 start, and changes it only later in
# ch. 3, in "Weight initialization"; lesson 01 and sections 4 and 5 below use that better
# $1/\sqrt{n_{in}}$ scale, which hides much of the problem.) The price: this start also saturates the
# *hidden* neurons, which slows learning under either cost, since the cross-entropy cancels
# $\sigma'$ only at the output. So the last two runs below repeat two of the first three from the scaled start
# (`scaled_init=True`) with the same seed, which draws the very same random numbers and only divides
# each weight by $\sqrt{n_{in}}$, to show how much of the picture is the start's doing; section 6
# looks at that start closely.
#
# As for the single neuron, the same $\eta$ means a different step size under each cost. Nielsen
# trains this network with the quadratic cost and $\eta = 3$ in chapter 1, and with the cross-entropy
# and $\eta = 0.5$ in chapter 3. He gives a rough rule for the ratio: the quadratic cost's gradient
# carries the extra factor $\sigma'(z) = a(1 - a)$, whose average over $a \in [0, 1]$ is $1/6$, so it
# learns about six times more slowly at the same $\eta$. Below, the quadratic cost runs at both
# $\eta = 0.5$ and $\eta = 3$, so you can judge:

# %%
(X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist()
Y_train = one_hot_columns(y_train)

epochs = experiment_size(15, 2)   # fewer while the notebook is being autograded
runs = {_("quadratic, eta = 0.5"): (quadratic_delta, 0.5, False),          # (output error, eta, scaled start)
        _("quadratic, eta = 3"): (quadratic_delta, 3.0, False),
        _("cross-entropy, eta = 0.5"): (cross_entropy_delta, 0.5, False),
        _("quadratic, eta = 0.5, scaled start"): (quadratic_delta, 0.5, True),
        _("cross-entropy, eta = 0.5, scaled start"): (cross_entropy_delta, 0.5, True)}
results = {}
for label, (delta, eta, scaled) in runs.items():
    results[label] = train([784, 30, 10], X_train, y_train, epochs=epochs, batch_size=10, eta=eta,
                           output_delta=delta, scaled_init=scaled, seed=0, desc=label,
                           monitor={_("validation accuracy"): accuracy_on(X_val, y_val),
                                    _("training cross-entropy"): cost_on(cross_entropy_cost, X_train, Y_train)})

def plot_accuracy_and_cost(histories, title):
    """Each run's validation accuracy and training cross-entropy, side by side."""
    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    plot_curves({k: h[_("validation accuracy")] for k, h in histories.items()}, _("validation accuracy"),
                title=title, ax=axes[0])
    plot_curves({k: h[_("training cross-entropy")] for k, h in histories.items()}, _("training cross-entropy"),
                title=title, ax=axes[1], logy=True)
    plt.show()

plot_accuracy_and_cost({k: h for k, (_, h) in results.items() if not runs[k][2]},   # the std-1 start only
                       _("standard-deviation-1 start"))
middle = min(5, epochs)
for label, (_, history) in results.items():
    acc = history[_("validation accuracy")]
    print(_(f"{pad(label, 38)} validation accuracy after 1 epoch {acc[1]:.1%}, after {middle}: {acc[middle]:.1%}, "
          f"after {epochs}: {acc[-1]:.1%}"))

# %% [markdown]
# At the same $\eta = 0.5$ the quadratic network lags far behind the cross-entropy one at every epoch.
# Six times the learning rate narrows the gap, but the cross-entropy network still learns faster in
# the first epochs; later the two are about level (with the 1,000 validation images of the offline
# data, a point either way is noise).
#
# The last two lines show how much of this the start made. From the scaled start the quadratic
# network at $\eta = 0.5$ is at 68.1% after one epoch instead of 23.2%, and at 89.2% instead of 49.7%
# after five: about where the cross-entropy got from the standard-deviation-1 start (68.7% after one
# epoch). Without saturated output neurons the quadratic cost's factor $\sigma'(z)$ is near its
# largest value, 1/4, instead of near 0, and what is left of the slowdown is about the factor that
# Nielsen's rule of six above speaks of: at the same $\eta$ the cross-entropy still learns faster
# from the scaled start (87.4% after one epoch, 92.2% after five). That start helps the cross-entropy
# too, because its hidden neurons no longer start saturated either, which no cost can fix. So the
# large gap at $\eta = 0.5$ above is partly made by the start: keep that in mind whenever a
# comparison starts from standard-deviation-1 weights.

# %% [markdown]
# ## 4. Softmax outputs and the log-likelihood cost
#
# A sigmoid output layer gives ten independent numbers in (0, 1). For "which digit is this?" we
# would rather have a **probability distribution** over the ten classes. The **softmax** layer turns
# the weighted inputs into one:
#
# $$a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}, \qquad a_j > 0, \quad \sum_j a_j = 1 .$$
#
# Raising one $z_j$ raises $a_j$ and lowers all the others. Its natural cost is the
# **log-likelihood**: for an example of class $y$, $C_x = -\ln a_y$, the surprise of the network at the
# right answer. It is small when the network puts a high probability on the true class and grows
# without bound as that probability goes to 0. The same cancellation as in section 2 happens
# (Nielsen, ch. 3): the output error is again
#
# $$\delta^L = a^L - y \quad (y \text{ one-hot}),$$
#
# so a softmax layer with log-likelihood learns without slowdown, and your `cross_entropy_delta`
# serves it unchanged. (Lesson 06 writes the softmax itself, numerically safe.)
#
# ### Exercise 6 — `log_likelihood_cost`
# $$C = -\frac{1}{m} \sum_x \ln a_{y(x)}(x)$$
#
# `A` is `(n_classes, m)` of softmax outputs, one column per example, and `y` holds **integer**
# labels, shape `(m,)`, counted from 0. Each column contributes one entry only: the output of its own
# true class, in row `y[i]` of column `i`. Pick those $m$ entries without a Python loop. Pitfalls:
# indexing `A` with the label array alone selects whole *rows* (an `(m, m)` block, not $m$ numbers),
# and the row index comes first, the column second.

# %% nbgrader={"grade": false, "grade_id": "log_likelihood_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def log_likelihood_cost(A, y):
    """-1/m * sum over the m columns i of ln A[y[i], i].

    A: (n_classes, m) softmax outputs, each column positive and summing to 1; y: (m,) integer labels.
    Returns a float.
    """
    ### BEGIN SOLUTION
    m = A.shape[1]
    return float(-np.mean(np.log(A[y, np.arange(m)])))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_log_likelihood_cost", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
A_t = np.array([[0.7, 0.1, 0.2],
                [0.2, 0.3, 0.5],
                [0.1, 0.6, 0.3]])
y_t = np.array([0, 2, 2])
cost_t = call(log_likelihood_cost, A_t, y_t)
expect_number(cost_t, "log_likelihood_cost(A, y)")
expect_close(cost_t, answers, _("log_likelihood_cost(A, y) with y = [0, 2, 2]"), m=3)
expect_close(call(log_likelihood_cost, np.array([[0.25], [0.75]]), np.array([1])), answers,
             _("log_likelihood_cost of one example of class 1"))
passed("log_likelihood_cost")

# %% [markdown]
# Train the network with a softmax output layer (the course's network has it built in, numerically
# safe) and your `cross_entropy_delta` as its output error, watching your log-likelihood cost fall:

# %%
softmax_net, softmax_history = train(
    [784, 30, 10], X_train, y_train, epochs=epochs, batch_size=10, eta=0.5, output="softmax",
    output_delta=cross_entropy_delta, seed=0, desc=_("softmax"),
    monitor={_("training log-likelihood"): cost_on(log_likelihood_cost, X_train, y_train),
             _("validation log-likelihood"): cost_on(log_likelihood_cost, X_val, y_val),
             _("validation accuracy"): accuracy_on(X_val, y_val)})
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({k: softmax_history[k] for k in (_("training log-likelihood"), _("validation log-likelihood"))},
            _("log-likelihood cost"), ax=axes[0])
plot_curves({_("validation accuracy"): softmax_history[_("validation accuracy")]}, _("accuracy"), ax=axes[1])
plt.show()
probabilities = feedforward(softmax_net, X_test[:, :5])
print(_("softmax outputs of 5 test images: columns sum to"), probabilities.sum(axis=0).round(6))
print(_("predicted"), probabilities.argmax(axis=0), _("true"), y_test[:5],
      _("confidence"), probabilities.max(axis=0).round(3))
softmax_val, softmax_test = softmax_history[_("validation accuracy")][-1], accuracy(softmax_net, X_test, y_test)
print(_(f"softmax + log-likelihood: validation {softmax_val:.1%}, test {softmax_test:.1%}"))

# %% [markdown]
# ## 5. Multi-label versus multi-class
#
# Softmax assumes each example belongs to **exactly one** class: its outputs compete, because they must
# sum to 1. Sometimes an example carries **several labels at once**: a street photo may contain a car,
# a bus *and* a pedestrian (the Machine Learning Specialization's example). Then we want one
# independent yes/no answer per label: a **sigmoid** output per label, each trained with its own binary
# cross-entropy, which is exactly your `cross_entropy_cost` summed over the output rows, with output
# error `cross_entropy_delta`. The outputs no longer sum to 1, and any subset of labels can be on.
#
# To see it on MNIST, give each digit three properties that can hold together: **even**, **greater
# than 4**, and **prime**. The digit 2 is even and prime; 7 is greater than 4 and prime; 9 is only
# greater than 4; 1 has none.

# %%
PROPERTIES = [_("even"), _("> 4"), _("prime")]

def digit_properties(y):
    """(3, m) targets: is the digit even, greater than 4, prime."""
    return np.vstack([y % 2 == 0, y > 4, np.isin(y, [2, 3, 5, 7])]).astype(float)

T_train, T_val, T_test = digit_properties(y_train), digit_properties(y_val), digit_properties(y_test)

def per_label_accuracy(X, T):
    """A monitor: the fraction of (label, example) pairs the sigmoid outputs get right at threshold 0.5."""
    def measure(net):
        return float(np.mean((feedforward(net, X) > 0.5) == T))
    return measure

def exact_match(net, X, T):
    return float(np.mean(np.all((feedforward(net, X) > 0.5) == T, axis=0)))

ml_net, multilabel_history = train(
    [784, 30, 3], X_train, T_train, epochs=epochs, batch_size=10, eta=0.5,
    output_delta=cross_entropy_delta, seed=0, desc=_("multi-label"),
    monitor={_("training binary cross-entropy"): cost_on(cross_entropy_cost, X_train, T_train),
             _("validation per-label accuracy"): per_label_accuracy(X_val, T_val)})
plot_curves({_("validation per-label accuracy"): multilabel_history[_("validation per-label accuracy")]}, _("accuracy"),
            title=_("784-30-3 network, three sigmoid outputs"))
plt.show()

outputs = feedforward(ml_net, X_test[:, :6])
for j in range(6):
    on = [p for p, o in zip(PROPERTIES, outputs[:, j]) if o > 0.5]
    print(_(f"digit {y_test[j]}: outputs {np.round(outputs[:, j], 2)} (sum {outputs[:, j].sum():.2f}) -> {on or 'no label'}"))
ml_per_label = per_label_accuracy(X_test, T_test)(ml_net)
ml_exact = exact_match(ml_net, X_test, T_test)
print(_(f"test: per-label accuracy {ml_per_label:.1%}, all three labels right {ml_exact:.1%}"))

# %% [markdown]
# The multi-class network of section 4 can answer the same questions indirectly, by first naming the
# digit: its properties follow. Compare the two on the test set:

# %%
digit_guess = feedforward(softmax_net, X_test).argmax(axis=0)
via_softmax = digit_properties(digit_guess)
print(_(f"via the softmax network's digit: per-label accuracy {np.mean(via_softmax == T_test):.1%}, "
      f"all three right {np.mean(np.all(via_softmax == T_test, axis=0)):.1%}"))
print(_(f"multi-label network:             per-label accuracy {ml_per_label:.1%}, all three right {ml_exact:.1%}"))

# %% [markdown]
# Here the labels are a function of one underlying class, so going through the digit works well. When
# labels are genuinely independent (car, bus, pedestrian in one photo) there is no single class to
# name, and only the multi-label network can answer.
#
# ### Question 2 (written, graded by your instructor)
# A photo-tagging app must mark each photo with every one of 20 tags that applies (beach, dog, sunset,
# ...). Which output layer and cost would you use, and why would a 20-way softmax be the wrong choice?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_multilabel", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** Twenty sigmoid outputs, one per tag, each trained with binary cross-entropy (the
# per-label costs summed), and a threshold such as 0.5 on each output to decide which tags apply. A
# softmax makes the twenty outputs compete and sum to 1, which models "exactly one tag"; a photo of a
# dog on a beach at sunset needs three outputs near 1 at once, which a softmax cannot give.
#
# **Rubric (2 points).** 1 point: independent sigmoid outputs with a per-label binary cross-entropy
# (or logistic) cost. 1 point: softmax outputs sum to 1 / assume exactly one class, so several tags
# cannot all be likely at once.
# ### END SOLUTION

# %% [markdown]
# ## 6. Weight initialisation: saturated hidden neurons
#
# The cross-entropy cures a saturated *output* neuron. A saturated *hidden* neuron is another matter:
# its error $\delta^l = \bigl((W^{l+1})^T \delta^{l+1}\bigr) \odot \sigma'(z^l)$ (BP2) carries its own
# $\sigma'(z)$ whatever the cost, so the cure has to come from where $z$ starts. Nielsen's argument
# (ch. 3, "Weight initialization"): when the weights and the bias of a neuron are independent
# Gaussians of mean 0, its weighted input $z = \sum_j w_j x_j + b$ is a sum of independent terms, and
# the variance of such a sum is the sum of the variances:
#
# $$\operatorname{Var}(z) = \sum_j x_j^2 \operatorname{Var}(w) + \operatorname{Var}(b).$$
#
# Take his example: 1,000 inputs, half of them 1 and half 0. With standard deviation 1 everywhere,
# $\operatorname{Var}(z) = 500 + 1$ and $z$ has standard deviation $\sqrt{501} \approx 22.4$: $|z|$ is
# very likely large, $\sigma(z)$ very close to 0 or 1, $\sigma'(z)$ nearly 0, and the neuron hardly
# learns. The cure is to shrink each neuron's weights with the number of inputs it adds up, its
# **fan-in** $n_{in}$: Gaussian weights of mean 0 and standard deviation $1/\sqrt{n_{in}}$, that is,
# variance $1/n_{in}$. Then $\operatorname{Var}(z) = 500/1000 + 1 = 3/2$, a standard deviation of
# $\sqrt{3/2} \approx 1.22$, and $z$ starts where the sigmoid is steep. The biases keep standard
# deviation 1: a bias is one term of the sum, adds 1 to the variance, and its scale makes little
# difference to saturation (Nielsen keeps it too). The same variance $1/n$ is the rule of the
# deep-learning specialization (course 2, "Improving Deep Neural Networks", week 1, lecture "Weight
# Initialization for Deep Networks"), which uses $2/n$ for ReLU units.
#
# ### Exercise 7 — `scaled_init`
# Return `(weights, biases)` for a network of layer sizes `sizes` $= [n_0, n_1, \dots, n_L]$ ($n_0$
# inputs, $L$ layers of weights): two lists of $L$ float arrays, in that order. `weights[l]` has shape
# `(sizes[l+1], sizes[l])`, one row per neuron of layer $l + 1$ and one column per input it receives,
# so its fan-in is `sizes[l]`, its number of columns; `biases[l]` is a column `(sizes[l+1], 1)`.
#
# The tests compare your numbers with the ones they expect, so draw the same numbers in the same
# order, as Nielsen's own code does. Draw everything from the generator `rng` you are given (not from
# `np.random`: then the same generator state always gives the same network), as standard normal
# numbers, each array in one draw of its own shape (not of its transpose): **first every bias
# vector**, layer by layer from the first hidden layer to the output layer, **then every weight
# matrix**, layer by layer, each divided by the square root of its fan-in. Pitfalls: the variance is
# $1/n_{in}$, so the divisor is $\sqrt{n_{in}}$, not $n_{in}$; the fan-in is the layer the weights
# come *from*, not the one they go to; the biases are not scaled; and drawing each layer's bias and
# weights together gives the right spread but puts the numbers in other places.

# %% nbgrader={"grade": false, "grade_id": "scaled_init", "locked": false, "schema_version": 3, "solution": true, "task": false}
def scaled_init(sizes, rng):
    """Nielsen's default start: N(0, 1) biases, N(0, 1/n_in) weights.

    sizes: layer sizes [n_0, ..., n_L] (n_0 inputs); rng: numpy.random.Generator.
    Returns (weights, biases): lists of L float64 arrays, weights[l] (sizes[l+1], sizes[l]) and
    biases[l] (sizes[l+1], 1); every bias vector is drawn first, layer by layer, then every weight matrix.
    """
    ### BEGIN SOLUTION
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, biases
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_scaled_init", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
first_t = expect_items(call(scaled_init, [4, 3, 2], np.random.default_rng(3)), ["weights", "biases"],
                       "scaled_init([4, 3, 2], rng)")
again_t = expect_items(call(scaled_init, [4, 3, 2], np.random.default_rng(3)), ["weights", "biases"],
                       "scaled_init([4, 3, 2], rng)")
weights_t, biases_t = first_t
expect_close(len(weights_t), answers, _("the number of weight matrices for sizes [4, 3, 2]"))
expect_close(len(biases_t), answers, _("the number of bias vectors for sizes [4, 3, 2]"))
expect_shape(weights_t[0], (3, 4), _("weights[0] for sizes [4, 3, 2]"),
             hint=_("weights[l] is (sizes[l+1], sizes[l]); and the pair returned is (weights, biases), in that order."))
expect_shape(weights_t[1], (2, 3), _("weights[1] for sizes [4, 3, 2]"))
expect_shape(biases_t[0], (3, 1), _("biases[0] for sizes [4, 3, 2]"),
             hint=_("biases[l] holds one bias per neuron of layer l + 1: a column of sizes[l+1] rows."))
expect_shape(biases_t[1], (2, 1), _("biases[1] for sizes [4, 3, 2]"))
expect_dtype(weights_t[0], np.float64, "weights[0]")
expect_close(again_t, first_t, _("a second call with a generator in the same state (seed 3)"),
             hint=_("The same generator state must give the same network: draw every number from the rng passed in, "
                  "not from np.random."))
expect_close(weights_t, answers, _("weights of scaled_init([4, 3, 2], rng) (seed 3)"),
             hint=_("Standard normal numbers, each weight matrix in one draw of its own shape, divided by the "
                  "square root of its number of columns, after all the biases."))
expect_close(biases_t, answers, _("biases of scaled_init([4, 3, 2], rng) (seed 3)"),
             hint=_("Standard normal numbers, unscaled, each bias vector in one draw, before any weight."))
weights_t, biases_t = expect_items(call(scaled_init, [5, 4, 3, 2], np.random.default_rng(4)), ["weights", "biases"],
                                   "scaled_init([5, 4, 3, 2], rng)")
expect_close(len(weights_t), answers, _("the number of weight matrices for sizes [5, 4, 3, 2]"))
expect_close(biases_t, answers, _("biases of scaled_init([5, 4, 3, 2], rng) (seed 4)"))
expect_close(weights_t, answers, _("weights of scaled_init([5, 4, 3, 2], rng) (seed 4)"))
passed("scaled_init")

# %% [markdown]
# ### What the scaled start changes
#
# Look at the hidden layer of the lesson's 784-30-10 network at the start: its weighted inputs
# $z = W^1 x + b^1$ on the training images (30 values per image: one per hidden neuron), from your
# `scaled_init`, and from weights of standard deviation 1. To compare like with like, the
# standard-deviation-1 weights are your own draws multiplied back by $\sqrt{n_{in}}$: the same random
# numbers and the same biases, only the weights' scale differs. An MNIST image is no longer
# Nielsen's half-lit input: its $\sum_j x_j^2$ (the run prints its average) sets the spread through
# the variance formula above. A neuron counts as saturated on an image when $|z| > 4$, where
# $\sigma'(z) < \sigma'(4)$, less than a tenth of the largest slope $\sigma'(0) = 1/4$.

# %%
weights_start, biases_start = scaled_init([784, 30, 10], np.random.default_rng(0))
starts = {_("standard deviation 1"): ([W * np.sqrt(W.shape[1]) for W in weights_start], 1.0),   # the same draws
          _("your scaled_init, 1/sqrt(n_in)"): (weights_start, 1 / 784)}
pixel_sum = np.mean(np.sum(X_train ** 2, axis=0))   # sum of x_j^2 over an image's pixels, on average
print(_(f"sum of x_j^2 over the 784 pixels: {pixel_sum:.1f} on average; sigma'(4) = {sigmoid_prime(4.0):.4f}"))
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
for label, (start_weights, var_w) in starts.items():
    Z_hidden = start_weights[0] @ X_train + biases_start[0]
    Z_output = start_weights[1] @ sigmoid(Z_hidden) + biases_start[1]
    axes[0].hist(Z_hidden.ravel(), bins=np.linspace(-30, 30, 121), density=True, alpha=0.6, label=label)
    axes[1].hist(sigmoid(Z_hidden).ravel(), bins=np.linspace(0, 1, 51), density=True, alpha=0.6, label=label)
    print(_(f"{pad(label, 31)} hidden z: standard deviation {Z_hidden.std():.2f} (the formula, on average: "
          f"{np.sqrt(pixel_sum * var_w + 1):.2f}); |z| > 4 for {np.mean(np.abs(Z_hidden) > 4):.1%}, "
          f"mean sigma'(z) {np.mean(sigmoid_prime(Z_hidden)):.3f}; output z: |z| > 4 for "
          f"{np.mean(np.abs(Z_output) > 4):.1%}"))
for ax in axes[0], axes[1]:
    ax.set_ylabel(_("density"))
    ax.grid(alpha=0.3)
    ax.legend()
axes[0].axvspan(-4, 4, color="grey", alpha=0.15)
axes[0].set_xlabel(_("hidden weighted input z"))
axes[0].set_title(_("hidden z at the start (grey: |z| <= 4)"))
axes[1].set_xlabel(_("hidden activation sigma(z)"))
axes[1].set_title(_("hidden activations at the start"))
plt.show()

# %% [markdown]
# With standard deviation 1 the hidden $z$ have a standard deviation of 8.78 (the variance formula
# gives 9.46 for an average image: 30 neurons are a small sample of weights and biases), 63.9% of
# them are beyond $\pm 4$, and the mean slope $\sigma'(z)$ is 0.046: the activations pile up at 0
# and 1 (right panel). From your scaled start the standard deviation is 0.85 (the formula: 1.05),
# 0.0% of the $z$ are beyond $\pm 4$, and the mean slope is 0.216, close to its largest value 1/4:
# the activations spread around the middle. The saturation reaches the output layer too: from the
# standard-deviation-1 start 27.7% of the output neurons' $z$ are beyond $\pm 4$ (0.0% from the
# scaled start), the confidently wrong outputs that slowed the quadratic cost in section 3.
#
# Now the learning curves. Section 3 trained the network with the cross-entropy from both starts
# (`scaled_init=False` and `True`, the same seed, $\eta = 0.5$); here they are side by side. The
# course's `train` takes no starting weights, it draws its own: with `scaled_init=True` from the same
# two distributions as your `scaled_init` (in its own order, weights first), and, as above, its two
# starts hold the same random numbers, only the weights' scale differs.

# %%
init_runs = {_("standard deviation 1"): results[_("cross-entropy, eta = 0.5")][1],
             _("scaled, 1/sqrt(n_in)"): results[_("cross-entropy, eta = 0.5, scaled start")][1]}
plot_accuracy_and_cost(init_runs, _("cross-entropy, eta = 0.5: two starts"))
for label, history in init_runs.items():
    acc, cost = history[_("validation accuracy")], history[_("training cross-entropy")]
    print(_(f"{pad(label, 21)} training cross-entropy {cost[0]:.2f} at the start -> {cost[1]:.3f} after 1 epoch -> "
          f"{cost[-1]:.3f} after {epochs}; validation accuracy after 1 epoch {acc[1]:.1%}, after {epochs}: {acc[-1]:.1%}"))

# %% [markdown]
# The same cost, the same learning rate, the same random numbers; only the weights' scale differs.
# From the scaled start the training cross-entropy begins at 6.65 instead of 13.09 (fewer outputs
# start confidently wrong), the network is at 87.4% validation accuracy after one epoch instead of
# 68.7%, and it is still ahead after 15 epochs: 92.4% against 88.7%, at a training cross-entropy of
# 0.069 against 0.211. The cross-entropy removed the output layer's $\sigma'(z)$ from the gradient;
# the scaled start keeps the hidden layer's $\sigma'(z)$ from starting near 0, which no cost can do.
# Nielsen reports the same kind of result on the full MNIST (ch. 3, "Weight initialization"): the
# scaled start gets there much faster, and the two starts end at about the same accuracy. The
# course's `train` starts from the scaled weights unless told otherwise (sections 4 and 5 did); a
# lesson that passes `scaled_init=False` does it on purpose, to make a problem big enough to see.

# %% [markdown]
# ## What to expect
#
# The numbers this notebook printed when it was written (offline MNIST: 3,000 training images, seed 0):
#
# - **Slowdown** (the saturated neuron, 300 steps): under the quadratic cost ($\eta = 0.15$) the cost
#   barely moves for 150 steps (0.482 to 0.436), drops fastest at step 215 and ends at 0.021. Under
#   the cross-entropy it drops fastest at the very first step, with Nielsen's $\eta = 0.005$ (4.02 to
#   1.51 after 300 steps) as with $\eta = 0.15$ (4.02 to 0.012).
# - **Where the cross-entropy comes from:** for $y = 0.3$ the smallest cost over $a$ is 0.610864, at
#   $a = 0.300$, equal to the binary entropy of 0.3.
# - **Linear output, quadratic cost** (the same neuron's start): 8 to 3.92 after 1 step and 0.0064
#   after 10, steepest drop at the first step. The regression on 40 points ends at a cost of 0.0230
#   with $w = 1.547$, $b = -0.443$, the least-squares line.
# - **MNIST, 784-30-10, 15 epochs, standard-deviation-1 initialisation:** validation accuracy after 1,
#   5 and 15 epochs: 23.2%, 49.7%, 74.6% (quadratic, $\eta = 0.5$); 50.3%, 77.1%, 89.0% (quadratic,
#   $\eta = 3$); 68.7%, 84.9%, 88.7% (cross-entropy, $\eta = 0.5$). The cross-entropy network learns
#   fastest from the start; the quadratic one with six times its learning rate is level with it only
#   from about the ninth epoch on. From the $1/\sqrt{n_{in}}$ start (same seed): 68.1%, 89.2%, 91.0%
#   (quadratic, $\eta = 0.5$); 87.4%, 92.2%, 92.4% (cross-entropy, $\eta = 0.5$).
# - **Softmax + log-likelihood** (with the $1/\sqrt{n_{in}}$ initialisation): 91.8% validation, 93.4% test.
# - **Multi-label** (three sigmoid outputs): 95.7% of the test labels right, all three right for 90.0% of
#   the images; going through the softmax network's digit gives 96.5% and 93.6%.
# - **Weight initialisation** (784-30-10 at the start, on the training images): hidden $z$ with
#   standard deviation 8.78, 63.9% beyond $\pm 4$ and mean $\sigma'(z)$ 0.046 from
#   standard-deviation-1 weights, against 0.85, 0.0% and 0.216 from `scaled_init`; output $z$ beyond
#   $\pm 4$: 27.7% against 0.0%. Trained with the cross-entropy, the training cost goes from 13.09 to
#   0.211 in 15 epochs from the first start, from 6.65 to 0.069 from the scaled one.
#
# With the full MNIST (`nncourse data mnist`: 50,000 training images instead of 3,000) every accuracy
# is higher. Nielsen reports 95.49% test accuracy for 784-30-10 with the cross-entropy, $\eta = 0.5$
# and 30 epochs (ch. 3), against 95.42% with the quadratic cost and $\eta = 3$ (ch. 1).
#
# Lesson 03 turns to the other problem every network meets: it learns its training set too well.
