from testkit.catalogue import Mutant

WRONG = {
    "quadratic_cost": {
        "forgets the 1/2": Mutant("/ (2 * m)", "/ m"),
        "averages over every entry (np.mean) instead of the m columns": """
def quadratic_cost(A, Y):
    return float(np.mean((A - Y) ** 2) / 2)
""",
        "sums the norms instead of the squared norms": """
def quadratic_cost(A, Y):
    m = A.shape[1]
    return float(np.sum(np.linalg.norm(A - Y, axis=0)) / (2 * m))
""",
        "takes m from the number of rows": Mutant("m = A.shape[1]", "m = A.shape[0]"),
        "forgets to average over the examples": Mutant("/ (2 * m)", "/ 2"),
    },
    "quadratic_delta": {
        "leaves out sigmoid'(z)": Mutant("(A - Y) * sigmoid_prime(Z)", "A - Y"),
        "applies sigmoid' to A": Mutant("sigmoid_prime(Z)", "sigmoid_prime(A)"),
        "the sign flipped": Mutant("(A - Y)", "(Y - A)"),
        "divides by m": Mutant("return (A - Y) * sigmoid_prime(Z)", "return (A - Y) * sigmoid_prime(Z) / Z.shape[1]"),
        "sigmoid'(z) written as sigmoid(z) * (1 + sigmoid(z))": """
def quadratic_delta(Z, A, Y):
    return (A - Y) * sigmoid(Z) * (1 + sigmoid(Z))
""",
    },
    "cross_entropy_cost": {
        "nan where a = y = 1 (0 * log 0)": """
def cross_entropy_cost(A, Y):
    m = A.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
""",
        "forgets the (1 - y) ln(1 - a) term": """
def cross_entropy_cost(A, Y):
    m = A.shape[1]
    return float(-np.sum(np.nan_to_num(Y * np.log(A))) / m)
""",
        "averages over every entry instead of the m columns": """
def cross_entropy_cost(A, Y):
    return float(-np.mean(np.nan_to_num(Y * np.log(A) + (1 - Y) * np.log(1 - A))))
""",
        "forgets the minus sign": Mutant("return float(-np.sum(", "return float(np.sum("),
        "only right for 0/1 targets (picks one term with np.where)": """
def cross_entropy_cost(A, Y):
    m = A.shape[1]
    p = np.where(Y == 1, A, 1 - A)
    return float(-np.sum(np.log(np.where(p == 0, 1e-300, p))) / m)
""",
        "sums over the examples without dividing by m": Mutant("/ m)", ")"),
    },
    "cross_entropy_delta": {
        "multiplies by sigmoid'(z) like the quadratic cost": Mutant(
            "return A - Y", "return (A - Y) * sigmoid_prime(Z)"
        ),
        "the sign flipped": Mutant("return A - Y", "return Y - A"),
        "divides by m": Mutant("return A - Y", "return (A - Y) / A.shape[1]"),
        "uses Z instead of A": Mutant("return A - Y", "return Z - Y"),
    },
    "neuron_costs": {
        "forgets the cost before training": Mutant("for step in range(epochs + 1):", "for step in range(epochs):"),
        "always follows the quadratic gradient": Mutant(
            "delta = float(delta_fn(z, a, y)[0, 0])", "delta = float(quadratic_delta(z, a, y)[0, 0])"
        ),
        "forgets the factor x in dC/dw": Mutant("w - eta * delta * float(x[0, 0])", "w - eta * delta"),
        "updates b with the gradient of the new w": """
def neuron_costs(cost, w, b, x, y, eta, epochs):
    costs = []
    for step in range(epochs + 1):
        a = sigmoid(w * x + b)
        costs.append(0.5 * (a - y) ** 2 if cost == "quadratic" else -(y * np.log(a) + (1 - y) * np.log(1 - a)))
        d = (a - y) * a * (1 - a) if cost == "quadratic" else a - y
        w = w - eta * d * x
        a = sigmoid(w * x + b)
        d = (a - y) * a * (1 - a) if cost == "quadratic" else a - y
        b = b - eta * d
    return np.array(costs)
""",
        "returns a list": Mutant("return np.array(costs)", "return costs"),
        "adds the gradient (ascends the cost)": Mutant(
            "w, b = w - eta * delta * float(x[0, 0]), b - eta * delta",
            "w, b = w + eta * delta * float(x[0, 0]), b + eta * delta",
        ),
    },
    "log_likelihood_cost": {
        "indexes rows with A[y]": """
def log_likelihood_cost(A, y):
    return float(-np.mean(np.log(A[y])))
""",
        "uses each column's largest output instead of the label": """
def log_likelihood_cost(A, y):
    return float(-np.mean(np.log(A.max(axis=0))))
""",
        "logs every output": """
def log_likelihood_cost(A, y):
    return float(-np.mean(np.log(A)))
""",
        "sums instead of averaging": Mutant("-np.mean(", "-np.sum("),
        "indexes A[j, y[j]] (rows and columns swapped)": Mutant("A[y, np.arange(m)]", "A.T[y, np.arange(m)]"),
    },
    "scaled_init": {
        "divides by the fan-out sizes[l+1] instead of the fan-in sizes[l]": Mutant(
            "/ np.sqrt(n_in)", "/ np.sqrt(n_out)"
        ),
        "divides by n_in instead of its square root (the variance used as the standard deviation)": Mutant(
            "/ np.sqrt(n_in)", "/ n_in"
        ),
        "rng.normal(0, 1 / n_in): the variance passed as the standard deviation": """
def scaled_init(sizes, rng):
    biases = [rng.normal(0.0, 1.0, (n_out, 1)) for n_out in sizes[1:]]
    weights = [rng.normal(0.0, 1.0 / n_in, (n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, biases
""",
        "multiplies by sqrt(n_in) instead of dividing": Mutant("/ np.sqrt(n_in)", "* np.sqrt(n_in)"),
        "leaves the weights unscaled (standard deviation 1, the chapter-1 start)": Mutant(" / np.sqrt(n_in)", ""),
        "scales the biases too": """
def scaled_init(sizes, rng):
    biases = [rng.standard_normal((n_out, 1)) / np.sqrt(n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, biases
""",
        "divides every layer by the square root of the input size sizes[0]": Mutant(
            "/ np.sqrt(n_in)", "/ np.sqrt(sizes[0])"
        ),
        "draws the weights before the biases": """
def scaled_init(sizes, rng):
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    return weights, biases
""",
        "draws each layer's bias and weights together (interleaved)": """
def scaled_init(sizes, rng):
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        biases.append(rng.standard_normal((n_out, 1)))
        weights.append(rng.standard_normal((n_out, n_in)) / np.sqrt(n_in))
    return weights, biases
""",
        "draws from np.random instead of the rng passed in (Nielsen's randn)": """
def scaled_init(sizes, rng):
    biases = [np.random.randn(n_out, 1) for n_out in sizes[1:]]
    weights = [np.random.randn(n_out, n_in) / np.sqrt(n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, biases
""",
        "ignores the rng passed in (makes its own generator with seed 0)": Mutant(
            "    biases = [", "    rng = np.random.default_rng(0)\n    biases = ["
        ),
        "weight matrices of shape (sizes[l], sizes[l+1]) (transposed)": Mutant(
            "rng.standard_normal((n_out, n_in))", "rng.standard_normal((n_in, n_out))"
        ),
        "draws the transposed shape, then transposes it": Mutant(
            "rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)", "rng.standard_normal((n_in, n_out)).T / np.sqrt(n_in)"
        ),
        "flat biases of shape (sizes[l+1],)": Mutant("rng.standard_normal((n_out, 1))", "rng.standard_normal(n_out)"),
        "a bias for each layer but the output one (sizes[:-1] instead of sizes[1:])": Mutant(
            "for n_out in sizes[1:]]", "for n_out in sizes[:-1]]"
        ),
        "uniform numbers in [0, 1) instead of Gaussians": """
def scaled_init(sizes, rng):
    biases = [rng.random((n_out, 1)) for n_out in sizes[1:]]
    weights = [rng.random((n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, biases
""",
        "returns (biases, weights)": Mutant("return weights, biases", "return biases, weights"),
    },
}

