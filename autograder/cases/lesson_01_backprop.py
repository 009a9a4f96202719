"""Hidden test cases of 01_backprop."""
import numpy as np

from . import Case

EXTREMES = np.array([[-1000.0, -710.0, -40.0, -1e-9, 0.0, 1e-9, 40.0, 710.0, 1000.0]])

CASES = {
    "sigmoid": [
        Case("random z of shape (5, 7)", lambda rng: (rng.normal(0.0, 4.0, (5, 7)),)),
        Case("very large |z| (overflow)", lambda rng: (EXTREMES.copy(),), atol=1e-12),
        Case("a single column", lambda rng: (rng.normal(0.0, 1.0, (6, 1)),)),
        Case("a 1-d array", lambda rng: (rng.uniform(-20.0, 20.0, 9),)),
    ],
    "sigmoid_prime": [
        Case("random z of shape (4, 6)", lambda rng: (rng.normal(0.0, 3.0, (4, 6)),)),
        Case("very large |z| (overflow)", lambda rng: (EXTREMES.copy(),), atol=1e-12),
        Case("a 1-d array", lambda rng: (rng.uniform(-10.0, 10.0, 8),)),
    ],
}
