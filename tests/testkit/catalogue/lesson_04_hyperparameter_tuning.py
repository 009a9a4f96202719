from testkit.catalogue import Mutant

WRONG = {
    "grid_points": {
        "np.meshgrid's default indexing (first axis fastest)": Mutant('indexing="ij"', 'indexing="xy"'),
        "np.arange instead of np.linspace": """
def grid_points(bounds, n_per_axis):
    axes = [np.arange(low, high, (high - low) / n_per_axis) for low, high in bounds]
    mesh = np.meshgrid(*axes, indexing="ij")
    return np.stack([g.ravel() for g in mesh], axis=1)
""",
        "one point per column (k, n**k)": Mutant("axis=1)", "axis=0)"),
        "linspace without the end point": """
def grid_points(bounds, n_per_axis):
    axes = [np.linspace(low, high, n_per_axis, endpoint=False) for low, high in bounds]
    mesh = np.meshgrid(*axes, indexing="ij")
    return np.stack([g.ravel() for g in mesh], axis=1)
""",
        "the axes in reverse order (the second axis in the first column)": Mutant(
            "np.stack([g.ravel() for g in mesh], axis=1)", "np.stack([g.ravel() for g in mesh[::-1]], axis=1)"
        ),
        "pairs the i-th values of each axis (a diagonal, not a grid)": """
def grid_points(bounds, n_per_axis):
    return np.stack([np.linspace(low, high, n_per_axis) for low, high in bounds], axis=1)
""",
    },
    "random_points": {
        "draws (k, n) and transposes": """
def random_points(bounds, n, rng):
    return rng.uniform(bounds[:, [0]], bounds[:, [1]], size=(len(bounds), n)).T
""",
        "draws one axis at a time": """
def random_points(bounds, n, rng):
    return np.stack([rng.uniform(low, high, n) for low, high in bounds], axis=1)
""",
        "makes a generator of its own instead of drawing from rng": """
def random_points(bounds, n, rng):
    return np.random.default_rng(42).uniform(bounds[:, 0], bounds[:, 1], size=(n, len(bounds)))
""",
        "takes the rows of bounds for the columns": """
def random_points(bounds, n, rng):
    return rng.uniform(bounds[0], bounds[1], size=(n, len(bounds)))
""",
    },
    "sample_log_uniform": {
        "draws the value itself uniformly (linear scale)": """
def sample_log_uniform(low, high, n, rng):
    return rng.uniform(low, high, n)
""",
        "uses the natural log for the bounds but returns 10**r": Mutant(
            "rng.uniform(np.log10(low), np.log10(high), n)", "rng.uniform(np.log(low), np.log(high), n)"
        ),
        "returns the exponent r instead of 10**r": Mutant("return 10.0 ** r", "return r"),
        "draws the exponents down from log10(high) instead of up from log10(low)": """
def sample_log_uniform(low, high, n, rng):
    return 10.0 ** (np.log10(high) - rng.uniform(0.0, np.log10(high) - np.log10(low), n))
""",
    },
    "sample_one_minus_log": {
        "returns 10**r (that is 1 - beta)": Mutant("return 1.0 - 10.0 ** r", "return 10.0 ** r"),
        "draws beta itself uniformly": """
def sample_one_minus_log(low, high, n, rng):
    return rng.uniform(low, high, n)
""",
        "draws beta itself on a log scale (log-uniform between low and high)": """
def sample_one_minus_log(low, high, n, rng):
    return 10.0 ** rng.uniform(np.log10(low), np.log10(high), n)
""",
        "the bounds of r in the other order (numpy refuses high < low)": Mutant(
            "rng.uniform(np.log10(1.0 - high), np.log10(1.0 - low), n)",
            "rng.uniform(np.log10(1.0 - low), np.log10(1.0 - high), n)",
        ),
    },
    "zoom_bounds": {
        "takes the lowest scores instead of the highest": Mutant(
            "np.argsort(scores)[::-1][:top_k]", "np.argsort(scores)[:top_k]"
        ),
        "forgets the margin": Mutant("pad = margin * (high - low)", "pad = 0.0"),
        "takes min and max over each point (axis=1) instead of each axis": Mutant(
            "best.min(axis=0), best.max(axis=0)", "best.min(axis=1), best.max(axis=1)"
        ),
        "top_k + 1 points (off by one)": Mutant("[:top_k]", "[:top_k + 1]"),
        "widens each end by half the margin only": Mutant(
            "pad = margin * (high - low)", "pad = margin * (high - low) / 2"
        ),
        "a margin relative to the values, not to the range": Mutant(
            "pad = margin * (high - low)", "pad = margin * np.abs(high)"
        ),
    },
    "ewa": {
        "no bias correction (the flag is ignored)": Mutant(
            "averages[t - 1] = v / (1 - beta ** t) if bias_correction else v", "averages[t - 1] = v"
        ),
        "t counted from 0 (the first value is divided by 1 - beta**0 = 0)": """
def ewa(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(len(values)):
        v = beta * v + (1 - beta) * values[t]
        averages[t] = v / (1 - beta ** t) if bias_correction else v
    return averages
""",
        "beta and 1 - beta swapped (beta weighs the new value)": Mutant(
            "v = beta * v + (1 - beta) * theta", "v = (1 - beta) * v + beta * theta"
        ),
        "corrects the v it carries to the next step, not only the one it returns": Mutant(
            "averages[t - 1] = v / (1 - beta ** t) if bias_correction else v",
            "v = v / (1 - beta ** t) if bias_correction else v\n        averages[t - 1] = v",
        ),
        "starts from the first value (v_0 = theta_1) instead of 0": Mutant("v = 0.0", "v = values[0]"),
        "np.zeros_like(values): integer values give truncated integer averages": Mutant(
            "averages = np.zeros(len(values))", "averages = np.zeros_like(values)"
        ),
        "1 - beta * t instead of 1 - beta**t": Mutant("v / (1 - beta ** t)", "v / (1 - beta * t)"),
    },
    "momentum_update": {
        "steps with the old velocity v instead of v_new": Mutant(
            "W_new = W - learning_rate * v_new", "W_new = W - learning_rate * v"
        ),
        "beta and 1 - beta swapped": Mutant("v_new = beta * v + (1 - beta) * dW", "v_new = (1 - beta) * v + beta * dW"),
        "v = beta v + dW (the form without 1 - beta, which changes the scale of alpha)": Mutant(
            "v_new = beta * v + (1 - beta) * dW", "v_new = beta * v + dW"
        ),
        "updates W in place (W -= ...), changing the caller's array": """
def momentum_update(W, dW, v, beta, learning_rate):
    v_new = beta * v + (1 - beta) * dW
    W -= learning_rate * v_new
    return W, v_new
""",
        "updates v in place (v *= beta), changing the caller's array": """
def momentum_update(W, dW, v, beta, learning_rate):
    v *= beta
    v += (1 - beta) * dW
    return W - learning_rate * v, v
""",
        "returns (v_new, W_new) in the wrong order": Mutant("return W_new, v_new", "return v_new, W_new"),
        "steps uphill (W + learning_rate * v_new)": Mutant(
            "W_new = W - learning_rate * v_new", "W_new = W + learning_rate * v_new"
        ),
    },
    "adam_update": {
        "no bias correction": """
def adam_update(W, dW, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * dW
    v_new = beta2 * v + (1 - beta2) * dW ** 2
    W_new = W - learning_rate * m_new / (np.sqrt(v_new) + eps)
    return W_new, m_new, v_new
""",
        "t counted from 0 (corrects with t + 1)": Mutant(" ** t)", " ** (t + 1))"),
        "eps inside the square root": Mutant("np.sqrt(v_hat) + eps", "np.sqrt(v_hat + eps)"),
        "returns the corrected m_hat and v_hat as the state for the next step": Mutant(
            "return W_new, m_new, v_new", "return W_new, m_hat, v_hat"
        ),
        "beta1 and beta2 swapped (beta2 with m, beta1 with v)": """
def adam_update(W, dW, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new, v_new = beta2 * m + (1 - beta2) * dW, beta1 * v + (1 - beta1) * dW ** 2
    W_new = W - learning_rate * (m_new / (1 - beta2 ** t)) / (np.sqrt(v_new / (1 - beta1 ** t)) + eps)
    return W_new, m_new, v_new
""",
        "beta1 and 1 - beta1 swapped in m": Mutant(
            "m_new = beta1 * m + (1 - beta1) * dW", "m_new = (1 - beta1) * m + beta1 * dW"
        ),
        "v averages dW, not its square": Mutant("(1 - beta2) * dW ** 2", "(1 - beta2) * dW"),
        "squares the average (m_new**2) instead of averaging the squares": Mutant(
            "v_new = beta2 * v + (1 - beta2) * dW ** 2", "v_new = m_new ** 2"
        ),
        "updates m and v in place, changing the caller's arrays": """
def adam_update(W, dW, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m *= beta1
    m += (1 - beta1) * dW
    v *= beta2
    v += (1 - beta2) * dW ** 2
    W_new = W - learning_rate * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return W_new, m, v
""",
        "updates W in place (W -= ...)": Mutant(
            "W_new = W - learning_rate * m_hat / (np.sqrt(v_hat) + eps)",
            "W -= learning_rate * m_hat / (np.sqrt(v_hat) + eps)\n    W_new = W",
        ),
    },
    "random_search": {
        "sorts the trials worst first": Mutant("reverse=True", "reverse=False"),
        "returns the trials in the order drawn, not sorted": Mutant(
            "return sorted(results, key=lambda pair: pair[1], reverse=True)", "return results"
        ),
        "calls sampler twice per trial, so the params returned are not the ones scored": Mutant(
            "results.append((params, objective(params)))", "results.append((sampler(rng), objective(params)))"
        ),
        "returns the scores only": Mutant(
            "return sorted(results, key=lambda pair: pair[1], reverse=True)",
            "return sorted((s for _, s in results), reverse=True)",
        ),
        "one trial too few": Mutant("for _ in range(n_trials):", "for _ in range(n_trials - 1):"),
    },
    "babysat_learning_rate": {
        "a tie counts as an improvement": Mutant("if accuracy <= best:", "if accuracy < best:"),
        "compares each epoch with the previous one instead of the best so far": """
def babysat_learning_rate(alpha0, val_accuracies, factor=0.5):
    k = sum(1 for prev, cur in zip(val_accuracies, val_accuracies[1:]) if cur <= prev)
    return alpha0 * factor ** k
""",
        "cuts the rate at most once": """
def babysat_learning_rate(alpha0, val_accuracies, factor=0.5):
    best = val_accuracies[0]
    for accuracy in val_accuracies[1:]:
        if accuracy <= best:
            return alpha0 * factor
        best = accuracy
    return alpha0
""",
        "counts the epochs that improved instead of those that did not": Mutant(
            "if accuracy <= best:", "if accuracy > best:"
        ),
        "never updates the best (compares every epoch with the accuracy before training)": Mutant(
            "        best = max(best, accuracy)\n", ""
        ),
    },
}

