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
# layers, and a slight regularizing effect.
#
# The lesson follows course 2, week 3, videos 3.4–3.7 of the Deep Learning Specialization
# (DeepLearning.AI), and the paper that introduced the method: S. Ioffe and C. Szegedy, *Batch
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

from nncourse.utils import batchnorm_network as bnn
from nncourse.utils.answers import public_answers
from nncourse.utils.checks import call, expect_close, expect_dtype, expect_items, expect_shape, passed
from nncourse.utils.data import load_mnist
from nncourse.utils.gradcheck import numerical_gradient, relative_error
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
expect_shape(Z_tilde_t, (3, 3), "Z_tilde of a (3, 3) Z")
expect_dtype(Z_tilde_t, np.float64, "Z_tilde")
expect_close(Z_tilde_t, answers, "Z_tilde of a (3, 3) Z with gamma = 1, beta = 0 (each row: mean 0, standard deviation 1)",
             rtol=1e-8, hint="Each unit (a row) is normalised with the mean and variance of its own m values: keep "
                             "mu and sigma^2 as (n_units, 1) columns so that they apply to every example of their unit.")
Z_t = np.array([[1.0, 2.0, 3.0, 6.0],           # unit 0: mean 3, variance 3.5
                [-2.0, 0.0, 0.0, 2.0]])         # unit 1: mean 0, variance 2
gamma_t, beta_t = np.array([[1.0], [2.0]]), np.array([[0.0], [1.0]])
expect_close(call(batchnorm_forward, Z_t, gamma_t, beta_t)[0], answers,
             "Z_tilde of batchnorm_forward(Z, gamma, beta) (unit 0: mean 3, variance 3.5; unit 1: mean 0, variance 2)",
             rtol=1e-8, m=4)
expect_close(call(batchnorm_forward, Z_t, gamma_t, beta_t, eps=1.0)[0], answers, "Z_tilde with eps=1.0", rtol=1e-8)
expect_close(call(batchnorm_forward, np.array([[4.0, 4.0, 4.0], [1.0, 2.0, 3.0]]), gamma_t, beta_t)[0], answers,
             "Z_tilde of a unit whose z is 4 for every example (sigma^2 = 0: eps keeps it finite, and z_norm = 0)")
expect_close(call(batchnorm_forward, np.array([[3.0], [-1.0]]), gamma_t, beta_t)[0], answers,
             "Z_tilde of a mini-batch of one example (every z equals its own mean, so z_tilde = beta)")
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
expect_shape(dgamma_t, (3, 1), "dgamma (one number per unit)")
expect_shape(dbeta_t, (3, 1), "dbeta (one number per unit, summed over that unit's examples)")
expect_close(dbeta_t, answers, "dbeta", rtol=1e-6, atol=1e-8, m=6)
expect_close(dgamma_t, answers, "dgamma", rtol=1e-6, atol=1e-8, m=6)
expect_close(dZ_t, answers, "dZ", rtol=1e-6, atol=1e-8, m=6,
             hint="Remember that every z of a unit also moves that unit's mu and sigma^2.")
Z_tilde_t, cache_t = expect_items(call(batchnorm_forward, Z_t, gamma_t, beta_t, eps=1.0), ["Z_tilde", "cache"],
                                  "batchnorm_forward(..., eps=1.0)")
expect_close(call(batchnorm_backward, dZ_tilde_t, cache_t)[0], answers, "dZ through batchnorm_forward(..., eps=1.0)",
             rtol=1e-6, atol=1e-8, m=6, hint="The backward pass must use the eps that the forward pass was given.")
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
    print(f"{name:7s} relative error {relative_error(analytic, numeric):.1e}")

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
print(f"gamma = sqrt(var + eps), beta = mu:  max |Z_tilde - Z| = {np.abs(undone - Z).max():.1e}")

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
print(f"adding a bias b of size ~10:  max |Z_tilde(Z + b) - Z_tilde(Z)| = {np.abs(with_b - without_b).max():.1e}")
dZ, _, _ = batchnorm_backward(rng.normal(0.0, 1.0, (3, 6)), cache)
print("the gradient b would get, dZ summed over the examples:", np.array2string(dZ.sum(axis=1), precision=1))

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
expect_close(new_mean_t, answers, "new_running_mean of update_running_stats(...) with momentum 0.9")
expect_close(new_var_t, answers, "new_running_var of update_running_stats(...) with momentum 0.9")
expect_close(tuple(call(update_running_stats, running_mean_t, running_var_t, mu_t, var_t, momentum=0.5)), answers,
             "update_running_stats(..., momentum=0.5), as (new_running_mean, new_running_var)")
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
             "batchnorm_inference of one example", rtol=1e-8)
expect_close(call(batchnorm_inference, Z_t, gamma_t, beta_t, running_mean_t, running_var_t, eps=0.75), answers,
             "batchnorm_inference(..., eps=0.75)", rtol=1e-8)
