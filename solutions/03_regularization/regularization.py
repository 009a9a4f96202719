# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 03 — Regularization: learning what generalises
#
# A network that scores well on its training images has only shown that it can remember them. What we
# want is a network that does well on images it has never seen. This lesson makes the gap between the
# two visible, then closes it with the standard tools: a **validation set** and **early stopping**,
# **L2** and **L1 regularization**, **dropout**, and **artificial expansion** of the training data.
#
# The lesson follows the part of chapter 3 of Michael Nielsen's *Neural Networks and Deep Learning*
# (2015) on overfitting and regularization. From him come the ideas and their order, the equations
# and their notation ($C_0$, $\lambda$, $\eta$, $n$ the size of the training set), the early-stopping
# rule, and the set-up of his overfitting experiment: 1,000 MNIST training images, cross-entropy cost,
# $\eta = 0.5$, mini-batches of 10 and the initial weights of chapter 1. The rest is this lesson's own:
# the polynomial warm-up, a network with 100 hidden neurons trained for 100 epochs (his has 30 and
# trains for 400), accuracies measured on a validation set (he plots the test set, to compare his runs),
# $\lambda$ and `keep_prob` chosen here on that set, and the L1, dropout and data-expansion runs, which
# Nielsen describes but does not run in chapter 3. The dropout is the "inverted" kind, scaled during
# training, and the expansion shifts each image by one pixel, as Nielsen does in chapter 6 (in chapter 3
# he rotates images).
#
# **How this notebook works.** Each exercise is a function with `# YOUR CODE HERE`. Run the cell after
# it to test your function and read the message if it fails. Those tests are public; grading also runs
# hidden tests on other inputs, so write the general function, not one that fits the examples. A test
# cell holds only its inputs (their names end in `_t`, so they never overwrite yours) and the calls
# that check your function; when a result is wrong, its message says where, and names the mistake
# when it is a common one. The experiments between the exercises use your functions: they work once
# the exercises before them pass.

# %% tags=["setup"] nbgrader={"grade": false, "grade_id": "setup", "locked": true, "schema_version": 3, "solution": false, "task": false}
import numpy as np
import matplotlib.pyplot as plt

from nncourse.utils.answers import public_answers
from nncourse.utils.checks import call, expect_close, expect_dtype, expect_equal, expect_items, expect_shape, fail, passed
from nncourse.utils.data import load_mnist
from nncourse.utils.i18n import pad
from nncourse.utils.network import (Dropout, accuracy, accuracy_on, cost_on, feedforward, init_parameters, one_hot_columns,
                                     sigmoid, train)
from nncourse.utils.plotting import plot_curves, show_images
from nncourse.utils.progress import progress
from nncourse.utils.runtime import experiment_size

answers = public_answers("03_regularization")  # what the public tests expect, and what known mistakes give

# %% [markdown]
# ## 1. Overfitting
#
# ### A curve through ten points
#
# Ten measurements of a smooth curve, each with some noise. A polynomial of degree 9 has ten
# coefficients, so it can pass *exactly* through all ten points: zero error on the data it was fitted
# to. Is it the best model? Judge each fit by its error on 200 *new* measurements of the same curve,
# which the fit never saw.
#
# (Nielsen opens chapter 3's "Overfitting and regularization" with a story instead: Fermi, shown a
# model with four free parameters that agreed with experiment, quoted von Neumann, "with four
# parameters I can fit an elephant, and with five I can make him wiggle his trunk". A picture like
# this one comes later, in "Why does regularization help reduce overfitting?": ten points that a
# 9th-order polynomial fits exactly and a straight line fits nearly as well.)

# %%
rng = np.random.default_rng(0)
curve = lambda x: np.sin(np.pi * x)  # noqa: E731  (the truth, unknown to the fits)
x_points = np.linspace(-1.0, 1.0, 10)
y_points = curve(x_points) + rng.normal(0.0, 0.2, x_points.size)
x_new = rng.uniform(-1.0, 1.0, 200)
y_new = curve(x_new) + rng.normal(0.0, 0.2, x_new.size)

grid = np.linspace(-1.0, 1.0, 400)
fig, axes = plt.subplots(1, 3, figsize=(13, 3.6), sharey=True)
for ax, degree in zip(axes, (1, 3, 9)):
    coefficients = np.polyfit(x_points, y_points, degree)
    error_seen = np.mean((np.polyval(coefficients, x_points) - y_points) ** 2)
    error_new = np.mean((np.polyval(coefficients, x_new) - y_new) ** 2)
    ax.plot(grid, curve(grid), "k--", lw=1, label=_("true curve"))
    ax.plot(grid, np.polyval(coefficients, grid), lw=2, label=_(f"degree {degree} fit"))
    ax.scatter(x_points, y_points, color="C3", zorder=3, label=_("the 10 points"))
    ax.set_ylim(-2.0, 2.0)
    ax.set_title(_(f"degree {degree}\nmean squared error: {error_seen:.3f} seen, {error_new:.3f} new"))
    ax.grid(alpha=0.3)
