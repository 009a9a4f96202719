# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 04 — Hyperparameter tuning
#
# A network has settings that training does not learn: the learning rate $\alpha$, the number of hidden
# units, the mini-batch size, a momentum $\beta$, a regularization $\lambda$... These **hyperparameters**
# decide whether training works at all. This lesson is about searching for good ones systematically:
# where to put the trials (a grid or at random), on what scale to draw them (linear or logarithmic),
# how to zoom in on a promising region, and how to spend the computing power you have (babysit one
# model, or train many at once). It also builds the optimisers whose hyperparameters you will tune:
# exponentially weighted averages, momentum and Adam.
#
# The lesson has three parts, each about an hour of work: **Part A** (sections 1–4) places the trials,
# **Part B** (sections 5–8) builds and compares the optimisers, **Part C** (sections 9–11) tunes the
# course network for real. It follows course 2 of the Deep Learning Specialization (DeepLearning.AI):
# week 3's videos *Tuning process*, *Using an appropriate scale to pick hyperparameters* and
# *Hyperparameters tuning in practice: Pandas vs. Caviar* (Parts A and C), and week 2's videos on
# exponentially weighted averages, momentum, Adam and learning-rate decay (Part B, and the decay of
# Part C). It uses the network of lessons 01–02 (`nncourse.utils.network`) on MNIST.
#
# **New notation from here on.** Lessons 01–03 wrote their equations as Nielsen's book does; this
# lesson and the next ones write them as the specialization does. The ideas are the same:
#
# | | Nielsen (lessons 01–03) | the specialization (lessons 04–07) |
# | --- | --- | --- |
# | learning rate | $\eta$ | $\alpha$ |
# | cost, averaged over the examples | $C$ | $J$ |
# | cost of one example | $C_x$ | the loss $\mathcal{L}(\hat y, y)$ |
# | the network's output | $a^L$ | $\hat y = a^{[L]}$ |
# | activations, weights, biases of layer $l$ | $a^l$, $w^l$, $b^l$ | $a^{[l]}$, $W^{[l]}$, $b^{[l]}$ |
# | one training example and its label | $x$, $y(x)$ | $x^{(i)}$, $y^{(i)}$ (the $i$-th) |
# | number of training examples | $n$ ($m$ is the size of a mini-batch) | $m$ |
#
# **Layers.** Nielsen counts the input as the first layer: a 784-30-10 network has $L = 3$ layers, its
# weight matrices are $w^2$ and $w^3$ and its output is $a^3$. The specialization numbers the input
# layer 0 and does not count it: the same network is a 2-layer network, $L = 2$, with $W^{[1]}$
# (30 × 784), $W^{[2]}$ (10 × 30) and $\hat y = a^{[2]}$; layer $l$ has $n^{[l]}$ units ($n^{[0]} = 784$,
# $n^{[1]} = 30$, $n^{[2]} = 10$). The code is the same on both sides:
# `sizes = [784, 30, 10]`, `weights[0]` is the first matrix after the input, and each example is one
# column of `X`. **Classes** are numbered from 0 on both sides, as in the code: MNIST's 10 classes are
# the digits 0 to 9, and output unit $j$ (counting from 0) stands for digit $j$. In lesson 06, $C$ is
# the number of classes, no longer a cost. The course's `train` function, written in lesson 01, still
# calls its learning-rate argument `eta`: this lesson passes $\alpha$ to it as `eta=`.
#
# **How this notebook works.** Cells marked `# YOUR CODE HERE` are yours to write; the cell after each
# exercise tests your function. A test cell holds only its inputs (their names end in `_t`, so they
# never overwrite yours) and the calls that check your function; when a result is wrong, its message
# says where, and names the mistake when it is a common one. Hidden tests run the same function on
# inputs you have not seen when your work is graded. Cells that ask a question in words are graded by
# your instructor.
#
# **Random functions.** Several exercises draw random numbers from a `numpy.random.Generator` called
# `rng`. Draw exactly what each exercise says, in the order it says, from that generator: the tests
# compare your draws with the expected ones from the same seed.

# %% tags=["setup"] nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nncourse.utils.answers import public_answers
from nncourse.utils.checks import call, expect_close, expect_dtype, expect_items, expect_shape, passed
from nncourse.utils.data import load_mnist
from nncourse.utils.network import Stateful, accuracy_on, cost_on, one_hot_columns, plain_update, train
from nncourse.utils.plotting import plot_curves
from nncourse.utils.progress import progress
from nncourse.utils.runtime import autograding, experiment_size

answers = public_answers("04_hyperparameter_tuning")  # what the public tests expect, and what known mistakes give

# %% [markdown]
# # Part A — Where to put the trials
#
# ## 1. Grid search or random search?
#
# Suppose two hyperparameters, each with a range to search, and a budget of 25 training runs. A
# **grid** tries 5 values of each, in all 25 combinations. **Random search** draws 25 points uniformly
# in the same box. The difference matters because hyperparameters are not equally important: the
# learning rate usually matters far more than, say, a small momentum change or the $\epsilon$ of Adam.
# With a grid, the important one only ever takes **5** distinct values; with random search it takes
# **25**. Bergstra and Bengio (2012, *Random search for hyper-parameter optimization*, JMLR 13) found
# that random search over the same domain finds models as good as grid search's, or better, in a small
# fraction of the computation, and better ones for the same budget. Their analysis says why: on most
# data sets only a few hyperparameters really matter, and which ones differs from one data set to the
# next, so you cannot lay a grid along the important axes in advance.
#
# `bounds` is a `(k, 2)` array: row $i$ holds `[low, high]` of hyperparameter $i$.
#
# ### Exercise 1 — `grid_points`
# On each axis $i$ take `n_per_axis` evenly spaced values from $\text{low}_i$ to $\text{high}_i$, both ends
# included, and return every combination of one value per axis: a `(n_per_axis**k, k)` array with one
# point per row and column $i$ holding axis $i$. List the points with the **first axis slowest**, in
# the order of nested loops with the first axis outermost: with two axes, all the points whose first
# coordinate is $\text{low}_0$ come first, in increasing order of the second coordinate.

