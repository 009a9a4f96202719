# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 05 — Batch normalization
#
# Normalising the inputs of a network (zero mean, unit variance per feature) makes the cost surface
# rounder and gradient descent faster. **Batch normalization** applies the same idea *inside* the
# network: it normalises the weighted inputs $z$ of every hidden layer, over the examples of each
# mini-batch, and then lets the network rescale them with two learned parameters, $\gamma$ and $\beta$.
# In this lesson you write its forward and backward passes, see what $\gamma$ and $\beta$ are for and
# why a layer's bias becomes useless, write the running averages that replace the mini-batch
# statistics at test time, and then measure on MNIST what batch norm buys: faster learning, a wide
# range of learning rates and initial weight scales that work, steadier distributions in the hidden
# layers, and a slight regularizing effect. The last sections put batch norm into a ReLU network, tell
# covariate shift in the data apart from the "internal" covariate shift of training, and use batch norm
# as a layer of Keras.
#
# The lesson follows course 2, week 3, videos 3.4–3.7 of the Deep Learning Specialization
# (DeepLearning.AI; DLS below), and the paper that introduced the method: S. Ioffe and C. Szegedy, *Batch
# Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift* (ICML 2015).
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
from nncourse.utils.checks import call, expect_close, expect_dtype, expect_items, expect_shape, passed
from nncourse.utils.data import load_mnist
from nncourse.utils.gradcheck import numerical_gradient, relative_error
from nncourse.utils.i18n import pad
from nncourse.utils.network import (BatchNorm, accuracy, accuracy_on, feedforward, forward, gradients, init_network,
                                    log_likelihood_on, train)
from nncourse.utils.plotting import plot_curves
from nncourse.utils.progress import progress
from nncourse.utils.runtime import experiment_size

answers = public_answers("05_batch_norm")  # what the public tests expect, and what known mistakes give

# %% [markdown]
# ## 1. Normalising a hidden layer
#
# Take one hidden layer and a mini-batch of $m$ examples. Its weighted inputs form a matrix `Z` of
# shape `(n_units, m)`, one column per example. For **each unit** (each row) batch norm computes the
# mean and variance of that unit's $m$ values,
#
# $$\mu = \frac{1}{m}\sum_{i=1}^{m} z^{(i)}, \qquad \sigma^2 = \frac{1}{m}\sum_{i=1}^{m} \bigl(z^{(i)} - \mu\bigr)^2,$$
#
# normalises them, and then scales and shifts the result with two parameters of its own,
#
# $$z^{(i)}_{\text{norm}} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad \tilde z^{(i)} = \gamma\, z^{(i)}_{\text{norm}} + \beta .$$
#
# The layer then applies its activation to $\tilde z$ instead of $z$. Three details matter:
#
# * the statistics run over the **examples** (axis 1 of `Z`), separately for each unit, and the
#   variance divides by $m$ (the "biased" variance, the one `np.var` computes by default);
# * $\varepsilon$ ($10^{-5}$ unless the argument `eps` says otherwise) keeps the division finite when a
#   unit has the same value for every example, so that $\sigma^2 = 0$;
# * $\gamma$ and $\beta$ are `(n_units, 1)` columns, learned by gradient descent like the weights. With
#   $\gamma = 1$, $\beta = 0$ every unit has mean 0 and variance (almost) 1 over the mini-batch; other values
#   give it mean $\beta$ and standard deviation $\gamma$ (section 3 says why that freedom is needed).
#
# The backward pass (exercise 2) needs some of what the forward pass computed. Return it as a
# **cache** alongside $\tilde Z$: a tuple or a dict of whatever *your* backward pass will need. The tests
# never look inside it.
#
# ### Exercise 1 — `batchnorm_forward`