axes[0].legend(loc="upper left", fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# The straight line is too simple: it cannot follow the curve's shape, and its error is large on the
# points it was fitted to and on new ones alike (*underfitting*). The degree-9 polynomial has no error
# at all on its ten points, yet on new points it does worse than degree 3: its extra freedom went into
# following the noise of those particular points (*overfitting*), and between them it swings away from
# the curve. Degree 3 is in between and does best on new data. Two lessons carry over to networks: a
# low training error alone proves little, and the only way to see overfitting is to measure on data
# the model was not fitted to.
#
# ### A network that memorises
#
# A 784-100-10 network has $784 \cdot 100 + 100 \cdot 10 = 79{,}400$ weights and 110 biases. We train
# it on only **1,000** MNIST images, with the set-up of Nielsen's chapter 3 overfitting experiment:
# cross-entropy cost with sigmoid output neurons (so the output error is $\delta^L = a^L - y$),
# mini-batches of 10, $\eta = 0.5$, and the initial weights of chapter 1 (standard deviation 1); his
# network has 30 hidden neurons and trains for 400 epochs, ours 100 and 100. After every epoch we
# record the cost and the accuracy on the training images and on the *validation* images, which
# training never uses (1,000 of them in the offline MNIST that the numbers quoted in this notebook
# come from). The training loop is the course's (`nncourse.utils.network.train`);
# in this lesson you write the pieces that plug into it.

# %%
def cross_entropy(A, Y):
    """Cross-entropy cost of sigmoid outputs A (10, m) for one-hot targets Y, averaged over the m columns."""
    A = np.clip(A, 1e-12, 1.0 - 1e-12)
    return -np.sum(Y * np.log(A) + (1.0 - Y) * np.log(1.0 - A)) / Y.shape[1]


(X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist()
n_small = experiment_size(1000, 200)          # smaller while the notebook is being autograded
X_small, y_small = X_train[:, :n_small], y_train[:n_small]
Y_small = one_hot_columns(y_small)

SIZES = [784, 100, 10]
EPOCHS = experiment_size(100, 2)
SETTINGS = dict(batch_size=10, eta=0.5, output_delta=lambda Z, A, Y: A - Y, scaled_init=False, seed=0)

monitor = {_("training cost"): cost_on(cross_entropy, X_small, Y_small),
           _("validation cost"): cost_on(cross_entropy, X_val, one_hot_columns(y_val)),
           _("training accuracy"): accuracy_on(X_small, y_small),
           _("validation accuracy"): accuracy_on(X_val, y_val)}
net_plain, h_plain = train(SIZES, X_small, y_small, epochs=EPOCHS, monitor=monitor, desc=_("no regularization"),
                           **SETTINGS)

fig, (ax_cost, ax_acc) = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({k: h_plain[k] for k in (_("training cost"), _("validation cost"))}, _("cross-entropy cost"),
            ax=ax_cost, logy=True, title=_(f"cost, {n_small} training images"))
plot_curves({k: h_plain[k] for k in (_("training accuracy"), _("validation accuracy"))}, _("accuracy"),
            ax=ax_acc, title=_("accuracy"))
ax_acc.set_ylim(0.5, 1.01)
fig.tight_layout()
plt.show()
val_acc = np.array(h_plain[_("validation accuracy")])
train_acc, val_cost = h_plain[_("training accuracy")][-1], h_plain[_("validation cost")]
print(_(f"after {EPOCHS} epochs: training accuracy {train_acc:.1%}, "
        f"validation accuracy {val_acc[-1]:.1%} (best {val_acc.max():.1%}, at epoch {val_acc.argmax()})"))
print(_(f"validation cost: lowest at epoch {int(np.argmin(val_cost))}, then rises to {val_cost[-1]:.2f}"))

# %% [markdown]
# Read the two plots together. The training cost keeps falling, epoch after epoch (about fifteenfold
# between epochs 10 and 100), and the training accuracy reaches 100% at about epoch 10. The
# validation accuracy passes 82% within five epochs and 85% by epoch 20, then creeps up by only about
# a point over the remaining eighty, and the validation cost reaches its lowest point early and then
# *rises*: from there on the network mostly learns things about its 1,000 images that do not hold for
# other images. Those gradient steps are spent on memorising, and they buy next to nothing on new data.
#
# **A handicap, on purpose.** Chapter 1's initial weights are a poor start, and this lesson keeps them
# deliberately (`scaled_init=False` in `SETTINGS`). With standard deviation 1 on each of 784 inputs, a
# hidden neuron's weighted input $z = \sum_j w_j x_j + b$ is a sum of as many random terms as the image
# has inked pixels, so it is typically large: most hidden neurons start saturated, with $\sigma(z)$ near
# 0 or 1 and $\sigma'(z)$ near 0. They learn slowly, and the weights from pixels that are never inked
# get no gradient, so without regularization they keep their large random values for ever (section 6
# shows them). Nielsen keeps this start in his
# chapter 3 experiments on overfitting and regularization, and brings in the better one, standard
# deviation $1/\sqrt{n_{\text{in}}}$, only later in the chapter, in "Weight initialization". We follow
# him because it makes the overfitting large and the regularizers' effects easy to see. The price is a
# confound: part of what the regularizers fix in this lesson is the bad start rather than overfitting
# as such. Section 8 measures how much, by training with the scaled start.
#
# ## 2. A validation set, and early stopping
#
# MNIST comes to us in three parts, and each has one job:
#
# | set | used for |
# | --- | --- |
# | training | computing gradients: the weights are fitted to it |
# | validation | every *choice* we make: how many epochs, $\lambda$, $\eta$, the network's size, ... |
# | test | one final, honest estimate of accuracy on new images, after all choices are made |
#
# Why not make those choices with the test set? Because choosing is itself a kind of fitting. Each
# time we keep the setting that scores best on a set of images, we also keep whatever happened to suit
# those particular images. After enough choices the score on that set is flattering, exactly as the
# degree-9 polynomial's error on its own ten points was. The validation set absorbs this optimism; the
# test set, looked at once at the end, stays a fair measure. (Nielsen, ch. 3, notes that this way of
# choosing hyperparameters is sometimes called the *hold-out* method: the validation data are kept
# apart, "held out", from the training data.)
#
# **Early stopping** is the simplest use of the validation set: keep training while validation
# accuracy improves, stop when it no longer does, and keep the weights of the best epoch. Validation
# accuracy is noisy, so "no longer improves" must mean "has not improved for a while": we stop once
# `patience` epochs have passed since the best accuracy so far. Nielsen (ch. 3, in the section on
# choosing hyperparameters) calls this rule with a patience of 10 *no-improvement-in-ten* and finds it
# good for a first exploration of MNIST. Since networks sometimes sit on a plateau for a while and then
# improve again, he suggests using it for initial experiments and moving to more lenient rules,
# no-improvement-in-twenty, -fifty and so on, as you come to understand how your network trains.
#
# ### Exercise 1 — `early_stopping`
# `val_accuracies[e]` is the validation accuracy after epoch $e$ (epoch 0: before training). Walk the
# epochs in order. At each epoch $e$, let `best` be the **first** epoch that holds the highest accuracy
# seen so far (a tie does not move it). Stop at the first epoch $e$ with $e - \text{best} \ge$
# `patience`; if that never happens, stop at the last epoch. Return `(stop_epoch, best_epoch)`, where
# `best_epoch` is `best` at the stopping epoch: two whole numbers (Python `int`s, or numpy integers such
# as `np.argmax` returns), since they count epochs.
#
# Example with `patience = 3`: for accuracies `[0.50, 0.62, 0.70, 0.68, 0.70, 0.66]` the best is epoch 2
# (epoch 4 only ties it), and at epoch 5 three epochs have passed: the answer is `(5, 2)`.

# %% nbgrader={"grade": false, "grade_id": "early_stopping", "locked": false, "schema_version": 3, "solution": true, "task": false}
def early_stopping(val_accuracies, patience):
    """Where "no improvement in `patience` epochs" stops training.

    val_accuracies: sequence (list or 1-d array) of E validation accuracies, one per epoch.
    patience: int >= 1.
    Returns (stop_epoch, best_epoch), two integers in range(E) (Python or numpy ints).
    """
    ### BEGIN SOLUTION
    best = 0
    for epoch in range(len(val_accuracies)):
        if val_accuracies[epoch] > val_accuracies[best]:   # strictly higher: ties keep the first
            best = epoch
        if epoch - best >= patience:
            return epoch, best
    return len(val_accuracies) - 1, best
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_early_stopping", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
acc_t = [0.50, 0.62, 0.70, 0.68, 0.70, 0.66, 0.69, 0.65, 0.71, 0.60]
stop_t, best_t = expect_items(call(early_stopping, acc_t, 3), ["stop_epoch", "best_epoch"],
                              "early_stopping(acc_t, patience=3)")
for epoch_t in (stop_t, best_t):
    if isinstance(epoch_t, (bool, np.bool_)) or not isinstance(epoch_t, (int, np.integer)):
        fail(_(f"early_stopping returned the epoch {epoch_t!r}, of type {type(epoch_t).__name__}; an epoch is a "
             "whole number (an int, or a numpy integer such as np.argmax returns)."))
expect_close(best_t, answers, _("best_epoch of early_stopping(acc_t, patience=3)"),
             hint=_("best_epoch is the first epoch with the highest accuracy seen up to the stopping epoch."))
expect_close(stop_t, answers, _("stop_epoch of early_stopping(acc_t, patience=3)"),
             hint=_("Walk the epochs in order and stop at the first one that is `patience` epochs after the best so far."))
rising_t = np.array([0.1, 0.3, 0.2, 0.4, 0.5])   # patience 2 never runs out
stop_t, best_t = expect_items(call(early_stopping, rising_t, 2), ["stop_epoch", "best_epoch"],
                              "early_stopping(rising_t, patience=2)")
expect_close(best_t, answers, _("best_epoch of early_stopping(rising_t, patience=2), an array that keeps improving"))
expect_close(stop_t, answers, _("stop_epoch of early_stopping(rising_t, patience=2)"))
stop_t, best_t = expect_items(call(early_stopping, [0.3, 0.2, 0.5], 1), ["stop_epoch", "best_epoch"],
                              "early_stopping([0.3, 0.2, 0.5], patience=1)")
expect_close(best_t, answers, _("best_epoch of early_stopping([0.3, 0.2, 0.5], patience=1)"))
expect_close(stop_t, answers, _("stop_epoch of early_stopping([0.3, 0.2, 0.5], patience=1)"))
passed("early_stopping")

# %% [markdown]
# Where would early stopping have stopped the run of section 1? And the training loop can ask your
# function after every epoch (its `stop` argument), so that a run ends as soon as patience runs out.
# The same seed gives the same mini-batches, so the stopped run retraces the first epochs of the long
# one, and retraining for `best_epoch` epochs gives back exactly the best epoch's weights.

# %%
PATIENCE = experiment_size(10, 1)
stop_epoch, best_epoch = early_stopping(h_plain[_("validation accuracy")], PATIENCE)
print(_(f"on the run of section 1 (patience {PATIENCE}): best epoch {best_epoch}, stop at epoch {stop_epoch}"))


def patience_ran_out(history):
    stop, best = early_stopping(history[_("validation accuracy")], PATIENCE)
    return stop - best >= PATIENCE


_, h_stopped = train(SIZES, X_small, y_small, epochs=EPOCHS, monitor={_("validation accuracy"): accuracy_on(X_val, y_val)},
                     stop=patience_ran_out, desc=_("early stopping"), **SETTINGS)
stop_epoch, best_epoch = early_stopping(h_stopped[_("validation accuracy")], PATIENCE)
net_early, _ = train(SIZES, X_small, y_small, epochs=best_epoch, desc=_("retrain to the best epoch"), **SETTINGS)

ax = plot_curves({_("no early stopping"): h_plain[_("validation accuracy")],
                  _("early stopping"): h_stopped[_("validation accuracy")]}, _("validation accuracy"),
                 title=_(f"early stopping, patience {PATIENCE}"))
ax.axvline(best_epoch, color="C2", ls="--", label=_(f"best epoch ({best_epoch})"))
ax.axvline(stop_epoch, color="C3", ls=":", label=_(f"stop ({stop_epoch})"))
ax.legend()
plt.show()
epochs_trained = len(h_stopped[_("validation accuracy")]) - 1
accuracy_kept, accuracy_all = accuracy(net_early, X_val, y_val), h_plain[_("validation accuracy")][-1]
print(_(f"trained {epochs_trained} epochs instead of {EPOCHS}; kept epoch {best_epoch}: validation accuracy "
        f"{accuracy_kept:.1%} (after all {EPOCHS} epochs: {accuracy_all:.1%})"))

# %% [markdown]
# In this run patience ran out well before the end, and the kept weights score about the same as
# those of the full run (half a point lower, which is within the noise of 1,000 validation images)
# for less than half the training. Early stopping did not make the network *better* here: on a long,
# slowly rising plateau each best is eventually beaten by a hair, so a short patience stops a little
# early and a long one runs on. That is the plateau Nielsen warns about, and the reason he moves from
# no-improvement-in-ten to more lenient rules once the quick first experiments are done. The value of
# early stopping is that it ends the run once little more is to be gained, and it needs no change to
# the cost or the network.

# %% [markdown]
# ## 3. L2 regularization: weight decay
#
# L2 regularization adds to the cost $C_0$ (here the cross-entropy) a term that grows with the size of
# the weights:
#
# $$C = C_0 + \frac{\lambda}{2n} \sum_{w} w^2 ,$$
#
# where the sum runs over every weight of every layer, $n$ is the size of the **training set** and
# $\lambda > 0$ is the *regularization parameter*. Minimising $C$ is a compromise: fit the data (small
# $C_0$), but with small weights; $\lambda$ sets the balance.
#
# The new term has derivative $\frac{\lambda}{n} w$ with respect to a weight $w$, and none with
# respect to a bias, so a gradient step becomes
#
# $$w \;\to\; w - \eta\frac{\partial C_0}{\partial w} - \frac{\eta\lambda}{n}\, w
#    \;=\; \Bigl(1 - \frac{\eta\lambda}{n}\Bigr)\, w - \eta\frac{\partial C_0}{\partial w},
#    \qquad b \;\to\; b - \eta\frac{\partial C_0}{\partial b}.$$
#
# Before the usual step, every weight is multiplied by $1 - \frac{\eta\lambda}{n}$, a number slightly
# below 1. Wherever the data do not push back, weights shrink geometrically towards zero, which is why
# L2 regularization is also called **weight decay**. With mini-batches, $\partial C_0/\partial w$ is
# estimated on the batch as before, but the decay keeps the $n$ of the whole training set, because the
# penalty belongs to the cost of the whole set.
#
# **Why would small weights generalise better?** A network with small weights cannot change its output
# much when a few input pixels change. To fit the quirks of individual training images it would need
# large weights, so the penalty steers it towards patterns that many images share. That is a
# heuristic, not a theorem, and Nielsen presents it as such; but it matches experience. He also notes
# a practical benefit: unregularised runs now and then get stuck (the weights grow so long that each
# gradient step barely changes their direction), while regularised runs give more reproducible results.
#
# **Why leave the biases out?** A bias does not multiply an input, so a large bias does not make the
# network sensitive to small changes of its input: it only moves the neuron's threshold, and sometimes
# a large one is what a neuron needs. There are also few biases (one per neuron), so they give the
# network little room to overfit. Nielsen reports that regularising them makes little difference in
# practice, and by convention they are left alone. That is why these functions receive only the
# weights, and why the course's training loop always gives the biases the plain step.
#
# ### Exercise 2 — `l2_regularized_cost`
# Compute $C$ from $C_0$: `cost` is the value of $C_0$ (a number), `weights` the list of the network's
# weight matrices, one per layer, and every entry of every one of them enters the sum (the biases are
# not passed in at all). Return a Python float.

# %% nbgrader={"grade": false, "grade_id": "l2_regularized_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def l2_regularized_cost(cost, weights, lmbda, n):
    """The L2-regularized cost C = C_0 + (lmbda / 2n) * (sum over all weights of w**2).

    cost: float, the unregularised cost C_0.  weights: list of arrays, weights[l] of shape (n_out, n_in).
    lmbda: float >= 0.  n: int, the number of training examples.  Returns a float.
    """
    ### BEGIN SOLUTION
    return float(cost + lmbda / (2 * n) * sum(np.sum(W ** 2) for W in weights))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_l2_regularized_cost", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
weights_t = [np.array([[1.0, -2.0], [0.5, 0.0], [3.0, 1.0]]),   # two layers: a (3, 2) and a (1, 3) matrix
             np.array([[2.0, -1.0, 0.5]])]
expect_close(call(l2_regularized_cost, 0.7, weights_t, 5.0, 50), answers,
             "l2_regularized_cost(0.7, weights_t, lmbda=5, n=50)")
expect_close(call(l2_regularized_cost, 0.7, weights_t, 0.0, 50), answers, _("l2_regularized_cost with lmbda = 0"))
passed("l2_regularized_cost")

# %% [markdown]
# ### Exercise 3 — `l2_update`
# One gradient step on one weight matrix, with weight decay: $W \to (1 - \eta\lambda/n)\,W - \eta\,\nabla_W C_0$.
# `grad_W` is $\nabla_W C_0$, the gradient of the unregularised cost, so the decay is yours to add;
# mind that the update uses $\lambda/n$, not the $\lambda/2n$ of the cost. Return a new array and
# leave `W` as it was (the tests check that it is not modified in place).

# %% nbgrader={"grade": false, "grade_id": "l2_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def l2_update(W, grad_W, eta, lmbda, n):
    """The weights after one gradient-descent step with L2 weight decay.

    W, grad_W: arrays of the same shape (n_out, n_in), grad_W the gradient of C_0.  eta, lmbda: floats.
    n: int, training set size.
    Returns the new W (same shape); W is not modified.
    """
    ### BEGIN SOLUTION
    return (1.0 - eta * lmbda / n) * W - eta * grad_W
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_l2_update", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
W_t = np.array([[1.0, -2.0, 0.0], [0.5, 3.0, -1.0]])
grad_W_t = np.array([[0.2, -0.4, 1.0], [0.0, 0.6, -0.2]])
new_W_t = call(l2_update, W_t, grad_W_t, 0.5, 2.0, 10)      # eta * lmbda / n = 0.1
expect_close(new_W_t, answers, "l2_update(W_t, grad_W_t, eta=0.5, lmbda=2, n=10)")
expect_dtype(new_W_t, np.float64, _("l2_update's result"))
expect_close(call(l2_update, W_t, grad_W_t, 0.5, 0.0, 10), answers, _("l2_update with lmbda = 0"))
passed("l2_update")

# %% [markdown]
# ## 4. L1 regularization
#
# L1 regularization penalises the absolute values of the weights instead of their squares:
#
# $$C = C_0 + \frac{\lambda}{n} \sum_{w} |w| .$$
#
# The derivative of $|w|$ is $\operatorname{sign}(w)$ ($+1$ for $w > 0$, $-1$ for $w < 0$). At $w = 0$
# it is not defined; we take $\operatorname{sign}(0) = 0$, as `np.sign` does, which means: a weight
# that is exactly zero is not pushed either way. The step becomes
#
# $$w \;\to\; w - \frac{\eta\lambda}{n}\,\operatorname{sign}(w) - \eta\frac{\partial C_0}{\partial w}.$$
#
# **L1 against L2.** Both pull every weight towards zero, but differently (Nielsen, ch. 3):
#
# * L2 removes a *fraction* $\eta\lambda/n$ of each weight per step: a large weight loses a lot, a small
#   one almost nothing, so small weights shrink ever more slowly and rarely reach zero;
# * L1 removes the *same amount* $\eta\lambda/n$ from every weight, whatever its size: for a large
#   weight that is little, relative to its size, but a small weight is driven all the way to zero
#   unless the data keep pushing it away.
#
# So L1 tends to leave a few large weights on the connections that matter and set the others to
# (nearly) zero: a **sparse** network. With plain gradient descent a "zero" weight does not sit exactly
# at 0: it jitters around it within about $\pm\eta\lambda/n$.
#
# ### Exercise 4 — `l1_regularized_cost`
# As in exercise 2, with the L1 penalty: the absolute values of the weights, and $\lambda/n$ in front.

# %% nbgrader={"grade": false, "grade_id": "l1_regularized_cost", "locked": false, "schema_version": 3, "solution": true, "task": false}
def l1_regularized_cost(cost, weights, lmbda, n):
    """The L1-regularized cost C = C_0 + (lmbda / n) * (sum over all weights of |w|).

    cost: float.  weights: list of arrays (n_out, n_in).  lmbda: float >= 0.  n: int, training set size.
    Returns a float.
    """
    ### BEGIN SOLUTION
    return float(cost + lmbda / n * sum(np.sum(np.abs(W)) for W in weights))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_l1_regularized_cost", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
weights_t = [np.array([[1.0, -2.0], [0.5, 0.0], [3.0, 1.0]]),   # two layers: a (3, 2) and a (1, 3) matrix
             np.array([[2.0, -1.0, 0.5]])]
expect_close(call(l1_regularized_cost, 0.7, weights_t, 5.0, 50), answers,
             "l1_regularized_cost(0.7, weights_t, lmbda=5, n=50)")
expect_close(call(l1_regularized_cost, 0.7, weights_t, 0.0, 50), answers, _("l1_regularized_cost with lmbda = 0"))
passed("l1_regularized_cost")

# %% [markdown]
# ### Exercise 5 — `l1_update`
# One gradient step with L1: $W \to W - (\eta\lambda/n)\,\operatorname{sign}(W) - \eta\,\nabla_W C_0$, entry
# by entry, with $\operatorname{sign}(0) = 0$. Careful at $w = 0$: the sign computed as $w/|w|$ is
# $0/0$ = nan there, and a rule that sends 0 to $+1$ or $-1$ pushes weights that are exactly zero.

# %% nbgrader={"grade": false, "grade_id": "l1_update", "locked": false, "schema_version": 3, "solution": true, "task": false}
def l1_update(W, grad_W, eta, lmbda, n):
    """The weights after one gradient-descent step with L1 regularization (sign(0) = 0).

    W, grad_W: arrays of the same shape (n_out, n_in), grad_W the gradient of C_0.  eta, lmbda: floats.
    n: int, training set size.
    Returns the new W (same shape); W is not modified.
    """
    ### BEGIN SOLUTION
    return W - (eta * lmbda / n) * np.sign(W) - eta * grad_W
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_l1_update", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
W_t = np.array([[1.0, -2.0, 0.0], [0.5, 3.0, -1.0]])          # W_t[0, 2] is exactly 0: sign(0) = 0
grad_W_t = np.array([[0.2, -0.4, 1.0], [0.0, 0.6, -0.2]])
new_W_t = call(l1_update, W_t, grad_W_t, 0.5, 2.0, 10)      # eta * lmbda / n = 0.1
expect_close(new_W_t, answers, "l1_update(W_t, grad_W_t, eta=0.5, lmbda=2, n=10)")
expect_dtype(new_W_t, np.float64, _("l1_update's result"))
expect_close(call(l1_update, W_t, grad_W_t, 0.5, 0.0, 10), answers, _("l1_update with lmbda = 0"))
passed("l1_update")

# %% [markdown]
# ## 5. Dropout
#
# Dropout leaves the cost alone and changes the network instead. During training, every hidden neuron
# is kept with probability `keep_prob` and otherwise switched off, its output set to zero, and the
# choice is made afresh for each example: within one mini-batch, each example goes through its own
# random "thinned" network, forward and backward, and the next mini-batch draws new choices again. In
# code that is a mask with one 0/1 entry per hidden unit and per example, the shape `(n_units, m)` of
# the layer's activations. This is how the paper that introduced dropout puts it (Hinton et al., 2012:
# each hidden unit is omitted at random "on each presentation of each training case"), and how the
# deep-learning specialization draws its masks (course 2, week 1). Nielsen (ch. 3) describes a simpler
# version, one random half of the hidden neurons deleted for a whole mini-batch and a new half for the
# next one; the ideas below hold for both.
#
# Two ways to see why this helps. Every mask gives a different thinned network, and all of them share
# the same weights, so the final network behaves like an average over very many networks, and
# averaging cancels the different ways in which each one overfits. And a neuron can never count on any
# particular other neuron being present, so it must learn features that are useful in many
# combinations, rather than fragile co-adaptations that only fit the training set.
#
# **Inverted dropout.** Let $a$ be a hidden neuron's output and $d \in \{0, 1\}$ its mask entry, with
# $P(d = 1) = p$ (`keep_prob`). Training with $a \cdot d$ alone would make the next layer's input, on
# average, $p$ times what the full network gives it, and at test time, with every neuron on, the next
# layer would receive more input than it was ever trained with. So we divide the kept outputs by $p$:
#
# $$a_{\text{out}} = \frac{a \, d}{p}, \qquad \mathbb{E}[a_{\text{out}}] = \frac{a \cdot p}{p} = a .$$
#
# On average each layer now sees during training what it will see at test time, and at test time we
# simply use the network as it is: no mask, no scaling. (The original recipe scaled at test time
# instead, multiplying the outgoing weights by $p$; Nielsen describes it as halving the weights for
# $p = 1/2$. Doing the scaling during training keeps the test-time network untouched.)
#
# **Backward.** $a_{\text{out}} = a \odot d / p$ is linear in $a$, so the gradient flows back through it
# the same way: $\partial C/\partial a = (\partial C/\partial a_{\text{out}}) \odot d / p$. A dropped
# neuron gets no gradient; a kept one gets it scaled by $1/p$.
#
# ### Exercise 6 — `dropout_forward`
# Return `(A_out, mask)`: `mask` has the shape of `A`, with 1 (or True) for each unit and example kept
# and 0 for each one dropped, and `A_out` is $a\,d/p$ entry by entry. Return the 0/1 mask itself, not
# the mask already divided by `keep_prob`; the mask may be booleans, or the same 0s and 1s as integers
# or floats (all three multiply alike), and `dropout_backward` gets whichever you return.
#
# The tests compare your mask with the one they expect, so the random numbers must be the same ones.
# Draw them from the generator `rng` you are given (not from `np.random`: then the same generator state
# always gives the same mask), as uniform numbers in $[0, 1)$, all in one draw of the shape of `A`
# (not of its transpose), and keep an entry where its number is **below** `keep_prob`. Other ways give
# the right rate but other units: keeping the numbers above `1 - keep_prob`, or drawing 0s and 1s
# directly from a binomial distribution.

# %% nbgrader={"grade": false, "grade_id": "dropout_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def dropout_forward(A, keep_prob, rng):
    """Inverted dropout on the activations A.

    A: (n_units, m) activations.  keep_prob: float in (0, 1].  rng: numpy.random.Generator.
    Returns (A_out, mask): A_out (n_units, m) float, mask (n_units, m) of 0s and 1s (bool, int or float),
    True (1) where a unit is kept.
    """
    ### BEGIN SOLUTION
    mask = rng.random(A.shape) < keep_prob
    A_out = A * mask / keep_prob
    return A_out, mask
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_dropout_forward", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
A_t = np.full((6, 8), 0.6)
A_out_t, mask_t = expect_items(call(dropout_forward, A_t, 0.3, np.random.default_rng(11)), ["A_out", "mask"],
                               "dropout_forward")
A_out_t, again_t = expect_items(call(dropout_forward, A_t, 0.3, np.random.default_rng(11)), ["A_out", "mask"],
                                "dropout_forward")
expect_shape(mask_t, A_t.shape, _("mask of dropout_forward(A_t, keep_prob=0.3, rng) for A_t of shape (6, 8)"))
expect_close(again_t, mask_t, _("the mask of a second call with a generator in the same state"),
             hint=_("The same generator state must give the same mask: draw the numbers from the rng passed in."))
expect_close(mask_t, answers, _("mask of dropout_forward(A_t, keep_prob=0.3, rng)"),
             hint=_("Draw uniform numbers in [0, 1) of A's shape from rng in one draw; keep the entries below keep_prob."))
A_t = np.arange(1.0, 13.0).reshape(3, 4) / 4
A_out_t, mask_t = expect_items(call(dropout_forward, A_t, 0.8, np.random.default_rng(7)), ["A_out", "mask"],
                               "dropout_forward")
expect_close(mask_t, answers, _("mask of dropout_forward(A_t, keep_prob=0.8, rng)"))
expect_close(A_out_t, answers, _("A_out of dropout_forward(A_t, keep_prob=0.8, rng)"))
expect_dtype(A_out_t, np.float64, "A_out")
A_out_t, mask_t = expect_items(call(dropout_forward, A_t, 1.0, np.random.default_rng(1)), ["A_out", "mask"],
                               "dropout_forward")
expect_close(A_out_t, answers, _("A_out with keep_prob = 1 (nothing dropped)"))
passed("dropout_forward")

# %% [markdown]
# ### Exercise 7 — `dropout_backward`
# Given the gradient with respect to the dropout layer's output, return the gradient with respect to
# its input, for the same mask: the **Backward** equation above. The mask may come as booleans,
# integers or floats (whichever your `dropout_forward` returns).

# %% nbgrader={"grade": false, "grade_id": "dropout_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def dropout_backward(dA_out, mask, keep_prob):
    """The gradient with respect to the input A of dropout_forward, from the gradient dA_out with respect
    to its output A_out, for the same mask and keep_prob.

    dA_out: (n_units, m) float.  mask: (n_units, m), the 0/1 mask of dropout_forward.  keep_prob: float.
    Returns dA: (n_units, m) float.
    """
    ### BEGIN SOLUTION
    return dA_out * mask / keep_prob
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_dropout_backward", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
dA_out_t = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
mask_t = np.array([[True, False, True], [False, True, True]])
dA_t = call(dropout_backward, dA_out_t, mask_t, 0.6)
expect_close(dA_t, answers, "dropout_backward(dA_out_t, mask_t, keep_prob=0.6)")
expect_dtype(dA_t, np.float64, _("dropout_backward's result"))
passed("dropout_backward")

# %% [markdown]
# ### Question 1 — scaling at training time
#
# Inverted dropout divides the kept activations by `keep_prob` during training. Explain why some
# scaling is needed at all, and why it is done at training time rather than at test time. (A few
# sentences.)

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_dropout_scaling", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** During training each hidden unit is present only with probability $p$ = `keep_prob`,
# so without scaling the next layer receives on average only $p$ times the input the full network would
# give it. At test time every unit is on, so that layer would suddenly receive about $1/p$ times more
# input than it was trained with (twice as much for $p = 1/2$), pushing its neurons to different, often
# saturated, outputs. Dividing the kept outputs by $p$ makes the expected output of each unit equal to
# its output in the full network, $\mathbb{E}[a d / p] = a$, so training and test see the same scale.
# Putting this correction into training means the test-time network is exactly the plain network: no
# mask, no rescaling, nothing to remember or to get wrong when the model is deployed, and no extra
# cost at inference. Scaling the weights by $p$ at test time (the original recipe) is equivalent in
# expectation, but every place the network is evaluated must then know about dropout.
#
# **Rubric (2 points).** 1 point for explaining that without scaling the expected input to the next
# layer differs between training ($p$ times) and test time (all units on), and that dividing by $p$
# keeps the expected activation unchanged; 1 point for saying why it belongs in training: the test-time
# network and inference code stay unchanged (no scaling, no randomness, cannot be forgotten), the
# alternative being to multiply the weights by $p$ at test time.
# ### END SOLUTION

# %% [markdown]
# ## 6. The three regularizers on MNIST
#
# Now train the network of section 1 again on the same 1,000 images, with the same seed and number of
# epochs, once with each regularizer, plugging in your functions: the training loop's `update` argument
# takes your `l2_update` or `l1_update`, and its `dropout` argument takes your `dropout_forward` and
# `dropout_backward` (applied to the hidden layer). The values of $\lambda$ and `keep_prob` were chosen
# beforehand by trying a few of each (L2: $\lambda \in \{0.5, 1, 2, 5\}$, L1: $\lambda \in \{0.2, 0.5,
# 1\}$, `keep_prob` $\in \{0.5, 0.7, 0.8\}$) and keeping the best **validation** accuracy. For L2 and L1
# the best was the smallest $\lambda$ tried, so a still smaller one might do better: a search whose best
# value sits at the edge of its range should be extended. For L2 and L1 we also follow the regularized
# training cost, computed with your cost functions.

# %%
LAMBDA_L2, LAMBDA_L1, KEEP_PROB = 0.5, 0.2, 0.7
val_monitor = {_("validation accuracy"): accuracy_on(X_val, y_val)}


def regularized_cost_monitor(penalty, lmbda):
    """A monitor: training cost plus the penalty, with your l2_/l1_regularized_cost."""
    return lambda net: penalty(cross_entropy(feedforward(net, X_small), Y_small), net.weights, lmbda, n_small)


net_l2, h_l2 = train(SIZES, X_small, y_small, epochs=EPOCHS, desc="L2",
                     update=lambda W, grad_W, eta: l2_update(W, grad_W, eta, LAMBDA_L2, n_small),
                     monitor={**val_monitor, "cost": regularized_cost_monitor(l2_regularized_cost, LAMBDA_L2)},
                     **SETTINGS)
net_l1, h_l1 = train(SIZES, X_small, y_small, epochs=EPOCHS, desc="L1",
                     update=lambda W, grad_W, eta: l1_update(W, grad_W, eta, LAMBDA_L1, n_small),
                     monitor={**val_monitor, "cost": regularized_cost_monitor(l1_regularized_cost, LAMBDA_L1)},
                     **SETTINGS)
dropout = Dropout(KEEP_PROB, dropout_forward, dropout_backward, rng=np.random.default_rng(1))
net_do, h_do = train(SIZES, X_small, y_small, epochs=EPOCHS, desc=_("dropout"), dropout=dropout, monitor=val_monitor,
                     **SETTINGS)

fig, (ax_acc, ax_cost) = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({_("none"): h_plain[_("validation accuracy")], f"L2, λ = {LAMBDA_L2}": h_l2[_("validation accuracy")],
             f"L1, λ = {LAMBDA_L1}": h_l1[_("validation accuracy")], _(f"dropout, keep_prob = {KEEP_PROB}"): h_do[_("validation accuracy")]},
            _("validation accuracy"), ax=ax_acc, title=_("validation accuracy"))
ax_acc.set_ylim(0.75, 0.95)
plot_curves({_("none: C0"): h_plain[_("training cost")], _("L2: C0 + L2 term"): h_l2["cost"], _("L1: C0 + L1 term"): h_l1["cost"]},
            _("training cost"), ax=ax_cost, logy=True, title=_("training cost, with the penalty"))
fig.tight_layout()
plt.show()

results = {_("no regularization"): net_plain, _(f"early stopping (epoch {best_epoch})"): net_early,
           f"L2, lambda = {LAMBDA_L2}": net_l2, f"L1, lambda = {LAMBDA_L1}": net_l1,
           _(f"dropout, keep_prob = {KEEP_PROB}"): net_do}
print(_(f"{n_small} training images, {EPOCHS} epochs\n"))
print(f"{'':<28}{pad(_('validation'), 12, '>')}{pad(_('test'), 8, '>')}")
for name, net in results.items():
    print(f"{pad(name, 28)}{accuracy(net, X_val, y_val):>12.1%}{accuracy(net, X_test, y_test):>8.1%}")

# %% [markdown]
# All three do better on new images than the unregularized network, which fits its training set
# perfectly and generalises worst of the four; L2 gains the most here. The regularized costs never
# approach zero: the penalty will not let the weights grow as large as memorising would need. Note
# also how noisy the accuracies are: with 1,000 validation images, one image is 0.1%, and a difference
# of one point between two methods is not far above chance.
#
# Where did the weights go? Here are the 78,400 weights of layer 1 (from the pixels to the hidden
# neurons) in each network, and, for each input pixel, the mean size of the weights leaving it.

# %%
first_layers = {_("no regularization"): net_plain.weights[0], "L2": net_l2.weights[0], "L1": net_l1.weights[0]}
fig, axes = plt.subplots(2, 3, figsize=(13, 7))
for (name, W1), ax_hist, ax_img in zip(first_layers.items(), axes[0], axes[1]):
    small = np.mean(np.abs(W1) < 1e-3)
    ax_hist.hist(W1.ravel(), bins=100, color="C0")
    ax_hist.set_yscale("log")
    ax_hist.set_title(_(f"{name}\n|w| < 0.001: {small:.0%} of the weights"))
    ax_hist.set_xlabel(_("first-layer weight"))
    image = ax_img.imshow(np.abs(W1).mean(axis=0).reshape(28, 28), cmap="viridis")
    ax_img.set_title(_("mean |w| leaving each pixel"))
    ax_img.axis("off")
    fig.colorbar(image, ax=ax_img, fraction=0.046)
fig.tight_layout()
plt.show()
for name, W1 in first_layers.items():
    print(_(f"{pad(name, 18)} mean |w| = {np.abs(W1).mean():.4f}   largest |w| = {np.abs(W1).max():.2f}"))

# %% [markdown]
# * **No regularization.** The weights still look like their random start (standard deviation 1):
#   training changed them comparatively little, and the map shows no trace of the digits. Pixels that
#   are black in every training image, near the border, give their weights a zero gradient, so those
#   weights keep their random values for ever, ready to react to any stray ink there.
# * **L2** multiplied every weight by the same factor at each step: the histogram keeps its bell shape
#   but is about ten times narrower. Where the data push back, the weights stay larger: the map now
#   shows the region in the middle where digits are drawn, and the idle border weights have decayed most.
# * **L1** took the same *amount*, $\eta\lambda/n$ per step, off every weight: about 1 in total over
#   this run. The weights that started smaller than that are now (nearly) zero, unless the data held
#   them up: the spike in the middle of the histogram holds more than half the weights. Weights that
#   started larger are only shorter by about 1, so the tails are still wide and the map is still mostly
#   leftover random weights; with more epochs or a larger $\lambda$ they would go too. That is the sparsity of L1, and
#   its difference from L2 in one picture: L2 shrinks everything in proportion, L1 wipes out the
#   small weights and trims the large ones.

# %% [markdown]
# ### Question 2 — choosing on the test set
#
# In section 6 we chose $\lambda$ and `keep_prob` by validation accuracy and only then measured test
# accuracy. Suppose instead you had tried twenty values of $\lambda$ and reported the highest **test**
# accuracy among them. Why would that number overstate how well the network does on new images, and
# what would you have to do to get an honest estimate?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_test_set", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** Each test accuracy is measured on one finite set of images, so it contains luck:
# some settings happen to suit those particular images (on 1,000 images, differences of a point can be
# pure chance). Keeping the best of twenty picks the setting whose luck was best, so the reported
# number is biased upwards: the test set has been used to fit a parameter, and we have overfitted it
# just as the weights overfit the training set. It no longer measures performance on data the model
# was not tuned on. To estimate honestly, make every choice ($\lambda$, epochs, architecture) on a
# separate validation set, and evaluate on the test set once, at the very end; if the test set has
# already been used for choosing, a fresh held-out set is needed.
#
# **Rubric (2 points).** 1 point for explaining that selecting the maximum over many test scores
# makes the test score optimistic (the choice adapts to the particular test images / noise, i.e. the
# hyperparameter overfits the test set); 1 point for the remedy: choose on a validation set (or by
# cross-validation on the training data) and use the test set only once, after all choices, or a new
# untouched set.
# ### END SOLUTION

# %% [markdown]
# ## 7. More data
#
# ### More data is a regularizer
#
# The surest cure for overfitting is more training data. A network can memorise 100 images easily;
# with 3,000, every quirk of one image has to be fitted against many other images that do not share
# it, so the gradient steps push the weights towards what the images have in common. Nielsen makes
# the point in chapter 3, "Other techniques for regularization", under "Artificially expanding the
# training data": he plots his 30-hidden-neuron network's accuracy on the validation data against the
# size of its training set, from 100 images to all 50,000, and comes back to that plot, on a log
# axis, in "An aside on big data and what it means to compare classification accuracies".
#
# Here is the same experiment with this lesson's network, from 100 images to all the training images
# we have (3,000 in the offline MNIST), each size trained twice: without regularization, and with L2
# (your `l2_update`). Two choices keep the sizes comparable. Every run takes the same number of
# gradient steps, about 4,000 (400 epochs of 100 images, 13 epochs of 3,000), so that the runs differ
# in their data and not in how long they trained; that is less than half the 10,000 steps of section 1,
# to keep the notebook quick. And L2 keeps the same $\lambda/n$ at every size, that of section 6's run
# ($\lambda = 0.5$ at $n = 1{,}000$), so that it regularises equally hard at every size; the next
# experiment shows why that takes a different $\lambda$ at each size. (The script that draws
# Nielsen's plot, in the book's code repository, makes the same two choices.) We measure each network
# on its own training images and on the validation set; the difference, the **train–validation
# gap**, is how much of what the network learnt holds only for its training images.

# %%
N_SIZES = experiment_size([100, 300, 1000, X_train.shape[1]], [50, 100, n_small])   # the last: every training image
STEPS = experiment_size(4000, 20)              # gradient steps per run, whatever the size
LAMBDA_PER_N = LAMBDA_L2 / n_small             # the lambda / n of section 6's L2 run


def train_on_first(n, lmbda):
    """Train on the first n training images for about STEPS steps, with your l2_update; the results."""
    epochs = max(1, round(STEPS * SETTINGS["batch_size"] / n))
    net, _ = train(SIZES, X_train[:, :n], y_train[:n], epochs=epochs, show_progress=False,
                   update=lambda W, grad_W, eta: l2_update(W, grad_W, eta, lmbda, n), **SETTINGS)
    return {"lambda": lmbda, "steps": epochs * -(-n // SETTINGS["batch_size"]),
            "training": accuracy(net, X_train[:, :n], y_train[:n]), "validation": accuracy(net, X_val, y_val),
            "mean |w|": float(np.abs(net.weights[0]).mean())}


def sizes_axis(ax, sizes, ylabel, title):
    """Label a plot against the training-set size, on a log axis with a tick at each size run."""
    ax.set_xscale("log")
    ax.set_xticks(sizes, [f"{n:,}" for n in sizes])
    ax.minorticks_off()
    ax.set(xlabel=_("training images n (log axis)"), ylabel=ylabel, title=title)
    ax.grid(alpha=0.3)
    ax.legend()


runs = [(n, lmbda) for n in N_SIZES for lmbda in (0.0, LAMBDA_PER_N * n)]
by_size = {run: train_on_first(*run) for run in progress(runs, desc=_("training-set sizes"))}

fig, (ax_acc, ax_gap) = plt.subplots(1, 2, figsize=(12, 4))
for label, per_n, style in ((_("no regularization"), 0.0, "o-"), (f"L2, λ = {LAMBDA_PER_N:g} n", LAMBDA_PER_N, "s-")):
    rows = [by_size[n, per_n * n] for n in N_SIZES]
    ax_acc.plot(N_SIZES, [r["validation"] for r in rows], style, label=label)
    ax_gap.plot(N_SIZES, [r["training"] - r["validation"] for r in rows], style, label=label)
sizes_axis(ax_acc, N_SIZES, _("validation accuracy"), _(f"accuracy on new images, about {STEPS:,} steps per run"))
sizes_axis(ax_gap, N_SIZES, _("training accuracy − validation accuracy"), _("the train–validation gap"))
fig.tight_layout()
plt.show()
print(f"{'n':>6}  {'':<18}{'lambda':>7}{pad(_('steps'), 7, '>')}{pad(_('training'), 10, '>')}"
      f"{pad(_('validation'), 12, '>')}{pad(_('gap'), 7, '>')}")
for n, lmbda in runs:
    r = by_size[n, lmbda]
    regularization = "L2" if lmbda else _("no regularization")
    print(f"{n:>6}  {pad(regularization, 18)}{lmbda:>7.2f}{r['steps']:>7}{r['training']:>10.1%}"
          f"{r['validation']:>12.1%}{r['training'] - r['validation']:>7.1%}")

# %% [markdown]
# In the full run (offline MNIST), the unregularized network fits its training images perfectly, or
# nearly (100%, and 99.9% at 3,000): it memorises whatever it is given. What more data changes is how
# much of that holds for new images: the validation accuracy climbs from 61.7% on 100 images to 76.8%,
# 85.5% and 88.4% on 300, 1,000 and 3,000, and the gap falls from 38.3 points to 23.2, 14.5 and 11.5.
# Each step up in size, about threefold, buys less than the one before (15.1, 8.7, then 2.9 points).
#
# L2 narrows the gap at every size (26.2, 17.8, 10.1 and 7.0 points), and it helps most where the data
# are fewest: 12.1 points at 100 images (73.8% against 61.7%), 5.4 at 300, 4.4 at 1,000 and 4.2 at
# 3,000 (92.6% against 88.4%). The two cures do the same job, and here they are worth about the same:
# L2 on $n$ images comes within about three points of no regularization on about $3n$ (73.8% against
# 76.8%, 82.2% against 85.5%), and at 1,000 images it beats no regularization on 3,000 (89.9% against
# 88.4%). They also add up: L2 on all 3,000 images is the best of the eight runs. Differences of a
# point are within the noise of 1,000 validation images. Part of what L2 does here is undo this
# lesson's large initial weights (section 8 measures how much).

# %% [markdown]
# ### The same $\lambda$ is not the same regularization
#
# Why did L2 need a different $\lambda$ at each size? Look again at the update of section 3: before
# each gradient step, every weight is multiplied by the **weight-decay factor** $1 - \eta\lambda/n$.
# The same $\lambda$ gives a different factor at each size: ten times more training images, ten
# times less decay per step. Over $S$ steps, a weight that the data leave alone shrinks to
#
# $$\Bigl(1 - \frac{\eta\lambda}{n}\Bigr)^{S} \approx e^{-\eta\lambda S/n}$$
#
# of its size. The cost says the same thing: $C_0$ is an *average* over the $n$ training images, so
# its size does not grow with $n$, while the penalty $\frac{\lambda}{2n}\sum_w w^2$ is divided by
# $n$; with $\lambda$ fixed, more data quietly means less regularization. What sets the strength is
# $\lambda/n$. Nielsen meets this in chapter 3, in "Regularization": having regularised his
# 1,000-image run with $\lambda = 0.1$, he moves to all 50,000 training images and raises $\lambda$ to
# 5.0, because keeping 0.1 would mean much less weight decay, and so much less regularization. Both
# give $\lambda/n = 10^{-4}$.
#
# Here is the mistake he avoids, measured: section 6's $\lambda = 0.5$, chosen at $n = 1{,}000$, used
# unchanged at 300 and at 3,000 images, against $\lambda$ scaled with $n$ (the runs above), with the
# same number of steps. At $n = 1{,}000$ the two are the same run.

# %%
compared = N_SIZES[1:]                                          # 300, 1,000 and 3,000 images
fixed_runs = {n: train_on_first(n, LAMBDA_L2) for n in progress([n for n in compared if n != n_small],
                                                                  desc=_(f"lambda = {LAMBDA_L2} at every size"))}
fixed_runs[n_small] = by_size[n_small, LAMBDA_PER_N * n_small]
ETA = SETTINGS["eta"]

fig, (ax_decay, ax_acc) = plt.subplots(1, 2, figsize=(12, 4))
n_grid = np.logspace(np.log10(compared[0]), np.log10(compared[-1]), 100)
ax_decay.plot(n_grid, (1 - ETA * LAMBDA_L2 / n_grid) ** STEPS, color="C1", label=_(f"λ = {LAMBDA_L2} at every n"))
ax_decay.plot(compared, [(1 - ETA * LAMBDA_L2 / n) ** STEPS for n in compared], "o", color="C1")
ax_decay.axhline((1 - ETA * LAMBDA_PER_N) ** STEPS, color="C2", label=f"λ = {LAMBDA_PER_N:g} n")
ax_acc.plot(compared, [fixed_runs[n]["validation"] for n in compared], "o-", color="C1", label=_(f"λ = {LAMBDA_L2} at every n"))
ax_acc.plot(compared, [by_size[n, LAMBDA_PER_N * n]["validation"] for n in compared], "s-", color="C2",
            label=f"λ = {LAMBDA_PER_N:g} n")
sizes_axis(ax_decay, compared, _(f"(1 − ηλ/n) to the power {STEPS:,}"),
           _(f"what weight decay alone leaves of a weight in {STEPS:,} steps"))
sizes_axis(ax_acc, compared, _("validation accuracy"), _("validation accuracy with L2"))
fig.tight_layout()
plt.show()
print(f"{'n':>6}{'lambda':>8}{pad(_('decay per step'), 16, '>')}{pad(_('after the run'), 15, '>')}"
      f"{pad(_('mean |w| (layer 1)'), 20, '>')}{pad(_('training'), 10, '>')}{pad(_('validation'), 12, '>')}")
for n in compared:
    for r in (fixed_runs[n], by_size[n, LAMBDA_PER_N * n]) if n != n_small else (fixed_runs[n],):
        decay = 1 - ETA * r["lambda"] / n
        print(f"{n:>6}{r['lambda']:>8.2f}{decay:>16.6f}{decay ** r['steps']:>15.3f}{r['mean |w|']:>20.3f}"
              f"{r['training']:>10.1%}{r['validation']:>12.1%}")
initial_mean_w = np.abs(init_parameters(SIZES, np.random.default_rng(0), scaled=False)[0][0]).mean()
print(_(f"(before training, mean |w| of layer 1 is {initial_mean_w:.3f})"))

# %% [markdown]
# In the full run, $\lambda = 0.5$ at every size gives a decay factor of 0.999167 per step at 300
# images, 0.999750 at 1,000 and 0.999917 at 3,000: over the run, decay alone would leave 3.6%, 36.8%
# and 72.3% of a weight that the data do not hold up, where the scaled $\lambda$ leaves about 37% at
# every size. The first-layer weights follow: their mean size, 0.798 before training, ends at 0.044,
# 0.297 and 0.580 with the fixed $\lambda$, and at 0.296, 0.297 and 0.306 with the scaled one.
#
# At 3,000 images the fixed $\lambda$ decays three times more weakly than the scaled $\lambda = 1.5$,
# and scores 90.9% validation accuracy against 92.6%. At 300 images it decays more than three times
# more strongly than the scaled 0.15, and scores 84.6% against 82.2%: the smaller set did better with a
# stronger regularization than the 1,000-image value scaled down. What to take away: a value of
# $\lambda$ says nothing by itself about how hard a network is regularized; $\lambda/n$ does. When the
# training set changes size, first scale $\lambda$ with $n$, as Nielsen does, to keep the
# regularization where it was, and then tune it again on the validation set, since the best strength
# need not be the same at every size. (In this lesson a weak decay also leaves more of the large random
# start behind: with $\lambda = 0.5$ at 3,000 images the first-layer weights keep nearly three quarters
# of their initial size; see section 8.)

# %% [markdown]
# ### More data, made from the data we have
#
# Labelled data are expensive, though. For images
# we can make plausible new examples from old ones: a digit moved one pixel to the right is still the
# same digit, yet to the network it is a different input vector, with many pixels changed. Nielsen
# discusses such expansions (small rotations, shifts, elastic distortions) in chapter 3, and in chapter
# 6 expands MNIST by moving every image one pixel in each of the four directions. We do the same.
#
# Each column of `X` is a `side` × `side` image flattened row by row: pixel (row $r$, column $c$) is
# entry $r \cdot \text{side} + c$, so `X[:, j].reshape(side, side)` is image $j$. Moving an image $d_x$
# pixels right and $d_y$ pixels down sends pixel $(r, c)$ to $(r + d_y, c + d_x)$. Pixels that would
# land outside are lost, and the pixels left empty are set to 0 (MNIST's black background).
#
# ### Exercise 8 — `shift_images`
# Work on all the images at once: reshape `X` to `(side, side, m)`, where `[r, c, j]` is pixel $(r, c)$
# of image $j$. Careful: `np.roll` *wraps* the pixels that fall off one edge back in on the other. And
# do not shift the flattened column itself: a pixel moved off the end of a row would land at the start
# of the next one.

# %% nbgrader={"grade": false, "grade_id": "shift_images", "locked": false, "schema_version": 3, "solution": true, "task": false}
def shift_images(X, dx, dy, side=28):
    """Move every image dx pixels right and dy pixels down (negative: left, up), filling with 0.

    X: (side * side, m), one row-major flattened image per column.  dx, dy: ints.
    Returns an array of the same shape and dtype as X; X is not modified.
    """
    ### BEGIN SOLUTION
    images = X.reshape(side, side, -1)                  # [row, column, image]
    shifted = np.zeros_like(images)
    # Pixel (r, c) goes to (r + dy, c + dx): copy the block of source pixels that lands inside.
    rows_to = slice(max(dy, 0), max(side + min(dy, 0), 0))
    rows_from = slice(max(-dy, 0), max(side + min(-dy, 0), 0))
    cols_to = slice(max(dx, 0), max(side + min(dx, 0), 0))
    cols_from = slice(max(-dx, 0), max(side + min(-dx, 0), 0))
    shifted[rows_to, cols_to] = images[rows_from, cols_from]
    return shifted.reshape(X.shape)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_shift_images", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
image_t = np.arange(1.0, 10.0).reshape(9, 1)      # one 3x3 image, rows [1 2 3], [4 5 6], [7 8 9]
expect_close(call(shift_images, image_t, 1, 0, side=3), answers,
             _("shift_images(image_t, dx=1, dy=0, side=3) (one pixel right)"))
expect_close(call(shift_images, image_t, 0, 1, side=3), answers,
             _("shift_images(image_t, dx=0, dy=1, side=3) (one pixel down)"))
two_t = np.hstack([image_t, 10 * image_t])        # two 3x3 images
moved_t = call(shift_images, two_t, -1, -1, side=3)
expect_shape(moved_t, (9, 2), _("shift_images of two images"))
expect_close(moved_t, answers, _("shift_images of two 3x3 images, dx=-1, dy=-1 (one pixel left and up)"))
expect_close(call(shift_images, two_t, 0, 0, side=3), answers, _("shift_images with dx = dy = 0 (no move)"))
digit_t = np.zeros((784, 1))
digit_t[5 * 28 + 7] = 1.0                         # one white pixel at row 5, column 7 of a 28x28 image
moved_t = call(shift_images, digit_t, 2, -3)
expect_shape(moved_t, (784, 1), _("shift_images(digit_t, 2, -3) with the default side=28"))
expect_dtype(moved_t, np.float64, _("shift_images' result"))
expect_equal(np.flatnonzero(moved_t), answers, _("the index of the white pixel in shift_images(digit_t, dx=2, dy=-3)"),
             hint=_("Row 5, column 7 of a 28x28 image moves to row 2, column 9: pixel (r, c) is entry r * side + c."))
passed("shift_images")

# %% [markdown]
# A digit and its four shifts (right, left, down, up). By eye they are the same digit; to the network
# they share only part of their inked pixels.

# %%
example = X_train[:, [0]]
shifts = [(1, 0), (-1, 0), (0, 1), (0, -1)]
show_images(np.hstack([example] + [shift_images(example, dx, dy) for dx, dy in shifts]),
            labels=[_("original"), _("right"), _("left"), _("down"), _("up")], ncols=5)
plt.show()
overlap = np.mean([np.sum(np.minimum(example, shift_images(example, dx, dy))) / np.sum(example) for dx, dy in shifts])
print(_(f"a one-pixel shift keeps on average {overlap:.0%} of the digit's ink on the same pixels"))

# %% [markdown]
# ### Exercise 9 — `expand_dataset`
# Return the original images followed by four shifted copies, in the blocks
# $(d_x, d_y) = (1, 0), (-1, 0), (0, 1), (0, -1)$, each block with the columns in their original order
# ($5m$ columns in all), and the labels to match.

# %% nbgrader={"grade": false, "grade_id": "expand_dataset", "locked": false, "schema_version": 3, "solution": true, "task": false}
def expand_dataset(X, y, side=28):
    """The images X and their one-pixel shifts right, left, down and up, with their labels.

    X: (side * side, m) images as columns.  y: (m,) int labels.
    Returns (X_exp, y_exp): X_exp (side * side, 5 m) = [X, right, left, down, up], y_exp (5 m,).
    """
    ### BEGIN SOLUTION
    shifts = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    X_exp = np.hstack([X] + [shift_images(X, dx, dy, side) for dx, dy in shifts])
    y_exp = np.tile(y, 1 + len(shifts))
    return X_exp, y_exp
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_expand_dataset", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
images_t = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0]])   # 2x2 images [[1 2] [3 4]], 10 times it
X_exp_t, y_exp_t = expect_items(call(expand_dataset, images_t, np.array([3, 8]), side=2), ["X_exp", "y_exp"],
                                "expand_dataset")