# %% nbgrader={"grade": false, "grade_id": "grid_points", "locked": false, "schema_version": 3, "solution": true, "task": false}
def grid_points(bounds, n_per_axis):
    """Every combination of n_per_axis evenly spaced values per axis, first axis slowest.

    bounds: (k, 2) array of [low, high] per axis.  Returns (n_per_axis**k, k).
    """
    ### BEGIN SOLUTION
    axes = [np.linspace(low, high, n_per_axis) for low, high in bounds]
    mesh = np.meshgrid(*axes, indexing="ij")          # "ij": the first axis varies slowest
    return np.stack([g.ravel() for g in mesh], axis=1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_grid_points", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
bounds_t = np.array([[0.0, 1.0], [10.0, 30.0]])   # axis 0 in [0, 1], axis 1 in [10, 30]
expect_shape(call(grid_points, bounds_t, 3), (9, 2), _("grid_points(bounds, 3) for k = 2 axes"))
expect_close(call(grid_points, bounds_t, 3), answers, "grid_points([[0, 1], [10, 30]], 3)",
             hint=_("Each row is one point and column i holds axis i; the first column varies slowest."))
expect_close(call(grid_points, np.array([[0.0, 1.0], [0.0, 1.0], [-1.0, 1.0]]), 4), answers,
             _("grid_points([[0, 1], [0, 1], [-1, 1]], 4): 3 axes, 4 values each"))
passed("grid_points")

# %% [markdown]
# ### Exercise 2 — `random_points`
# `n` points drawn uniformly in the box, as an `(n, k)` array with one point per row: coordinate $i$
# of every point is uniform in $[\text{low}_i, \text{high}_i)$. For the tests to reproduce your draws,
# take all $n \times k$ numbers from `rng` in **one** draw of numpy's uniform distribution, of shape
# `(n, k)`, so that they fill the result row by row (point 0's $k$ coordinates first). Drawing one axis
# at a time, or a `(k, n)` array that you transpose, gives other (equally random) points. Numpy
# broadcasts a vector of `k` bounds across the rows.

# %% nbgrader={"grade": false, "grade_id": "random_points", "locked": false, "schema_version": 3, "solution": true, "task": false}
def random_points(bounds, n, rng):
    """n points uniform in the box bounds (k, 2), drawn from rng.  Returns (n, k)."""
    ### BEGIN SOLUTION
    return rng.uniform(bounds[:, 0], bounds[:, 1], size=(n, len(bounds)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_random_points", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
bounds_t = np.array([[0.0, 1.0], [10.0, 30.0]])
points_t = call(random_points, bounds_t, 5, np.random.default_rng(7))
expect_shape(points_t, (5, 2), "random_points(bounds, 5, rng)")
expect_close(points_t, answers, "random_points(bounds, 5, np.random.default_rng(7))",
             hint=_("Row i of bounds is [low, high] of coordinate i; draw all (n, k) numbers at once from rng."))
expect_close(call(random_points, np.array([[-1.0, 1.0], [0.0, 5.0], [2.0, 3.0]]), 2, np.random.default_rng(8)),
             answers, _("random_points of 2 points in 3 dimensions, np.random.default_rng(8)"))
passed("random_points")

# %% [markdown]
# Now the experiment. Here is a made-up "validation accuracy" of two hyperparameters in $[0, 1]^2$: it
# depends strongly on the first (peaked at 0.37) and only weakly on the second. Spend 25 trials with
# each method:

# %%
def toy_accuracy(points):
    """A made-up validation accuracy: the first hyperparameter matters, the second hardly."""
    a, b = points[:, 0], points[:, 1]
    return 0.95 * np.exp(-((a - 0.37) / 0.15) ** 2) + 0.03 * b

UNIT_SQUARE = np.array([[0.0, 1.0], [0.0, 1.0]])
grid, rand = grid_points(UNIT_SQUARE, 5), random_points(UNIT_SQUARE, 25, np.random.default_rng(0))

fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
a_grid, b_grid = np.meshgrid(np.linspace(0, 1, 200), np.linspace(0, 1, 200))
landscape = toy_accuracy(np.column_stack([a_grid.ravel(), b_grid.ravel()])).reshape(a_grid.shape)
for ax, pts, name in ((axes[0], grid, _("grid")), (axes[1], rand, _("random"))):
    ax.contourf(a_grid, b_grid, landscape, levels=20, cmap="viridis")
    ax.scatter(pts[:, 0], pts[:, 1], c="white", edgecolors="black")
    ax.set_title(_(f"{name}: {len(np.unique(pts[:, 0]))} distinct values of the important axis, "
                 f"best {toy_accuracy(pts).max():.3f}"), fontsize=9)
    ax.set_xlabel(_("important hyperparameter"))
axes[0].set_ylabel(_("unimportant hyperparameter"))
plt.show()

best_random = [toy_accuracy(random_points(UNIT_SQUARE, 25, np.random.default_rng(s))).max() for s in range(200)]
print(_(f"grid search, 25 trials:   best {toy_accuracy(grid).max():.3f}"))
print(_(f"random search, 25 trials: best {np.mean(best_random):.3f} on average over 200 seeds "
      f"(better than the grid in {np.mean(np.array(best_random) > toy_accuracy(grid).max()):.0%} of them)"))

# %% [markdown]
# ### Question 1 (written, graded by your instructor)
# You have budget for 25 runs and three hyperparameters: the learning rate, the mini-batch size and
# Adam's $\epsilon$ (which hardly matters). Would you lay the 25 runs on a grid or draw them at random?
# Explain with the number of distinct learning rates each choice tries.

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_grid_or_random", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** At random. A grid over three hyperparameters with 25 runs has about $25^{1/3} \approx 3$
# values per axis (3 × 3 × 3 = 27 is already two runs over budget), so the learning rate, which matters
# most, is tried at only about 3 values, and most runs are "wasted" varying $\epsilon$ at a learning
# rate already tried. Random search tries 25 different learning rates, one per run, so the important
# axis is explored much more finely for the same cost. The mini-batch size is usually drawn from a
# short list of powers of 2 (section 9 draws it from {8, 16, 32, 64}), so either way it takes only a
# few distinct values, but at random each of them is tried with many different learning rates. We do
# not know in advance which hyperparameters matter, and random search does not need to.
#
# **Rubric (2 points).** 1 point: random search. 1 point: the reason: with a grid the important
# hyperparameter gets only a few distinct values (about 3) while random search gives it 25, and
# unimportant axes waste grid runs.
# ### END SOLUTION

# %% [markdown]
# ## 2. The right scale: sampling a learning rate
#
# Random search draws uniformly, but uniformly *in what*? A learning rate between $10^{-4}$ and 1
# drawn uniformly lands above 0.1 about 90% of the time: the decades $[10^{-4}, 10^{-3}]$,
# $[10^{-3}, 10^{-2}]$, $[10^{-2}, 10^{-1}]$, where good rates often live, share only 10% of the
# trials. What matters for a learning rate is its **order of magnitude**, so draw the *exponent*
# uniformly instead:
#
# $$r \sim \mathcal{U}(\log_{10} \text{low}, \log_{10} \text{high}), \qquad \alpha = 10^{r}.$$
#
# Each decade now gets the same share of trials. This is the **log-uniform** distribution.
#
# ### Exercise 3 — `sample_log_uniform`
# Return $n$ values $10^{r}$, shape `(n,)`, where the exponents $r$ are uniform between $\log_{10}\text{low}$
# and $\log_{10}\text{high}$. Take the $n$ exponents from `rng` in one draw of numpy's uniform
# distribution with those bounds, the lower one first. Two pitfalls: the bounds of $r$ are base-10
# logarithms (the natural logarithm gives other bounds), and what you return is $10^r$, not $r$.

# %% nbgrader={"grade": false, "grade_id": "sample_log_uniform", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sample_log_uniform(low, high, n, rng):
    """n values whose base-10 logarithm is uniform in [log10(low), log10(high)].  Returns (n,)."""
    ### BEGIN SOLUTION
    r = rng.uniform(np.log10(low), np.log10(high), n)
    return 10.0 ** r
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sample_log_uniform", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
values_t = call(sample_log_uniform, 1e-4, 1.0, 6, np.random.default_rng(3))
expect_shape(values_t, (6,), "sample_log_uniform(1e-4, 1, 6, rng)")
expect_close(values_t, answers, "sample_log_uniform(1e-4, 1, 6, np.random.default_rng(3))",
             hint=_("Draw the n exponents r uniformly between log10(low) and log10(high), in one draw from rng, "
                  "and return 10**r."))
expect_close(call(sample_log_uniform, 1e-3, 10.0, 4, np.random.default_rng(8)), answers,
             "sample_log_uniform(1e-3, 10, 4, np.random.default_rng(8))")
passed("sample_log_uniform")

# %% [markdown]
# Compare 1,000 draws on each scale, and what SciPy's `loguniform` distribution (the one
# scikit-learn's documentation uses with `RandomizedSearchCV` and `ParameterSampler`) gives for the
# same range:

# %%
from scipy.stats import loguniform

from nncourse.utils.i18n import pad

n = 1000
uniform_draws = np.random.default_rng(0).uniform(1e-4, 1.0, n)
log_draws = sample_log_uniform(1e-4, 1.0, n, np.random.default_rng(0))
scipy_draws = loguniform(1e-4, 1.0).rvs(n, random_state=0)

fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
bins = np.logspace(-4, 0, 25)
for draws, label in ((uniform_draws, _("uniform")), (log_draws, _("your log-uniform")), (scipy_draws, _("scipy loguniform"))):
    axes[0].hist(draws, bins=bins, histtype="step", linewidth=2, label=label)
axes[0].set_xscale("log")
axes[0].set_xlabel(_("learning rate (log axis)"))
axes[0].legend()
axes[1].hist(uniform_draws, bins=25, alpha=0.6, label=_("uniform"))
axes[1].hist(log_draws, bins=25, alpha=0.6, label=_("your log-uniform"))
axes[1].set_xlabel(_("learning rate (linear axis)"))
axes[1].legend()
plt.show()
for draws, label in ((uniform_draws, _("uniform")), (log_draws, _("your log-uniform")), (scipy_draws, _("scipy loguniform"))):
    print(_(f"{pad(label, 17)} share below 0.1: {np.mean(draws < 0.1):5.1%}   below 0.001: {np.mean(draws < 0.001):5.1%}"))

# %% [markdown]
# ## 3. Hyperparameters near 1: $\beta = 1 - 10^{r}$
#
# Momentum and Adam average gradients with an exponentially weighted average of parameter
# $\beta$, which averages over roughly the last $1/(1-\beta)$ steps (Part B builds that average and shows
# where the $1/(1-\beta)$ comes from). Between 0.9 and 0.999 that window
# grows from 10 to 1,000 steps. The sensitivity is not even: moving $\beta$ from 0.9000 to 0.9005 leaves
# the window at about 10, while moving it from 0.9990 to 0.9995 **doubles** it from 1,000 to 2,000.
# So sample densely near 1: sample $1 - \beta$, which runs from 0.1 down to 0.001, on a log scale:
#
# $$r \sim \mathcal{U}\bigl(\log_{10}(1 - \text{high}), \log_{10}(1 - \text{low})\bigr), \qquad \beta = 1 - 10^{r}.$$
#
# ### Exercise 4 — `sample_one_minus_log`
# Return $n$ values $\beta = 1 - 10^{r}$, shape `(n,)`, with $r$ as in the equation above. Take the $n$
# exponents from `rng` in one draw of numpy's uniform distribution whose lower bound is
# $\log_{10}(1 - \text{high})$ and upper bound $\log_{10}(1 - \text{low})$: mind the order, since $1 - \beta$
# is smallest when $\beta$ is largest. What you return is $\beta$, not $1 - \beta$.

# %% nbgrader={"grade": false, "grade_id": "sample_one_minus_log", "locked": false, "schema_version": 3, "solution": true, "task": false}
def sample_one_minus_log(low, high, n, rng):
    """n values beta in [low, high] with log10(1 - beta) uniform (dense near 1).  Returns (n,)."""
    ### BEGIN SOLUTION
    r = rng.uniform(np.log10(1.0 - high), np.log10(1.0 - low), n)
    return 1.0 - 10.0 ** r
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sample_one_minus_log", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
betas_t = call(sample_one_minus_log, 0.9, 0.999, 5, np.random.default_rng(4))
expect_shape(betas_t, (5,), "sample_one_minus_log(0.9, 0.999, 5, rng)")
expect_close(betas_t, answers, "sample_one_minus_log(0.9, 0.999, 5, np.random.default_rng(4))",
             hint=_("Draw r uniformly between log10(1 - high) and log10(1 - low), in one draw from rng, "
                  "and return 1 - 10**r."))
expect_close(call(sample_one_minus_log, 0.5, 0.99, 4, np.random.default_rng(9)), answers,
             "sample_one_minus_log(0.5, 0.99, 4, np.random.default_rng(9))")
passed("sample_one_minus_log")

# %%
from nncourse.utils.i18n import pad

betas_uniform = np.random.default_rng(1).uniform(0.9, 0.999, 1000)
betas_log = sample_one_minus_log(0.9, 0.999, 1000, np.random.default_rng(1))
fig, ax = plt.subplots(figsize=(6, 3.5))
windows = np.logspace(1, 3, 21)
ax.hist(1 / (1 - betas_uniform), bins=windows, histtype="step", linewidth=2, label=_(r"$\beta$ uniform"))
ax.hist(1 / (1 - betas_log), bins=windows, histtype="step", linewidth=2, label=_(r"$1-\beta$ log-uniform"))
ax.set_xscale("log")
ax.set_xlabel(_(r"averaging window $1/(1-\beta)$ in steps"))
ax.legend()
plt.show()
for b, label in ((betas_uniform, _("beta uniform")), (betas_log, _("1 - beta log-uniform"))):
    print(_(f"{pad(label, 21)}: window > 100 steps (beta > 0.99) in {np.mean(b > 0.99):.0%} of the trials"))

# %% [markdown]
# ## 4. Coarse to fine
#
# After a first round of random trials, the best ones usually cluster in one region. Zoom in: draw
# the next round inside the smallest box that holds the best few trials, slightly enlarged so that the
# optimum is not cut off at the edge, and repeat.
#
# ### Exercise 5 — `zoom_bounds`
# `points` is `(n, k)` (one trial per row) and `scores` is `(n,)`, higher is better. Take the `top_k`
# highest-scoring points; per axis, take their min and max, and widen both ends by
# `margin * (max - min)`. Return a `(k, 2)` array of `[low, high]` rows.

# %% nbgrader={"grade": false, "grade_id": "zoom_bounds", "locked": false, "schema_version": 3, "solution": true, "task": false}
def zoom_bounds(points, scores, top_k, margin=0.1):
    """The box around the top_k best points, widened by margin * its size on each side.

    points: (n, k); scores: (n,), higher is better.  Returns (k, 2) bounds.
    """
    ### BEGIN SOLUTION
    best = points[np.argsort(scores)[::-1][:top_k]]
    low, high = best.min(axis=0), best.max(axis=0)
    pad = margin * (high - low)
    return np.column_stack([low - pad, high + pad])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_zoom_bounds", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
points_t = np.array([[0.1, 5.0], [0.4, 1.0], [0.3, 2.0], [0.9, 9.0], [0.2, 4.0]])   # 5 trials, k = 2
scores_t = np.array([0.5, 0.8, 0.9, 0.1, 0.7])          # best first: rows 2, 1, 4, 0, 3
expect_close(call(zoom_bounds, points_t, scores_t, 2, margin=0.5), answers,
             "zoom_bounds(points, scores, top_k=2, margin=0.5)",
             hint=_("Keep the top_k rows with the highest scores; per axis (column), widen [min, max] by "
                  "margin * (max - min) at each end."))
box_t = call(zoom_bounds, points_t, scores_t, 3)
expect_shape(box_t, (2, 2), _("zoom_bounds(points, scores, 3): one [low, high] row per axis"))
expect_close(box_t, answers, _("zoom_bounds(points, scores, top_k=3) with the default margin 0.1"))
passed("zoom_bounds")

# %% [markdown]
# Zoom once on the toy problem of section 1: 25 random trials, then 25 more inside the box around the
# best 5.

# %%
rng = np.random.default_rng(0)
coarse = random_points(UNIT_SQUARE, 25, rng)
fine_box = zoom_bounds(coarse, toy_accuracy(coarse), top_k=5)
fine = random_points(fine_box, 25, rng)
fig, ax = plt.subplots(figsize=(5, 4.2))
ax.contourf(a_grid, b_grid, landscape, levels=20, cmap="viridis")
ax.scatter(coarse[:, 0], coarse[:, 1], c="white", edgecolors="black", label=_("coarse"))
ax.scatter(fine[:, 0], fine[:, 1], c="orange", edgecolors="black", s=20, label=_("fine"))
(a0, a1), (b0, b1) = fine_box
ax.add_patch(plt.Rectangle((a0, b0), a1 - a0, b1 - b0, fill=False, edgecolor="orange", linewidth=2))
ax.legend(loc="upper right")
plt.show()
print(_(f"zoomed box: first axis [{a0:.2f}, {a1:.2f}], second [{b0:.2f}, {b1:.2f}]"))
print(_(f"best after the coarse round {toy_accuracy(coarse).max():.3f}, after the fine round "
      f"{max(toy_accuracy(coarse).max(), toy_accuracy(fine).max()):.3f}"))

# %% [markdown]
# # Part B — What $\beta$ averages: momentum and Adam
#
# Section 3 drew $\beta$ on a scale that is dense near 1, saying that momentum and Adam use it to
# average gradients over about $1/(1-\beta)$ steps. This part builds that average and the two
# optimisers that use it, then trains the course network with each. It follows course 2, **week 2** of
# the specialization (the videos *Exponentially weighted averages*, *Understanding exponentially
# weighted averages*, *Bias correction in exponentially weighted averages*, *Gradient descent with
# momentum*, *RMSprop* and *Adam optimization algorithm*). Adam is also the optimiser that lesson 07
# trains its TensorFlow models with; from here on you know what it does. Nielsen's book has momentum
# too (ch. 3, *Other techniques*, under *Variations on stochastic gradient descent*), written with a
# velocity and a momentum coefficient $\mu$: the gradient changes the velocity, and the velocity changes
# the weights. The specialization's form below, the one this lesson grades, scales the gradient
# differently (section 6 says how).
#
# ## 5. Exponentially weighted averages
#
# A noisy sequence $\theta_1, \theta_2, \dots$ (daily temperatures in the lecture; mini-batch gradients
# below) is smoothed by keeping one number, updated at every step:
#
# $$v_0 = 0, \qquad v_t = \beta\, v_{t-1} + (1-\beta)\, \theta_t \quad (t = 1, 2, \dots).$$
#
# Unrolled, $v_t = (1-\beta)\bigl(\theta_t + \beta\,\theta_{t-1} + \beta^2\,\theta_{t-2} + \dots + \beta^{t-1}\theta_1\bigr)$:
# a value $k$ steps old counts with weight $(1-\beta)\,\beta^k$, which shrinks geometrically. **Why about
# $1/(1-\beta)$ values:** since $(1-\varepsilon)^{1/\varepsilon} \approx 1/e$ for small $\varepsilon = 1-\beta$, a value
# $1/(1-\beta)$ steps old weighs about $1/e \approx 0.37$ of the newest, and older ones fade fast: $\beta = 0.9$
# averages over roughly the last 10 values, $\beta = 0.98$ over 50, $\beta = 0.999$ over 1,000. A longer
# window is smoother but slower to follow a change, since it still remembers the old values.
#
# **Why bias correction.** The weights sum to $(1-\beta)(1 + \beta + \dots + \beta^{t-1}) = 1 - \beta^t$, not
# 1: starting from $v_0 = 0$ makes the early averages too small. With $\beta = 0.98$, $v_1 = 0.02\,\theta_1$,
# 2% of the first value. Dividing by the sum of the weights gives a true weighted average from the
# first step:
#
# $$\hat v_t = \frac{v_t}{1 - \beta^t}.$$
#
# As $t$ grows, $\beta^t \to 0$ and the correction fades away; it only matters for the first few
# windows.
#
# ### Exercise 6 — `ewa`
# Return the float array $(v_1, \dots, v_T)$, shape `(T,)`, of the values $\theta_1, \dots, \theta_T$ given as
# `values` (shape `(T,)`), each divided by $1 - \beta^t$ when `bias_correction` is true. Pitfalls: $t$
# counts from 1, so the first result is divided by $1 - \beta$ (with $t = 0$ you would divide by
# $1 - \beta^0 = 0$); the correction changes what you **return**, never the $v_{t-1}$ you carry to the next
# step (that one stays uncorrected); start from $v_0 = 0$, not from $\theta_1$; $\beta$ weighs the past and
# $1 - \beta$ the new value; and the result holds floats even when `values` holds integers. To check by
# hand: $\theta = (1, 2, 3)$ with $\beta = 0.5$ gives $v = (0.5, 1.25, 2.125)$ uncorrected, and the corrected
# first value is $0.5/(1 - 0.5) = 1$.

# %% nbgrader={"grade": false, "grade_id": "ewa", "locked": false, "schema_version": 3, "solution": true, "task": false}
def ewa(values, beta, bias_correction=True):
    """Exponentially weighted averages of values (T,), from v_0 = 0.

    v_t = beta * v_{t-1} + (1 - beta) * values[t-1], divided by 1 - beta**t (t = 1, 2, ...) when
    bias_correction.  Returns a float array (T,).
    """
    ### BEGIN SOLUTION
    averages = np.zeros(len(values))
    v = 0.0
    for t, theta in enumerate(values, start=1):
        v = beta * v + (1 - beta) * theta
        averages[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return averages
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_ewa", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
series_t = np.array([1.0, 2.0, 3.0])
plain_t = call(ewa, series_t, 0.5, bias_correction=False)
expect_shape(plain_t, (3,), "ewa([1, 2, 3], 0.5, bias_correction=False)")
expect_close(plain_t, answers, "ewa([1, 2, 3], beta=0.5, bias_correction=False)",
             hint=_("Start from v = 0; at each step v = beta * v + (1 - beta) * theta: beta weighs the past."))
expect_close(call(ewa, series_t, 0.5), answers, _("ewa([1, 2, 3], beta=0.5), bias-corrected by default"),
             hint=_("Divide each v_t by 1 - beta**t, t = 1, 2, ..., when you store it, and carry the uncorrected v_t "
                  "to the next step."))
expect_close(call(ewa, series_t, 0.8, bias_correction=True), answers, "ewa([1, 2, 3], beta=0.8, bias_correction=True)")
expect_close(call(ewa, np.full(4, 5.0), 0.9), answers,
             _("ewa of the constant series (5, 5, 5, 5), beta=0.9, corrected (an average of 5s is 5)"))
integers_t = call(ewa, np.array([4, 0, 2, 6]), 0.25, bias_correction=False)
expect_dtype(integers_t, np.float64, _("ewa of the integer series [4, 0, 2, 6]"))
expect_close(integers_t, answers, _("ewa([4, 0, 2, 6], beta=0.25, bias_correction=False) of integers"))
passed("ewa")

# %% [markdown]
# **The window, on a noisy series.** Three years of made-up daily temperatures (a seasonal cycle plus
# noise, fixed seed), smoothed by your `ewa` with $\beta$ = 0.9, 0.98 and 0.999. Two more measurements use
# your function too: the average of a series that is 1 on day 1 and 0 afterwards (uncorrected) is
# exactly the weight $(1-\beta)\beta^k$ that the average gives a value $k$ days old, so counting the days
# until that weight falls below $1/e$ of the newest measures the window; and the same change of $+0.0005$
# is applied to $\beta = 0.9$ and to $\beta = 0.999$.

# %%
days = np.arange(1, 3 * 365 + 1)
season = 12.0 - 8.0 * np.cos(2 * np.pi * days / 365)
temperatures = season + np.random.default_rng(0).normal(0.0, 3.0, len(days))
impulse = np.zeros(3000)
impulse[0] = 1.0

fig, axes = plt.subplots(1, 2, figsize=(13, 4))
axes[0].plot(days, temperatures, ".", markersize=2, color="lightgray", label=_("daily values"))
for beta in (0.9, 0.98, 0.999):
    axes[0].plot(days, ewa(temperatures, beta), label=_(rf"$\beta$ = {beta} (window ~{1 / (1 - beta):.0f} days)"))
axes[0].plot(days, ewa(temperatures, 0.98, bias_correction=False), "--", label=_(r"$\beta$ = 0.98 without bias correction"))
axes[0].set_xlabel(_("day $t$"))
axes[0].set_ylabel(_("temperature"))
axes[0].set_title(_("exponentially weighted averages of a noisy series"))
axes[0].legend(fontsize=8)
lags = np.arange(len(impulse))
for beta, style in ((0.9, "-"), (0.9005, ":"), (0.999, "-"), (0.9995, ":")):
    axes[1].plot(lags[1:], ewa(impulse, beta, bias_correction=False)[1:], style, linewidth=2, label=rf"$\beta$ = {beta}")
axes[1].set_xscale("log")
axes[1].set_yscale("log")
axes[1].set_ylim(1e-7, 0.2)
axes[1].set_xlabel(_("age of a value $k$ (days, log axis)"))
axes[1].set_ylabel(_(r"its weight $(1-\beta)\,\beta^k$ (log axis)"))
axes[1].set_title(_(r"the same change of $\beta$ (+0.0005) near 0.9 and near 0.999"))
axes[1].legend(fontsize=8)
plt.show()

for beta in (0.9, 0.9005, 0.98, 0.999, 0.9995):
    weights = ewa(impulse, beta, bias_correction=False)
    print(_(f"beta = {beta:<6}: 1/(1 - beta) = {1 / (1 - beta):6.1f}; a value's weight falls below 1/e of the "
          f"newest's after {int(np.argmax(weights < weights[0] / np.e))} days"))
moves = []
for low, high in ((0.9, 0.9005), (0.999, 0.9995)):
    gap = np.abs(ewa(temperatures, high) - ewa(temperatures, low))
    moves.append(gap.mean())
    print(_(f"beta {low} -> {high}: the window goes from {1 / (1 - low):.0f} to {1 / (1 - high):.0f} days; "
          f"the averages move by {gap.mean():.3f} degrees on average, {gap.max():.3f} at most"))
print(_(f"the same change of beta moves the average {moves[1] / moves[0]:.0f} times as much near 0.999 as near 0.9"))
second_year = slice(365, 730)
for beta in (0.9, 0.98, 0.999):
    average = ewa(temperatures, beta)
    misfit = [np.mean((average[second_year] - np.roll(season, k)[second_year]) ** 2) for k in range(150)]
    swing = average[second_year].max() - average[second_year].min()
    print(_(f"beta = {beta}: in the second year the average trails the season by {int(np.argmin(misfit))} days, "
          f"and swings over {swing:.1f} degrees (the season: {np.ptp(season):.1f})"))
corrected, uncorrected = ewa(temperatures, 0.98), ewa(temperatures, 0.98, bias_correction=False)
print(_("first 3 days:"), np.round(temperatures[:3], 2), _(" beta = 0.98 corrected:"), np.round(corrected[:3], 2),
      _(" uncorrected:"), np.round(uncorrected[:3], 2))
print(_(f"beta = 0.98: the uncorrected average is {1 - uncorrected[99] / corrected[99]:.0%} too low on day 100, and within "
      f"1% of the corrected one from day {days[np.argmax(np.abs(uncorrected / corrected - 1) < 0.01)]}"))

# %% [markdown]
# What the run shows (the numbers of your run; they do not depend on your machine). The measured window
# is the formula's: a value's weight falls below $1/e$ of the newest's after 10 days for $\beta = 0.9$, 50
# for 0.98, 1,000 for 0.999. Longer windows are smoother but later: in the second year the
# $\beta = 0.9$ average trails the season by 8 days and still carries the noise (it swings over 17.5
# degrees, more than the season's 16.0), the $\beta = 0.98$ one trails it by 40 days and swings over 12.6,
# and $\beta = 0.999$, whose window is nearly the whole three years, trails by 84 days and has flattened
# the seasons to 2.3 degrees. The dashed curve is the price of $v_0 = 0$ without bias correction: on the
# first three days it reads 0.09, 0.16, 0.27 where the corrected average reads 4.38, 3.99, 4.65; on
# day 100 it is still 13% too low, and it comes within 1% of the corrected average only from day 228,
# about 4.6 windows of 50 days (when $0.98^t$ falls below 0.01).
#
# **Why $\beta$ near 1 is sensitive.** The same change of $+0.0005$ leaves the window of $\beta = 0.9$ at
# 10 days (10.05) and moves its average by 0.005 degrees on average, 0.013 at most; near 1 it doubles the
# window of $\beta = 0.999$, from 1,000 days to 2,000, and moves the average 18 times as much (0.084 on
# average, 0.177 at most, over a series barely longer than the shorter window). The right plot shows why: the two
# weight curves near 0.9 lie on top of each other, the two near 0.999 do not. What matters is
# $1/(1-\beta)$, and that is why section 3 draws $1 - \beta$, not $\beta$, on a log scale: equal shares of
# trials for windows of 10 to 100 steps and of 100 to 1,000.

# %% [markdown]
# ## 6. Gradient descent with momentum
#
# A mini-batch gradient is a noisy estimate, and on a cost surface shaped like a long narrow valley
# plain gradient descent zigzags: the steep direction across the valley flips sign from step to step
# while the gentle direction along it is small. **Momentum** steps along an exponentially weighted
# average of the gradients instead of the latest one:
#
# $$v_{dW} = \beta\, v_{dW} + (1-\beta)\, dW, \qquad W = W - \alpha\, v_{dW},$$
#
# with $v_{dW}$ starting at 0, one average per parameter array ($W^{[l]}$ and $b^{[l]}$ each have
# theirs), and $dW$ short for $\partial J/\partial W$ on the current mini-batch. Components that flip sign
# average out, components that keep their sign add up, so the steps follow the valley. $\beta = 0.9$
# (about the last 10 gradients) is the usual choice. The lecture notes that momentum is usually run
# without bias correction: after about $1/(1-\beta)$ steps the average has warmed up. Some texts write
# $v_{dW} = \beta v_{dW} + dW$ without the $1 - \beta$ (Nielsen's velocity is of this kind, with the
# learning rate inside it); that only rescales $v$ by about $1/(1-\beta)$ once it has warmed up, so $\alpha$
# must be retuned; this lesson uses the form above, in which $\alpha$ keeps the scale it had without
# momentum.
#
# ### Exercise 7 — `momentum_update`
# One step: given `W`, its gradient `dW` and its velocity `v` (arrays of one shape), return the pair
# `(W_new, v_new)` of the equations above, with `learning_rate` for $\alpha$. Pitfalls: step with the
# **new** velocity, not the one you were given; $\beta$ multiplies the old velocity and $1 - \beta$ the
# gradient; and build new arrays: an in-place `W -= ...` or `v *= ...` changes the caller's arrays (the
# training loop keeps using them), and the test says so.

# %% nbgrader={"grade": false, "grade_id": "momentum_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def momentum_update(W, dW, v, beta, learning_rate):
    """One step of gradient descent with momentum; W, dW, v of one shape.

    v_new = beta * v + (1 - beta) * dW;  W_new = W - learning_rate * v_new.
    Returns (W_new, v_new), new arrays; W, dW and v are left unchanged.
    """
    ### BEGIN SOLUTION
    v_new = beta * v + (1 - beta) * dW
    W_new = W - learning_rate * v_new
    return W_new, v_new
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_momentum_update", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
W_t = np.array([[1.0, -2.0], [0.5, 0.0]])
dW_t = np.array([[2.0, 4.0], [-1.0, 0.0]])
W_new_t, v_new_t = expect_items(call(momentum_update, W_t, dW_t, np.zeros((2, 2)), 0.9, 0.5), ["W_new", "v_new"],
                                "momentum_update")
expect_shape(W_new_t, (2, 2), _("W_new of a (2, 2) W"))
expect_shape(v_new_t, (2, 2), _("v_new of a (2, 2) W"))
expect_dtype(W_new_t, np.float64, "W_new")
expect_close(v_new_t, answers, _("v_new of a first step (v = 0, beta = 0.9)"),
             hint=_("v_new = beta * v + (1 - beta) * dW: with v = 0 it is (1 - beta) * dW."))
expect_close(W_new_t, answers, _("W_new of a first step (v = 0, beta = 0.9, learning_rate = 0.5)"),
             hint=_("Step with the new velocity: W_new = W - learning_rate * v_new."))
velocity_t = np.array([[1.0, 1.0], [-2.0, 0.5]])
W_new_t, v_new_t = expect_items(call(momentum_update, W_t, dW_t, velocity_t, 0.75, 0.1), ["W_new", "v_new"],
                                "momentum_update")
expect_close(v_new_t, answers, _("v_new with v = [[1, 1], [-2, 0.5]], beta = 0.75"))
expect_close(W_new_t, answers, _("W_new with v = [[1, 1], [-2, 0.5]], beta = 0.75, learning_rate = 0.1"))
passed("momentum_update")

# %% [markdown]
# ## 7. Adam
#
# **RMSprop** (the lecture before Adam) keeps a second average, of the *squared* gradient, and divides
# each step by its square root: a weight whose gradients are large takes smaller steps, one whose
# gradients are small takes larger ones, so the steep and the gentle directions of the valley move at
# comparable speeds. **Adam** (Kingma and Ba, *Adam: a method for stochastic optimization*, ICLR 2015)
# combines the two averages and bias-corrects both, with $t$ the number of the step, counted from 1:
#
# $$m = \beta_1 m + (1-\beta_1)\, dW, \qquad v = \beta_2 v + (1-\beta_2)\, dW^2 \quad\text{(element-wise square)},$$
#
# $$\hat m = \frac{m}{1-\beta_1^t}, \qquad \hat v = \frac{v}{1-\beta_2^t}, \qquad W = W - \alpha\,\frac{\hat m}{\sqrt{\hat v} + \varepsilon}.$$
#
# $m$ estimates the mean gradient (the first moment, momentum) and $v$ its mean square (the second
# moment). Bias correction matters much more here than for momentum: with $\beta_2 = 0.999$, $v$ needs
# about 1,000 steps to warm up, and without the correction the first steps would divide by a tiny
# $\sqrt{v}$ and be far too large. $\varepsilon$ only keeps the division finite where $\hat v$ is 0. Because
# $\hat m/\sqrt{\hat v}$ is about $\pm 1$ when the gradient keeps its sign, each weight moves by about $\alpha$
# per step whatever the size of its gradient: $\alpha$ has a scale of its own (0.001 is the usual start,
# not the 0.5 of plain SGD on this network). The lecture gives the defaults $\beta_1 = 0.9$, $\beta_2 = 0.999$,
# $\varepsilon = 10^{-8}$, and says that people rarely tune them: $\alpha$ is the one to tune.
#
# ### Exercise 8 — `adam_update`
# One Adam step on `W`: return `(W_new, m_new, v_new)`, where `m_new` and `v_new` are the **uncorrected**
# averages (the next step continues from them) and `W_new` takes the corrected ones. Pitfalls: correct
# with $1 - \beta^t$ where $t$ is the step number you are given (it counts from 1, so the first step
# divides by $1 - \beta_1$ and $1 - \beta_2$); $\varepsilon$ goes **outside** the square root; square the
# gradient for $v$, not the average; keep $\beta_1$ with $m$ and $\beta_2$ with $v$; and do not modify
# `W`, `m` or `v` in place. To check by hand: on the first step ($t = 1$, $m = v = 0$), $\hat m = dW$ and
# $\hat v = dW^2$, so each weight moves by $\alpha\, dW/(|dW| + \varepsilon)$: by almost exactly $\alpha$, against
# the sign of its gradient, however small or large that gradient is.

# %% nbgrader={"grade": false, "grade_id": "adam_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def adam_update(W, dW, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step; W, dW, m, v of one shape, t = 1, 2, ... the number of this step.

    m_new = beta1 m + (1 - beta1) dW;  v_new = beta2 v + (1 - beta2) dW**2;
    m_hat = m_new / (1 - beta1**t), v_hat = v_new / (1 - beta2**t);
    W_new = W - learning_rate * m_hat / (sqrt(v_hat) + eps).
    Returns (W_new, m_new, v_new), new arrays (m_new and v_new uncorrected).
    """
    ### BEGIN SOLUTION
    m_new = beta1 * m + (1 - beta1) * dW
    v_new = beta2 * v + (1 - beta2) * dW ** 2
    m_hat = m_new / (1 - beta1 ** t)
    v_hat = v_new / (1 - beta2 ** t)
    W_new = W - learning_rate * m_hat / (np.sqrt(v_hat) + eps)
    return W_new, m_new, v_new
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_adam_update", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
W_t = np.array([[1.0, -2.0], [0.5, 0.0]])
dW_t = np.array([[2.0, 4.0], [-1.0, 0.0]])
zeros_t = np.zeros((2, 2))
W_new_t, m_new_t, v_new_t = expect_items(call(adam_update, W_t, dW_t, zeros_t, zeros_t, 1, 0.1),
                                         ["W_new", "m_new", "v_new"], "adam_update")
for part_t, what_t in ((W_new_t, "W_new"), (m_new_t, "m_new"), (v_new_t, "v_new")):
    expect_shape(part_t, (2, 2), f"{what_t} of a (2, 2) W")
    expect_dtype(part_t, np.float64, what_t)
expect_close(m_new_t, answers, _("m_new of the first step (t = 1, m = v = 0, default betas)"),
             hint=_("m_new = beta1 * m + (1 - beta1) * dW, and return it uncorrected: the next step starts from it."))
expect_close(v_new_t, answers, _("v_new of the first step (t = 1, m = v = 0, default betas)"),
             hint=_("v_new = beta2 * v + (1 - beta2) * dW**2 (the square of the gradient), returned uncorrected."))
expect_close(W_new_t, answers, _("W_new of the first step (t = 1, learning_rate = 0.1): each weight moves by about 0.1"),
             hint=_("Divide m_new and v_new by 1 - beta1**t and 1 - beta2**t before the step, with t as given."))
expect_close(call(adam_update, W_t, dW_t, zeros_t, zeros_t, 1, 0.1, eps=1.0)[0], answers,
             _("W_new of the first step with eps = 1.0"), hint=_("eps is added to sqrt(v_hat), outside the square root."))
m_t = np.array([[1.0, -1.0], [0.0, 2.0]])
v_t = np.array([[1.0, 4.0], [1.0, 3.0]])
W_new_t, m_new_t, v_new_t = expect_items(call(adam_update, W_t, dW_t, m_t, v_t, 2, 0.01, beta1=0.5, beta2=0.75),
                                         ["W_new", "m_new", "v_new"], "adam_update")
expect_close(m_new_t, answers, _("m_new of a second step (t = 2, beta1 = 0.5, beta2 = 0.75)"))
expect_close(v_new_t, answers, _("v_new of a second step (t = 2, beta1 = 0.5, beta2 = 0.75)"))
expect_close(W_new_t, answers, _("W_new of a second step (t = 2, learning_rate = 0.01, beta1 = 0.5, beta2 = 0.75)"))
expect_close(call(adam_update, W_t, dW_t, m_t, v_t, 10, 0.01, beta1=0.5, beta2=0.75)[0], answers,
             _("W_new of the same step numbered t = 10 (the corrections have almost faded)"))
passed("adam_update")

# %% [markdown]
# ## 8. Three optimisers: a valley, then MNIST
#
# **First the lecture's picture**, a cost shaped like a long narrow valley, with your functions. Take
# two weights and $J(w) = \tfrac12 (w_1^2 + 100\, w_2^2)$: the valley is 100 times steeper across ($w_2$)
# than along ($w_1$), and the gradient is $(w_1, 100\, w_2)$. Plain gradient descent multiplies $w_2$ by
# $1 - 100\alpha$ at every step, so it diverges as soon as $\alpha > 2/100 = 0.02$, and at any stable
# $\alpha$ it crawls along $w_1$, which shrinks by only $1 - \alpha$ per step. Momentum averages the steep
# component, which flips sign, towards 0, so it stays stable at a much larger $\alpha$ (for this
# quadratic, up to $\alpha(1-\beta) \cdot 100 < 2(1+\beta)$, that is $\alpha < 0.38$ with $\beta = 0.9$). Adam
# divides each component by its own root mean square, so both directions move at about $\alpha$ per
# step. 100 steps from $w = (-10, 1)$ each, with $\alpha$ = 0.019 and 0.021 for gradient descent (either
# side of its limit), 0.019 and 0.2 for momentum, and 0.3 for Adam:

# %%
from nncourse.utils.i18n import pad

valley_curvature = np.array([1.0, 100.0])      # J(w) = (w1^2 + 100 w2^2) / 2; its gradient is curvature * w
valley_start, valley_steps = np.array([-10.0, 1.0]), 100   # cheap: the same in every run


def valley_path(method, alpha):
    """The 101 points w_0 ... w_100 of one optimiser on the valley, with your update functions."""
    w, v, m = valley_start, np.zeros(2), np.zeros(2)
    path = [w]
    for t in range(1, valley_steps + 1):
        dw = valley_curvature * w
        if method == _("gradient descent"):
            w = w - alpha * dw
        elif method == _("momentum"):
            w, v = momentum_update(w, dw, v, 0.9, alpha)
        else:
            w, m, v = adam_update(w, dw, m, v, t, alpha)
        path.append(w)
    return np.array(path)


valley_runs = {(_("gradient descent"), 0.019): "C0", (_("gradient descent"), 0.021): "C7", (_("momentum"), 0.019): "C4",
               (_("momentum"), 0.2): "C1", ("Adam", 0.3): "C2"}
paths = {run: valley_path(*run) for run in valley_runs}
valley_cost = {run: 0.5 * np.sum(valley_curvature * path ** 2, axis=1) for run, path in paths.items()}
fig, axes = plt.subplots(1, 2, figsize=(13, 4))
g1, g2 = np.meshgrid(np.linspace(-11, 2, 200), np.linspace(-1.5, 1.5, 200))
axes[0].contour(g1, g2, 0.5 * (g1 ** 2 + 100 * g2 ** 2), levels=np.logspace(-1, 2.5, 12), colors="lightgray")
for run, path in paths.items():
    if run != (_("gradient descent"), 0.021):                       # that one leaves the picture at once
        axes[0].plot(path[:, 0], path[:, 1], ".-", color=valley_runs[run], markersize=3, linewidth=0.8,
                     label=_(f"{run[0]}, alpha = {run[1]}"))
axes[0].set_xlim(-11, 2)
axes[0].set_ylim(-1.5, 1.5)
axes[0].set_xlabel(_("$w_1$ (along the valley)"))
axes[0].set_ylabel(_("$w_2$ (across it)"))
axes[0].set_title(_("100 steps on J = (w1² + 100 w2²)/2"))
axes[0].legend(fontsize=8)
for run, costs in valley_cost.items():
    axes[1].plot(costs, color=valley_runs[run], label=_(f"{run[0]}, alpha = {run[1]}"))
axes[1].set_yscale("log")
axes[1].set_ylim(1e-4, 1e4)
axes[1].set_xlabel(_("step $t$"))
axes[1].set_ylabel(_("cost $J$ (log axis)"))
axes[1].set_title(_("the cost along the way"))
axes[1].legend(fontsize=8)
plt.show()
for run, costs in valley_cost.items():
    print(_(f"{pad(run[0], 16)} alpha = {run[1]:<5}: J = {costs[30]:.3g} after 30 steps, {costs[-1]:.3g} after "
          f"{valley_steps}; w = ({paths[run][-1][0]:.3g}, {paths[run][-1][1]:.3g})"))

# %% [markdown]
# Your run: gradient descent at $\alpha = 0.019$ still has $J = 1.08$ after 100 steps, stuck far along
# the valley at $w_1 = -1.47$, and at 0.021 it has blown up ($J \approx 9.5 \times 10^{9}$). Momentum at the same
# $\alpha = 0.019$ is hardly faster ($J = 0.705$): at a given $\alpha$ its steps have the same size. Its gain
# is the larger $\alpha$ it tolerates: at $\alpha = 0.2$, ten times gradient descent's limit, it reaches
# $J = 0.00343$, about 300 times lower. It still swings across the valley (left plot), but its swings
# die out where gradient descent's would grow, and meanwhile it covers the length of the valley. Adam at $\alpha = 0.3$ reaches $J = 0.00145$. The order is set
# early: after 30 steps $J$ is 3.18 for Adam, 3.72 for momentum at 0.2, and 15.9 and 21.1 for gradient
# descent and momentum at 0.019.
#
# **Then MNIST.** Your `momentum_update` and `adam_update` now train the course network: 784-30-10,
# sigmoid outputs with the cross-entropy cost, mini-batches of 10, on the first 3,000 training images (all of them with
# the offline MNIST), the same initial weights and the same order of mini-batches for every run. The
# course's `train` accepts an update rule that keeps a state per parameter: a `Stateful(init, step)`,
# where `init(P)` makes the state of a weight matrix or bias vector `P` (here zeros: $v = 0$, or
# $m = v = 0$) and `step(P, dP, state, alpha, t)` returns the new `P` and its new state, with $t$ the
# number of the update, counted from 1, as Adam wants it. Four runs: plain SGD and momentum
# ($\beta = 0.9$) at the same $\alpha = 0.5$, the rate of lesson 02, and Adam at its usual starting rate
# $\alpha = 0.001$ and at $\alpha = 0.01$ (Adam's $\alpha$ has its own scale, section 7). The left plot shows
# the cost $J$ on the training images after each epoch, the right one the validation accuracy.

# %%
from nncourse.utils.i18n import pad

(X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist()


def cross_entropy_delta(Z, A, Y):
    return A - Y


def with_momentum(beta):
    """train's update rule: your momentum_update on every weight matrix and bias vector, from v = 0."""
    return Stateful(init=np.zeros_like, step=lambda P, dP, v, alpha, t: momentum_update(P, dP, v, beta, alpha))


def adam_step(P, dP, state, alpha, t):
    m, v = state
    P_new, m_new, v_new = adam_update(P, dP, m, v, t, alpha)
    return P_new, (m_new, v_new)


WITH_ADAM = Stateful(init=lambda P: (np.zeros_like(P), np.zeros_like(P)), step=adam_step)


def cross_entropy_cost(A, Y):
    """J: the cross-entropy of lesson 02, averaged over the m columns."""
    A = np.clip(A, 1e-12, 1 - 1e-12)
    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1]


X_opt, y_opt = X_train[:, :3000], y_train[:3000]
opt_epochs = experiment_size(6, 1)
optimisers = {_("SGD, alpha = 0.5"): (0.5, plain_update),
              _("momentum (beta = 0.9), alpha = 0.5"): (0.5, with_momentum(0.9)),
              _("Adam, alpha = 0.001"): (0.001, WITH_ADAM),
              _("Adam, alpha = 0.01"): (0.01, WITH_ADAM)}
opt_histories = {}
for name, (alpha, rule) in optimisers.items():
    _, opt_histories[name] = train([784, 30, 10], X_opt, y_opt, epochs=opt_epochs, batch_size=10, eta=alpha,
                                   update=rule, output_delta=cross_entropy_delta, seed=0, desc=name,
                                   monitor={"J": cost_on(cross_entropy_cost, X_opt, one_hot_columns(y_opt)),
                                            "validation accuracy": accuracy_on(X_val, y_val)})

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({name: h["J"] for name, h in opt_histories.items()}, _("training cost J"), ax=axes[0],
            title=_("cost on the training images"), logy=True)
plot_curves({name: h["validation accuracy"] for name, h in opt_histories.items()}, _("validation accuracy"), ax=axes[1],
            title=_("validation accuracy"))
plt.show()
for name, h in opt_histories.items():
    print(_(f"{pad(name, 35)}: J after epoch 1 {h['J'][1]:.3f}, after {opt_epochs} {h['J'][-1]:.3f}; "
          f"validation accuracy after epoch 1 {h['validation accuracy'][1]:.1%}, after {opt_epochs} "
          f"{h['validation accuracy'][-1]:.1%}"))


# %% [markdown]
# What the run shows (6 epochs; the numbers of your run). Momentum at the same $\alpha = 0.5$ ends
# where plain SGD ends: training cost 0.220 against 0.248 and validation accuracy 92.1% against 91.7%,
# with the two curves crossing on the way (after epoch 1 SGD's cost is the lower, 0.760 against
# 0.815). That is what the specialization's form of momentum should do here: $v_{dW}$ is an average of
# the same gradients, so its steps have the same scale as SGD's; what it removes is the component that
# flips sign from step to step, and here, at $\alpha = 0.5$, that buys little. Momentum pays on long
# narrow valleys like the one above, where it lets you raise $\alpha$ far beyond what plain gradient
# descent survives. Adam at its usual starting rate $\alpha = 0.001$ is by far the slowest (cost 2.643 after epoch 1, 0.914 after 6; 89.9% validation accuracy), because each weight moves
# by about $\alpha$ per step, and 0.001 is small for this network. At $\alpha = 0.01$ Adam catches up with
# the two others (cost 0.216, 91.2%). Three lessons: $\alpha$ does not mean the same step size for every
# optimiser, so it is tuned anew for each; Adam's defaults for $\beta_1$, $\beta_2$ and $\varepsilon$ worked
# untouched, as the lecture says they usually do; and on this small problem a good $\alpha$ mattered more
# than the choice of optimiser.

# %% [markdown]
# # Part C — Tuning a real network
#
# ## 9. A real random search
#
# ### Exercise 9 — `random_search`
# The search loop itself. `sampler(rng)` draws one set of hyperparameters (any object: a dict, a
# tuple...); `objective(params)` trains a model with them and returns its score (higher is better).
# Run `n_trials` trials one after the other: each calls `sampler` once, with the `rng` you were given
# (so that the trials' draws follow one another from that generator), and scores what it drew. Return
# the list of the `n_trials` pairs `(params, score)` sorted **best score first**.

# %% nbgrader={"grade": false, "grade_id": "random_search", "locked": false, "schema_version": 3, "solution": true, "task": false}
def random_search(objective, sampler, n_trials, rng):
    """[(params, score), ...] for n_trials params = sampler(rng), sorted by score, best first."""
    ### BEGIN SOLUTION
    results = []
    for _ in range(n_trials):
        params = sampler(rng)
        results.append((params, objective(params)))
    return sorted(results, key=lambda pair: pair[1], reverse=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_random_search", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
def peak_at_0_3_t(p):
    """The objective: a score that is highest at x = 0.3."""
    return -(p["x"] - 0.3) ** 2

def draw_x_t(r):
    """The sampler: one set of hyperparameters, {"x": uniform in [0, 1)}."""
    return {"x": float(r.uniform(0.0, 1.0))}

results_t = call(random_search, peak_at_0_3_t, draw_x_t, 6, np.random.default_rng(5))
expect_items(results_t, ["trial 1", "trial 2", "trial 3", "trial 4", "trial 5", "trial 6"],
             "random_search(peak_at_0_3_t, draw_x_t, n_trials=6, rng)")
for trial_t in results_t:
    expect_items(trial_t, ["params", "score"], _("each (params, score) pair of random_search's result"))
expect_close(np.array([trial_t[1] for trial_t in results_t]), answers, _("the 6 scores, best first"),
             hint=_("Score each drawn params with objective, and sort the pairs by score, the largest first."))
expect_close(np.array([trial_t[0]["x"] for trial_t in results_t]), answers, _("the x of the 6 params, best first"),
             hint=_("Call sampler(rng) once per trial and keep, with each score, the params that earned it."))
passed("random_search")

# %% [markdown]
# Now search for real. The network is the course's 784-$n^{[1]}$-10 with sigmoid outputs and the
# cross-entropy cost (lesson 02), trained with your `momentum_update` (section 6) and a decaying learning
# rate. Five hyperparameters:
#
# - the learning rate $\alpha_0 \in [10^{-3}, 10]$, on a log scale (your `sample_log_uniform`);
# - the number of hidden units $n^{[1]}$, a whole number from 10 to 100 drawn uniformly;
# - the mini-batch size, one of {8, 16, 32, 64};
# - the momentum $\beta \in [0.9, 0.999]$, with $1 - \beta$ on a log scale (your `sample_one_minus_log`);
# - the **learning-rate decay** of the lecture *Learning rate decay* (week 2): in epoch number
#   $e = 1, 2, \dots$ the rate is $\alpha = \alpha_0 / (1 + \text{decay\_rate} \cdot e)$, so that the steps shrink as
#   training settles, and $\text{decay\_rate} \in [0.01, 1]$ is drawn on a log scale like $\alpha_0$. The
#   schedule is one more hyperparameter to tune: 0.01 hardly changes $\alpha$ in 4 epochs, 1 halves it in
#   the first one. (The lecture also lists other schedules: $0.95^{e}\alpha_0$, $k\,\alpha_0/\sqrt{e}$,
#   a staircase, or decaying by hand, the panda of section 11.)
#
# To keep each trial short, every model trains for 4 epochs on the first 1,500 training images and is
# scored by its accuracy on the validation set. (Never on the test set: lesson 03 explains why.)

# %%
X_small, y_small = X_train[:, :1500], y_train[:1500]

def sample_network_settings(rng):
    """One draw: alpha0 and the decay rate log-uniform, hidden units uniform, mini-batch size from a list,
    1 - beta log-uniform."""
    return {"alpha": float(sample_log_uniform(1e-3, 10.0, 1, rng)[0]),
            "hidden": int(rng.integers(10, 101)),
            "batch_size": int(rng.choice([8, 16, 32, 64])),
            "beta": float(sample_one_minus_log(0.9, 0.999, 1, rng)[0]),
            "decay_rate": float(sample_log_uniform(0.01, 1.0, 1, rng)[0])}

def decayed(alpha0, decay_rate):
    """The rate of epoch number e = epoch + 1 (train counts its epochs from 0): alpha0 / (1 + decay_rate * e)."""
    return lambda epoch, history: alpha0 / (1 + decay_rate * (epoch + 1))

def validation_accuracy(settings, epochs=4):
    _, history = train([784, settings["hidden"], 10], X_small, y_small, epochs=epochs,
                       batch_size=settings["batch_size"], eta=decayed(settings["alpha"], settings["decay_rate"]),
                       update=with_momentum(settings["beta"]), output_delta=cross_entropy_delta,
                       monitor={"validation accuracy": accuracy_on(X_val, y_val)}, show_progress=False)
    return history["validation accuracy"][-1]

def with_progress(objective, n_trials, desc):
    """The objective, ticking a progress bar at every trial."""
    bar = progress(total=n_trials, desc=desc)
    def ticking(params):
        score = objective(params)
        bar.update()
        return score
    return ticking

n_trials = experiment_size(30, 3)
search = random_search(with_progress(validation_accuracy, n_trials, _("coarse search")), sample_network_settings,
                       n_trials, np.random.default_rng(0))
best_settings, best_accuracy = search[0]

alphas = np.array([p["alpha"] for p, _ in search])
accs = np.array([s for _, s in search])
hidden = np.array([p["hidden"] for p, _ in search])
fig, ax = plt.subplots(figsize=(6.5, 4))
dots = ax.scatter(alphas, accs, c=hidden, cmap="viridis", edgecolors="black")
plt.colorbar(dots, label=_("hidden units"))
ax.set_xscale("log")
ax.set_xlabel(_(r"initial learning rate $\alpha_0$ (log axis)"))
ax.set_ylabel(_("validation accuracy"))
ax.set_title(_(f"random search, {n_trials} trials"))
ax.grid(alpha=0.3)
plt.show()
print(_("best:"), {k: round(v, 4) for k, v in best_settings.items()}, _(f"validation accuracy {best_accuracy:.1%}"))
for params, score in search[:5]:
    print(_(f"  alpha0 {params['alpha']:7.4f}  hidden {params['hidden']:3d}  batch {params['batch_size']:2d}  "
          f"beta {params['beta']:.4f}  decay {params['decay_rate']:.3f}  -> {score:.1%}"))

# %% [markdown]
# Then one coarse-to-fine round: zoom on the best 5 trials in the plane ($\log_{10}\alpha_0$, hidden units),
# keeping the mini-batch size, momentum and decay rate of the best trial, and spend a second budget there.

# %%
plane = np.column_stack([np.log10(alphas), hidden])
zoomed = zoom_bounds(plane, accs, top_k=5)
print(_(f"zoomed: alpha in [{10 ** zoomed[0, 0]:.3g}, {10 ** zoomed[0, 1]:.3g}], hidden in [{zoomed[1, 0]:.0f}, {zoomed[1, 1]:.0f}]"))

def sample_zoomed(rng):
    log_alpha, units = random_points(zoomed, 1, rng)[0]
    return {"alpha": float(10 ** log_alpha), "hidden": int(np.clip(round(units), 10, 100)),
            "batch_size": best_settings["batch_size"], "beta": best_settings["beta"],
            "decay_rate": best_settings["decay_rate"]}

n_fine = experiment_size(15, 2)
fine_search = random_search(with_progress(validation_accuracy, n_fine, _("fine search")), sample_zoomed, n_fine,
                            np.random.default_rng(1))
overall_settings, overall_accuracy = max(search + fine_search, key=lambda pair: pair[1])
fine_accs = np.array([s for _, s in fine_search])
print(_(f"best of the {n_fine} zoomed trials {fine_accs.max():.1%}; median validation accuracy of a trial: "
      f"{np.median(accs):.1%} in the coarse round, {np.median(fine_accs):.1%} in the zoomed one"))
print(_("best after zooming:"), {k: round(v, 4) for k, v in overall_settings.items()},
      _(f"validation accuracy {overall_accuracy:.1%}"))

# %% [markdown]
# scikit-learn draws the same kind of search space with `ParameterSampler` (a list means "pick one
# uniformly", a SciPy distribution means "draw from it"). Its learning rates follow the same
# log-uniform law as yours, about a quarter of them in each decade of $[10^{-3}, 10]$:

# %%
from scipy.stats import randint
from sklearn.model_selection import ParameterSampler

from nncourse.utils.i18n import pad

space = {"alpha": loguniform(1e-3, 10.0), "hidden": randint(10, 101), "batch_size": [8, 16, 32, 64]}
sk_draws = list(ParameterSampler(space, n_iter=1000, random_state=0))
sk_alphas = np.array([d["alpha"] for d in sk_draws])
own_rng = np.random.default_rng(0)
own_alphas = np.array([sample_network_settings(own_rng)["alpha"] for _ in range(1000)])
print(_("first three scikit-learn draws:"), [{k: round(float(v), 4) if k == "alpha" else int(v) for k, v in d.items()}
                                          for d in sk_draws[:3]])
for label, e in (("scikit-learn", sk_alphas), (_("your sampler"), own_alphas)):
    print(_(f"{pad(label, 12)}: share of alpha per decade"), np.histogram(np.log10(e), bins=[-3, -2, -1, 0, 1])[0] / len(e))

# %% [markdown]
# ## 10. Which hyperparameters matter most?
#
# The lecture *Tuning process* (week 3) ranks them by how much they usually matter: the learning rate
# $\alpha$ first; then the momentum $\beta$ (0.9 is a good default), the number of hidden units and the
# mini-batch size; then the number of layers and the learning-rate decay; and Adam's $\beta_1$, $\beta_2$
# and $\varepsilon$ almost never, left at 0.9, 0.999 and $10^{-8}$. Your coarse search can test that ranking
# on this network: each panel below plots the same 30 trials' validation accuracy against one of the
# five hyperparameters. A hyperparameter that matters shows a pattern; one that hardly matters shows a
# cloud, its spread caused by the others. To put a number on it, the cell sorts the trials by each
# hyperparameter, splits them into three groups of equal size (its low, middle and high values), and
# prints the median accuracy of each group: the gap between the best and the worst group is how much
# moving that hyperparameter alone changed a typical trial.

# %%
settings_axes = {"alpha": (_(r"initial learning rate $\alpha_0$"), "log"), "hidden": (_("hidden units $n^{[1]}$"), "linear"),
                 "batch_size": (_("mini-batch size"), "log"), "beta": (_(r"momentum: $1 - \beta$"), "log"),
                 "decay_rate": (_("decay rate"), "log")}
fig, axes = plt.subplots(1, len(settings_axes), figsize=(17, 3.4), sharey=True)
gaps = {}
for ax, (key, (label, scale)) in zip(axes, settings_axes.items()):
    values = np.array([1 - p[key] if key == "beta" else p[key] for p, _ in search])
    thirds = np.array_split(np.argsort(values, kind="stable"), 3)
    medians = [np.median(accs[group]) for group in thirds]
    gaps[key] = max(medians) - min(medians)
    ax.scatter(values, accs, edgecolors="black")
    ax.set_xscale(scale)
    if key == "batch_size":
        ax.set_xticks([8, 16, 32, 64], ["8", "16", "32", "64"])
        ax.minorticks_off()
    ax.set_xlabel(label)
    ax.set_title(_(f"gap between thirds {gaps[key]:.0%}"), fontsize=10)
    ax.grid(alpha=0.3)
    print(_(f"{key:10s}: median validation accuracy of the low / middle / high third "
          f"{' / '.join(f'{m:.1%}' for m in medians)}  (gap {gaps[key]:.1%}); the thirds hold "
          f"{', '.join(f'{values[g].min():.3g}-{values[g].max():.3g}' for g in thirds)}"))
axes[0].set_ylabel(_("validation accuracy"))
fig.suptitle(_(f"the {n_trials} trials of the coarse search, against each hyperparameter"), y=1.03)
plt.show()
print(_("ranked by gap:"), " > ".join(sorted(gaps, key=gaps.get, reverse=True)))

# %% [markdown]
# What your run shows (30 trials of 4 epochs). **The learning rate** has the clearest pattern: nothing
# learns below $\alpha_0 \approx 0.01$ in 4 epochs (the third of the trials with $\alpha_0$ from 0.0012 to 0.029
# has a median of 10.9%, a guess), the middle third (0.037 to 0.29) reaches 38.3% and the top third (0.30
# to 5.2) 66.2%, with the best trials between about 0.2 and 3. **The hidden units** (thirds at 36.2%,
# 21.3%, 43.7%: no order) and **the decay rate** (33.2%, 43.7%, 24.4%) show gaps of 22% and 19% without a
# pattern: with 10 trials per third, each third mixes good and bad learning rates, so a gap of that
# size comes from the other hyperparameters alone. That is this measure's noise floor, and those two
# are the lecture's lower priorities. **The mini-batch size and $\beta$**, second-tier in the lecture,
# show gaps as large as $\alpha$'s here (55.7% and 55.3%), and both for a reason that is this search's
# own: a budget of 4 epochs of 1,500 images. With mini-batches of 64 a trial makes only 96 updates
# (752 with batches of 8), and the two thirds with the larger batches (16 to 32, and 64) both have a
# median of 14.2%, against 69.8% for the third with batches of 8 to 16. The third with $\beta$ closest to
# 1 (above 0.988, windows of about 90 to 830 steps) also has 14.2%: its window is as long as the whole
# run, and momentum starts from $v = 0$ without bias correction, so for much of the run $v$ holds only a
# fraction $1 - \beta^t$ of the gradient (with $\beta = 0.999$, after 96 updates, 9%). The lecture's remark that momentum needs no bias correction assumes runs much longer than
# $1/(1-\beta)$ steps; this one is not. The printed ranking (batch size, $\alpha$, $\beta$, hidden units,
# decay rate) is therefore this budget's ranking, not a law: the lecture's priorities are where to
# start, and the scatter plots of your own trials are how you check them.
#
# Two more pieces of advice from the lectures. **Settings go stale** (*Hyperparameters tuning in
# practice: Pandas vs. Caviar*): the best hyperparameters of one problem are a starting point, not an
# answer, for the next, and even on the same problem they drift as the data, the code and the machines
# change, so re-test them every few months instead of trusting last year's search. And **a wrong
# scale is not fatal** (*Using an appropriate scale to pick hyperparameters*): had you drawn $\alpha_0$
# uniformly, most trials would have landed between 1 and 10, but with enough trials and a coarse-to-fine
# round you would still have found the good region, only with more trials than a log scale needs.

# %% [markdown]
# ## 11. Pandas and caviar
#
# How you search depends on how much computing power you have (the lecture's metaphor). With little
# compute you **babysit one model** like a panda raising one cub: watch its learning curve every epoch
# and adjust, for example lower the learning rate when the validation accuracy stops improving. With a
# lot of compute you **train many models in parallel** like a fish laying many eggs (caviar), each
# with its own settings, and keep the best.
#
# ### Exercise 10 — `babysat_learning_rate`
# Your babysitting rule. Given the starting rate `alpha0` ($\alpha_0$) and the validation accuracies so
# far (`val_accuracies[0]` is before training, one more after each epoch), return
# $\alpha_0 \cdot \text{factor}^k$, where $k$ counts the epochs $e \ge 1$ whose accuracy is **not higher**
# than the best accuracy before $e$ (each such disappointment cuts the rate once more). A tie with the
# best counts as a disappointment, and "the best before $e$" means the best of all the earlier epochs,
# not just the previous one.

# %% nbgrader={"grade": false, "grade_id": "babysat_learning_rate", "locked": false, "schema_version": 3, "solution": true, "task": false}
def babysat_learning_rate(alpha0, val_accuracies, factor=0.5):
    """alpha0 * factor**k, k = number of epochs e >= 1 that did not beat max(val_accuracies[:e])."""
    ### BEGIN SOLUTION
    k, best = 0, val_accuracies[0]
    for accuracy in val_accuracies[1:]:
        if accuracy <= best:
            k += 1
        best = max(best, accuracy)
    return alpha0 * factor ** k
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_babysat_learning_rate", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
expect_close(call(babysat_learning_rate, 3.0, [0.1]), answers, _("babysat_learning_rate(3.0, [0.1]) before any epoch"))
history_t = [0.1, 0.60, 0.50, 0.55, 0.58, 0.60, 0.70, 0.65, 0.75]
expect_close(call(babysat_learning_rate, 3.0, history_t), answers,
             "babysat_learning_rate(3.0, [0.1, 0.60, 0.50, 0.55, 0.58, 0.60, 0.70, 0.65, 0.75])",
             hint=_("Count the epochs e >= 1 whose accuracy is not above the best of all the epochs before e."))
expect_close(call(babysat_learning_rate, 1.0, [0.5, 0.4, 0.45, 0.3], factor=0.1), answers,
             "babysat_learning_rate(1.0, [0.5, 0.4, 0.45, 0.3], factor=0.1)")
passed("babysat_learning_rate")

# %% [markdown]
# **The panda.** One model (784-30-10, mini-batches of 10, on the whole training set: 3,000 images
# with the offline MNIST), started with a deliberately too-large rate $\alpha_0 = 4$ and babysat by your
# rule with the default factor 0.5. The course's `train` accepts the learning rate as a function
# `eta(epoch, history)`, called at the start of every epoch with the monitored history.

# %%
epochs = experiment_size(12, 2)
full = dict(epochs=epochs, batch_size=10, output_delta=cross_entropy_delta, seed=0)
rates = []

def panda_rate(epoch, history):
    rates.append(babysat_learning_rate(4.0, history["validation accuracy"]))
    return rates[-1]

_, panda = train([784, 30, 10], X_train, y_train, eta=panda_rate, desc=_("panda"),
                 monitor={"validation accuracy": accuracy_on(X_val, y_val)}, **full)

# %% [markdown]
# **The caviar.** Four models with fixed rates, otherwise the same as the panda, trained side by side
# in two worker processes, two models at a time (here with `joblib`, which scikit-learn uses for the
# same purpose). While autograding they run one after the other.

# %%
import time
from joblib import Parallel, delayed

def caviar_curve(alpha):
    _, history = train([784, 30, 10], X_train, y_train, eta=alpha, show_progress=False,
                       monitor={"validation accuracy": accuracy_on(X_val, y_val)}, **full)
    return history["validation accuracy"]

caviar_rates = [0.1, 0.5, 2.0, 4.0]
n_jobs = 1 if autograding() else 2
start = time.perf_counter()
curves = Parallel(n_jobs=n_jobs)(delayed(caviar_curve)(alpha) for alpha in caviar_rates)
print(_(f"{len(caviar_rates)} models in {time.perf_counter() - start:.1f} s on {n_jobs} worker(s)"))

fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
plot_curves({_("babysat (alpha0 = 4)"): panda["validation accuracy"]}, _("validation accuracy"), ax=axes[0],
            title=_("panda: one model, rate adjusted by hand"))
rate_axis = axes[0].twinx()
rate_axis.step(np.arange(len(rates)), rates, where="post", color="gray", linestyle="--")
rate_axis.set_ylabel(_("learning rate (dashed)"))
plot_curves({f"alpha = {alpha}": c for alpha, c in zip(caviar_rates, curves)}, _("validation accuracy"), ax=axes[1],
            title=_("caviar: many models in parallel"))
plt.show()
print(_(f"panda: final validation accuracy {panda['validation accuracy'][-1]:.1%}, rates used {np.round(rates, 3).tolist()}"))
for alpha, c in zip(caviar_rates, curves):
    print(_(f"caviar alpha = {alpha:4}: final validation accuracy {c[-1]:.1%}"))

# %% [markdown]
# ### Question 2 (written, graded by your instructor)
# You are tuning a large model that takes two days to train on the only GPU you have. Panda or caviar?
# Name one thing you would watch, and one thing you would change, while it trains.

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_panda_or_caviar", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** Panda: with one GPU and two days per run, only one model can train at a time, so
# you babysit it. Watch the cost $J$ on the training set and the validation accuracy (or cost) after
# every epoch or so;
# if the cost stalls or oscillates, lower the learning rate (or restart from the last good checkpoint
# with new settings); if it diverges, go back to a checkpoint with a smaller rate.
#
# **Rubric (2 points).** 1 point: panda, because compute allows only one model at a time. 1 point: a
# sensible quantity to watch (learning curve, validation metric, cost) and a sensible adjustment (learning
# rate, momentum, restart from a checkpoint).
# ### END SOLUTION

# %% [markdown]
# ## What to expect
#
# The numbers this notebook printed when it was written (offline MNIST, seeds as in the cells):
#
# - **Grid vs random, 25 trials on the toy problem:** the grid's best is 0.531 (its 5 values of the
#   important axis miss the peak); random search's best is 0.937 on average over 200 seeds, better than
#   the grid every time.
# - **Scales:** of 1,000 learning rates in $[10^{-4}, 1]$, 8.9% fall below 0.1 when drawn uniformly, 73.3%
#   with your log-uniform sampler and 75.9% with SciPy's `loguniform` (75% expected). Drawing $1 - \beta$
#   on a log scale puts 51% of the $\beta$'s above 0.99, against 10% for a uniform $\beta$.
# - **Coarse to fine on the toy problem:** the best score goes from 0.957 to 0.969 after one zoom.
# - **Exponentially weighted averages** (three years of noisy daily values): the measured windows are
#   10, 50, 1,000 and 2,000 days for $\beta$ = 0.9, 0.98, 0.999, 0.9995; in the second year the averages
#   trail the season by 8, 40 and 84 days for 0.9, 0.98, 0.999. Without bias correction the $\beta = 0.98$
#   average starts at 0.09 instead of 4.38, is 13% too low on day 100 and within 1% from day 228.
#   Adding 0.0005 to $\beta$ moves the average by 0.005 degrees on average at $\beta = 0.9$ (window 10 →
#   10) and by 0.084 at $\beta = 0.999$ (window 1,000 → 2,000).
# - **The valley** $J = (w_1^2 + 100 w_2^2)/2$, 100 steps from $(-10, 1)$: $J$ = 1.08 for gradient descent at
#   $\alpha = 0.019$ (it diverges at 0.021), 0.705 for momentum at 0.019, 0.00343 for momentum at 0.2 and
#   0.00145 for Adam at 0.3.
# - **SGD, momentum and Adam on MNIST** (784-30-10, 6 epochs, 3,000 images): final training cost 0.248 (SGD,
#   $\alpha = 0.5$), 0.220 (momentum, $\beta = 0.9$, $\alpha = 0.5$), 0.914 (Adam, $\alpha = 0.001$) and 0.216
#   (Adam, $\alpha = 0.01$); validation accuracy 91.7%, 92.1%, 89.9% and 91.2%.
# - **Random search on MNIST** (30 trials, 4 epochs on 1,500 images each, with momentum and learning-rate
#   decay): best $\alpha_0 \approx 0.75$, 38 hidden units, mini-batches of 8, $\beta \approx 0.967$, decay rate
#   $\approx 0.11$, with 85.5% validation accuracy; the median trial scored only 34.2%, because the range
#   $[10^{-3}, 10]$ holds many rates too small to learn anything in 4 epochs. The zoomed round ($\alpha_0$ in
#   $[0.149, 3.5]$, hidden units in $[27, 102]$, the best trial's batch size, $\beta$ and decay rate) did
#   much better: median 87.8%, best 89.9% ($\alpha_0 \approx 0.69$, 100 hidden units). The best of 15 or 30
#   scores is partly luck (on 1,000 validation images an accuracy near 90% has a standard error of about
#   1 point), but a gap of 4 points between the rounds' best, and of 54 between their medians, is not.
#   scikit-learn's `ParameterSampler` puts between 22% and 27% of its learning rates in each decade,
#   yours between 24% and 26%: the same log-uniform law.
# - **Which hyperparameters matter:** the gaps between the median accuracies of the low, middle and high
#   thirds of the trials are 55.3% for $\alpha_0$, 55.7% for the mini-batch size, 55.3% for $\beta$, 22.4% for
#   the hidden units and 19.3% for the decay rate.
# - **Panda vs caviar** (784-30-10, 12 epochs, all 3,000 images): the babysat model, started at
#   $\alpha_0 = 4$, halved its rate twice (4 → 2 → 1: it used 4 for five epochs, 2 for five, then 1 for
#   the last two) and ended at 88.9%, above the same model kept at 4 (87.0%). Of the four fixed rates
#   trained in parallel, $\alpha = 0.5$ did best with 92.1% (0.1: 91.1%, 2: 91.6%, 4: 87.0%): babysitting
#   made up for part of a bad start, and a good rate from the start did better still.
#
# Lesson 05 makes networks much less sensitive to these choices, with batch normalization.
