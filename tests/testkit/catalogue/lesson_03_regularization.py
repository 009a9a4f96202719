from testkit.catalogue import Mutant

WRONG = {
    "early_stopping": {
        "stops one epoch late (when epoch - best > patience, not >= patience)": Mutant(
            "if epoch - best >= patience:", "if epoch - best > patience:"
        ),
        "lets a tie move the best epoch: best must stay the FIRST epoch with the highest accuracy": Mutant(
            "if val_accuracies[epoch] > val_accuracies[best]:", "if val_accuracies[epoch] >= val_accuracies[best]:"
        ),
        "stops at len(val_accuracies), past the last epoch, when patience never runs out": Mutant(
            "return len(val_accuracies) - 1, best", "return len(val_accuracies), best"
        ),
        "takes the best epoch of the whole curve, which training has not seen yet: count from the best so far": """
def early_stopping(val_accuracies, patience):
    best = int(np.argmax(val_accuracies))
    return int(min(best + patience, len(val_accuracies) - 1)), best
""",
        "counts the epochs since the accuracy last rose from one epoch to the next, not since the best so far": """
def early_stopping(val_accuracies, patience):
    best, waited = 0, 0
    for epoch in range(1, len(val_accuracies)):
        if val_accuracies[epoch] > val_accuracies[best]:
            best = epoch
        if val_accuracies[epoch] > val_accuracies[epoch - 1]:
            waited = 0
        else:
            waited += 1
        if waited >= patience:
            return epoch, best
    return len(val_accuracies) - 1, best
""",
        "numbers the epochs from 1: epochs are indices into val_accuracies, from 0": """
def early_stopping(val_accuracies, patience):
    best = 1
    for epoch in range(1, len(val_accuracies) + 1):
        if val_accuracies[epoch - 1] > val_accuracies[best - 1]:
            best = epoch
        if epoch - best >= patience:
            return epoch, best
    return len(val_accuracies), best
""",
        "returns (best_epoch, stop_epoch): the order is (stop_epoch, best_epoch)": Mutant(
            "return epoch, best", "return best, epoch"
        ),
    },
    "l2_regularized_cost": {
        "forgets the 1/2 (lmbda / n)": Mutant("lmbda / (2 * n)", "lmbda / n"),
        "forgets to divide by n": Mutant("lmbda / (2 * n)", "lmbda / 2"),
        "writes lmbda / 2 * n (operator precedence)": Mutant("lmbda / (2 * n)", "lmbda / 2 * n"),
        "adds the Frobenius norms instead of their squares": """
def l2_regularized_cost(cost, weights, lmbda, n):
    return cost + lmbda / (2 * n) * sum(np.linalg.norm(W) for W in weights)
""",
        "averages the squares (np.mean) instead of adding them": Mutant("np.sum(W ** 2)", "np.mean(W ** 2)"),
        "only penalises the last layer": """
def l2_regularized_cost(cost, weights, lmbda, n):
    return cost + lmbda / (2 * n) * np.sum(weights[-1] ** 2)
""",
        "squares the sum of the weights": Mutant("np.sum(W ** 2)", "np.sum(W) ** 2"),
        "penalises only the first layer": """
def l2_regularized_cost(cost, weights, lmbda, n):
    return cost + lmbda / (2 * n) * np.sum(weights[0] ** 2)
""",
        "returns the penalty without the cost": Mutant("float(cost + lmbda / (2 * n)", "float(lmbda / (2 * n)"),
    },
    "l2_update": {
        "forgets to divide by n in the decay factor (1 - eta * lmbda)": Mutant(
            "(1.0 - eta * lmbda / n)", "(1.0 - eta * lmbda)"
        ),
        "forgets eta in the decay factor": Mutant("(1.0 - eta * lmbda / n)", "(1.0 - lmbda / n)"),
        "uses lmbda / (2n) from the cost": Mutant("(1.0 - eta * lmbda / n)", "(1.0 - eta * lmbda / (2 * n))"),
        "decays after the gradient step": """
def l2_update(W, grad_W, eta, lmbda, n):
    return (1.0 - eta * lmbda / n) * (W - eta * grad_W)
""",
        "updates W in place": """
def l2_update(W, grad_W, eta, lmbda, n):
    W *= 1.0 - eta * lmbda / n
    W -= eta * grad_W
    return W
""",
        "forgets eta on the gradient": Mutant("- eta * grad_W", "- grad_W"),
        "adds the decay (1 + eta * lmbda / n) instead of subtracting it": Mutant(
            "(1.0 - eta * lmbda / n)", "(1.0 + eta * lmbda / n)"
        ),
        "moves along the gradient instead of against it": Mutant("- eta * grad_W", "+ eta * grad_W"),
    },
    "l1_regularized_cost": {
        "uses lmbda / (2n) like L2": Mutant("lmbda / n", "lmbda / (2 * n)"),
        "sums the signed weights": Mutant("np.sum(np.abs(W))", "np.sum(W)"),
        "sums the squares (L2)": Mutant("np.sum(np.abs(W))", "np.sum(W ** 2)"),
        "uses np.linalg.norm (Frobenius) as the L1 norm": Mutant("np.sum(np.abs(W))", "np.linalg.norm(W)"),
        "forgets to divide by n": Mutant("lmbda / n", "lmbda"),
        "returns the penalty without the cost": Mutant("float(cost + lmbda / n", "float(lmbda / n"),
    },
    "l1_update": {
        "shrinks by W instead of sign(W)": Mutant("np.sign(W)", "W"),
        "W / |W| for the sign: nan at 0": Mutant("np.sign(W)", "(W / np.abs(W))"),
        "sign(0) = -1 with np.where(W > 0, 1, -1)": Mutant("np.sign(W)", "np.where(W > 0, 1.0, -1.0)"),
        "sign(0) = +1 with np.where(W >= 0, 1, -1)": Mutant("np.sign(W)", "np.where(W >= 0, 1.0, -1.0)"),
        "forgets eta in the shrinking term": Mutant("(eta * lmbda / n)", "(lmbda / n)"),
        "uses lmbda / (2n)": Mutant("(eta * lmbda / n)", "(eta * lmbda / (2 * n))"),
        "updates W in place": """
def l1_update(W, grad_W, eta, lmbda, n):
    W -= eta * lmbda / n * np.sign(W) + eta * grad_W
    return W
""",
        "adds the shrinking term": Mutant("W - (eta * lmbda / n) * np.sign(W)", "W + (eta * lmbda / n) * np.sign(W)"),
        "forgets eta on the gradient": Mutant("- eta * grad_W", "- grad_W"),
    },
    "dropout_forward": {
        "forgets to divide by keep_prob": Mutant("A_out = A * mask / keep_prob", "A_out = A * mask"),
        "forgets to apply the mask": Mutant("A_out = A * mask / keep_prob", "A_out = A / keep_prob"),
        "scales by 1 - keep_prob": Mutant("A_out = A * mask / keep_prob", "A_out = A * mask / (1 - keep_prob)"),
        "multiplies by keep_prob": Mutant("A_out = A * mask / keep_prob", "A_out = A * mask * keep_prob"),
        "keeps the units whose number is above keep_prob (about 1 - keep_prob of them)": Mutant(
            "rng.random(A.shape) < keep_prob", "rng.random(A.shape) > keep_prob"
        ),
        "keeps the units whose number is above 1 - keep_prob: the right rate, but not the units expected": Mutant(
            "rng.random(A.shape) < keep_prob", "rng.random(A.shape) > 1 - keep_prob"
        ),
        "mask from np.random.rand instead of the rng argument": Mutant(
            "rng.random(A.shape) < keep_prob", "np.random.rand(*A.shape) < keep_prob"
        ),
        "draws the numbers in the transposed shape and transposes them back": Mutant(
            "rng.random(A.shape) < keep_prob", "rng.random(A.shape[::-1]).T < keep_prob"
        ),
        "draws the mask with rng.binomial: the right distribution, but not the uniform numbers expected": Mutant(
            "rng.random(A.shape) < keep_prob", "rng.binomial(1, keep_prob, A.shape).astype(bool)"
        ),
        "mask already divided by keep_prob (not 0/1)": """
def dropout_forward(A, keep_prob, rng):
    mask = (rng.random(A.shape) < keep_prob) / keep_prob
    return A * mask, mask
""",
        "returns the random draws as the mask (probabilities, not 0/1)": """
def dropout_forward(A, keep_prob, rng):
    draws = rng.random(A.shape)
    return A * (draws < keep_prob) / keep_prob, draws
""",
        "mask multiplied by keep_prob (not 0/1)": Mutant("return A_out, mask", "return A_out, mask * keep_prob"),
        "masks A in place": """
def dropout_forward(A, keep_prob, rng):
    mask = rng.random(A.shape) < keep_prob
    A *= mask
    A /= keep_prob
    return A, mask
""",
        "returns only A_out": Mutant("return A_out, mask", "return A_out"),
    },
    "dropout_backward": {
        "forgets to divide by keep_prob": Mutant("dA_out * mask / keep_prob", "dA_out * mask"),
        "multiplies by keep_prob": Mutant("dA_out * mask / keep_prob", "dA_out * mask * keep_prob"),
        "ignores the mask: dropped units must get no gradient": Mutant(
            "dA_out * mask / keep_prob", "dA_out / keep_prob"
        ),
        "scales by 1 - keep_prob": Mutant("dA_out * mask / keep_prob", "dA_out * mask / (1 - keep_prob)"),
        "masks dA_out in place": """
def dropout_backward(dA_out, mask, keep_prob):
    dA_out *= mask
    dA_out /= keep_prob
    return dA_out
""",
    },
    "shift_images": {
        "uses np.roll, which wraps the pixels that leave one edge around to the other instead of filling with 0": """
def shift_images(X, dx, dy, side=28):
    images = X.reshape(side, side, -1)
    return np.roll(images, (dy, dx), axis=(0, 1)).reshape(X.shape)
""",
        "dx and dy swapped": """
def shift_images(X, dx, dy, side=28):
    images = X.reshape(side, side, -1)
    shifted = np.zeros_like(images)
    rows_to = slice(max(dx, 0), max(side + min(dx, 0), 0))
    rows_from = slice(max(-dx, 0), max(side + min(-dx, 0), 0))
    cols_to = slice(max(dy, 0), max(side + min(dy, 0), 0))
    cols_from = slice(max(-dy, 0), max(side + min(-dy, 0), 0))
    shifted[rows_to, cols_to] = images[rows_from, cols_from]
    return shifted.reshape(X.shape)
""",
        "shifts the flattened column (np.roll on axis 0): pixels wrap into the next row": """
def shift_images(X, dx, dy, side=28):
    return np.roll(X, dx + side * dy, axis=0)
""",
        "shifts the flattened column with zero fill: pixels spill into the next row": """
def shift_images(X, dx, dy, side=28):
    k = dx + side * dy
    out = np.zeros_like(X)
    if k >= 0:
        out[k:] = X[:X.shape[0] - k]
    else:
        out[:k] = X[-k:]
    return out
""",
        "shifts in the opposite direction (dx > 0 means right, dy > 0 means down)": """
def shift_images(X, dx, dy, side=28):
    dx, dy = -dx, -dy
    images = X.reshape(side, side, -1)
    shifted = np.zeros_like(images)
    shifted[max(dy, 0):side + min(dy, 0), max(dx, 0):side + min(dx, 0)] = \\
        images[max(-dy, 0):side + min(-dy, 0), max(-dx, 0):side + min(-dx, 0)]
    return shifted.reshape(X.shape)
""",
        "moves the image up for dy > 0 (dy > 0 means down)": Mutant(
            "shifted = np.zeros_like(images)", "shifted = np.zeros_like(images)\n    dy = -dy"
        ),
        "reshapes column-major (order='F'), which transposes each image": """
def shift_images(X, dx, dy, side=28):
    images = X.reshape((side, side, -1), order="F")
    shifted = np.zeros_like(images)
    shifted[max(dy, 0):side + min(dy, 0), max(dx, 0):side + min(dx, 0)] = \\
        images[max(-dy, 0):side + min(-dy, 0), max(-dx, 0):side + min(-dx, 0)]
    return shifted.reshape(X.shape, order="F")
""",
        "slices with [dy:] and [:-dy], which breaks for a shift of 0": """
def shift_images(X, dx, dy, side=28):
    images = X.reshape(side, side, -1)
    shifted = np.zeros_like(images)
    rows_to = slice(dy, None) if dy >= 0 else slice(None, dy)
    rows_from = slice(None, -dy) if dy >= 0 else slice(-dy, None)
    cols_to = slice(dx, None) if dx >= 0 else slice(None, dx)
    cols_from = slice(None, -dx) if dx >= 0 else slice(-dx, None)
    shifted[rows_to, cols_to] = images[rows_from, cols_from]
    return shifted.reshape(X.shape)
""",
        "zeroes the vacated pixels of X in place": """
def shift_images(X, dx, dy, side=28):
    images = X.reshape(side, side, -1)
    images[:] = np.roll(images, (dy, dx), axis=(0, 1))
    if dy > 0: images[:dy] = 0
    if dy < 0: images[dy:] = 0
    if dx > 0: images[:, :dx] = 0
    if dx < 0: images[:, dx:] = 0
    return images.reshape(X.shape)
""",
    },
    "expand_dataset": {
        "blocks in another order (down, up, right, left)": Mutant(
            "shifts = [(1, 0), (-1, 0), (0, 1), (0, -1)]", "shifts = [(0, 1), (0, -1), (1, 0), (-1, 0)]"
        ),
        "interleaved: each image followed by its four shifts": """
def expand_dataset(X, y, side=28):
    columns, labels = [], []
    for j in range(X.shape[1]):
        x = X[:, [j]]
        columns += [x] + [shift_images(x, dx, dy, side) for dx, dy in [(1, 0), (-1, 0), (0, 1), (0, -1)]]
        labels += [y[j]] * 5
    return np.hstack(columns), np.array(labels)
""",
        "labels not repeated": Mutant("y_exp = np.tile(y, 1 + len(shifts))", "y_exp = y"),
        "repeats each label five times in a row (np.repeat), but the images come in blocks": Mutant(
            "np.tile(y, 1 + len(shifts))", "np.repeat(y, 1 + len(shifts))"
        ),
        "leaves out the originals": Mutant("np.hstack([X] + [", "np.hstack(["),
        "originals at the end": Mutant(
            "np.hstack([X] + [shift_images(X, dx, dy, side) for dx, dy in shifts])",
            "np.hstack([shift_images(X, dx, dy, side) for dx, dy in shifts] + [X])",
        ),
        "ignores side (always 28)": Mutant("shift_images(X, dx, dy, side)", "shift_images(X, dx, dy)"),
        "stacks the blocks as rows (vstack)": Mutant("np.hstack(", "np.vstack("),
    },
}