passed("batchnorm_inference")

# %% [markdown]
# ## 5. A network with batch norm on MNIST
#
# Your four functions now go into a network (the course's `nncourse.utils.batchnorm_network`, which
# calls exactly your functions and treats your cache as a closed box). It has two hidden layers of 100
# sigmoid units and a softmax output trained with the cross-entropy cost $J$ (lesson 06 studies that
# output layer), 784-100-100-10. Each hidden layer computes
#
# $$z = W a_\text{prev} \;(\text{no } b), \qquad \tilde z = \text{BN}_{\gamma, \beta}(z), \qquad a = \sigma(\tilde z),$$
#
# while training, updates its running averages after every mini-batch, and uses `batchnorm_inference`
# when it predicts. The network without batch norm computes $a = \sigma(Wa_\text{prev} + b)$. Both start
# from the same weights (Gaussian, standard deviation $1/\sqrt{n_\text{in}}$) and see the same mini-batches
# of 32 images, with the same learning rate $\alpha = 0.5$ (the course's `bnn.train` calls it `eta`).
#
# To watch the hidden layers while they learn, every 10 mini-batches we record what the sigmoids of each
# layer receive (their inputs $z$, or $\tilde z$ with batch norm) on 500 fixed validation images.

# %%
(X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist()
batchnorm = bnn.BatchNorm(batchnorm_forward, batchnorm_backward, update_running_stats, batchnorm_inference)
SIZES, BATCH, ALPHA = [784, 100, 100, 10], 32, 0.5
PROBE_X = X_val[:, :500]
BINS = np.linspace(-8, 8, 65)

def probe(net):
    """What the sigmoids of each hidden layer receive on PROBE_X (a mini-batch of its own)."""
    inputs = bnn.forward(net, PROBE_X, training=True)["inputs"]
    return {"hist": [np.histogram(np.clip(Z, -8, 8), BINS, density=True)[0] for Z in inputs],
            "mean": [float(Z.mean()) for Z in inputs], "std": [float(Z.std()) for Z in inputs],
            "unit": np.percentile(inputs[-1][0], [15, 50, 85])}   # one unit of the last hidden layer

epochs = experiment_size(10, 1)   # fewer while the notebook is being autograded
monitor = {"validation accuracy": bnn.accuracy_on(X_val, y_val),
           "training cost": bnn.log_likelihood_on(X_train, y_train)}
runs = {}
for label, bn in (("without batch norm", None), ("with batch norm", batchnorm)):
    runs[label] = bnn.train(SIZES, X_train, y_train, epochs=epochs, batch_size=BATCH, eta=ALPHA, batchnorm=bn,
                            monitor=monitor, probe=probe, probe_every=10, seed=0, desc=label)

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_curves({k: h["validation accuracy"] for k, (_, h) in runs.items()}, "validation accuracy", ax=axes[0])
plot_curves({k: h["training cost"] for k, (_, h) in runs.items()}, "training cost J (cross-entropy)", ax=axes[1],
            logy=True)
plt.show()
for label, (net, history) in runs.items():
    acc = history["validation accuracy"]
    print(f"{label:19s} validation accuracy after 1 epoch {acc[1]:.1%}, after {epochs}: {acc[-1]:.1%}; "
          f"training cost {history['training cost'][-1]:.3f}")

# %% [markdown]
# Batch norm's network is far ahead after one epoch. Now the hidden layers themselves. Below, each panel
# shows the distribution of one layer's sigmoid inputs (all 100 units, 500 images) at four moments of
# training:

# %%
histories = {label: history["probe"] for label, (_, history) in runs.items()}
moments = {"start": 0, "after 50 steps": 5, "after 90 steps (about 1 epoch)": 9, "end": -1}   # probes every 10 steps
centres = (BINS[:-1] + BINS[1:]) / 2
fig, axes = plt.subplots(2, 2, figsize=(12, 6.5), sharex=True)
for row, (label, probes) in enumerate(histories.items()):
    for layer in range(2):
        ax = axes[row, layer]
        for name, index in moments.items():
            if index < len(probes):
                ax.plot(centres, probes[index]["hist"][layer], label=name)
        ax.set_title(f"{label}: inputs of hidden layer {layer + 1}'s sigmoids")
        ax.grid(alpha=0.3)
axes[0, 0].legend()
for ax in axes[1]:
    ax.set_xlabel("z (values beyond ±8 are drawn at ±8)")
fig.tight_layout()
plt.show()
for label, probes in histories.items():
    for layer in range(2):
        start, end = probes[0], probes[-1]
        print(f"{label:19s} layer {layer + 1}: mean {start['mean'][layer]:+.2f} -> {end['mean'][layer]:+.2f}, "
              f"standard deviation {start['std'][layer]:.2f} -> {end['std'][layer]:.2f}")

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
        ax.plot(steps, unit[:, k], label=f"{q}th percentile")
    ax.set_title(label)
    ax.set_xlabel("mini-batch step")
    ax.grid(alpha=0.3)
axes[0].set_ylabel("input of one sigmoid (layer 2)")
axes[0].legend()
plt.show()

# %% [markdown]
# ## 6. One image at a time
#
# The network trained with batch norm predicts with your running averages. How close did they come
# to the statistics of the whole training set? And what if we classified test images one at a time with
# *batch* statistics instead, i.e. with each image forming a mini-batch of one?

# %%
bn_net = runs["with batch norm"][0]
Z1 = bn_net.weights[0] @ X_train                  # the first hidden layer's z for every training image
print("unit:                     ", "   ".join(f"{j:6d}" for j in range(5)))
print("running mean:             ", "   ".join(f"{v:+6.2f}" for v in bn_net.running_means[0][:5, 0]))
print("mean over the training set", "   ".join(f"{v:+6.2f}" for v in Z1.mean(axis=1)[:5]))
print("running variance:         ", "   ".join(f"{v:6.2f}" for v in bn_net.running_vars[0][:5, 0]))
print("variance over the set:    ", "   ".join(f"{v:6.2f}" for v in Z1.var(axis=1)[:5]))

n_single = experiment_size(1000, 100)
running, batch_of_one = [], []
for j in progress(range(n_single), desc="one image at a time"):
    x = X_test[:, j:j + 1]
    running.append(bnn.predict_proba(bn_net, x).argmax())
    batch_of_one.append(bnn.predict_proba(bn_net, x, training=True).argmax())
running, batch_of_one = np.array(running), np.array(batch_of_one)
print("\nfirst 12 test digits:          ", y_test[:12])
print("predicted with running averages:", running[:12])
print("predicted with batch statistics:", batch_of_one[:12])
print(f"accuracy on {n_single} test images, one at a time: running averages {np.mean(running == y_test[:n_single]):.1%}, "
      f"statistics of the single image {np.mean(batch_of_one == y_test[:n_single]):.1%}")

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
val_accuracy = {"validation accuracy": bnn.accuracy_on(X_val, y_val)}
by_alpha = {label: [] for label in runs}
by_scale = {label: [] for label in runs}
for label, bn in (("without batch norm", None), ("with batch norm", batchnorm)):
    for alpha in progress(alphas, desc=f"{label}: learning rates"):
        _, h = bnn.train(SIZES, X_train, y_train, epochs=short, batch_size=BATCH, eta=alpha, batchnorm=bn,
                         monitor=val_accuracy, seed=0, desc=None)
        by_alpha[label].append(h["validation accuracy"][-1])
    for scale in progress(scales, desc=f"{label}: weight scales"):
        _, h = bnn.train(SIZES, X_train, y_train, epochs=short, batch_size=BATCH, eta=ALPHA, batchnorm=bn,
                         weight_scale=scale, monitor=val_accuracy, seed=0, desc=None)
        by_scale[label].append(h["validation accuracy"][-1])

fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
for label in runs:
    axes[0].semilogx(alphas, by_alpha[label], "o-", label=label)
    axes[1].semilogx(scales, by_scale[label], "o-", label=label)
axes[0].set_xlabel(r"learning rate $\alpha$")
axes[1].set_xlabel("factor on the initial hidden weights")
axes[0].set_ylabel(f"validation accuracy after {short} epochs")
for ax in axes:
    ax.grid(alpha=0.3)
    ax.legend()
plt.show()
print("learning rate:     ", "  ".join(f"{e:6g}" for e in alphas))
for label in runs:
    print(f"{label:19s}", "  ".join(f"{a:6.1%}" for a in by_alpha[label]))
print("weight factor:     ", "  ".join(f"{s:6g}" for s in scales))
for label in runs:
    print(f"{label:19s}", "  ".join(f"{a:6.1%}" for a in by_scale[label]))

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
net = bnn.init_net(SIZES, np.random.default_rng(0), batchnorm)
bigger = bnn.Network([10 * W if l < 2 else W for l, W in enumerate(net.weights)], net.biases, batchnorm,
                     net.gammas, net.betas, net.running_means, net.running_vars)
X_batch, Y_batch = X_train[:, :BATCH], np.eye(10)[:, y_train[:BATCH]]
same = np.abs(bnn.predict_proba(net, X_batch, training=True) - bnn.predict_proba(bigger, X_batch, training=True)).max()
grads, _ = bnn.gradients(net, X_batch, Y_batch)
grads_bigger, _ = bnn.gradients(bigger, X_batch, Y_batch)
print(f"hidden weights x 10: outputs change by at most {same:.1e}")
for l in range(2):
    ratio = np.linalg.norm(grads_bigger["weights"][l]) / np.linalg.norm(grads["weights"][l])
    print(f"layer {l + 1}: |gradient of W| with the weights x 10 / without = {ratio:.3f}")

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
    print(f"mini-batches of {m:2d}: spread of the batch mean {np.std(batch_means) / unit.std():.3f} "
          f"(in units of the unit's standard deviation; 1/sqrt(m) = {1 / np.sqrt(m):.3f})")

# %% [markdown]
# To change *only* that noise, keep the mini-batches and the learning rate the same (64 examples,
# $\alpha = 1$) and let batch norm normalise groups of $k$ = 4, 16 or 64 examples inside each mini-batch,
# each group with its own statistics, as if it were a mini-batch of $k$ (the network's `group_size`; the
# running averages still see whole mini-batches). A smaller group means noisier statistics.

# %%
group_epochs = experiment_size(8, 1)
groups = experiment_size([4, 16, 64], [4, 64])
by_group = {}
for k in progress(groups, desc="group sizes"):
    _, h = bnn.train(SIZES, X_train, y_train, epochs=group_epochs, batch_size=64, eta=1.0, batchnorm=batchnorm,
                     group_size=k, seed=0, desc=None,
                     monitor={"training accuracy": bnn.accuracy_on(X_train, y_train),
                              "validation accuracy": bnn.accuracy_on(X_val, y_val)})
    by_group[k] = h

fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
plot_curves({f"groups of {k}": h["training accuracy"] for k, h in by_group.items()}, "accuracy",
            title="training set", ax=axes[0])
plot_curves({f"groups of {k}": h["validation accuracy"] for k, h in by_group.items()}, "accuracy",
            title="validation set", ax=axes[1])
plt.show()
for k, h in by_group.items():
    train_acc, val_acc = h["training accuracy"][-1], h["validation accuracy"][-1]
    print(f"statistics from {k:2d} examples: training {train_acc:.1%}, validation {val_acc:.1%}, "
          f"gap {100 * (train_acc - val_acc):.1f} points")

# %% [markdown]
# The noisier the statistics, the less the network fits its training set, and the smaller the gap between
# training and validation accuracy, while validation accuracy itself moves by only about a point. That is
# what "slight" means (DLS 3.6; Ioffe and Szegedy, section 3.4): the effect is real but small, a side
# effect rather than a tool. Use dropout or L2 (lesson 03) when you need regularization, and choose the
# mini-batch size for speed.

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
# - **Covariate shift:** the mean input of the second hidden layer's sigmoids moves from +0.01 to −0.62
#   without batch norm, from 0.00 to −0.09 with it.
# - **Test time:** the running averages are within about 0.1 of the training set's statistics; one test
#   image at a time, the network is right on 91.2% of 1,000 images with the running averages and on 10.0%
#   with each image's own statistics (it answers "2" for every image).
# - **Learning rates** 0.03, 0.1, 0.3, 1, 3, 10 (3 epochs): 17.3%, 27.2%, 75.7%, 82.1%, 39.9%, 10.0% without
#   batch norm; 85.6%, 88.4%, 87.4%, 86.7%, 88.3%, 88.6% with it.
# - **Initial weights** × 0.01, 0.1, 1, 10, 100 ($\alpha = 0.5$, 3 epochs): 27.0%, 28.3%, 82.2%, 83.8%, 61.0% without;
#   87.1%, 87.6%, 87.5%, 85.6%, 78.2% with batch norm. Hidden weights × 10 leave the outputs unchanged (to
#   $10^{-5}$, because of $\varepsilon$) and multiply their gradients by 0.100.
# - **Noise of the statistics:** the mean of a mini-batch of 4, 16, 64 spreads by 0.505, 0.250, 0.124 standard
#   deviations ($1/\sqrt{m}$ = 0.5, 0.25, 0.125). Normalising groups of 4, 16, 64 in mini-batches of 64 (8 epochs):
#   training accuracy 93.5%, 94.8%, 95.2%; validation 89.0%, 88.3%, 87.6%; gap 4.5, 6.5 and 7.6 points.
#
# Two of these runs depend on the last bits of the arithmetic, which differ between processors: on the
# machine where the lesson was first run, $\alpha = 3$ without batch norm gave 37.7%, and groups of 4 gave
# 93.4% training and 88.5% validation accuracy; every other number was the same.
#
# With the full MNIST (`nncourse data mnist`: 50,000 training images, so about 1,560 mini-batches of 32
# an epoch instead of 94) every run gets much further in the same number of epochs, and these numbers
# change. The paper's figure 1 shows the same two effects on a larger scale: the network with batch norm
# reaches a higher test accuracy sooner, and its sigmoids' inputs stay steady. Lesson 06 turns to the
# softmax output layer itself.
