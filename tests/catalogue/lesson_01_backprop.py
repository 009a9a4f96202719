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