expect_close(X_exp_t, answers, _("X_exp of expand_dataset of two 2x2 images (blocks: originals, right, left, down, up)"),
             hint=_("The five blocks come one after the other, each holding all m images in their original order."))
expect_equal(y_exp_t, answers, _("y_exp of two images labelled 3 and 8"),
             hint=_("The labels follow the images: the whole label vector once per block."))
rng_t = np.random.default_rng(5)
labels_t = np.array([7, 2, 9])
X_exp_t, y_exp_t = expect_items(call(expand_dataset, rng_t.uniform(size=(784, 3)), labels_t), ["X_exp", "y_exp"],
                                "expand_dataset")
expect_shape(X_exp_t, (784, 15), _("X_exp for three 28x28 images with the default side (5 blocks of 3 columns)"))
expect_shape(y_exp_t, (15,), _("y_exp for three images"))
expect_equal(y_exp_t, answers, _("y_exp of three images labelled 7, 2 and 9"))
expect_dtype(y_exp_t, labels_t.dtype, _("y_exp (labels keep the integer dtype of y)"))
passed("expand_dataset")

# %% [markdown]
# Train the unregularized network on the 5,000 images made from our 1,000. An epoch now has five times
# as many mini-batches, so we train for a fifth of the epochs: both runs take the same number of
# gradient steps, and differ only in the data.

