from testkit.catalogue import Mutant

WRONG = {
    "softmax": {
        "the naive formula: np.exp(1000) overflows to inf, inf / inf = nan": """
def softmax(Z):
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)
""",
        "subtracts the maximum of the whole matrix (other columns underflow to 0 / 0)": Mutant(
            "Z.max(axis=0, keepdims=True)", "Z.max()"
        ),
        "normalises each row (axis=1)": Mutant("axis=0", "axis=1"),
        "divides by the sum of the whole matrix": Mutant("E / E.sum(axis=0, keepdims=True)", "E / E.sum()"),
        "returns the shifted exponentials without dividing by their sum": Mutant(
            "return E / E.sum(axis=0, keepdims=True)", "return E"
        ),
        "shifts Z in place, changing the caller's array": """
def softmax(Z):
    Z -= Z.max(axis=0, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)
""",
        "computes in float32": Mutant(
            "E = np.exp(Z - Z.max(axis=0, keepdims=True))",
            "E = np.exp((Z - Z.max(axis=0, keepdims=True)).astype(np.float32))",
        ),
    },
    "hardmax": {
        "marks every entry equal to the column's maximum (two 1s on a tie)": """
def hardmax(Z):
    return (Z == Z.max(axis=0, keepdims=True)).astype(float)
""",
        "takes the argmax of each row (axis=1)": Mutant("np.argmax(Z, axis=0)", "np.argmax(Z, axis=1)"),
        "returns the softmax probabilities": """
def hardmax(Z):
    E = np.exp(Z - Z.max(axis=0))
    return E / E.sum(axis=0)
""",
        "returns the argmax indices, not the one-hot matrix": """
def hardmax(Z):
    return np.argmax(Z, axis=0)
""",
    },
    "one_hot": {
        "returns (m, C), one row per example": """
def one_hot(y, C):
    return np.eye(C)[y]
""",
        "infers the number of classes from y.max() + 1": Mutant(
            "Y = np.zeros((C, m))", "Y = np.zeros((y.max() + 1, m))"
        ),
        "counts labels from 1 (row y - 1)": Mutant("Y[y, np.arange(m)] = 1.0", "Y[y - 1, np.arange(m)] = 1.0"),
        "puts the 1 of label k in row k + 1": Mutant("Y[y, np.arange(m)] = 1.0", "Y[y + 1, np.arange(m)] = 1.0"),
        "fills whole rows with Y[y] = 1": Mutant("Y[y, np.arange(m)] = 1.0", "Y[y] = 1.0"),
    },
    "softmax_cost": {
        "averages over all C * m entries (np.mean)": """
def softmax_cost(Y_hat, Y):
    return float(-np.mean(Y * np.log(Y_hat)))
""",
        "forgets the minus sign": Mutant("-np.sum(", "np.sum("),
        "forgets to divide by m": Mutant("/ m)", ")"),
        "takes m from the number of rows (the classes)": Mutant("m = Y.shape[1]", "m = Y.shape[0]"),
        "adds the (1 - y) ln(1 - y_hat) terms of the binary cross-entropy": """
def softmax_cost(Y_hat, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat)) / m)
""",
        "uses np.log10": Mutant("np.log(Y_hat)", "np.log10(Y_hat)"),
        "uses each column's largest output instead of the true class's": """
def softmax_cost(Y_hat, Y):
    return float(-np.mean(np.log(Y_hat.max(axis=0))))
""",
    },
    "softmax_grad_z": {
        "forgets to divide by m": Mutant("return (Y_hat - Y) / m", "return Y_hat - Y"),
        "the sign flipped": Mutant("(Y_hat - Y)", "(Y - Y_hat)"),
        "multiplies by y_hat (1 - y_hat) as if the outputs were sigmoids": Mutant(
            "return (Y_hat - Y) / m", "return (Y_hat - Y) * Y_hat * (1 - Y_hat) / m"
        ),
        "divides by the number of classes": Mutant("m = Y.shape[1]", "m = Y.shape[0]"),
        "divides by m twice": Mutant("return (Y_hat - Y) / m", "return (Y_hat - Y) / m / m"),
    },
    "softmax_regression": {
        "records the cost after each update": """
def softmax_regression(X, y, C, learning_rate, num_epochs, seed=0):
    W = 0.01 * np.random.default_rng(seed).standard_normal((C, X.shape[0]))
    b = np.zeros((C, 1))
    Y = one_hot(y, C)
    costs = []
    for epoch in range(num_epochs):
        dZ = softmax_grad_z(softmax(W @ X + b), Y)
        W = W - learning_rate * (dZ @ X.T)
        b = b - learning_rate * dZ.sum(axis=1, keepdims=True)
        costs.append(softmax_cost(softmax(W @ X + b), Y))
    return W, b, costs
""",
        "divides dW and db by m again (softmax_grad_z already averages)": """
def softmax_regression(X, y, C, learning_rate, num_epochs, seed=0):
    n, m = X.shape
    W = 0.01 * np.random.default_rng(seed).standard_normal((C, n))
    b = np.zeros((C, 1))
    Y = one_hot(y, C)
    costs = []
    for epoch in range(num_epochs):
        Y_hat = softmax(W @ X + b)
        costs.append(softmax_cost(Y_hat, Y))
        dZ = softmax_grad_z(Y_hat, Y)
        dW = dZ @ X.T / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        W = W - learning_rate * dW
        b = b - learning_rate * db
    return W, b, costs
""",
        "draws (n, C) initial weights and transposes them": Mutant(
            "standard_normal((C, n))", "standard_normal((n, C)).T"
        ),
        "uses the legacy np.random.seed and randn": Mutant(
            "W = 0.01 * np.random.default_rng(seed).standard_normal((C, n))",
            "np.random.seed(seed)\n    W = 0.01 * np.random.randn(C, n)",
        ),
        "forgets the factor 0.01": Mutant("W = 0.01 * np.random", "W = np.random"),
        "ignores the seed": Mutant("np.random.default_rng(seed)", "np.random.default_rng()"),
        "always seeds the generator with 0, whatever the seed": Mutant(
            "np.random.default_rng(seed)", "np.random.default_rng(0)"
        ),
        "ignores the learning rate (steps of 1)": Mutant("learning_rate * ", ""),
        "adds the gradient (ascends the cost)": Mutant("W = W - learning_rate", "W = W + learning_rate"),
        "sums db over the examples' axis wrongly (axis=0)": Mutant(
            "dZ.sum(axis=1, keepdims=True)", "dZ.sum(axis=0, keepdims=True)"
        ),
        "one epoch too many (num_epochs + 1 costs and updates)": Mutant(
            "for epoch in range(num_epochs):", "for epoch in range(num_epochs + 1):"
        ),
    },
    "predict": {
        "takes the argmax over axis=1": Mutant("axis=0", "axis=1"),
        "forgets the bias b": Mutant("W @ X + b", "W @ X"),
        "returns the one-hot hardmax matrix": Mutant(
            "return np.argmax(W @ X + b, axis=0)", "return hardmax(W @ X + b)"
        ),
        "returns the largest probability instead of its class": """
def predict(W, b, X):
    return np.max(softmax(W @ X + b), axis=0)
""",
        "returns float labels": Mutant(
            "return np.argmax(W @ X + b, axis=0)", "return np.argmax(W @ X + b, axis=0).astype(float)"
        ),
    },
}

