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
# model, or train many at once).
#
# The lesson follows course 2, week 3 of the Deep Learning Specialization (DeepLearning.AI), its
# videos *Tuning process*, *Using an appropriate scale to pick hyperparameters* and *Hyperparameters
# tuning in practice: Pandas vs. Caviar*, and uses the network of lessons 01–02
# (`nncourse.utils.network`) on MNIST.
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
from nncourse.utils.checks import call, expect_close, expect_items, expect_shape, passed
from nncourse.utils.data import load_mnist
from nncourse.utils.network import accuracy_on, train
from nncourse.utils.plotting import plot_curves
from nncourse.utils.progress import progress
from nncourse.utils.runtime import autograding, experiment_size

answers = public_answers("04_hyperparameter_tuning")  # what the public tests expect, and what known mistakes give

# %% [markdown]
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
expect_shape(call(grid_points, bounds_t, 3), (9, 2), "grid_points(bounds, 3) for k = 2 axes")
expect_close(call(grid_points, bounds_t, 3), answers, "grid_points([[0, 1], [10, 30]], 3)",
             hint="Each row is one point and column i holds axis i; the first column varies slowest.")
expect_close(call(grid_points, np.array([[0.0, 1.0], [0.0, 1.0], [-1.0, 1.0]]), 4), answers,
             "grid_points([[0, 1], [0, 1], [-1, 1]], 4): 3 axes, 4 values each")
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
             hint="Row i of bounds is [low, high] of coordinate i; draw all (n, k) numbers at once from rng.")
expect_close(call(random_points, np.array([[-1.0, 1.0], [0.0, 5.0], [2.0, 3.0]]), 2, np.random.default_rng(8)),
             answers, "random_points of 2 points in 3 dimensions, np.random.default_rng(8)")
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
for ax, pts, name in ((axes[0], grid, "grid"), (axes[1], rand, "random")):
    ax.contourf(a_grid, b_grid, landscape, levels=20, cmap="viridis")
    ax.scatter(pts[:, 0], pts[:, 1], c="white", edgecolors="black")
    ax.set_title(f"{name}: {len(np.unique(pts[:, 0]))} distinct values of the important axis, "
                 f"best {toy_accuracy(pts).max():.3f}", fontsize=9)
    ax.set_xlabel("important hyperparameter")
axes[0].set_ylabel("unimportant hyperparameter")
plt.show()

best_random = [toy_accuracy(random_points(UNIT_SQUARE, 25, np.random.default_rng(s))).max() for s in range(200)]
print(f"grid search, 25 trials:   best {toy_accuracy(grid).max():.3f}")
print(f"random search, 25 trials: best {np.mean(best_random):.3f} on average over 200 seeds "
      f"(better than the grid in {np.mean(np.array(best_random) > toy_accuracy(grid).max()):.0%} of them)")

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
# short list of powers of 2 (section 5 draws it from {8, 16, 32, 64}), so either way it takes only a
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
             hint="Draw the n exponents r uniformly between log10(low) and log10(high), in one draw from rng, "
                  "and return 10**r.")
expect_close(call(sample_log_uniform, 1e-3, 10.0, 4, np.random.default_rng(8)), answers,
             "sample_log_uniform(1e-3, 10, 4, np.random.default_rng(8))")
passed("sample_log_uniform")

# %% [markdown]
# Compare 1,000 draws on each scale, and what SciPy's `loguniform` distribution (the one
# scikit-learn's documentation uses with `RandomizedSearchCV` and `ParameterSampler`) gives for the
# same range:

# %%
from scipy.stats import loguniform

n = 1000
uniform_draws = np.random.default_rng(0).uniform(1e-4, 1.0, n)
log_draws = sample_log_uniform(1e-4, 1.0, n, np.random.default_rng(0))
scipy_draws = loguniform(1e-4, 1.0).rvs(n, random_state=0)

fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
bins = np.logspace(-4, 0, 25)
for draws, label in ((uniform_draws, "uniform"), (log_draws, "your log-uniform"), (scipy_draws, "scipy loguniform")):
    axes[0].hist(draws, bins=bins, histtype="step", linewidth=2, label=label)
axes[0].set_xscale("log")
axes[0].set_xlabel("learning rate (log axis)")
axes[0].legend()
axes[1].hist(uniform_draws, bins=25, alpha=0.6, label="uniform")
axes[1].hist(log_draws, bins=25, alpha=0.6, label="your log-uniform")
axes[1].set_xlabel("learning rate (linear axis)")
axes[1].legend()
plt.show()
for draws, label in ((uniform_draws, "uniform"), (log_draws, "your log-uniform"), (scipy_draws, "scipy loguniform")):
    print(f"{label:17s} share below 0.1: {np.mean(draws < 0.1):5.1%}   below 0.001: {np.mean(draws < 0.001):5.1%}")