# %% nbgrader={"grade": false, "grade_id": "batchnorm_forward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    """Batch norm of the weighted inputs of one layer, over the m examples of a mini-batch.

    Z: (n_units, m); gamma, beta: (n_units, 1); eps: a small positive float.
    Returns (Z_tilde, cache): Z_tilde (n_units, m), and whatever batchnorm_backward will need.
    """
    ### BEGIN SOLUTION
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)          # divides by m
    std = np.sqrt(var + eps)
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta, (Z_norm, gamma, std)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_batchnorm_forward", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
square_t = np.random.default_rng(0).normal(5.0, 3.0, (3, 3))   # 3 units, 3 examples
Z_tilde_t, cache_t = expect_items(call(batchnorm_forward, square_t, np.ones((3, 1)), np.zeros((3, 1))),
                                  ["Z_tilde", "cache"], "batchnorm_forward")
expect_shape(Z_tilde_t, (3, 3), _("Z_tilde of a (3, 3) Z"))
expect_dtype(Z_tilde_t, np.float64, "Z_tilde")
expect_close(Z_tilde_t, answers, _("Z_tilde of a (3, 3) Z with gamma = 1, beta = 0 (each row: mean 0, standard deviation 1)"),
             rtol=1e-8, hint=_("Each unit (a row) is normalised with the mean and variance of its own m values: keep "
                             "mu and sigma^2 as (n_units, 1) columns so that they apply to every example of their unit."))
Z_t = np.array([[1.0, 2.0, 3.0, 6.0],           # unit 0: mean 3, variance 3.5
                [-2.0, 0.0, 0.0, 2.0]])         # unit 1: mean 0, variance 2
gamma_t, beta_t = np.array([[1.0], [2.0]]), np.array([[0.0], [1.0]])
expect_close(call(batchnorm_forward, Z_t, gamma_t, beta_t)[0], answers,
             _("Z_tilde of batchnorm_forward(Z, gamma, beta) (unit 0: mean 3, variance 3.5; unit 1: mean 0, variance 2)"),
             rtol=1e-8, m=4)
expect_close(call(batchnorm_forward, Z_t, gamma_t, beta_t, eps=1.0)[0], answers, _("Z_tilde with eps=1.0"), rtol=1e-8)
expect_close(call(batchnorm_forward, np.array([[4.0, 4.0, 4.0], [1.0, 2.0, 3.0]]), gamma_t, beta_t)[0], answers,
             _("Z_tilde of a unit whose z is 4 for every example (sigma^2 = 0: eps keeps it finite, and z_norm = 0)"))
expect_close(call(batchnorm_forward, np.array([[3.0], [-1.0]]), gamma_t, beta_t)[0], answers,
             _("Z_tilde of a mini-batch of one example (every z equals its own mean, so z_tilde = beta)"))
passed("batchnorm_forward")

# %% [markdown]
# ## 2. The backward pass
#
# During backpropagation the layer above hands us $\partial J/\partial \tilde z$ for every unit and example,
# a matrix `dZ_tilde` of shape `(n_units, m)` (the course's network already includes the $1/m$ of the
# cost in it). We need the gradients of $\gamma$, $\beta$, and of `Z`, to carry on to the weights.
#
# The parameters are easy, because each unit's $\gamma$ and $\beta$ touch all $m$ examples of that unit:
#
# $$\frac{\partial J}{\partial \beta} = \sum_{i=1}^m \frac{\partial J}{\partial \tilde z^{(i)}}, \qquad
# \frac{\partial J}{\partial \gamma} = \sum_{i=1}^m \frac{\partial J}{\partial \tilde z^{(i)}}\, z^{(i)}_{\text{norm}} .$$
#
# `Z` is harder: $z^{(i)}$ reaches the cost not only through its own $z^{(i)}_\text{norm}$, but also through
# $\mu$ and $\sigma^2$, which every example of the mini-batch shares. Follow the computation graph backwards
# (per unit; write $g_i = \partial J/\partial z^{(i)}_\text{norm} = \gamma\, \partial J / \partial \tilde z^{(i)}$):
#
# $$\frac{\partial J}{\partial \sigma^2} = -\frac{1}{2}\,(\sigma^2 + \varepsilon)^{-3/2} \sum_i g_i\,(z^{(i)} - \mu), \qquad
# \frac{\partial J}{\partial \mu} = -\frac{1}{\sqrt{\sigma^2 + \varepsilon}} \sum_i g_i
# \;\;\Bigl(+\;\frac{\partial J}{\partial \sigma^2}\cdot\frac{-2}{m}\sum_i (z^{(i)} - \mu) = 0\Bigr),$$
#
# $$\frac{\partial J}{\partial z^{(i)}} = \frac{g_i}{\sqrt{\sigma^2 + \varepsilon}} + \frac{\partial J}{\partial \sigma^2}\,\frac{2\,(z^{(i)} - \mu)}{m} + \frac{1}{m}\,\frac{\partial J}{\partial \mu} .$$
#
# These are the chain-rule equations of Ioffe and Szegedy (section 3). Substituting the first two into
# the third gives a compact form, with $\bar g$ the mean of the $g_i$ over the examples:
#
# $$\frac{\partial J}{\partial z^{(i)}} = \frac{1}{\sqrt{\sigma^2 + \varepsilon}} \Bigl( g_i - \bar g - z^{(i)}_\text{norm} \cdot \frac{1}{m}\sum_k g_k\, z^{(k)}_\text{norm} \Bigr).$$
#
# Either form is fine. The two subtracted terms are the paths through $\mu$ and $\sigma^2$. Leaving them
# out ("the statistics are just numbers") is the classic mistake: Ioffe and Szegedy show that a
# gradient step which ignores the normalisation can keep growing a parameter while the cost does not
# change at all (section 2).
#
# ### Exercise 2 — `batchnorm_backward`
# Use your cache. Do not modify it (the arrays in it may be the caller's). The backward pass must use the
# same $\varepsilon$ as the forward pass that made the cache, whatever `eps` that call was given.

# %% nbgrader={"grade": false, "grade_id": "batchnorm_backward", "locked": false, "schema_version": 3, "solution": true, "task": false}
def batchnorm_backward(dZ_tilde, cache):
    """Gradients through batch norm.

    dZ_tilde: (n_units, m), the gradient of the cost with respect to Z_tilde;
    cache: what batchnorm_forward returned with Z_tilde.
    Returns (dZ, dgamma, dbeta): (n_units, m), (n_units, 1), (n_units, 1).
    """
    ### BEGIN SOLUTION
    Z_norm, gamma, std = cache
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = (dZ_tilde * Z_norm).sum(axis=1, keepdims=True)
    g = dZ_tilde * gamma                                        # dJ/dZ_norm
    dZ = (g - g.mean(axis=1, keepdims=True) - Z_norm * (g * Z_norm).mean(axis=1, keepdims=True)) / std
    return dZ, dgamma, dbeta
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_batchnorm_backward", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
rng_t = np.random.default_rng(5)
Z_t = rng_t.normal(2.0, 3.0, (3, 6))            # 3 units, m = 6 examples
gamma_t = rng_t.uniform(0.5, 2.0, (3, 1))
beta_t = rng_t.normal(0.0, 1.0, (3, 1))
dZ_tilde_t = rng_t.normal(0.0, 1.0, (3, 6))     # the gradient of the cost J = sum(dZ_tilde_t * Z_tilde)
Z_tilde_t, cache_t = expect_items(call(batchnorm_forward, Z_t, gamma_t, beta_t), ["Z_tilde", "cache"],
                                  "batchnorm_forward")
dZ_t, dgamma_t, dbeta_t = expect_items(call(batchnorm_backward, dZ_tilde_t, cache_t), ["dZ", "dgamma", "dbeta"],
                                       "batchnorm_backward")
expect_shape(dZ_t, (3, 6), "dZ")
expect_shape(dgamma_t, (3, 1), _("dgamma (one number per unit)"))
expect_shape(dbeta_t, (3, 1), _("dbeta (one number per unit, summed over that unit's examples)"))
expect_close(dbeta_t, answers, "dbeta", rtol=1e-6, atol=1e-8, m=6)
expect_close(dgamma_t, answers, "dgamma", rtol=1e-6, atol=1e-8, m=6)
expect_close(dZ_t, answers, "dZ", rtol=1e-6, atol=1e-8, m=6,
             hint=_("Remember that every z of a unit also moves that unit's mu and sigma^2."))
Z_tilde_t, cache_t = expect_items(call(batchnorm_forward, Z_t, gamma_t, beta_t, eps=1.0), ["Z_tilde", "cache"],
                                  "batchnorm_forward(..., eps=1.0)")
expect_close(call(batchnorm_backward, dZ_tilde_t, cache_t)[0], answers, _("dZ through batchnorm_forward(..., eps=1.0)"),
             rtol=1e-6, atol=1e-8, m=6, hint=_("The backward pass must use the eps that the forward pass was given."))
passed("batchnorm_backward")

# %% [markdown]
# ### Gradient check
#
# The test above compared your gradients with the values the reference solution gives. Centred
# differences (lesson 01) need no reference: here they check your backward pass against your forward
# pass on a larger random mini-batch, with the relative error of lesson 01 (the largest over the entries
# of $|a - b| / \max(10^{-8}, |a| + |b|)$). Batch norm is smooth, so the error should be tiny: below
# $10^{-8}$.

# %%
rng = np.random.default_rng(7)
Z = rng.normal(1.0, 2.0, (4, 8))
gamma, beta = rng.uniform(0.5, 2.0, (4, 1)), rng.normal(0.0, 1.0, (4, 1))
G = rng.normal(0.0, 1.0, (4, 8))            # the cost J = sum(G * Z_tilde), so dJ/dZ_tilde = G

def J(Z, gamma, beta):
    return np.sum(G * batchnorm_forward(Z, gamma, beta)[0])

dZ, dgamma, dbeta = batchnorm_backward(G, batchnorm_forward(Z, gamma, beta)[1])
checks = {"dZ": (dZ, numerical_gradient(lambda P: J(P, gamma, beta), Z)),
          "dgamma": (dgamma, numerical_gradient(lambda P: J(Z, P, beta), gamma)),
          "dbeta": (dbeta, numerical_gradient(lambda P: J(Z, gamma, P), beta))}
for name, (analytic, numeric) in checks.items():
    print(_(f"{name:7s} relative error {relative_error(analytic, numeric):.1e}"))

# %% [markdown]
# ## 3. What $\gamma$ and $\beta$ are for, and why the bias $b$ goes
#
# **$\gamma$ and $\beta$ give back what normalising takes away.** Forcing every unit to mean 0 and variance 1
# would limit what a layer can express: a sigmoid fed inputs near $N(0, 1)$ works mostly in its almost
# linear middle part. With learned $\gamma$ and $\beta$ the network picks each unit's mean and spread itself,
# and it can even undo the normalisation completely: with $\gamma = \sqrt{\sigma^2 + \varepsilon}$ and $\beta = \mu$,
# $\tilde z = z$ (Ioffe and Szegedy, section 3; DLS 3.4).

# %%
rng = np.random.default_rng(8)
Z = rng.normal(5.0, 3.0, (3, 6))
mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
undone, _ = batchnorm_forward(Z, np.sqrt(var + 1e-5), mu)
print(_(f"gamma = sqrt(var + eps), beta = mu:  max |Z_tilde - Z| = {np.abs(undone - Z).max():.1e}"))

# %% [markdown]
# **The bias before batch norm does nothing.** A layer computes $z = Wa + b$ and batch norm subtracts the
# mean of $z$ over the mini-batch. Adding the same $b$ to every example shifts that mean by exactly $b$, so
# $z - \mu$, and with it $\tilde z$, does not depend on $b$ at all. Its gradient is therefore always 0:
# the rows of `dZ` sum to zero over the examples. So a layer followed by batch norm drops its bias, and
# $\beta$ takes over its job of shifting the unit (DLS 3.5).

# %%
gamma, beta = rng.uniform(0.5, 2.0, (3, 1)), rng.normal(0.0, 1.0, (3, 1))
b = rng.normal(0.0, 10.0, (3, 1))
with_b, cache = batchnorm_forward(Z + b, gamma, beta)
without_b, _ = batchnorm_forward(Z, gamma, beta)
print(_(f"adding a bias b of size ~10:  max |Z_tilde(Z + b) - Z_tilde(Z)| = {np.abs(with_b - without_b).max():.1e}"))
dZ, _, _ = batchnorm_backward(rng.normal(0.0, 1.0, (3, 6)), cache)
print(_("the gradient b would get, dZ summed over the examples:"), np.array2string(dZ.sum(axis=1), precision=1))

# %% [markdown]
# ## 4. Test time: running averages
#
# While training, every mini-batch is normalised with its own $\mu$ and $\sigma^2$. At test time the network
# often sees **one example at a time**, and the statistics of a single example are useless: its mean is
# the example itself, its variance 0, so $z_\text{norm} = 0$ and $\tilde z = \beta$ whatever the input
# (your `batchnorm_forward` showed this in its tests). The prediction must not depend on which other
# examples happen to be processed with it, either.
#
# So during training each batch-norm layer also keeps an **exponentially weighted average** of the
# mini-batch statistics it has seen, and at test time it normalises with those fixed numbers (DLS 3.7).
# Ioffe and Szegedy (section 3.1) normalise with population statistics instead, estimated after training
# from many training mini-batches of $m$ examples: the average of their means, and $\frac{m}{m-1}$ times the
# average of their variances (an unbiased estimate), and note that moving averages let one follow the
# model's accuracy while it trains. After each mini-batch, with a momentum of $0.9$:
#
# $$\mu_\text{running} \leftarrow 0.9\,\mu_\text{running} + 0.1\,\mu, \qquad \sigma^2_\text{running} \leftarrow 0.9\,\sigma^2_\text{running} + 0.1\,\sigma^2 .$$
#
# The momentum is the weight the old average keeps, and the mini-batch's statistic gets the rest; your
# function receives it as the argument `momentum`, which is not always 0.9. With 0.9 the averages
# remember roughly the last $1/(1 - 0.9) = 10$ mini-batches, the window of the exponentially weighted
# averages of DLS course 2, week 2.
#
# ### Exercise 3 — `update_running_stats`
# Return the two new averages as a pair, the mean first; do not change the arrays you are given.

# %% nbgrader={"grade": false, "grade_id": "update_running_stats", "locked": false, "schema_version": 3, "solution": true, "task": false}
def update_running_stats(running_mean, running_var, mu, var, momentum=0.9):
    """One step of the exponentially weighted averages of the mini-batch statistics.

    running_mean, running_var: the averages so far; mu, var: this mini-batch's statistics; all (n_units, 1).
    momentum: float in [0, 1], the weight of the old averages.
    Returns (new_running_mean, new_running_var), each (n_units, 1).
    """
    ### BEGIN SOLUTION
    new_mean = momentum * running_mean + (1 - momentum) * mu
    new_var = momentum * running_var + (1 - momentum) * var
    return new_mean, new_var
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_update_running_stats", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
running_mean_t, running_var_t = np.array([[0.0], [1.0], [-2.0]]), np.array([[1.0], [4.0], [0.5]])
mu_t, var_t = np.array([[1.0], [3.0], [-2.0]]), np.array([[2.0], [0.0], [1.5]])
new_mean_t, new_var_t = expect_items(call(update_running_stats, running_mean_t, running_var_t, mu_t, var_t),
                                     ["new_running_mean", "new_running_var"], "update_running_stats")
expect_close(new_mean_t, answers, _("new_running_mean of update_running_stats(...) with momentum 0.9"))
expect_close(new_var_t, answers, _("new_running_var of update_running_stats(...) with momentum 0.9"))
expect_close(tuple(call(update_running_stats, running_mean_t, running_var_t, mu_t, var_t, momentum=0.5)), answers,
             _("update_running_stats(..., momentum=0.5), as (new_running_mean, new_running_var)"))
passed("update_running_stats")

# %% [markdown]
# ### Exercise 4 — `batchnorm_inference`
# Batch norm at test time: the same formula as in training, with the running averages in place of the
# mini-batch's statistics,
#
# $$\tilde z = \gamma\,\frac{z - \mu_\text{running}}{\sqrt{\sigma^2_\text{running} + \varepsilon}} + \beta .$$
#
# Each column is now treated on its own: the result for one example must not depend on the others.

# %% nbgrader={"grade": false, "grade_id": "batchnorm_inference", "locked": false, "schema_version": 3, "solution": true, "task": false}
def batchnorm_inference(Z, gamma, beta, running_mean, running_var, eps=1e-5):
    """Batch norm at test time, with fixed statistics.

    Z: (n_units, m) for any m >= 1; gamma, beta, running_mean, running_var: (n_units, 1).
    Returns Z_tilde: (n_units, m).
    """
    ### BEGIN SOLUTION
    return gamma * (Z - running_mean) / np.sqrt(running_var + eps) + beta
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_batchnorm_inference", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
Z_t = np.array([[1.0, 4.0, -2.0],
                [0.5, 0.5, 0.5]])
gamma_t, beta_t = np.array([[2.0], [0.5]]), np.array([[1.0], [-1.0]])
running_mean_t, running_var_t = np.array([[1.0], [0.0]]), np.array([[4.0], [0.25]])
Z_tilde_t = call(batchnorm_inference, Z_t, gamma_t, beta_t, running_mean_t, running_var_t)
expect_shape(Z_tilde_t, (2, 3), "batchnorm_inference(Z, ...)")
expect_close(Z_tilde_t, answers, "batchnorm_inference(Z, gamma, beta, running_mean, running_var)", rtol=1e-8)
expect_close(call(batchnorm_inference, Z_t[:, 1:2], gamma_t, beta_t, running_mean_t, running_var_t), answers,
             _("batchnorm_inference of one example"), rtol=1e-8)
expect_close(call(batchnorm_inference, Z_t, gamma_t, beta_t, running_mean_t, running_var_t, eps=0.75), answers,
             "batchnorm_inference(..., eps=0.75)", rtol=1e-8)
passed("batchnorm_inference")

# %% [markdown]
# ## 5. A network with batch norm on MNIST
#
# Your four functions now go into a network (the course's `nncourse.utils.network`, which
# calls exactly your functions and treats your cache as a closed box). It has two hidden layers of 100
# sigmoid units and a softmax output trained with the cross-entropy cost $J$ (lesson 06 studies that
# output layer), 784-100-100-10. Each hidden layer computes
#
# $$z = W a_\text{prev} \;(\text{no } b), \qquad \tilde z = \text{BN}_{\gamma, \beta}(z), \qquad a = \sigma(\tilde z),$$
#
# while training, updates its running averages after every mini-batch, and uses `batchnorm_inference`
# when it predicts. The network without batch norm computes $a = \sigma(Wa_\text{prev} + b)$. Both start
# from the same weights (Gaussian, standard deviation $1/\sqrt{n_\text{in}}$) and see the same mini-batches
# of 32 images, with the same learning rate $\alpha = 0.5$ (the course's `train` calls it `eta`).
#
# To watch the hidden layers while they learn, every 10 mini-batches we record what the sigmoids of each
# layer receive (their inputs $z$, or $\tilde z$ with batch norm) on 500 fixed validation images.

# %%
(X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist()
batchnorm = BatchNorm(batchnorm_forward, batchnorm_backward, update_running_stats, batchnorm_inference)
SIZES, BATCH, ALPHA = [784, 100, 100, 10], 32, 0.5
PROBE_X = X_val[:, :500]
BINS = np.linspace(-8, 8, 65)

def probe(net):
    """What the sigmoids of each hidden layer receive on PROBE_X (a mini-batch of its own)."""
    inputs = forward(net, PROBE_X, training=True)["inputs"][:-1]
    return {"hist": [np.histogram(np.clip(Z, -8, 8), BINS, density=True)[0] for Z in inputs],
            "mean": [float(Z.mean()) for Z in inputs], "std": [float(Z.std()) for Z in inputs],
            "unit": np.percentile(inputs[-1][0], [15, 50, 85])}   # one unit of the last hidden layer

epochs = experiment_size(10, 1)   # fewer while the notebook is being autograded
monitor = {"validation accuracy": accuracy_on(X_val, y_val),
           "training cost": log_likelihood_on(X_train, y_train)}
runs = {}
for label, bn in ((_("without batch norm"), None), (_("with batch norm"), batchnorm)):
    runs[label] = train(SIZES, X_train, y_train, output="softmax", epochs=epochs, batch_size=BATCH, eta=ALPHA, batchnorm=bn,
                            monitor=monitor, probe=probe, probe_every=10, seed=0, desc=label)

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({k: h["validation accuracy"] for k, (_, h) in runs.items()}, _("validation accuracy"), ax=axes[0])
plot_curves({k: h["training cost"] for k, (_, h) in runs.items()}, _("training cost J (cross-entropy)"), ax=axes[1],
            logy=True)
plt.show()
for label, (net, history) in runs.items():
    acc, final_cost = history["validation accuracy"], history["training cost"][-1]
    print(pad(label, 19), _(f"validation accuracy after 1 epoch {acc[1]:.1%}, after {epochs}: {acc[-1]:.1%}; "
                            f"training cost {final_cost:.3f}"))

# %% [markdown]
# Batch norm's network is far ahead after one epoch. Now the hidden layers themselves. Below, each panel
# shows the distribution of one layer's sigmoid inputs (all 100 units, 500 images) at four moments of
# training:

# %%
histories = {label: history["probe"] for label, (_, history) in runs.items()}
moments = {_("start"): 0, _("after 50 steps"): 5, _("after 90 steps (about 1 epoch)"): 9, _("end"): -1}   # probes every 10 steps
centres = (BINS[:-1] + BINS[1:]) / 2
fig, axes = plt.subplots(2, 2, figsize=(12, 6.5), sharex=True)
for row, (label, probes) in enumerate(histories.items()):
    for layer in range(2):
        ax = axes[row, layer]
        for name, index in moments.items():
            if index < len(probes):
                ax.plot(centres, probes[index]["hist"][layer], label=name)
        ax.set_title(_(f"{label}: inputs of hidden layer {layer + 1}'s sigmoids"))
        ax.grid(alpha=0.3)
axes[0, 0].legend()
for ax in axes[1]:
    ax.set_xlabel(_("z (values beyond ±8 are drawn at ±8)"))
fig.tight_layout()
plt.show()
for label, probes in histories.items():
    for layer in range(2):
        start, end = probes[0], probes[-1]
        print(pad(label, 19), _(f"layer {layer + 1}: mean {start['mean'][layer]:+.2f} -> {end['mean'][layer]:+.2f}, "
                                f"standard deviation {start['std'][layer]:.2f} -> {end['std'][layer]:.2f}"))

# %% [markdown]
# Without batch norm, what the second layer receives changes shape while the first layer learns: broad at
# the start, squeezed into a narrow peak below 0 within the first epoch, then spreading out again. Every
# change in the first layer moves the ground under the second, which must keep adapting to it. Ioffe and
# Szegedy call this **internal covariate shift** (section 2), and DLS 3.6 gives the same intuition: a later
# layer learns more easily when the mean and variance of what it receives stay put. With batch norm the
# mean and spread of every unit's input are set by $\gamma$ and $\beta$ alone, which change slowly: the curves
# keep their centre and widen only gradually as the network learns larger $\gamma$.
#
# The paper's figure 1 follows one sigmoid through training: the 15th, 50th and 85th percentiles of its
# input. Here is the same picture for one unit of our second hidden layer (the paper's network had three
# hidden layers of 100 sigmoids, trained on the full MNIST):

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 3.8), sharey=True)
for ax, (label, probes) in zip(axes, histories.items()):
    unit = np.array([p["unit"] for p in probes])
    steps = 10 * np.arange(len(probes))
    for k, q in enumerate((15, 50, 85)):
        ax.plot(steps, unit[:, k], label=_(f"{q}th percentile"))
    ax.set_title(label)
    ax.set_xlabel(_("mini-batch step"))
    ax.grid(alpha=0.3)
axes[0].set_ylabel(_("input of one sigmoid (layer 2)"))
axes[0].legend()
plt.show()

# %% [markdown]
# ## 6. One image at a time
#
# The network trained with batch norm predicts with your running averages. How close did they come
# to the statistics of the whole training set? And what if we classified test images one at a time with
# *batch* statistics instead, i.e. with each image forming a mini-batch of one?

# %%
bn_net = runs[_("with batch norm")][0]
Z1 = bn_net.weights[0] @ X_train                  # the first hidden layer's z for every training image
print(_("unit:                     "), "   ".join(f"{j:6d}" for j in range(5)))
print(_("running mean:             "), "   ".join(f"{v:+6.2f}" for v in bn_net.running_means[0][:5, 0]))
print(_("mean over the training set"), "   ".join(f"{v:+6.2f}" for v in Z1.mean(axis=1)[:5]))
print(_("running variance:         "), "   ".join(f"{v:6.2f}" for v in bn_net.running_vars[0][:5, 0]))
print(_("variance over the set:    "), "   ".join(f"{v:6.2f}" for v in Z1.var(axis=1)[:5]))

n_single = experiment_size(1000, 100)
running, batch_of_one = [], []
for j in progress(range(n_single), desc=_("one image at a time")):
    x = X_test[:, j:j + 1]
    running.append(feedforward(bn_net, x).argmax())
    batch_of_one.append(feedforward(bn_net, x, training=True).argmax())
running, batch_of_one = np.array(running), np.array(batch_of_one)
print(_("\nfirst 12 test digits:           "), y_test[:12])
print(_("predicted with running averages:"), running[:12])
print(_("predicted with batch statistics:"), batch_of_one[:12])
single_running, single_own = np.mean(running == y_test[:n_single]), np.mean(batch_of_one == y_test[:n_single])
print(_(f"accuracy on {n_single} test images, one at a time: running averages {single_running:.1%}, "
        f"statistics of the single image {single_own:.1%}"))

# %% [markdown]
# The running averages are close to the statistics of the whole training set, though not equal: they
# average roughly the last ten mini-batches, seen by a network that was still changing. With the
# statistics of a single image, on the other hand, every hidden unit outputs $\sigma(\beta)$ whatever the
# image shows, so the network gives the same answer for every input, right only for the images of that
# one digit.
#
# ### Question 1 (written, graded by your instructor)
# Explain why batch norm cannot normalise a single test example with that example's own statistics,
# and what it uses instead. Why is it also a bad idea to normalise a test batch with its own mean and
# variance, even when the test batch is large?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_test_time", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** For one example the mean is the example itself and the variance is 0, so
# $z_\text{norm} = 0$ and $\tilde z = \beta$ for every input: the hidden layer's output no longer depends on the
# image, and every image gets the same prediction. Instead the network uses fixed estimates of the
# statistics of the data, the exponentially weighted averages of the mini-batch means and variances
# kept during training (or the mean and variance over the whole training set), in
# $\gamma (z - \mu_\text{running})/\sqrt{\sigma^2_\text{running} + \varepsilon} + \beta$. Normalising a large test batch with its
# own statistics would work numerically, but the prediction for an image would then depend on which
# other images are in its batch (and would change with the batch's composition), so the model would not be
# a fixed function of its input; with running averages it is.
#
# **Rubric (2 points).** 1 point: a single example gives $\mu = z$, $\sigma^2 = 0$, so $z_\text{norm} = 0$ and the output
# ignores the input. 1 point: running (exponentially weighted) averages of $\mu$ and $\sigma^2$ from training, or
# training-set statistics, fixed at test time, so each prediction depends on its own input only.
# ### END SOLUTION

# %% [markdown]
# ## 7. A wider choice of learning rates and initial weights
#
# Batch norm's best-known practical effect is that training stops being fragile. Below, the two
# networks are trained for 3 epochs at learning rates from 0.03 to 10, and then at $\alpha = 0.5$ with the
# hidden layers' initial weights multiplied by factors from 0.01 to 100 (too small: a unit's $z$ hardly
# depends on the image; too large: the sigmoids saturate).

# %%
short = experiment_size(3, 1)
alphas = experiment_size([0.03, 0.1, 0.3, 1.0, 3.0, 10.0], [0.1, 3.0])
scales = experiment_size([0.01, 0.1, 1.0, 10.0, 100.0], [0.1, 10.0])
val_accuracy = {"validation accuracy": accuracy_on(X_val, y_val)}
by_alpha = {label: [] for label in runs}
by_scale = {label: [] for label in runs}
for label, bn in ((_("without batch norm"), None), (_("with batch norm"), batchnorm)):
    for alpha in progress(alphas, desc=_(f"{label}: learning rates")):
        _, h = train(SIZES, X_train, y_train, output="softmax", epochs=short, batch_size=BATCH, eta=alpha, batchnorm=bn,
                         monitor=val_accuracy, seed=0, desc=None)
        by_alpha[label].append(h["validation accuracy"][-1])
    for scale in progress(scales, desc=_(f"{label}: weight scales")):
        _, h = train(SIZES, X_train, y_train, output="softmax", epochs=short, batch_size=BATCH, eta=ALPHA, batchnorm=bn,
                         weight_scale=scale, monitor=val_accuracy, seed=0, desc=None)
        by_scale[label].append(h["validation accuracy"][-1])

fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
for label in runs:
    axes[0].semilogx(alphas, by_alpha[label], "o-", label=label)
    axes[1].semilogx(scales, by_scale[label], "o-", label=label)
axes[0].set_xlabel(_(r"learning rate $\alpha$"))
axes[1].set_xlabel(_("factor on the initial hidden weights"))
axes[0].set_ylabel(_(f"validation accuracy after {short} epochs"))
for ax in axes:
    ax.grid(alpha=0.3)
    ax.legend()
plt.show()
print(_("learning rate:     "), "  ".join(f"{e:6g}" for e in alphas))
for label in runs:
    print(pad(label, 19), "  ".join(f"{a:6.1%}" for a in by_alpha[label]))
print(_("weight factor:     "), "  ".join(f"{s:6g}" for s in scales))
for label in runs:
    print(pad(label, 19), "  ".join(f"{a:6.1%}" for a in by_scale[label]))

# %% [markdown]
# Without batch norm, three epochs are enough only for learning rates from about 0.3 to 1 (smaller ones
# are too slow, larger ones fail) and for initial weights 1 to 10 times the usual scale: ten times larger
# even does a little better than the usual scale here, while smaller weights stay below 30% and a hundred
# times larger falls far behind. With batch norm, every learning rate from 0.03 to 10 and every weight
# scale but the largest give about the same accuracy. Why does the scale of the weights hardly matter?
# Multiply a layer's weights by $a > 0$: its $z$, mean and standard deviation are all multiplied by $a$, and
# $z_\text{norm}$ does not change (up to $\varepsilon$, which is not scaled). The gradient is another matter,
# as the next cell measures.

# %%
from dataclasses import replace

net = init_network(SIZES, np.random.default_rng(0), output="softmax", batchnorm=batchnorm)
bigger = replace(net, weights=[10 * W if l < 2 else W for l, W in enumerate(net.weights)])   # the same network otherwise
X_batch, Y_batch = X_train[:, :BATCH], np.eye(10)[:, y_train[:BATCH]]
same = np.abs(feedforward(net, X_batch, training=True) - feedforward(bigger, X_batch, training=True)).max()
grads, _ = gradients(net, X_batch, Y_batch)
grads_bigger, _ = gradients(bigger, X_batch, Y_batch)
print(_(f"hidden weights x 10: outputs change by at most {same:.1e}"))
for l in range(2):
    ratio = np.linalg.norm(grads_bigger["weights"][l]) / np.linalg.norm(grads["weights"][l])
    print(_(f"layer {l + 1}: |gradient of W| with the weights x 10 / without = {ratio:.3f}"))

# %% [markdown]
# ### Question 2 (written, graded by your instructor)
# Use the two measurements above (the outputs do not change when the hidden weights are multiplied by
# 10; their gradients are divided by 10) to explain why the network with batch norm trains well from
# weights 100 times too small, and why it tolerates large learning rates. What happens to the effective
# size of a step when the weights have grown large?

# %% [markdown] nbgrader={"grade": true, "grade_id": "q_scale", "locked": false, "points": 2, "schema_version": 3, "solution": true, "task": false}
# ### BEGIN SOLUTION
# **Model answer.** Batch norm makes each layer's output invariant to the scale of its weights:
# $\text{BN}(aWu) = \text{BN}(Wu)$, because the mean and standard deviation of $z$ scale by $a$ too. So weights 100
# times too small still give sigmoid inputs of mean $\beta$ and spread $\gamma$: no signal shrinks away and no
# sigmoid saturates, whatever the initial scale. Since the cost does not change when $W$ is scaled, its
# gradient scales as $1/a$: large weights get small gradients, and the relative change of a step,
# $\alpha\,\lVert\nabla W\rVert/\lVert W\rVert$, shrinks like $1/a^2$. A too-large learning rate makes the weights grow,
# which then shrinks the effective step, so training stabilises itself instead of diverging (and tiny
# weights get large relative steps, which quickly grow them) (Ioffe and Szegedy, section 3.3).
#
# **Rubric (2 points).** 1 point: the layer's output (the normalised $z$) does not depend on the scale of $W$,
# so a poor initial scale neither saturates nor shrinks the activations. 1 point: the gradient scales as
# $1/a$, so larger weights take relatively smaller steps, which keeps large learning rates from blowing up.
# ### END SOLUTION

# %% [markdown]
# ## 8. A slight regularizing effect
#
# Each mini-batch is normalised with its *own* $\mu$ and $\sigma^2$, estimates computed from $m$ examples
# only, so every example's $\tilde z$ carries a little noise that depends on which other examples share its
# mini-batch. Like dropout's noise, it makes it harder for the network to fit the training set exactly:
# a slight regularizing effect, which shrinks as the mini-batch grows (DLS 3.6). First, how noisy are the
# batch statistics? The mean of a random mini-batch of $m$ values spreads around the true mean with a
# standard deviation of about $\sigma / \sqrt{m}$:

# %%
rng = np.random.default_rng(1)
unit = Z1[0]                                       # the first hidden unit's z over the training set
for m in (4, 16, 64):
    batch_means = [unit[rng.choice(unit.size, m, replace=False)].mean() for _ in range(2000)]
    spread = np.std(batch_means) / unit.std()
    print(_(f"mini-batches of {m:2d}: spread of the batch mean {spread:.3f} "
            f"(in units of the unit's standard deviation; 1/sqrt(m) = {1 / np.sqrt(m):.3f})"))

# %% [markdown]
# To change *only* that noise, keep the mini-batches and the learning rate the same (64 examples,
# $\alpha = 1$) and let batch norm normalise groups of $k$ = 4, 16 or 64 examples inside each mini-batch,
# each group with its own statistics, as if it were a mini-batch of $k$ (the network's `group_size`; the
# running averages still see whole mini-batches). A smaller group means noisier statistics.

# %%
group_epochs = experiment_size(8, 1)
groups = experiment_size([4, 16, 64], [4, 64])
by_group = {}
for k in progress(groups, desc=_("group sizes")):
    _, h = train(SIZES, X_train, y_train, output="softmax", epochs=group_epochs, batch_size=64, eta=1.0, batchnorm=batchnorm,
                     group_size=k, seed=0, desc=None,
                     monitor={"training accuracy": accuracy_on(X_train, y_train),
                              "validation accuracy": accuracy_on(X_val, y_val)})
    by_group[k] = h

fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
plot_curves({_(f"groups of {k}"): h["training accuracy"] for k, h in by_group.items()}, _("accuracy"),
            title=_("training set"), ax=axes[0])
plot_curves({_(f"groups of {k}"): h["validation accuracy"] for k, h in by_group.items()}, _("accuracy"),
            title=_("validation set"), ax=axes[1])
plt.show()
for k, h in by_group.items():
    train_acc, val_acc = h["training accuracy"][-1], h["validation accuracy"][-1]
    print(_(f"statistics from {k:2d} examples: training {train_acc:.1%}, validation {val_acc:.1%}, "
            f"gap {100 * (train_acc - val_acc):.1f} points"))

# %% [markdown]
# The noisier the statistics, the less the network fits its training set, and the smaller the gap between
# training and validation accuracy, while validation accuracy itself moves by only about a point. That is
# what "slight" means (DLS 3.6; Ioffe and Szegedy, section 3.4): the effect is real but small, a side
# effect rather than a tool. Use dropout or L2 (lesson 03) when you need regularization, and choose the
# mini-batch size for speed.

# %% [markdown]
# ## 9. Batch norm on a ReLU network
#
# Every network so far had sigmoid hidden units, like Ioffe and Szegedy's MNIST experiment. Nothing in
# your four functions depends on the sigmoid, though: in the lectures batch norm sits between a layer's
# $z$ and *whatever* activation $g$ the layer uses, $a = g(\tilde z)$ (DLS C2W3 "Fitting Batch Norm into a
# neural network"), and most networks today use ReLU, $g(z) = \max(0, z)$. Do the effects of section 7 carry
# over? Below, the same 784-100-100-10 network is trained with ReLU hidden units (`activation="relu"` in
# `train`), for 3 epochs at the learning rates of section 7, with and without batch norm. For ReLU the
# initial weights get a standard deviation of $\sqrt{2/n_\text{in}}$ instead of $\sqrt{1/n_\text{in}}$ (the ReLU
# choice of DLS C2W1, "Weight initialization for deep networks"): `weight_scale` $= \sqrt 2$.
#
# ReLU has a failure of its own. A unit whose $z$ is negative for every input outputs 0 for every input,
# and its gradient $g'(z)$ is 0 too, so the gradient steps never change its weights: the unit is **dead**. In
# the first hidden layer, whose input $x$ never changes, it stays dead for good; a unit of a later layer can
# come back if the layers below change what it receives. A large step can push many units there at once.
# The cell also counts, in each hidden layer, the units that output 0 for all 1,000 validation images
# (processed as one batch, in training mode: a unit silent on every example of a batch gets no gradient
# from it), at the start and after training.

# %%
relu_alphas = experiment_size([0.1, 0.3, 1.0, 3.0], [1.0])
HE = np.sqrt(2.0)             # times the default 1/sqrt(n_in): standard deviation sqrt(2 / n_in)

def dead_units(net, X):
    """Per hidden layer, the number of units whose output is 0 for every column of X (one batch)."""
    return [int(np.sum(A.max(axis=1) == 0)) for A in forward(net, X, training=True)["activations"][1:-1]]

relu_accuracy = {label: [] for label in runs}
relu_dead = {label: [] for label in runs}
relu_dead_start = {}
for label, bn in ((_("without batch norm"), None), (_("with batch norm"), batchnorm)):
    relu_dead_start[label] = dead_units(init_network(SIZES, np.random.default_rng(0), output="softmax", activation="relu", batchnorm=bn,
                                                weight_scale=HE), X_val)
    for alpha in progress(relu_alphas, desc=_(f"ReLU {label}")):
        net, h = train(SIZES, X_train, y_train, output="softmax", epochs=short, batch_size=BATCH, eta=alpha, batchnorm=bn,
                           weight_scale=HE, activation="relu", monitor=val_accuracy, seed=0, desc=None)
        relu_accuracy[label].append(h["validation accuracy"][-1])
        relu_dead[label].append(dead_units(net, X_val))

fig, ax = plt.subplots(figsize=(7, 4))
for label in runs:
    line, = ax.semilogx(relu_alphas, relu_accuracy[label], "o-", label=_(f"ReLU, {label}"))
    ax.semilogx(alphas, by_alpha[label], "s:", color=line.get_color(), alpha=0.6, label=_(f"sigmoid, {label} (section 7)"))
ax.set_xlabel(_(r"learning rate $\alpha$"))
ax.set_ylabel(_(f"validation accuracy after {short} epochs"))
ax.set_title(_("ReLU and sigmoid hidden units, with and without batch norm"))
ax.grid(alpha=0.3)
ax.legend(fontsize=8)
plt.show()
print(_("learning rate:                   "), "  ".join(f"{a:>10g}" for a in relu_alphas))
for label in runs:
    print(_(f"ReLU {pad(label, 19)} accuracy"), "  ".join(f"{a:>10.1%}" for a in relu_accuracy[label]))
    print(_(f"{'':22s} dead units"), "  ".join(f"{d[0]:>4d} + {d[1]:>3d}" for d in relu_dead[label]),
          _(f"  (layer 1 + layer 2; at the start {relu_dead_start[label][0]} + {relu_dead_start[label][1]})"))

# %% [markdown]
# Without batch norm the ReLU network does much better than the sigmoid one at small learning rates
# (87.6% against 27.2% at $\alpha = 0.1$, 90.8% against 75.7% at 0.3), but it breaks down as soon as the steps
# are large: 19.9% at $\alpha = 1$ and 10.0%, chance, at $\alpha = 3$, with 88 + 91 of its 200 hidden units dead at
# $\alpha = 1$ and 93 + 100 at $\alpha = 3$. Some units are dead from the start (15 in layer 1, 23 in layer 2):
# the course's initialisation draws each bias from $N(0, 1)$, and a unit whose bias is well below 0 has a
# negative $z$ for every image. The 15 of layer 1 stay dead at $\alpha$ = 0.1 and 0.3, as they must; in layer 2
# all 23 come back at $\alpha = 0.3$, as the first layer learns. With batch norm the ReLU network reaches
# 90.0%, 91.8%, 92.1% and 86.7% at $\alpha$ = 0.1, 0.3, 1 and 3, and no unit is dead at the start: the layer has
# no bias, and with $\gamma = 1$, $\beta = 0$ each unit's values in a batch have mean 0 and standard deviation 1,
# so some are positive. A unit can still die with batch norm, when training drives its $\beta$ far below zero
# compared with its $\gamma$. That happens here only at the largest learning rate: 40 units of layer 2 die at
# $\alpha = 3$, each with a $\beta$ between about 2 and 11 times its $\gamma$ below zero. The scale argument of
# Question 2 holds for ReLU as well: batch norm makes each layer's output independent of the scale of its
# weights, whatever $g$ comes next.
#
# ### Normalise $z$, or $a$?
#
# The lectures (DLS C2W3 "Normalizing activations in a network") normalise $z$, before the activation, and
# this lesson does the same. The lecture mentions that there is a debate in the literature about normalising
# $a = g(z)$ after the activation instead, and recommends normalising $z$ as the default, the more common
# choice. Ioffe and Szegedy (section 3.2) also put the normalisation before the nonlinearity, with an
# argument rather than a proof: a layer's input $a$ is the output of another nonlinearity, and the shape of
# its distribution is likely to change during training (a ReLU's output, for one, is sparse and one-sided),
# so fixing its mean and variance would not keep it steady, while $z = Wa$, a sum of many terms, is more
# likely to have a symmetric, roughly Gaussian distribution. Since then, practitioners have reported networks
# that work as well or better with batch norm after the activation, and no rule settles it for every
# network: the order is a design choice to try, like a hyperparameter, with "before the activation" the
# usual default (it is where this lesson puts it, in numpy and in Keras). What is certain is what each
# choice does: normalising $z$ fixes the mean and spread of what the activation receives (for a sigmoid:
# how much of its curve it uses), normalising $a$ fixes those of what the next layer receives.

# %% [markdown]
# ## 10. Covariate shift in the data
#
# The lecture "Why does Batch Norm work?" (DLS C2W3) builds its intuition from a problem of the *data*,
# called **covariate shift**: train a cat classifier only on pictures of black cats, then show it
# coloured cats. The task has not changed (a cat is still a cat: the mapping from $x$ to $y$ is the same),
# but the distribution of the inputs $x$ has moved, and a classifier that did well on the images it was
# trained on can do badly on the new ones. If the distribution of $x$ changes, you may have to retrain,
# even when the function you want to learn is the same.
#
# Here are the two networks of section 5, trained on MNIST as it is, tested on the same 1,000 test digits
# made to look different in three ways that do not change which digit an image shows: a grey background
# (every pixel $x \mapsto 0.3 + 0.7x$: brighter, less contrast), dimmed ink ($x \mapsto 0.5x$), and the
# digit moved 3 pixels to the right.

# %%
def moved_right(X, pixels):
    """Each image (a column of 28 x 28 pixels) moved `pixels` to the right; the uncovered pixels are black."""
    images = X.T.reshape(-1, 28, 28)
    moved = np.zeros_like(images)
    moved[:, :, pixels:] = images[:, :, :28 - pixels]
    return moved.reshape(-1, 784).T

test_sets = {_("as drawn"): X_test, _("grey background"): 0.3 + 0.7 * X_test, _("dimmed"): 0.5 * X_test,
             _("moved 3 px right"): moved_right(X_test, 3)}
mosaic = np.vstack([np.hstack([X_shifted[:, k].reshape(28, 28) for k in range(8)]) for X_shifted in test_sets.values()])
fig, ax = plt.subplots(figsize=(8, 4.4))
ax.imshow(mosaic, cmap="gray", vmin=0, vmax=1)
ax.set_yticks(28 * np.arange(len(test_sets)) + 13.5, list(test_sets))
ax.set_xticks([])
ax.set_title(_("the first 8 test digits, as drawn and shifted"))
plt.show()

shift_accuracy = {label: [accuracy(net, X_shifted, y_test) for X_shifted in test_sets.values()]
                  for label, (net, _) in runs.items()}
X_mixed = X_train.copy()
X_mixed[:, 1::2] = 0.3 + 0.7 * X_train[:, 1::2]     # every second training image on a grey background
mixed_net, _ = train(SIZES, X_mixed, y_train, output="softmax", epochs=epochs, batch_size=BATCH, eta=ALPHA, seed=0,
                         desc=_("trained on both backgrounds"))
shift_accuracy[_("without batch norm, trained on both backgrounds")] = [accuracy(mixed_net, X_shifted, y_test)
                                                                    for X_shifted in test_sets.values()]

fig, ax = plt.subplots(figsize=(9, 4))
width = 0.8 / len(shift_accuracy)
for k, (label, accs) in enumerate(shift_accuracy.items()):
    ax.bar(np.arange(len(test_sets)) + (k - (len(shift_accuracy) - 1) / 2) * width, accs, width, label=label)
ax.set_xticks(np.arange(len(test_sets)), list(test_sets))
ax.set_xlabel(_("test images"))
ax.set_ylabel(_("test accuracy"))
ax.set_title(_("Trained on one distribution, tested on another"))
ax.set_ylim(0, 1.2)
ax.legend(fontsize=8, ncol=2, loc="upper right")
ax.grid(alpha=0.3, axis="y")
plt.show()
print(pad(_("test images:"), 48), "  ".join(pad(name, 16, ">") for name in test_sets))
for label, accs in shift_accuracy.items():
    print(pad(label, 48), "  ".join(f"{a:>16.1%}" for a in accs))

# %% [markdown]
# The digits are as recognisable as before to us, but not to the networks: trained on black backgrounds
# only, they fall from 88.7% (without batch norm) and 91.2% (with it) to 43.3% and 47.9% on grey
# backgrounds; dimmed ink costs less (79.2% and 84.2%) and a move of 3 pixels brings them to 38.2% and
# 45.9% (a fully connected network has no notion that neighbouring pixels belong together; lesson 07's
# convolutional layers have one). Batch norm in the hidden
# layers does not protect against any of this. At test time it normalises with the fixed running averages
# of section 4, so it is a fixed affine map of each unit's $z$, learned from the training distribution,
# exactly as blind to the new inputs as a bias would be. The remedy the lecture points to is data: the
# network trained on a set in which every second image has a grey background classifies both kinds
# (89.1% on the test digits as drawn, 84.6% on grey backgrounds), without being shown a single test image.
# It is no better than before on dimmed or moved digits (79.2% and 38.8%): it learned the one shift it was
# shown, not shifts in general.
#
# **Covariate shift versus internal covariate shift.** The two ideas share a name and differ in everything
# else. Covariate shift is about the data: the inputs at test (or deployment) time come from another
# distribution than the training inputs, once, and nothing inside the network can know it. *Internal*
# covariate shift (Ioffe and Szegedy, section 2) is about training: a hidden layer's inputs are the outputs
# of the layers before it, so every gradient step on those layers changes the distribution that the layer
# is learning from, again and again, while the data stay the same (section 5 watched it happen). The lecture
# uses the first as an analogy for the second: batch norm keeps the mean and variance of each hidden unit's
# input where $\gamma$ and $\beta$ put them, so a later layer sees less of that moving ground. Reducing internal
# covariate shift was the paper's explanation of why batch norm speeds up training, and it is an explanation,
# not a settled fact: Santurkar, Tsipras, Ilyas and Madry (*How Does Batch Normalization Help Optimization?*,
# NeurIPS 2018) trained networks in which they deliberately made the distributions after batch norm unsteady,
# found that they still trained well, and argued that batch norm helps mostly by making the cost smoother to
# descend. Sections 7 and 8 measured what batch norm does without needing either explanation.
#
# One twist, for the grey background only: a shift $x \mapsto c + dx$ of every pixel turns each first-layer
# $z = Wx$ into $d\,z + c\,\sum_k w_k$, a shift and rescaling of each unit, which is exactly what normalising
# with the *shifted* images' own statistics removes. Normalising the whole grey test set as one batch
# (training mode) gives 88.8%, exactly what the images as drawn give when normalised the same way, while
# for the moved digits it gives 46.7% (45.9% with the running averages). Re-estimating batch norm's
# statistics on the new data is a known trick for adapting a network to a new domain; it needs many
# unlabelled test images at once, and the prediction for an image then depends on the others (Question 1),
# so it is not what batch norm does at test time.

# %%
shifted_bn_net = runs[_("with batch norm")][0]
for name in (_("as drawn"), _("grey background"), _("moved 3 px right")):
    running_acc = accuracy(shifted_bn_net, test_sets[name], y_test)
    own_acc = accuracy(shifted_bn_net, test_sets[name], y_test, training=True)
    print(_(f"with batch norm, {pad(name, 16)}: running averages {running_acc:.1%}, "
            f"statistics of the 1,000 test images {own_acc:.1%}"))

# %% [markdown]
# ## 11. Batch norm in a framework: Keras
#
# In a framework, batch norm is a layer. In Keras (lesson 07 introduces TensorFlow), a hidden layer with
# batch norm is written as three layers, in the order of this lesson: `Dense(100, use_bias=False)` computes
# $z = Wa_\text{prev}$, `BatchNormalization()` computes $\tilde z$, and `Activation("sigmoid")` (or `"relu"`)
# computes $a$. The Dense layer has no bias because $\beta$ replaces it (section 3). The BatchNormalization
# layer holds four vectors, one number per unit: `gamma` and `beta`, trained by gradient descent, and
# `moving_mean` and `moving_variance`, the running averages of section 4, which are not trained but updated.
#
# It computes one of the two formulas of this lesson depending on its argument `training`:
#
# * `training=True`: the batch's own statistics, your `batchnorm_forward`; and each such call also updates
#   the moving averages, your `update_running_stats`. `model.fit` calls its layers this way.
# * `training=False`: the moving averages, your `batchnorm_inference`. `model.predict`, `model.evaluate`,
#   the validation accuracy that `fit` reports, and a plain call `layer(x)` use this.
#
# Two constants differ from this lesson's defaults. `epsilon` is $10^{-3}$ (ours: $10^{-5}$), and `momentum`
# is 0.99 (ours: 0.9). That `momentum` is the $\beta$ of an exponentially weighted average, the weight the old
# average keeps (DLS C2W2 "Exponentially weighted averages"), exactly the `momentum` argument of your
# `update_running_stats`. It has nothing to do with the $\beta$ of gradient descent with momentum or Adam's
# $\beta_1$ and $\beta_2$ (DLS C2W2), which average gradients, not statistics; the three just share the formula
# and a name. With 0.99 the averages remember roughly the last $1/(1 - 0.99) = 100$ mini-batches.
#
# First one layer on its own. Keras keeps one example per **row**, so its $Z$ is our $Z$ transposed. The
# cell compares the layer with your functions (it computes in float32, hence differences near $10^{-7}$)
# and, for the bias, takes gradients with `tf.GradientTape`.

# %%
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")   # keep TensorFlow's C++ start-up messages short
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
Z_rows = tf.constant(np.random.default_rng(9).normal(3.0, 2.0, (32, 4)), tf.float32)   # 32 examples, 4 units
bn_layer = tf.keras.layers.BatchNormalization()
at_start = bn_layer(Z_rows, training=False).numpy()          # moving mean 0, moving variance 1
with_batch_stats = bn_layer(Z_rows, training=True).numpy()   # batch statistics; updates the moving averages
after_update = bn_layer(Z_rows, training=False).numpy()      # the moving averages after that one update
print(_(f"momentum {bn_layer.momentum}, epsilon {bn_layer.epsilon}; weights:"),
      _(", ").join(_(f"{w.name} ({'trained' if w.trainable else 'not trained'})") for w in bn_layer.weights))

Z_cols = Z_rows.numpy().T.astype(np.float64)                # our layout: (n_units, m)
gamma_k, beta_k = bn_layer.gamma.numpy()[:, None], bn_layer.beta.numpy()[:, None]
moving_k = bn_layer.moving_mean.numpy()[:, None], bn_layer.moving_variance.numpy()[:, None]
mine_running = update_running_stats(np.zeros((4, 1)), np.ones((4, 1)), Z_cols.mean(axis=1, keepdims=True),
                                    Z_cols.var(axis=1, keepdims=True), momentum=bn_layer.momentum)
comparisons = {
    _("training=True  vs your batchnorm_forward"): (with_batch_stats.T,
                                                 batchnorm_forward(Z_cols, gamma_k, beta_k, eps=bn_layer.epsilon)[0]),
    _("moving averages vs your update_running_stats"): (np.hstack(moving_k), np.hstack(mine_running)),
    _("training=False vs your batchnorm_inference"): (after_update.T, batchnorm_inference(Z_cols, gamma_k, beta_k,
                                                                                       *moving_k, eps=bn_layer.epsilon))}
for name, (keras_value, yours) in comparisons.items():
    print(_(f"{pad(name, 46)} max difference {np.abs(keras_value - yours).max():.1e}"))
for name, out in ((_("z itself"), Z_rows.numpy()), (_("training=False at the start"), at_start),
                  ("training=True", with_batch_stats), (_("training=False after 1 update"), after_update)):
    unit_means, unit_stds = np.array2string(out.mean(axis=0), precision=2), np.array2string(out.std(axis=0), precision=2)
    print(pad(name, 30), _(f"unit means {unit_means}, standard deviations {unit_stds}"))

x_rows = tf.constant(np.random.default_rng(10).normal(0.0, 1.0, (32, 6)), tf.float32)
dense_b = tf.keras.layers.Dense(4, use_bias=True, bias_initializer="random_normal")
after_dense = tf.keras.layers.BatchNormalization()
targets = tf.constant(np.random.default_rng(11).normal(0.0, 1.0, (32, 4)), tf.float32)
with tf.GradientTape() as tape:
    cost = tf.reduce_mean((after_dense(dense_b(x_rows), training=True) - targets) ** 2)
grad_kernel, grad_bias = tape.gradient(cost, [dense_b.kernel, dense_b.bias])
largest_dw, largest_db = np.abs(grad_kernel.numpy()).max(), np.abs(grad_bias.numpy()).max()
print(_(f"Dense with a bias, then batch norm: largest |dJ/dW| {largest_dw:.2f}, largest |dJ/db| {largest_db:.1e}"))

# %% [markdown]
# The three comparisons agree to float32 precision (differences of at most $4.3 \times 10^{-7}$): Keras's
# layer computes your formulas, with its own `epsilon` and `momentum`. At the start (moving mean 0,
# variance 1) inference mode hands $z$ back almost unchanged (divided by $\sqrt{1 + 10^{-3}}$), so its outputs
# keep the mean of about 3 and the spread of about 2 of $z$, while training mode gives every unit mean 0 and
# standard deviation 1. One update with momentum 0.99 moves the moving averages only 1% of the way towards
# the batch's statistics, so inference mode still gives almost $z$. The two modes agree only once the moving averages have caught up with the statistics of the data, and
# with momentum 0.99 that takes a few hundred mini-batches. A bias before batch norm gets a gradient of zero
# up to float32 rounding ($3.4 \times 10^{-8}$, where the weights' gradients reach 0.31), as in section 3.
#
# Now the networks of section 5 in Keras: 784-100-100-10, sigmoid hidden units, a softmax output trained on
# the cross-entropy, plain gradient descent with $\alpha = 0.5$ on mini-batches of 32, the same MNIST images,
# validation accuracy after every epoch (measured by Keras in inference mode, with the moving averages):
# without batch norm, with it at Keras's momentum 0.99, and with it at this lesson's 0.9. Keras starts from its
# own initial weights (Glorot uniform) and shuffles its own way, so its numbers are not those of section 5.

# %%
KERAS_EPOCHS = experiment_size(5, 1)
keras_configs = experiment_size({_("without batch norm"): None, _("with batch norm, momentum 0.99"): 0.99,
                                 _("with batch norm, momentum 0.9"): 0.9},
                                {_("with batch norm, momentum 0.99"): 0.99})

def keras_network(momentum):
    """784-100-100-10 with sigmoid hidden layers; batch norm (with this momentum) after each hidden Dense unless None."""
    layers = [tf.keras.Input((784,))]
    for _ in range(2):
        if momentum is None:
            layers.append(tf.keras.layers.Dense(100, activation="sigmoid"))
        else:
            layers += [tf.keras.layers.Dense(100, use_bias=False), tf.keras.layers.BatchNormalization(momentum=momentum),
                       tf.keras.layers.Activation("sigmoid")]
    model = tf.keras.Sequential(layers + [tf.keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=tf.keras.optimizers.SGD(ALPHA), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model

keras_val = tf.data.Dataset.from_tensor_slices((X_val.T.astype(np.float32), y_val)).batch(len(y_val)).cache()
keras_histories, keras_models = {}, {}
for label, momentum in keras_configs.items():
    tf.keras.utils.set_random_seed(0)      # the same initial weights and the same mini-batches for every model
    keras_train = (tf.data.Dataset.from_tensor_slices((X_train.T.astype(np.float32), y_train)).cache()
                   .shuffle(len(y_train), seed=0).batch(BATCH))
    model = keras_models[label] = keras_network(momentum)
    bar = progress(total=KERAS_EPOCHS, desc=_(f"Keras, {label}"))
    fit = model.fit(keras_train, epochs=KERAS_EPOCHS, validation_data=keras_val, verbose=0, shuffle=False,
                    callbacks=[tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: bar.update(1))])
    bar.close()
    keras_histories[label] = fit.history["val_accuracy"]

fig, ax = plt.subplots(figsize=(7, 4))
for label, accs in keras_histories.items():
    ax.plot(np.arange(1, len(accs) + 1), accs, "o-", label=label)
ax.set_xticks(np.arange(1, KERAS_EPOCHS + 1))
ax.set_xlabel(_("epoch"))
ax.set_ylabel(_("validation accuracy (moving averages)"))
ax.set_title(r"Keras, 784-100-100-10 sigmoid, SGD $\alpha$ = 0.5")
ax.grid(alpha=0.3)
ax.legend()
plt.show()
steps_per_epoch = int(np.ceil(len(y_train) / BATCH))
for label, accs in keras_histories.items():
    print(pad(label, 31), "  ".join(f"{a:.1%}" for a in accs))
for momentum in (0.99, 0.9):
    print(_(f"momentum {momentum}: after one epoch ({steps_per_epoch} steps) the initial moving averages still weigh "
            f"{momentum ** steps_per_epoch:.2g}"))
bn_models = [m for label, m in keras_models.items() if keras_configs[label] is not None]
if len(bn_models) == 2:
    trained = [[w.numpy() for w in m.trainable_weights] for m in bn_models]
    print(_("largest difference between the trained weights (W, gamma, beta) of the two networks with batch norm:"),
          max(np.abs(a - b).max() for a, b in zip(*trained)))

# %% [markdown]
# Keras shows what section 5 showed: after one epoch the networks with batch norm are ahead (71.7% with
# momentum 0.99 and 86.8% with 0.9, against 49.9% without), and on 3,000 images the network without it
# catches up within a few epochs (86.7% after 3; after 5 the three stand at 87.7%, 86.3% and 86.9%, within
# the epoch-to-epoch wobble of each curve).
#
# The momentum does not change training at all: training normalises with the batch statistics and never
# reads the moving averages. The two networks with batch norm start from the same weights and see the same
# mini-batches, so they learn exactly the same weights (the cell checks it: the largest difference is 0), and
# every difference between their curves comes from the moving averages that the validation accuracy is
# measured with: 71.7% against 86.8% after one epoch, 80.8% against 87.8% after two. On a training set this
# small an epoch is only 94 mini-batches, after which the averages of momentum 0.99 still carry
# $0.99^{94} \approx 0.39$ of their initial values (mean 0, variance 1), nothing like the statistics of the
# data; with 0.9 the initial values weigh $5 \times 10^{-5}$ after an epoch. On a large data set (thousands of
# steps an epoch) 0.99 is a fine default, and it averages out more of the batch-to-batch noise; on a small
# one, or when a network is evaluated after few steps, a smaller momentum, or statistics recomputed over the
# training set after training (section 4), serves better. Either way it is a constant of an average of
# statistics, chosen on other grounds than the $\beta$ of momentum or Adam.

# %% [markdown]
# ## What to expect
#
# The numbers this notebook printed when it was last checked (offline MNIST: 3,000 training images, seed 0):
#
# - **Gradient check:** relative errors $2.5 \times 10^{-9}$ (dZ), $1.2 \times 10^{-11}$ (dgamma) and $3.0 \times 10^{-10}$ (dbeta).
# - **$\gamma$, $\beta$ and $b$:** $\gamma = \sqrt{\sigma^2 + \varepsilon}$, $\beta = \mu$ give back $Z$ to within $9 \times 10^{-16}$; adding a bias changes
#   $\tilde Z$ by at most $4 \times 10^{-16}$, and the bias's gradient is about $10^{-16}$.
# - **784-100-100-10, $\alpha = 0.5$, mini-batches of 32:** validation accuracy after one epoch 48.8% without
#   batch norm and 84.5% with it; after 10 epochs 89.7% and 89.9%. The training cost ends at about 0.23
#   without and 0.09 with batch norm.
# - **Internal covariate shift:** the mean input of the second hidden layer's sigmoids moves from +0.01 to −0.62
#   without batch norm, from 0.00 to −0.09 with it.
# - **Test time:** the running averages are within about 0.1 of the training set's statistics; one test
#   image at a time, the network is right on 91.2% of 1,000 images with the running averages and on 10.0%
#   with each image's own statistics (it answers "2" for every image).
# - **Learning rates** 0.03, 0.1, 0.3, 1, 3, 10 (3 epochs): 17.3%, 27.2%, 75.7%, 82.1%, 39.5%, 10.0% without
#   batch norm; 85.6%, 88.4%, 87.4%, 86.7%, 88.3%, 88.6% with it.
# - **Initial weights** × 0.01, 0.1, 1, 10, 100 ($\alpha = 0.5$, 3 epochs): 27.0%, 28.3%, 82.2%, 83.8%, 61.0% without;
#   87.1%, 87.6%, 87.5%, 85.6%, 78.2% with batch norm. Hidden weights × 10 leave the outputs unchanged (to
#   $10^{-5}$, because of $\varepsilon$) and multiply their gradients by 0.100.
# - **Noise of the statistics:** the mean of a mini-batch of 4, 16, 64 spreads by 0.505, 0.250, 0.124 standard
#   deviations ($1/\sqrt{m}$ = 0.5, 0.25, 0.125). Normalising groups of 4, 16, 64 in mini-batches of 64 (8 epochs):
#   training accuracy 93.1%, 94.8%, 95.2%; validation 87.6%, 88.3%, 87.6%; gap 5.5, 6.5 and 7.6 points.
# - **ReLU** (weights $\times \sqrt 2$, 3 epochs) at $\alpha$ = 0.1, 0.3, 1, 3: 87.6%, 90.8%, 19.9%, 10.0% without batch norm,
#   with 15 + 8, 15 + 0, 88 + 91 and 93 + 100 dead units (15 + 23 at the start); 90.0%, 91.8%, 92.1%, 86.7% with it,
#   no dead unit except 40 in layer 2 at $\alpha = 3$.
# - **Shifted test digits** (as drawn, grey background, dimmed, moved 3 pixels): 88.7%, 43.3%, 79.2%, 38.2% without
#   batch norm; 91.2%, 47.9%, 84.2%, 45.9% with it; 89.1%, 84.6%, 79.2%, 38.8% without batch norm trained with every
#   second image on a grey background. The statistics of the 1,000 test images give 88.8% as drawn and on grey
#   backgrounds, 46.7% for the moved digits.
# - **Keras:** its layer matches your functions to $4.3 \times 10^{-7}$; a bias before it gets a gradient of
#   $3.4 \times 10^{-8}$. Validation accuracy after epochs 1 to 5: 49.9%, 71.1%, 86.7%, 85.0%, 87.7% without batch norm;
#   71.7%, 80.8%, 89.6%, 87.7%, 86.3% with it (momentum 0.99); 86.8%, 87.8%, 89.9%, 88.7%, 86.9% (momentum 0.9), with
#   the same trained weights as at 0.99.
#
# Two of these runs depend on the last bits of the arithmetic, which differ between processors: on the
# machine where the lesson was first run, $\alpha = 3$ without batch norm gave 37.7%, and groups of 4 gave
# 93.4% training and 88.5% validation accuracy; every other number was the same. (Sections 9 to 11 were
# added later and checked on one machine; the Keras numbers also depend on TensorFlow's version and its
# float32 arithmetic.)
#
# With the full MNIST (`nncourse data mnist`: 50,000 training images, so about 1,560 mini-batches of 32
# an epoch instead of 94) every run gets much further in the same number of epochs, and these numbers
# change. The paper's figure 1 shows the same two effects on a larger scale: the network with batch norm
# reaches a higher test accuracy sooner, and its sigmoids' inputs stay steady. Lesson 06 turns to the
# softmax output layer itself.
