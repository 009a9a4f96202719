from testkit.catalogue import Mutant


def _dgamma_from(name, value):
    """A forward pass that also caches ``name`` (computed as ``value``), and a backward pass whose
    dgamma multiplies dZ_tilde by it instead of by Z_norm."""
    return f"""
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    std = np.sqrt(Z.var(axis=1, keepdims=True) + eps)
    Z_norm = (Z - mu) / std
    {name} = {value}
    return gamma * Z_norm + beta, (Z_norm, gamma, std, {name})


def batchnorm_backward(dZ_tilde, cache):
    Z_norm, gamma, std, {name} = cache
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = (dZ_tilde * {name}).sum(axis=1, keepdims=True)
    g = dZ_tilde * gamma
    dZ = (g - g.mean(axis=1, keepdims=True) - Z_norm * (g * Z_norm).mean(axis=1, keepdims=True)) / std
    return dZ, dgamma, dbeta
"""


WRONG = {
    "batchnorm_forward": {
        "the unbiased variance (divides by m - 1 instead of m)": Mutant(
            "var = Z.var(axis=1, keepdims=True)", "var = Z.var(axis=1, ddof=1, keepdims=True)"
        ),
        "the mean and variance over the units (axis 0) instead of over the examples (axis 1)": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=0)
    var = Z.var(axis=0)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, (Z_norm, gamma, np.sqrt(var + eps))
""",
        "computes mu and sigma^2 without keepdims, so numpy subtracts unit j's mean from example j "
        "(an error unless n_units == m)": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1)
    var = Z.var(axis=1)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, (Z_norm, gamma, np.sqrt(var + eps))
""",
        "divides by sigma^2 + eps instead of its square root": Mutant("std = np.sqrt(var + eps)", "std = var + eps"),
        "swaps gamma and beta": Mutant("return gamma * Z_norm + beta,", "return beta * Z_norm + gamma,"),
        "ignores the eps argument (hard-coded 1e-5)": Mutant("std = np.sqrt(var + eps)", "std = np.sqrt(var + 1e-5)"),
        "leaves out eps (a unit with sigma^2 = 0 then gives nan)": Mutant(
            "std = np.sqrt(var + eps)", "std = np.sqrt(var)"
        ),
        "adds eps after the square root instead of under it": Mutant(
            "std = np.sqrt(var + eps)", "std = np.sqrt(var) + eps"
        ),
        "normalises in place, changing Z": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z -= mu
    Z /= np.sqrt(var + eps)
    return gamma * Z + beta, (Z.copy(), gamma, np.sqrt(var + eps))
""",
        "returns only Z_tilde, no cache": Mutant(
            "return gamma * Z_norm + beta, (Z_norm, gamma, std)", "return gamma * Z_norm + beta"
        ),
        "computes sigma^2 as the mean of z^2, without subtracting mu first": Mutant(
            "var = Z.var(axis=1, keepdims=True)", "var = (Z ** 2).mean(axis=1, keepdims=True)"
        ),
        "forgets to subtract the mean (divides z itself by the standard deviation)": Mutant(
            "Z_norm = (Z - mu) / std", "Z_norm = Z / std"
        ),
    },
    "batchnorm_backward": {
        "treats mu and sigma^2 as constants (no gradient through the batch statistics)": Mutant(
            "dZ = (g - g.mean(axis=1, keepdims=True) - Z_norm * (g * Z_norm).mean(axis=1, keepdims=True)) / std",
            "dZ = g / std",
        ),
        "forgets the path through sigma^2": Mutant(" - Z_norm * (g * Z_norm).mean(axis=1, keepdims=True)", ""),
        "forgets the path through mu": Mutant(" - g.mean(axis=1, keepdims=True)", ""),
        "forgets the factor gamma of dJ/dz_norm = gamma * dJ/dz_tilde": Mutant("g = dZ_tilde * gamma", "g = dZ_tilde"),
        "multiplies dZ_tilde by Z instead of Z_norm in dgamma": _dgamma_from("Z", "Z"),
        "multiplies dZ_tilde by Z_tilde instead of Z_norm in dgamma": _dgamma_from("Z_tilde", "gamma * Z_norm + beta"),
        "divides by sigma^2 + eps where the formula has its square root": Mutant(
            "keepdims=True)) / std", "keepdims=True)) / std ** 2"
        ),
        "multiplies dZ_tilde by gamma * Z_norm instead of Z_norm in dgamma": """
def batchnorm_backward(dZ_tilde, cache):
    Z_norm, gamma, std = cache
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = (dZ_tilde * (gamma * Z_norm)).sum(axis=1, keepdims=True)
    g = dZ_tilde * gamma
    dZ = (g - g.mean(axis=1, keepdims=True) - Z_norm * (g * Z_norm).mean(axis=1, keepdims=True)) / std
    return dZ, dgamma, dbeta
""",
        "averages dgamma and dbeta over the examples (1/m twice)": """
def batchnorm_backward(dZ_tilde, cache):
    Z_norm, gamma, std = cache
    dbeta = dZ_tilde.mean(axis=1, keepdims=True)
    dgamma = (dZ_tilde * Z_norm).mean(axis=1, keepdims=True)
    g = dZ_tilde * gamma
    dZ = (g - g.mean(axis=1, keepdims=True) - Z_norm * (g * Z_norm).mean(axis=1, keepdims=True)) / std
    return dZ, dgamma, dbeta
""",
        "dbeta summed over the units (axis=0)": Mutant(
            "dbeta = dZ_tilde.sum(axis=1, keepdims=True)", "dbeta = dZ_tilde.sum(axis=0, keepdims=True)"
        ),
        "sums instead of averaging in the two correction terms": Mutant(
            "dZ = (g - g.mean(axis=1, keepdims=True) - Z_norm * (g * Z_norm).mean(axis=1, keepdims=True)) / std",
            "dZ = (g - g.sum(axis=1, keepdims=True) - Z_norm * (g * Z_norm).sum(axis=1, keepdims=True)) / std",
        ),
        "the paper's equations with the unbiased variance's 1/(m - 1)": """
def batchnorm_backward(dZ_tilde, cache):
    Z_norm, gamma, std = cache
    m = Z_norm.shape[1]
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = (dZ_tilde * Z_norm).sum(axis=1, keepdims=True)
    g = dZ_tilde * gamma
    centred = Z_norm * std
    dvar = -0.5 * (g * centred).sum(axis=1, keepdims=True) / std ** 3
    dmu = -g.sum(axis=1, keepdims=True) / std
    return g / std + dvar * 2 * centred / (m - 1) + dmu / m, dgamma, dbeta
""",
        "recomputes the std with a hard-coded eps = 1e-5": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta, (Z, gamma, mu, var)


def batchnorm_backward(dZ_tilde, cache):
    Z, gamma, mu, var = cache
    std = np.sqrt(var + 1e-5)
    Z_norm = (Z - mu) / std
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = (dZ_tilde * Z_norm).sum(axis=1, keepdims=True)
    g = dZ_tilde * gamma
    dZ = (g - g.mean(axis=1, keepdims=True) - Z_norm * (g * Z_norm).mean(axis=1, keepdims=True)) / std
    return dZ, dgamma, dbeta
""",
        "scales the cached Z_norm in place": """
def batchnorm_backward(dZ_tilde, cache):
    Z_norm, gamma, std = cache
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = (dZ_tilde * Z_norm).sum(axis=1, keepdims=True)
    g = dZ_tilde * gamma
    c = (g * Z_norm).mean(axis=1, keepdims=True)
    Z_norm *= c
    dZ = (g - g.mean(axis=1, keepdims=True) - Z_norm) / std
    return dZ, dgamma, dbeta
""",
    },
    "update_running_stats": {
        "swaps the weights (1 - momentum on the old average, momentum on the mini-batch)": """
def update_running_stats(running_mean, running_var, mu, var, momentum=0.9):
    return ((1 - momentum) * running_mean + momentum * mu,
            (1 - momentum) * running_var + momentum * var)
""",
        "returns the two averages in the other order": Mutant("return new_mean, new_var", "return new_var, new_mean"),
        "updates the running variance with mu instead of var": Mutant("(1 - momentum) * var", "(1 - momentum) * mu"),
        "ignores the momentum argument (hard-coded 0.9)": """
def update_running_stats(running_mean, running_var, mu, var, momentum=0.9):
    return 0.9 * running_mean + 0.1 * mu, 0.9 * running_var + 0.1 * var
""",
        "updates the running averages in place": """
def update_running_stats(running_mean, running_var, mu, var, momentum=0.9):
    running_mean *= momentum
    running_mean += (1 - momentum) * mu
    running_var *= momentum
    running_var += (1 - momentum) * var
    return running_mean, running_var
""",
        "returns the old running variance unchanged": Mutant(
            "return new_mean, new_var", "return new_mean, running_var"
        ),
    },
    "batchnorm_inference": {
        "normalises with the mean and variance of Z itself instead of the running averages": """
def batchnorm_inference(Z, gamma, beta, running_mean, running_var, eps=1e-5):
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta
""",
        "divides by running_var + eps instead of its square root": Mutant(
            "np.sqrt(running_var + eps)", "(running_var + eps)"
        ),
        "leaves out gamma and beta": Mutant(
            "return gamma * (Z - running_mean) / np.sqrt(running_var + eps) + beta",
            "return (Z - running_mean) / np.sqrt(running_var + eps)",
        ),
        "ignores the eps argument": Mutant("np.sqrt(running_var + eps)", "np.sqrt(running_var + 1e-5)"),
        "adds eps after the square root instead of under it": Mutant(
            "np.sqrt(running_var + eps)", "(np.sqrt(running_var) + eps)"
        ),
        "leaves out eps": Mutant("np.sqrt(running_var + eps)", "np.sqrt(running_var)"),
        "swaps gamma and beta": Mutant(
            "return gamma * (Z - running_mean) / np.sqrt(running_var + eps) + beta",
            "return beta * (Z - running_mean) / np.sqrt(running_var + eps) + gamma",
        ),
    },
}