# %%
X_expanded, y_expanded = expand_dataset(X_small, y_small)
print(_("expanded training set:"), X_expanded.shape, y_expanded.shape)
epochs_expanded = max(1, EPOCHS // 5)
net_exp, h_exp = train(SIZES, X_expanded, y_expanded, epochs=epochs_expanded, monitor=val_monitor,
                       desc=_("expanded data"), **SETTINGS)

steps_plain = np.arange(len(h_plain[_("validation accuracy")])) * (n_small // 10)
steps_exp = np.arange(len(h_exp[_("validation accuracy")])) * (5 * n_small // 10)
plt.figure(figsize=(6, 4))
plt.plot(steps_plain, h_plain[_("validation accuracy")], label=_(f"{n_small} images"))
plt.plot(steps_exp, h_exp[_("validation accuracy")], "o-", ms=3, label=_(f"{5 * n_small} images (shifted copies)"))
plt.xlabel(_("mini-batch steps"))
plt.ylabel(_("validation accuracy"))
plt.ylim(0.75, 0.95)
plt.grid(alpha=0.3)
plt.legend()
plt.show()
results[_(f"expanded data ({5 * n_small} images)")] = net_exp
print(f"{'':<28}{pad(_('validation'), 12, '>')}{pad(_('test'), 8, '>')}")
for name, net in results.items():
    print(f"{pad(name, 28)}{accuracy(net, X_val, y_val):>12.1%}{accuracy(net, X_test, y_test):>8.1%}")

# %% [markdown]
# ## 8. What the runs reach
#
# Measured by running this notebook top to bottom: offline MNIST, the first 1,000 training images,
# 784-100-10 network with chapter 1's initial weights, cross-entropy, $\eta = 0.5$, mini-batches of 10,
# 100 epochs (20 on the expanded set), seed 0. Accuracies are on the 1,000 validation and 1,000 test
# images, so each is uncertain by about one point; another machine may differ in the last digit.
#
# | method | validation | test |
# | --- | --- | --- |
# | no regularization (training accuracy 100%) | 86.3% | 87.7% |
# | early stopping, patience 10 (stopped at epoch 38, kept epoch 28) | 85.8% | 86.6% |
# | L2, $\lambda = 0.5$ | 90.3% | 90.9% |
# | L1, $\lambda = 0.2$ | 87.9% | 89.1% |
# | dropout, `keep_prob` = 0.7 | 89.1% | 88.4% |
# | expanded data (5,000 images from one-pixel shifts) | 90.4% | 91.7% |
#
# Each regularizer of the cost or the network gains about one and a half to four points of validation
# accuracy over the unregularized network, L2 the most; on the test set the gains are smaller, and
# dropout's (0.7 points) is within the noise. Early stopping gives about the same accuracy (a point
# lower at most) for less training. Expanding the data by one-pixel shifts does as well as L2, a
# little better on the test set, with no regularizer at all: it gives the network information it did
# not have, namely that a digit stays the same digit when it moves. The tools also combine: Nielsen's
# best MNIST networks, in chapter 6, train on shifted copies of the images and use dropout as well.
#
# The runs of section 7 (about 4,000 steps each) add two more measurements. More data alone took the
# unregularized network from 61.7% validation accuracy on 100 images to 88.4% on all 3,000, and L2 with
# $\lambda$ scaled with $n$ from 73.8% to 92.6%; at 3,000 images, keeping $\lambda = 0.5$ instead of
# scaling it to 1.5 gave 90.9%.
#
# ### How much of this is the start?
#
# These gaps depend on the set-up, above all on the handicap of section 1: chapter 1's initial weights.
# Here is what that start does to the hidden layer before any training, on the 1,000 training images,
# next to the start Nielsen recommends later in chapter 3, standard deviation $1/\sqrt{n_{\text{in}}}$
# (the same random numbers, divided by $\sqrt{784} = 28$); and then the unregularized network and L2
# ($\lambda = 0.5$) trained again from the scaled start, with everything else as before.

# %%
for name, scaled in ((_("standard deviation 1 (this lesson)"), False), (_("standard deviation 1/sqrt(784)"), True)):
    weights_0, biases_0 = init_parameters(SIZES, np.random.default_rng(0), scaled)   # what train() starts from
    Z_0 = weights_0[0] @ X_small + biases_0[0]
    A_0 = sigmoid(Z_0)
    median_z, saturated = np.median(np.abs(Z_0)), np.mean((A_0 < 0.01) | (A_0 > 0.99))
    print(_(f"{pad(name, 36)} median |z| = {median_z:4.2f};  hidden outputs below 0.01 or above 0.99: {saturated:.1%}"))

SCALED_START = {**SETTINGS, "scaled_init": True}
net_sc, h_sc = train(SIZES, X_small, y_small, epochs=EPOCHS, monitor=val_monitor, desc=_("scaled start"), **SCALED_START)
net_sc_l2, h_sc_l2 = train(SIZES, X_small, y_small, epochs=EPOCHS, monitor=val_monitor, desc=_("scaled start, L2"),
                           update=lambda W, grad_W, eta: l2_update(W, grad_W, eta, LAMBDA_L2, n_small),
                           **SCALED_START)
starts = {_("std 1, no regularization"): (net_plain, h_plain), _(f"std 1, L2 λ = {LAMBDA_L2}"): (net_l2, h_l2),
          _("scaled, no regularization"): (net_sc, h_sc), _(f"scaled, L2 λ = {LAMBDA_L2}"): (net_sc_l2, h_sc_l2)}
ax = plot_curves({name: h[_("validation accuracy")] for name, (_, h) in starts.items()}, _("validation accuracy"),
                 title=_(f"two initial weights, {n_small} training images"))
ax.set_ylim(0.75, 0.95)
plt.show()
print(f"\n{'':<28}{pad(_('training'), 10, '>')}{pad(_('validation'), 12, '>')}{pad(_('test'), 8, '>')}"
      f"{pad(_('mean |w| (layer 1)'), 20, '>')}{pad(_('first epoch at 89%'), 20, '>')}")
for name, (net, h) in starts.items():
    reached = np.flatnonzero(np.array(h[_("validation accuracy")]) >= 0.89)
    first = reached[0] if reached.size else _("never")
    print(f"{pad(name, 28)}{accuracy(net, X_small, y_small):>10.1%}{accuracy(net, X_val, y_val):>12.1%}"
          f"{accuracy(net, X_test, y_test):>8.1%}{np.abs(net.weights[0]).mean():>20.3f}{pad(first, 20, '>')}")

# %% [markdown]
# In the full run, chapter 1's weights give the hidden neurons a median $|z|$ of 6.23 on the training
# images before any training, and 61.6% of the hidden outputs start below 0.01 or above 0.99, where
# $\sigma'(z) < 0.01$: those neurons hardly learn at first. From the scaled start the median $|z|$ is
# 0.58 and no output starts saturated (0.0%).
#
# Trained from the scaled start, the unregularized network reaches 89.8% validation accuracy (90.9%
# test), against 86.3% (87.7%) from the std-1 start: the start alone is worth 3.5 of the 4.0 points of
# validation accuracy that L2 gained in section 6 (90.3%). L2 with the same $\lambda = 0.5$ adds nothing
# to the scaled start on these 1,000 images (89.8%, and 90.5% test), though its $\lambda$ was chosen for
# the other start and a retuned one might still gain a little. The weights say why: after training, the
# std-1 network's first-layer weights have a mean size of 0.800 without L2 (0.798 at the start) and 0.083
# with it, about where the scaled network ends with no regularization at all (0.073). The curves show the other difference Nielsen reports in
# "Weight initialization", that the better start gets there much faster: the scaled runs first reach
# 89% validation accuracy at epochs 7 and 11, L2 from the std-1 start at epoch 27, and the unregularized
# std-1 network never does.
#
# So in this lesson a large part of what L2 fixed was the start: first-layer weights far too large,
# many of which the data never pull back down (the idle border pixels of section 6), rather than
# overfitting as such. The lesson's comparisons are fair among themselves, since every run starts from
# the same weights, but the size of each gain belongs to this set-up. The overfitting itself does not go
# away with the better start: the scaled network, too, fits its training images far better than new
# ones (100% training accuracy, against 89.8% validation), with L2 or without.