CORRECT = {
    "quadratic_cost": {
        "squared norms of the columns": """
def quadratic_cost(A, Y):
    return float(np.sum(np.linalg.norm(A - Y, axis=0) ** 2) / (2 * A.shape[1]))
""",
        "a loop over the columns, float32 input allowed": """
def quadratic_cost(A, Y):
    total = 0.0
    for j in range(A.shape[1]):
        d = np.asarray(A[:, j], dtype=np.float64) - Y[:, j]
        total += d @ d
    return total / (2 * A.shape[1])
""",
        "np.mean over the columns of the per-example cost": """
def quadratic_cost(A, Y):
    return np.mean(0.5 * np.sum((A - Y) ** 2, axis=0))
""",
    },
    "quadratic_delta": {
        "sigmoid' from A": """
def quadratic_delta(Z, A, Y):
    return (A - Y) * A * (1 - A)
""",
        "recomputes sigmoid(Z)": """
def quadratic_delta(Z, A, Y):
    s = sigmoid(Z)
    return (s - Y) * s * (1 - s)
""",
    },
    "cross_entropy_cost": {
        "np.where around the two terms": """
def cross_entropy_cost(A, Y):
    m = A.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.where(Y == 0, 0.0, Y * np.log(A))
        second = np.where(Y == 1, 0.0, (1 - Y) * np.log(1 - A))
    return float(-(first + second).sum() / m)
""",
        "clipping A away from 0 and 1 by 1e-12": """
def cross_entropy_cost(A, Y):
    A = np.clip(A, 1e-12, 1 - 1e-12)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / A.shape[1])
""",
        "scipy's xlogy": """
from scipy.special import xlogy

def cross_entropy_cost(A, Y):
    return -np.sum(xlogy(Y, A) + xlogy(1 - Y, 1 - A)) / A.shape[1]
""",
    },
    "cross_entropy_delta": {
        "np.subtract": """
def cross_entropy_delta(Z, A, Y):
    return np.subtract(A, Y)
""",
        "recomputes the outputs from Z": """
def cross_entropy_delta(Z, A, Y):
    return sigmoid(Z) - Y
""",
    },
    "neuron_costs": {
        "plain scalar arithmetic, costs written out": """
import math

def neuron_costs(cost, w, b, x, y, eta, epochs):
    costs = np.zeros(epochs + 1)
    for i in range(epochs + 1):
        a = 1 / (1 + math.exp(-(w * x + b)))
        if cost == "quadratic":
            costs[i] = 0.5 * (a - y) ** 2
            dz = (a - y) * a * (1 - a)
        else:
            costs[i] = -(y * math.log(a) + (1 - y) * math.log(1 - a))
            dz = a - y
        dw, db = dz * x, dz
        w -= eta * dw
        b -= eta * db
    return costs
""",
        "the cost before the loop, then after each update": """
def neuron_costs(cost, w, b, x, y, eta, epochs):
    def value(w, b):
        a = sigmoid(np.array([[w * x + b]]))
        Y = np.array([[y]])
        return (quadratic_cost(a, Y) if cost == "quadratic" else cross_entropy_cost(a, Y)), a

    c, a = value(w, b)
    costs = [c]
    for _ in range(epochs):
        z = np.array([[w * x + b]])
        d = quadratic_delta(z, a, np.array([[y]])) if cost == "quadratic" else a - y
        d = d.item()
        w, b = w - eta * d * x, b - eta * d
        c, a = value(w, b)
        costs.append(c)
    return np.asarray(costs, dtype=float)
""",
    },
    "log_likelihood_cost": {
        "np.take_along_axis": """
def log_likelihood_cost(A, y):
    picked = np.take_along_axis(A, y[np.newaxis, :], axis=0)
    return -np.log(picked).mean()
""",
        "a one-hot mask summed per column": """
def log_likelihood_cost(A, y):
    Y = np.zeros_like(A)
    Y[y, np.arange(A.shape[1])] = 1
    return float(-np.mean(np.log(np.sum(A * Y, axis=0))))
""",
        "a loop over the examples": """
import math

def log_likelihood_cost(A, y):
    return -sum(math.log(A[label, j]) for j, label in enumerate(y)) / len(y)
""",
    },
    "scaled_init": {
        "rng.normal with the standard deviation 1/sqrt(n_in)": """
def scaled_init(sizes, rng):
    biases = [rng.normal(0.0, 1.0, size=(n, 1)) for n in sizes[1:]]
    weights = [rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])]
    return weights, biases
""",
        "a loop over the layer index, times sqrt(1 / n_in)": """
def scaled_init(sizes, rng):
    biases, weights = [], []
    for l in range(len(sizes) - 1):
        biases.append(rng.standard_normal(size=(sizes[l + 1], 1)))
    for l in range(len(sizes) - 1):
        weights.append(rng.standard_normal(size=(sizes[l + 1], sizes[l])) * np.sqrt(1.0 / sizes[l]))
    return (weights, biases)
""",
        "all the biases in one draw, then split into columns": """
def scaled_init(sizes, rng):
    flat = rng.standard_normal(sum(sizes[1:]))
    ends = np.cumsum(sizes[1:])
    biases = [part.reshape(-1, 1) for part in np.split(flat, ends[:-1])]
    weights = [rng.standard_normal((sizes[l + 1], sizes[l])) / sizes[l] ** 0.5 for l in range(len(sizes) - 1)]
    return weights, biases
""",
    },
}