CORRECT = {
    "softmax": {
        "log-sum-exp, then exp": """
def softmax(Z):
    c = np.max(Z, axis=0)
    log_sum = c + np.log(np.sum(np.exp(Z - c), axis=0))
    return np.exp(Z - log_sum)
""",
        "a loop over the columns": """
def softmax(Z):
    out = np.empty(Z.shape)
    for j in range(Z.shape[1]):
        e = np.exp(Z[:, j] - np.max(Z[:, j]))
        out[:, j] = e / e.sum()
    return out
""",
        "scipy.special.softmax": """
from scipy.special import softmax as scipy_softmax

def softmax(Z):
    return scipy_softmax(np.asarray(Z, dtype=np.float64), axis=0)
""",
    },
    "hardmax": {
        "columns of the identity matrix": """
def hardmax(Z):
    return np.eye(Z.shape[0])[:, np.argmax(Z, axis=0)]
""",
        "a loop over the columns": """
def hardmax(Z):
    H = np.zeros_like(Z, dtype=float)
    for j in range(Z.shape[1]):
        H[np.argmax(Z[:, j]), j] = 1
    return H
""",
        "comparison of row numbers with the argmax": """
def hardmax(Z):
    return (np.arange(Z.shape[0])[:, None] == Z.argmax(axis=0)).astype(np.float64)
""",
        "integer 0s and 1s": Mutant("H = np.zeros((C, m))", "H = np.zeros((C, m), dtype=int)"),
        "booleans, from the comparison alone": """
def hardmax(Z):
    return np.arange(Z.shape[0])[:, None] == Z.argmax(axis=0)
""",
    },
    "one_hot": {
        "columns of the identity matrix": """
def one_hot(y, C):
    return np.eye(C)[:, y]
""",
        "comparison of row numbers with the labels": """
def one_hot(y, C):
    return (np.arange(C)[:, None] == np.asarray(y)[None, :]).astype(float)
""",
        "integer 0s and 1s": Mutant("Y = np.zeros((C, m))", "Y = np.zeros((C, m), dtype=int)"),
        "booleans, from the comparison alone": """
def one_hot(y, C):
    return np.arange(C)[:, None] == np.asarray(y)
""",
        "a loop over the labels": """
def one_hot(y, C):
    Y = np.zeros((C, len(y)))
    for j, label in enumerate(y):
        Y[label, j] = 1
    return Y
""",
    },
    "softmax_cost": {
        "picks the true class's probability": """
def softmax_cost(Y_hat, Y):
    m = Y.shape[1]
    return float(-np.mean(np.log(Y_hat[np.argmax(Y, axis=0), np.arange(m)])))
""",
        "mean over the columns of the per-example loss, returned as np.float64": """
def softmax_cost(Y_hat, Y):
    return -np.mean(np.sum(Y * np.log(Y_hat), axis=0))
""",
        "clips Y_hat away from 0 by 1e-7, as Keras does": """
def softmax_cost(Y_hat, Y):
    return float(-np.sum(Y * np.log(np.clip(Y_hat, 1e-7, 1.0))) / Y.shape[1])
""",
        "np.einsum": """
def softmax_cost(Y_hat, Y):
    return -np.einsum("ij,ij->", Y, np.log(Y_hat)) / Y.shape[1]
""",
    },
    "softmax_grad_z": {
        "np.subtract, m from Y_hat": """
def softmax_grad_z(Y_hat, Y):
    return np.subtract(Y_hat, Y) / Y_hat.shape[1]
""",
        "the softmax Jacobian times dL/dy_hat, column by column": """
def softmax_grad_z(Y_hat, Y):
    C, m = Y_hat.shape
    dZ = np.zeros((C, m))
    for j in range(m):
        p = Y_hat[:, j]
        jacobian = np.diag(p) - np.outer(p, p)
        dZ[:, j] = jacobian.T @ (-Y[:, j] / p) / m
    return dZ
""",
        "multiplies by 1/m": """
def softmax_grad_z(Y_hat, Y):
    return (Y_hat - Y) * (1.0 / len(Y[0]))
""",
    },
    "softmax_regression": {
        "the costs as a numpy array": Mutant("return W, b, costs", "return W, b, np.array(costs)"),
        "everything inline, updates in place on its own arrays": """
def softmax_regression(X, y, C, learning_rate, num_epochs, seed=0):
    rng = np.random.default_rng(seed)
    W = 0.01 * rng.standard_normal((C, X.shape[0]))
    b = np.zeros((C, 1))
    Y = np.eye(C)[:, y]
    m = X.shape[1]
    costs = []
    for _ in range(num_epochs):
        Z = W @ X + b
        Z = Z - Z.max(axis=0)
        P = np.exp(Z) / np.exp(Z).sum(axis=0)
        costs.append(-np.sum(Y * np.log(P)) / m)
        G = (P - Y) / m
        W -= learning_rate * G @ X.T
        b -= learning_rate * G.sum(axis=1, keepdims=True)
    return W, b, costs
""",
        "np.einsum and a log-sum-exp cost": """
def softmax_regression(X, y, C, learning_rate, num_epochs, seed=0):
    W = 0.01 * np.random.default_rng(seed).standard_normal((C, len(X)))
    b = np.zeros((C, 1))
    columns = np.arange(X.shape[1])
    costs = []
    for epoch in range(num_epochs):
        Z = np.einsum("cn,nm->cm", W, X) + b
        c = Z.max(axis=0)
        log_sum = c + np.log(np.exp(Z - c).sum(axis=0))
        costs.append(float(np.mean(log_sum - Z[y, columns])))
        dZ = np.exp(Z - log_sum)
        dZ[y, columns] -= 1
        dZ /= X.shape[1]
        W = W - learning_rate * np.einsum("cm,nm->cn", dZ, X)
        b = b - learning_rate * dZ.sum(axis=1)[:, None]
    return W, b, costs
""",
    },
    "predict": {
        "argmax of the softmax probabilities, as int32": """
def predict(W, b, X):
    return np.argmax(softmax(W @ X + b), axis=0).astype(np.int32)
""",
        "a loop over the columns": """
def predict(W, b, X):
    return np.array([int(np.argmax(W @ X[:, j] + b[:, 0])) for j in range(X.shape[1])])
""",
        "argmax of the transposed logits": """
def predict(W, b, X):
    return (X.T @ W.T + b.T).argmax(axis=1)
""",
    },
}
