"""Hidden test cases of 05_batch_norm.

The cache of batchnorm_forward is the student's own design, so it is never compared: the forward
cases compare Z_tilde only, and the backward cases run the student's backward on the cache of the
student's forward (``uses``) and compare the gradients.
"""

from . import Case, Hidden


def layer(n_units, m, mean=0.0, spread=2.0, eps=None):
    """Z (n_units, m) with per-unit offsets and scales, and gamma, beta (n_units, 1); eps if given."""

    def make(rng):
        offsets = rng.normal(mean, 3.0, (n_units, 1))
        scales = rng.uniform(0.2, spread, (n_units, 1))
        Z = offsets + scales * rng.normal(0.0, 1.0, (n_units, m))
        gamma = rng.uniform(0.5, 2.0, (n_units, 1))
        beta = rng.normal(0.0, 1.0, (n_units, 1))
        return (Z, gamma, beta) if eps is None else (Z, gamma, beta, eps)

    return make


def with_constant_unit(rng):
    """One unit has the same z for every example (sigma^2 = 0)."""
    Z, gamma, beta = layer(4, 6)(rng)
    Z = Z.copy()
    Z[2] = 1.5
    return Z, gamma, beta


def upstream(n_units, m, **kwargs):
    """(dZ_tilde, Z, gamma, beta[, eps]) for the backward pass."""

    def make(rng):
        return (rng.normal(0.0, 1.0, (n_units, m)), *layer(n_units, m, **kwargs)(rng))

    return make


def running(n_units, momentum=None):
    def make(rng):
        args = (
            rng.normal(0.0, 2.0, (n_units, 1)),
            rng.uniform(0.1, 4.0, (n_units, 1)),
            rng.normal(0.0, 2.0, (n_units, 1)),
            rng.uniform(0.0, 4.0, (n_units, 1)),
        )
        return args if momentum is None else (*args, momentum)

    return make


def inference(n_units, m, eps=None):
    def make(rng):
        Z, gamma, beta = layer(n_units, m)(rng)
        args = (Z, gamma, beta, rng.normal(0.0, 3.0, (n_units, 1)), rng.uniform(0.05, 5.0, (n_units, 1)))
        return args if eps is None else (*args, eps)

    return make


def z_tilde(f, args):
    return f(*args)[0]


def through_forward(f, args, forward):
    return f(args[0], forward(*args[1:])[1])


CASES = {
    "batchnorm_forward": [
        Case("5 units, 12 examples", layer(5, 12), run=z_tilde),
        Case("as many units as examples (4 x 4)", layer(4, 4), run=z_tilde),
        Case("a unit with the same value for every example", with_constant_unit, run=z_tilde),
        Case("eps = 0.1 and units of small variance", layer(3, 7, spread=0.4, eps=0.1), run=z_tilde),
    ],
    # each case runs the student's backward pass on the cache of their own forward pass
    "batchnorm_backward": Hidden(
        (
            Case("5 units, 12 examples", upstream(5, 12), run=through_forward),
            Case("as many units as examples (4 x 4)", upstream(4, 4), run=through_forward),
            Case("a mini-batch of 2 examples", upstream(3, 2), run=through_forward, atol=1e-7),
            Case("eps = 0.1 and units of small variance", upstream(3, 7, spread=0.4, eps=0.1), run=through_forward),
        ),
        uses=("batchnorm_forward",),
    ),
    "update_running_stats": [
        Case("10 units, default momentum", running(10)),
        Case("momentum 0.99", running(4, 0.99)),
        Case("momentum 0 (the averages become the mini-batch's statistics)", running(3, 0.0)),
    ],
    "batchnorm_inference": [
        Case("6 units, 9 examples", inference(6, 9)),
        Case("a single example", inference(5, 1)),
        Case("eps = 0.5", inference(3, 4, eps=0.5)),
    ],
}