# %% [markdown]
# ## 3. Hyperparameters near 1: $\beta = 1 - 10^{r}$
#
# Momentum and Adam average gradients with an exponentially weighted average of parameter
# $\beta$, which averages over roughly the last $1/(1-\beta)$ steps. Between 0.9 and 0.999 that window
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
             hint="Draw r uniformly between log10(1 - high) and log10(1 - low), in one draw from rng, "
                  "and return 1 - 10**r.")
expect_close(call(sample_one_minus_log, 0.5, 0.99, 4, np.random.default_rng(9)), answers,
             "sample_one_minus_log(0.5, 0.99, 4, np.random.default_rng(9))")
passed("sample_one_minus_log")

# %%
betas_uniform = np.random.default_rng(1).uniform(0.9, 0.999, 1000)
betas_log = sample_one_minus_log(0.9, 0.999, 1000, np.random.default_rng(1))
fig, ax = plt.subplots(figsize=(6, 3.5))
windows = np.logspace(1, 3, 21)
ax.hist(1 / (1 - betas_uniform), bins=windows, histtype="step", linewidth=2, label=r"$\beta$ uniform")
ax.hist(1 / (1 - betas_log), bins=windows, histtype="step", linewidth=2, label=r"$1-\beta$ log-uniform")
ax.set_xscale("log")
ax.set_xlabel(r"averaging window $1/(1-\beta)$ in steps")
ax.legend()
plt.show()
for b, label in ((betas_uniform, "beta uniform"), (betas_log, "1 - beta log-uniform")):
    print(f"{label:21s}: window > 100 steps (beta > 0.99) in {np.mean(b > 0.99):.0%} of the trials")

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
             hint="Keep the top_k rows with the highest scores; per axis (column), widen [min, max] by "
                  "margin * (max - min) at each end.")
box_t = call(zoom_bounds, points_t, scores_t, 3)
expect_shape(box_t, (2, 2), "zoom_bounds(points, scores, 3): one [low, high] row per axis")
expect_close(box_t, answers, "zoom_bounds(points, scores, top_k=3) with the default margin 0.1")
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
ax.scatter(coarse[:, 0], coarse[:, 1], c="white", edgecolors="black", label="coarse")
ax.scatter(fine[:, 0], fine[:, 1], c="orange", edgecolors="black", s=20, label="fine")
(a0, a1), (b0, b1) = fine_box
ax.add_patch(plt.Rectangle((a0, b0), a1 - a0, b1 - b0, fill=False, edgecolor="orange", linewidth=2))
ax.legend(loc="upper right")
plt.show()
print(f"zoomed box: first axis [{a0:.2f}, {a1:.2f}], second [{b0:.2f}, {b1:.2f}]")
print(f"best after the coarse round {toy_accuracy(coarse).max():.3f}, after the fine round "
      f"{max(toy_accuracy(coarse).max(), toy_accuracy(fine).max()):.3f}")

# %% [markdown]
# ## 5. A real random search
#
# ### Exercise 6 — `random_search`
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
    expect_items(trial_t, ["params", "score"], "each (params, score) pair of random_search's result")
expect_close(np.array([trial_t[1] for trial_t in results_t]), answers, "the 6 scores, best first",
             hint="Score each drawn params with objective, and sort the pairs by score, the largest first.")
expect_close(np.array([trial_t[0]["x"] for trial_t in results_t]), answers, "the x of the 6 params, best first",
             hint="Call sampler(rng) once per trial and keep, with each score, the params that earned it.")
passed("random_search")

# %% [markdown]
# Now search for real. The network is the course's 784-$n^{[1]}$-10 with sigmoid outputs and the
# cross-entropy cost (lesson 02). Three hyperparameters: the learning rate $\alpha \in [10^{-3}, 10]$ on a
# log scale, the number of hidden units $n^{[1]}$, a whole number from 10 to 100 drawn uniformly, and the
# mini-batch size, one of {8, 16, 32, 64}. To keep each trial short, every model trains for 4 epochs on
# the first 1,500 training images and is scored by its accuracy on the validation set. (Never on the
# test set: lesson 03 explains why.)