CORRECT = {
    "batchnorm_forward": {
        "a dict cache holding Z, mu and var, np.mean and np.var": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_tilde = gamma * ((Z - mu) / np.sqrt(var + eps)) + beta
    return Z_tilde, {"Z": Z, "mu": mu, "var": var, "gamma": gamma, "eps": eps}
""",
        "a loop over the units": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    Z_tilde = np.empty(Z.shape)
    for j in range(Z.shape[0]):
        row = Z[j]
        centred = row - row.sum() / row.size
        Z_tilde[j] = gamma[j, 0] * centred / np.sqrt(np.dot(centred, centred) / row.size + eps) + beta[j, 0]
    return Z_tilde, (Z.copy(), gamma.copy(), eps)
""",
        "the staged computation graph, a list cache": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    m = Z.shape[1]
    mu = Z @ np.ones((m, 1)) / m
    centred = Z - mu
    var = (centred ** 2) @ np.ones((m, 1)) / m
    inv_std = 1.0 / np.sqrt(var + eps)
    Z_norm = centred * inv_std
    return Z_norm * gamma + beta, [Z_norm, centred, inv_std, var, gamma, eps]
""",
    },
    "batchnorm_backward": {
        "the paper's staged equations (dvar, dmu), with its own forward and cache": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, {"Z": Z, "mu": mu, "var": var, "gamma": gamma, "eps": eps}


def batchnorm_backward(dZ_tilde, cache):
    Z, mu, var, gamma, eps = cache["Z"], cache["mu"], cache["var"], cache["gamma"], cache["eps"]
    m = Z.shape[1]
    std = np.sqrt(var + eps)
    Z_norm = (Z - mu) / std
    dZ_norm = dZ_tilde * gamma
    dvar = np.sum(dZ_norm * (Z - mu), axis=1, keepdims=True) * -0.5 * std ** -3
    dmu = -np.sum(dZ_norm, axis=1, keepdims=True) / std + dvar * np.mean(-2 * (Z - mu), axis=1, keepdims=True)
    dZ = dZ_norm / std + dvar * 2 * (Z - mu) / m + dmu / m
    return dZ, np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True), np.sum(dZ_tilde, axis=1, keepdims=True)
""",
        "an explicit Jacobian per unit, with a minimal cache that recomputes the statistics": """
def batchnorm_forward(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(Z.var(axis=1, keepdims=True) + eps) + beta, (Z, gamma, eps)


def batchnorm_backward(dZ_tilde, cache):
    Z, gamma, eps = cache
    n, m = Z.shape
    dZ, dgamma, dbeta = np.zeros((n, m)), np.zeros((n, 1)), np.zeros((n, 1))
    for j in range(n):
        std = np.sqrt(Z[j].var() + eps)
        z_norm = (Z[j] - Z[j].mean()) / std
        jacobian = (np.eye(m) - 1.0 / m - np.outer(z_norm, z_norm) / m) / std   # d z_norm / d z
        dZ[j] = jacobian.T @ (gamma[j, 0] * dZ_tilde[j])
        dgamma[j, 0] = dZ_tilde[j] @ z_norm
        dbeta[j, 0] = dZ_tilde[j].sum()
    return dZ, dgamma, dbeta
""",
        "the compact formula with 1/m written out, reference cache": """
def batchnorm_backward(dZ_tilde, cache):
    Z_norm, gamma, std = cache
    m = dZ_tilde.shape[1]
    dZ_norm = gamma * dZ_tilde
    dZ = (m * dZ_norm - dZ_norm.sum(axis=1, keepdims=True)
          - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)) / (m * std)
    return dZ, np.einsum("ij,ij->i", dZ_tilde, Z_norm)[:, None], dZ_tilde.sum(axis=1)[:, None]
""",
    },
    "update_running_stats": {
        "written as a step towards the batch statistics": """
def update_running_stats(running_mean, running_var, mu, var, momentum=0.9):
    return (running_mean + (1 - momentum) * (mu - running_mean),
            running_var + (1 - momentum) * (var - running_var))
""",
        "a loop over the two statistics, returning a list": """
def update_running_stats(running_mean, running_var, mu, var, momentum=0.9):
    return [momentum * old + (1.0 - momentum) * new for old, new in ((running_mean, mu), (running_var, var))]
""",
    },
    "batchnorm_inference": {
        "folded into one scale and one shift per unit": """
def batchnorm_inference(Z, gamma, beta, running_mean, running_var, eps=1e-5):
    scale = gamma / np.sqrt(running_var + eps)
    return scale * Z + (beta - scale * running_mean)
""",
        "np.divide and np.add with a reciprocal square root": """
def batchnorm_inference(Z, gamma, beta, running_mean, running_var, eps=1e-5):
    inv_std = 1.0 / np.sqrt(np.add(running_var, eps))
    return np.add(np.multiply(gamma, np.subtract(Z, running_mean) * inv_std), beta)
""",
    },
}