CORRECT = {
    "early_stopping": {
        "np.argmax over the epochs seen so far (argmax keeps the first maximum)": """
def early_stopping(val_accuracies, patience):
    acc = np.asarray(val_accuracies, dtype=float)
    for epoch in range(len(acc)):
        best = int(np.argmax(acc[:epoch + 1]))
        if epoch - best >= patience:
            return epoch, best
    return len(acc) - 1, int(np.argmax(acc))
""",
        "a counter of epochs without improvement": """
def early_stopping(val_accuracies, patience):
    best_acc, best, waited = -np.inf, 0, 0
    for epoch, acc in enumerate(val_accuracies):
        if acc > best_acc:
            best_acc, best, waited = acc, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return epoch, best
    return len(val_accuracies) - 1, best
""",
        "numpy integers, as np.argmax returns them": """
def early_stopping(val_accuracies, patience):
    acc = np.asarray(val_accuracies)
    for epoch in range(len(acc)):
        best = np.argmax(acc[:epoch + 1])
        if epoch - best >= patience:
            return np.int64(epoch), best
    return np.int64(len(acc) - 1), np.argmax(acc)
""",
    },
    "l2_regularized_cost": {
        "squared norms in a loop": """
def l2_regularized_cost(cost, weights, lmbda, n):
    total = 0.0
    for W in weights:
        total += np.linalg.norm(W) ** 2
    return cost + lmbda * total / (2.0 * n)
""",
        "np.vdot on the flattened weights": """
def l2_regularized_cost(cost, weights, lmbda, n):
    flat = np.concatenate([W.ravel() for W in weights])
    return float(cost) + 0.5 * (lmbda / n) * float(np.vdot(flat, flat))
""",
    },
    "l2_update": {
        "gradient of the regularized cost, then a plain step": """
def l2_update(W, grad_W, eta, lmbda, n):
    return W - eta * (grad_W + (lmbda / n) * W)
""",
        "on a copy, in place": """
def l2_update(W, grad_W, eta, lmbda, n):
    new_W = W.copy()
    new_W *= 1 - eta * lmbda / n
    new_W -= eta * grad_W
    return new_W
""",
    },
    "l1_regularized_cost": {
        "np.linalg.norm with ord=1 on the flattened weights": """
def l1_regularized_cost(cost, weights, lmbda, n):
    return cost + lmbda / n * sum(np.linalg.norm(W.ravel(), ord=1) for W in weights)
""",
    },
    "l1_update": {
        "gradient of the regularized cost, then a plain step": """
def l1_update(W, grad_W, eta, lmbda, n):
    return W - eta * (grad_W + lmbda / n * np.sign(W))
""",
        "sign written with np.where": """
def l1_update(W, grad_W, eta, lmbda, n):
    sign = np.where(W > 0, 1.0, np.where(W < 0, -1.0, 0.0))
    return W - eta * lmbda / n * sign - eta * grad_W
""",
    },
    "dropout_forward": {
        "rng.uniform (the same draws as rng.random) and np.where": """
def dropout_forward(A, keep_prob, rng):
    mask = rng.uniform(size=A.shape) < keep_prob
    return np.where(mask, A / keep_prob, 0.0), mask
""",
        "scale factor folded into the mask": """
def dropout_forward(A, keep_prob, rng):
    draws = rng.random(size=A.shape)
    mask = draws < keep_prob
    return A * (mask / keep_prob), mask
""",
        "a boolean mask from np.less": """
def dropout_forward(A, keep_prob, rng):
    mask = np.less(rng.random(A.shape), keep_prob)
    return np.multiply(A, mask) / keep_prob, mask
""",
        "an integer mask (0 and 1 as int)": """
def dropout_forward(A, keep_prob, rng):
    mask = (rng.random(A.shape) < keep_prob).astype(int)
    return A * mask / keep_prob, mask
""",
        "a float mask (0.0 and 1.0)": """
def dropout_forward(A, keep_prob, rng):
    mask = np.where(rng.random(A.shape) < keep_prob, 1.0, 0.0)
    return A * mask / keep_prob, mask
""",
        "a float32 mask": Mutant("return A_out, mask", "return A_out, mask.astype(np.float32)"),
    },
    "dropout_backward": {
        "np.where": """
def dropout_backward(dA_out, mask, keep_prob):
    return np.where(mask, dA_out, 0.0) / keep_prob
""",
        "float mask": """
def dropout_backward(dA_out, mask, keep_prob):
    return dA_out * mask.astype(float) * (1.0 / keep_prob)
""",
    },
    "shift_images": {
        "np.pad, then slicing out the window": """
def shift_images(X, dx, dy, side=28):
    images = X.reshape(side, side, -1)
    padded = np.pad(images, ((abs(dy), abs(dy)), (abs(dx), abs(dx)), (0, 0)))
    top, left = abs(dy) - dy, abs(dx) - dx
    return padded[top:top + side, left:left + side].reshape(X.shape)
""",
        "np.roll, then zeroing what wrapped around": """
def shift_images(X, dx, dy, side=28):
    images = np.roll(X.reshape(side, side, -1), (dy, dx), axis=(0, 1))
    if dy > 0:
        images[:dy] = 0
    elif dy < 0:
        images[dy:] = 0
    if dx > 0:
        images[:, :dx] = 0
    elif dx < 0:
        images[:, dx:] = 0
    return images.reshape(X.shape)
""",
        "a loop over pixels, one image at a time": """
def shift_images(X, dx, dy, side=28):
    out = np.zeros_like(X)
    for j in range(X.shape[1]):
        image = X[:, j].reshape(side, side)
        new = np.zeros((side, side), dtype=X.dtype)
        for r in range(side):
            for c in range(side):
                if 0 <= r + dy < side and 0 <= c + dx < side:
                    new[r + dy, c + dx] = image[r, c]
        out[:, j] = new.ravel()
    return out
""",
        "scipy.ndimage.shift with order 0": """
from scipy import ndimage

def shift_images(X, dx, dy, side=28):
    images = X.reshape(side, side, -1)
    return ndimage.shift(images, (dy, dx, 0), order=0, mode="constant", cval=0.0).reshape(X.shape)
""",
    },
    "expand_dataset": {
        "preallocated, filled block by block": """
def expand_dataset(X, y, side=28):
    m = X.shape[1]
    X_exp = np.empty((X.shape[0], 5 * m))
    X_exp[:, :m] = X
    for k, (dx, dy) in enumerate([(1, 0), (-1, 0), (0, 1), (0, -1)], start=1):
        X_exp[:, k * m:(k + 1) * m] = shift_images(X, dx, dy, side)
    return X_exp, np.concatenate([y] * 5)
""",
    },
}
