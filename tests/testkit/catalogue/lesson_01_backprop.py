from testkit.catalogue import Mutant

WRONG = {
    "sigmoid": {
        "the sign of z flipped": """
def sigmoid(z):
    return 1 / (1 + np.exp(z))
""",
        "tanh form without halving z": """
def sigmoid(z):
    return 0.5 * (1 + np.tanh(z))
""",
        "returns float32 to save memory": """
def sigmoid(z):
    return (1 / (1 + np.exp(-z))).astype(np.float32)
""",
        "computes in place, overwriting z": """
def sigmoid(z):
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1
    return 1 / z
""",
        "exp(z)/(1 + exp(z)), which overflows to nan for large z": """
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))
""",
    },
    "sigmoid_prime": {
        "returns sigmoid(z) instead of its derivative": """
def sigmoid_prime(z):
    return sigmoid(z)
""",
        "applies s(1 - s) to z instead of sigmoid(z)": """
def sigmoid_prime(z):
    return z * (1 - z)
""",
        "forgets the 1 -": """
def sigmoid_prime(z):
    return sigmoid(z) * sigmoid(z)
""",
        "exp(-z)/(1 + exp(-z))**2, which is nan for very negative z": """
def sigmoid_prime(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2
""",
    },
}

CORRECT = {
    "sigmoid": {
        "the textbook formula (overflow warnings, right values)": """
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
""",
        "tanh form": """
def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))
""",
        "scipy's expit": """
from scipy.special import expit

def sigmoid(z):
    return expit(z)
""",
        "an explicit loop with math.exp": """
import math

def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for index in np.ndindex(z.shape):
        v = z[index]
        out[index] = 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
    return out
""",
    },
    "sigmoid_prime": {
        "by symmetry, from exp(-|z|)": """
def sigmoid_prime(z):
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2
""",
        "through 1 - sigmoid(z) = sigmoid(-z)": """
def sigmoid_prime(z):
    return sigmoid(z) * sigmoid(-z)
""",
    },
}

WRONG.update(
    {
        "feedforward": {
            "forgets the bias": """
def feedforward(weights, biases, X):
    A = X
    for W in weights:
        A = sigmoid(W @ A)
    return A
""",
            "multiplies in the wrong order (A.T @ W.T), transposing the output": """
def feedforward(weights, biases, X):
    A = X.T
    for W, b in zip(weights, biases):
        A = sigmoid(A @ W.T + b.T)
    return A
""",
            "no sigmoid on the output layer": """
def feedforward(weights, biases, X):
    A = X
    for l, (W, b) in enumerate(zip(weights, biases)):
        Z = W @ A + b
        A = sigmoid(Z) if l < len(weights) - 1 else Z
    return A
""",
        },
        "backprop": {
            "forgets the 1/m": Mutant("delta = (activations[-1] - Y) / m *", "delta = (activations[-1] - Y) *"),
            "missing transpose in BP4 (A_prev @ delta.T)": Mutant(
                "delta @ activations[l].T", "activations[l] @ delta.T"
            ),
            "bias gradient not summed over the examples (keeps m columns)": Mutant(
                "grad_b[l] = delta.sum(axis=1, keepdims=True)", "grad_b[l] = delta"
            ),
            "bias gradient summed over the wrong axis": Mutant(
                "grad_b[l] = delta.sum(axis=1, keepdims=True)", "grad_b[l] = delta.sum(axis=0, keepdims=True)"
            ),
            "sigmoid_prime applied to the activation instead of z": Mutant(
                "sigmoid_prime(zs[-1])", "sigmoid_prime(activations[-1])"
            ),
            "BP2 forgets the sigmoid_prime factor": Mutant(
                "delta = (weights[l].T @ delta) * sigmoid_prime(zs[l - 1])", "delta = weights[l].T @ delta"
            ),
            "BP2 uses z of the same layer instead of the previous one": Mutant(
                "sigmoid_prime(zs[l - 1])", "sigmoid_prime(zs[l])"
            ),
        },
        "sgd_step": {
            "forgets the learning rate eta": Mutant("W - eta * gW", "W - gW"),
            "adds the gradient (ascent)": """
def sgd_step(weights, biases, X, Y, eta):
    grad_w, grad_b = backprop(weights, biases, X, Y)
    return [W + eta * g for W, g in zip(weights, grad_w)], [b + eta * g for b, g in zip(biases, grad_b)]
""",
            "updates the arrays in place": """
def sgd_step(weights, biases, X, Y, eta):
    grad_w, grad_b = backprop(weights, biases, X, Y)
    for W, g in zip(weights, grad_w):
        W -= eta * g
    for b, g in zip(biases, grad_b):
        b -= eta * g
    return weights, biases
""",
            "divides eta by m again (Nielsen's eta/len(batch) on an averaged gradient)": """
def sgd_step(weights, biases, X, Y, eta):
    m = X.shape[1]
    grad_w, grad_b = backprop(weights, biases, X, Y)
    return ([W - eta / m * g for W, g in zip(weights, grad_w)],
            [b - eta / m * g for b, g in zip(biases, grad_b)])
""",
            "forgets to update the biases": """
def sgd_step(weights, biases, X, Y, eta):
    grad_w, _ = backprop(weights, biases, X, Y)
    return [W - eta * g for W, g in zip(weights, grad_w)], [b.copy() for b in biases]
""",
        },
        "numerical_gradient": {
            "divides by h instead of 2h": Mutant("/ (2 * h)", "/ h"),
            "one-sided difference divided by 2h": """
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    base = f(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        grad[i] = (f(x) - base) / (2 * h)
        x[i] = saved
    return grad
""",
            "does not restore x": Mutant("        x[i] = saved\n", ""),
            "ignores the h argument": Mutant("grad = np.zeros(x.shape)", "h = 1e-2\n    grad = np.zeros(x.shape)"),
            "only walks the first axis (x.shape[0] entries)": Mutant(
                "for i in np.ndindex(x.shape):", "for i in range(x.shape[0]):"
            ),
        },
        "relative_error": {
            "mean instead of max": """
def relative_error(a, b):
    return float(np.mean(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
""",
            "no floor, so 0/0 gives nan": """
def relative_error(a, b):
    return float(np.max(np.abs(a - b) / (np.abs(a) + np.abs(b))))
""",
            "divides by |a| only": """
def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a))))
""",
            "norms instead of elementwise": """
def relative_error(a, b):
    return float(np.linalg.norm(a - b) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(b)))
""",
        },
        "accuracy": {
            "argmax over the examples (axis=1)": """
def accuracy(weights, biases, X, y):
    predictions = np.argmax(feedforward(weights, biases, X), axis=1)
    return float(np.mean(predictions[: len(y)] == y[: len(predictions)]))
""",
            "returns the count of correct answers": """
def accuracy(weights, biases, X, y):
    return float(np.sum(np.argmax(feedforward(weights, biases, X), axis=0) == y))
""",
            "argmin instead of argmax": """
def accuracy(weights, biases, X, y):
    return float(np.mean(np.argmin(feedforward(weights, biases, X), axis=0) == y))
""",
        },
    }
)