# %%
(X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist()
X_small, y_small = X_train[:, :1500], y_train[:1500]

def cross_entropy_delta(Z, A, Y):
    return A - Y

def sample_network_settings(rng):
    """One draw: alpha log-uniform, hidden units uniform, mini-batch size from a list."""
    return {"alpha": float(sample_log_uniform(1e-3, 10.0, 1, rng)[0]),
            "hidden": int(rng.integers(10, 101)),
            "batch_size": int(rng.choice([8, 16, 32, 64]))}

def validation_accuracy(settings, epochs=4):
    _, _, history = train([784, settings["hidden"], 10], X_small, y_small, epochs=epochs,
                          batch_size=settings["batch_size"], eta=settings["alpha"], output_delta=cross_entropy_delta,
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
search = random_search(with_progress(validation_accuracy, n_trials, "coarse search"), sample_network_settings,
                       n_trials, np.random.default_rng(0))
best_settings, best_accuracy = search[0]

alphas = np.array([p["alpha"] for p, _ in search])
accs = np.array([s for _, s in search])
hidden = np.array([p["hidden"] for p, _ in search])
fig, ax = plt.subplots(figsize=(6.5, 4))
dots = ax.scatter(alphas, accs, c=hidden, cmap="viridis", edgecolors="black")
plt.colorbar(dots, label="hidden units")
ax.set_xscale("log")
ax.set_xlabel(r"learning rate $\alpha$ (log axis)")
ax.set_ylabel("validation accuracy")
ax.set_title(f"random search, {n_trials} trials")
ax.grid(alpha=0.3)
plt.show()
print("best:", best_settings, f"validation accuracy {best_accuracy:.1%}")
for params, score in search[:5]:
    print(f"  alpha {params['alpha']:7.4f}  hidden {params['hidden']:3d}  batch {params['batch_size']:2d}  -> {score:.1%}")

# %% [markdown]
# Then one coarse-to-fine round: zoom on the best 5 trials in the plane ($\log_{10}\alpha$, hidden units),
# keeping the mini-batch size of the best trial, and spend a second budget there.

# %%
plane = np.column_stack([np.log10(alphas), hidden])
zoomed = zoom_bounds(plane, accs, top_k=5)
print(f"zoomed: alpha in [{10 ** zoomed[0, 0]:.3g}, {10 ** zoomed[0, 1]:.3g}], hidden in [{zoomed[1, 0]:.0f}, {zoomed[1, 1]:.0f}]")

def sample_zoomed(rng):
    log_alpha, units = random_points(zoomed, 1, rng)[0]
    return {"alpha": float(10 ** log_alpha), "hidden": int(np.clip(round(units), 10, 100)),
            "batch_size": best_settings["batch_size"]}

n_fine = experiment_size(15, 2)
fine_search = random_search(with_progress(validation_accuracy, n_fine, "fine search"), sample_zoomed, n_fine,
                            np.random.default_rng(1))
overall_settings, overall_accuracy = max(search + fine_search, key=lambda pair: pair[1])
fine_accs = np.array([s for _, s in fine_search])
print(f"best of the {n_fine} zoomed trials {fine_accs.max():.1%}; median validation accuracy of a trial: "
      f"{np.median(accs):.1%} in the coarse round, {np.median(fine_accs):.1%} in the zoomed one")
print("best after zooming:", overall_settings, f"validation accuracy {overall_accuracy:.1%}")

# %% [markdown]
# scikit-learn draws the same kind of search space with `ParameterSampler` (a list means "pick one
# uniformly", a SciPy distribution means "draw from it"). Its learning rates follow the same
# log-uniform law as yours, about a quarter of them in each decade of $[10^{-3}, 10]$:

# %%
from scipy.stats import randint
from sklearn.model_selection import ParameterSampler

space = {"alpha": loguniform(1e-3, 10.0), "hidden": randint(10, 101), "batch_size": [8, 16, 32, 64]}
sk_draws = list(ParameterSampler(space, n_iter=1000, random_state=0))
sk_alphas = np.array([d["alpha"] for d in sk_draws])
own_rng = np.random.default_rng(0)
own_alphas = np.array([sample_network_settings(own_rng)["alpha"] for _ in range(1000)])
print("first three scikit-learn draws:", [{k: round(float(v), 4) if k == "alpha" else int(v) for k, v in d.items()}
                                          for d in sk_draws[:3]])
for label, e in (("scikit-learn", sk_alphas), ("your sampler", own_alphas)):
    print(f"{label:12s}: share of alpha per decade", np.histogram(np.log10(e), bins=[-3, -2, -1, 0, 1])[0] / len(e))

# %% [markdown]
# ## 6. Pandas and caviar
#
# How you search depends on how much computing power you have (the lecture's metaphor). With little
# compute you **babysit one model** like a panda raising one cub: watch its learning curve every epoch
# and adjust, for example lower the learning rate when the validation accuracy stops improving. With a
# lot of compute you **train many models in parallel** like a fish laying many eggs (caviar), each
# with its own settings, and keep the best.
#
# ### Exercise 7 — `babysat_learning_rate`
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
expect_close(call(babysat_learning_rate, 3.0, [0.1]), answers, "babysat_learning_rate(3.0, [0.1]) before any epoch")
history_t = [0.1, 0.60, 0.50, 0.55, 0.58, 0.60, 0.70, 0.65, 0.75]
expect_close(call(babysat_learning_rate, 3.0, history_t), answers,
             "babysat_learning_rate(3.0, [0.1, 0.60, 0.50, 0.55, 0.58, 0.60, 0.70, 0.65, 0.75])",
             hint="Count the epochs e >= 1 whose accuracy is not above the best of all the epochs before e.")
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

_, _, panda = train([784, 30, 10], X_train, y_train, eta=panda_rate, desc="panda",
                    monitor={"validation accuracy": accuracy_on(X_val, y_val)}, **full)

# %% [markdown]
# **The caviar.** Four models with fixed rates, otherwise the same as the panda, trained side by side
# in two worker processes, two models at a time (here with `joblib`, which scikit-learn uses for the
# same purpose). While autograding they run one after the other.

# %%
import time
from joblib import Parallel, delayed

def caviar_curve(alpha):
    _, _, history = train([784, 30, 10], X_train, y_train, eta=alpha, show_progress=False,
                          monitor={"validation accuracy": accuracy_on(X_val, y_val)}, **full)
    return history["validation accuracy"]

caviar_rates = [0.1, 0.5, 2.0, 4.0]
n_jobs = 1 if autograding() else 2
start = time.perf_counter()
curves = Parallel(n_jobs=n_jobs)(delayed(caviar_curve)(alpha) for alpha in caviar_rates)
print(f"{len(caviar_rates)} models in {time.perf_counter() - start:.1f} s on {n_jobs} worker(s)")

fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
plot_curves({"babysat (alpha0 = 4)": panda["validation accuracy"]}, "validation accuracy", ax=axes[0],
            title="panda: one model, rate adjusted by hand")
rate_axis = axes[0].twinx()
rate_axis.step(np.arange(len(rates)), rates, where="post", color="gray", linestyle="--")
rate_axis.set_ylabel("learning rate (dashed)")
plot_curves({f"alpha = {alpha}": c for alpha, c in zip(caviar_rates, curves)}, "validation accuracy", ax=axes[1],
            title="caviar: many models in parallel")
plt.show()
print(f"panda: final validation accuracy {panda['validation accuracy'][-1]:.1%}, rates used {np.round(rates, 3).tolist()}")
for alpha, c in zip(caviar_rates, curves):
    print(f"caviar alpha = {alpha:4}: final validation accuracy {c[-1]:.1%}")

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
# - **Random search on MNIST** (30 trials, 4 epochs on 1,500 images each): best $\alpha \approx 0.83$,
#   87 hidden units, mini-batches of 8, with 91.0% validation accuracy. The 15 trials of the zoomed
#   round did not beat it (their best: 90.5%), but the zoom moved the trials into the good region: the
#   median zoomed trial scored 89.3%, against 76.8% in the coarse round. The best of 30 scores is partly
#   luck (on 1,000 validation images an accuracy near 90% has a standard error of about 1 point), so
#   half a point either way between the two rounds' best does not separate them.
#   scikit-learn's `ParameterSampler` puts between 22% and 27% of its learning rates in each decade,
#   yours between 24% and 26%: the same log-uniform law.
# - **Panda vs caviar** (784-30-10, 12 epochs, all 3,000 images): the babysat model, started at
#   $\alpha_0 = 4$, halved its rate twice (4 → 2 → 1: it used 4 for five epochs, 2 for five, then 1 for
#   the last two) and ended at 88.9%, above the same model kept at 4 (87.0%). Of the four fixed rates
#   trained in parallel, $\alpha = 0.5$ did best with 92.1% (0.1: 91.1%, 2: 91.6%, 4: 87.0%): babysitting
#   made up for part of a bad start, and a good rate from the start did better still.
#
# Lesson 05 makes networks much less sensitive to these choices, with batch normalization.