CORRECT = {
    "grid_points": {
        "itertools.product": """
import itertools

def grid_points(bounds, n_per_axis):
    axes = [np.linspace(low, high, n_per_axis) for low, high in bounds]
    return np.array(list(itertools.product(*axes)), dtype=float).reshape(-1, len(bounds))
""",
        "nested loops for any k via repeat and tile": """
def grid_points(bounds, n_per_axis):
    k = len(bounds)
    columns = []
    for i, (low, high) in enumerate(bounds):
        values = np.linspace(low, high, n_per_axis)
        inner = n_per_axis ** (k - i - 1)
        outer = n_per_axis ** i
        columns.append(np.tile(np.repeat(values, inner), outer))
    return np.column_stack(columns)
""",
    },
    "random_points": {
        "low + (high - low) * rng.random": """
def random_points(bounds, n, rng):
    low, high = bounds[:, 0], bounds[:, 1]
    return low + (high - low) * rng.random((n, len(bounds)))
""",
        "k from bounds.shape": """
def random_points(bounds, n, rng):
    k = bounds.shape[0]
    return rng.uniform(low=bounds.T[0], high=bounds.T[1], size=(n, k))
""",
    },
    "sample_log_uniform": {
        "np.power": """
def sample_log_uniform(low, high, n, rng):
    exponents = rng.uniform(np.log10(low), np.log10(high), size=n)
    return np.power(10.0, exponents)
""",
        "math.log10 and exp of ln 10": """
import math

def sample_log_uniform(low, high, n, rng):
    r = rng.uniform(math.log10(low), math.log10(high), n)
    return np.exp(r * np.log(10.0))
""",
    },
    "sample_one_minus_log": {
        "via the log-uniform sample of 1 - beta": """
def sample_one_minus_log(low, high, n, rng):
    one_minus = np.power(10.0, rng.uniform(np.log10(1 - high), np.log10(1 - low), size=n))
    return 1 - one_minus
""",
    },
    "zoom_bounds": {
        "argsort of the negated scores, explicit loops over the axes": """
def zoom_bounds(points, scores, top_k, margin=0.1):
    chosen = points[np.argsort(-np.asarray(scores))[:top_k]]
    out = np.zeros((points.shape[1], 2))
    for axis in range(points.shape[1]):
        lo, hi = chosen[:, axis].min(), chosen[:, axis].max()
        out[axis] = [lo - margin * (hi - lo), hi + margin * (hi - lo)]
    return out
""",
        "np.argpartition": """
def zoom_bounds(points, scores, top_k, margin=0.1):
    n = len(scores)
    best = points[np.argpartition(scores, n - top_k)[n - top_k:]] if top_k < n else points
    low, high = best.min(axis=0), best.max(axis=0)
    return np.stack([low - margin * (high - low), high + margin * (high - low)], axis=1)
""",
    },
    "ewa": {
        "a list of averages, converted at the end": """
def ewa(values, beta, bias_correction=True):
    out, v = [], 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * float(values[t - 1])
        out.append(v / (1 - beta ** t) if bias_correction else v)
    return np.array(out, dtype=float)
""",
        "scipy.signal.lfilter, then the corrections as one array": """
from scipy.signal import lfilter

def ewa(values, beta, bias_correction=True):
    v = lfilter([1 - beta], [1, -beta], np.asarray(values, dtype=float))
    if bias_correction:
        v = v / (1 - beta ** np.arange(1, len(v) + 1))
    return v
""",
    },
    "momentum_update": {
        "a copy updated in place": """
def momentum_update(W, dW, v, beta, learning_rate):
    velocity = np.copy(v)
    velocity *= beta
    velocity += (1.0 - beta) * dW
    return W - learning_rate * velocity, velocity
""",
        "v moves a fraction 1 - beta of the way to dW": """
def momentum_update(W, dW, v, beta, learning_rate):
    v_new = v + (1 - beta) * (dW - v)
    return W - learning_rate * v_new, v_new
""",
    },
    "adam_update": {
        "the corrections folded into the step size (Kingma and Ba's form, eps rescaled to match)": """
def adam_update(W, dW, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * dW
    v_new = beta2 * v + (1 - beta2) * np.square(dW)
    root = np.sqrt(1 - beta2 ** t)
    step = learning_rate * root / (1 - beta1 ** t)
    return W - step * m_new / (np.sqrt(v_new) + eps * root), m_new, v_new
""",
        "np.divide and np.power": """
def adam_update(W, dW, m, v, t, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
    first = np.add(np.multiply(beta1, m), np.multiply(1 - beta1, dW))
    second = np.add(np.multiply(beta2, v), np.multiply(1 - beta2, np.power(dW, 2)))
    corrected_first = np.divide(first, 1 - np.power(beta1, t))
    corrected_second = np.divide(second, 1 - np.power(beta2, t))
    return W - learning_rate * np.divide(corrected_first, np.sqrt(corrected_second) + eps), first, second
""",
    },
    "random_search": {
        "a list comprehension and sort in place": """
def random_search(objective, sampler, n_trials, rng):
    drawn = [sampler(rng) for _ in range(n_trials)]
    results = [(p, objective(p)) for p in drawn]
    results.sort(key=lambda t: -t[1])
    return results
""",
    },
    "babysat_learning_rate": {
        "running maximum with numpy": """
def babysat_learning_rate(alpha0, val_accuracies, factor=0.5):
    acc = np.asarray(val_accuracies, dtype=float)
    best_before = np.maximum.accumulate(acc)[:-1]
    k = int(np.sum(acc[1:] <= best_before))
    return alpha0 * factor ** k
""",
        "a loop that multiplies": """
def babysat_learning_rate(alpha0, val_accuracies, factor=0.5):
    alpha = alpha0
    for e in range(1, len(val_accuracies)):
        if val_accuracies[e] <= max(val_accuracies[:e]):
            alpha *= factor
    return alpha
""",
    },
}