CORRECT.update(
    {
        "feedforward": {
            "transposed data, then transposed back": """
def feedforward(weights, biases, X):
    A = X.T
    for W, b in zip(weights, biases):
        A = sigmoid(A @ W.T + b.T)
    return A.T
""",
            "np.dot and explicit broadcasting": """
def feedforward(weights, biases, X):
    a = X
    for w, b in zip(weights, biases):
        a = sigmoid(np.dot(w, a) + np.repeat(b, a.shape[1], axis=1))
    return a
""",
        },
        "backprop": {
            "cache as a list of (Z, A) pairs, averaging at the end": """
def backprop(weights, biases, X, Y):
    m = X.shape[1]
    cache = []
    A = X
    for W, b in zip(weights, biases):
        Z = W @ A + b
        cache.append((Z, A))
        A = sigmoid(Z)
    delta = (A - Y) * sigmoid_prime(cache[-1][0])
    grad_w, grad_b = [], []
    for l in reversed(range(len(weights))):
        Z, A_prev = cache[l]
        grad_w.insert(0, np.dot(delta, A_prev.T) / m)
        grad_b.insert(0, np.mean(delta, axis=1, keepdims=True))
        if l:
            delta = np.dot(weights[l].T, delta) * sigmoid_prime(cache[l - 1][0])
    return grad_w, grad_b
""",
            "einsum for the weight gradients": """
def backprop(weights, biases, X, Y):
    m = X.shape[1]
    As, Zs = [X], []
    for W, b in zip(weights, biases):
        Zs.append(W @ As[-1] + b)
        As.append(sigmoid(Zs[-1]))
    L = len(weights)
    grad_w, grad_b = [None] * L, [None] * L
    delta = (As[-1] - Y) * sigmoid_prime(Zs[-1]) / m
    for l in range(L - 1, -1, -1):
        grad_w[l] = np.einsum("im,jm->ij", delta, As[l])
        grad_b[l] = delta.sum(axis=1).reshape(-1, 1)
        if l > 0:
            delta = np.einsum("ji,jm->im", weights[l], delta) * sigmoid_prime(Zs[l - 1])
    return grad_w, grad_b
""",
        },
        "sgd_step": {
            "tuple results": """
def sgd_step(weights, biases, X, Y, eta):
    gw, gb = backprop(weights, biases, X, Y)
    return tuple(w - eta * g for w, g in zip(weights, gw)), tuple(b - eta * g for b, g in zip(biases, gb))
""",
        },
        "numerical_gradient": {
            "perturbs copies of x, with a flat index": """
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.size)
    for k in range(x.size):
        step = np.zeros(x.size)
        step[k] = h
        step = step.reshape(x.shape)
        grad[k] = (f(x + step) - f(x - step)) / (2 * h)
    return grad.reshape(x.shape)
""",
            "np.nditer with multi_index": """
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
        it.iternext()
    return grad
""",
        },
        "relative_error": {
            "np.fmax and .max()": """
def relative_error(a, b):
    return (np.abs(a - b) / np.fmax(np.abs(a) + np.abs(b), 1e-8)).max().item()
""",
        },
        "accuracy": {
            "counting in a loop": """
def accuracy(weights, biases, X, y):
    A = feedforward(weights, biases, X)
    correct = 0
    for j in range(X.shape[1]):
        correct += int(np.argmax(A[:, j]) == y[j])
    return correct / X.shape[1]
""",
        },
    }
)
