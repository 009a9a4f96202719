"""Training speed: the course's vectorised numpy network vs Keras vs a per-example backprop loop.

All three train a 784-30-10 sigmoid network with the quadratic cost by plain mini-batch SGD on the
3,000 offline MNIST training images, from the same initial weights (``init_parameters`` with the same
seed ``train`` uses), and are tested on the 1,000 offline test images.
"""

from __future__ import annotations

import os
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from nncourse.utils.data import load_mnist
from nncourse.utils.network import Network, accuracy, init_parameters, one_hot_columns, sigmoid, sigmoid_prime, train

SIZES = [784, 30, 10]
ETA = 3.0
SEED = 0
BATCHES = (1, 10, 32, 128)
PER_EXAMPLE_BATCHES = (10, 128)
WIDE_HIDDEN = 1024

# Epochs per (implementation, batch size): the same for every implementation at a batch size, so
# their accuracies compare, except where one would take too long (examples/s are still comparable).
FULL_EPOCHS = {
    ("numpy", 1): 5,
    ("keras", 1): 5,
    ("numpy", 10): 30,
    ("keras", 10): 30,
    ("loop", 10): 30,
    ("numpy", 32): 30,
    ("keras", 32): 30,
    ("numpy", 128): 30,
    ("keras", 128): 30,
    ("loop", 128): 30,
    ("wide", 128): 4,
}
QUICK_EPOCHS = {key: (1 if key[1] == 1 else 2) for key in FULL_EPOCHS}


def quadratic_delta(Z, A, Y):
    """Output error of the quadratic cost 1/(2m) sum ||a - y||^2 (for nncourse.utils.network.train)."""
    return (A - Y) * sigmoid_prime(Z)


def examples_per_second(stamps, m):
    """From the times before training and after each epoch: the rate over the epochs after the first
    (warm) when there are two or more, else over the single epoch."""
    stamps = list(stamps)
    if len(stamps) >= 3:
        return m * (len(stamps) - 2) / (stamps[-1] - stamps[1])
    return m * (len(stamps) - 1) / (stamps[-1] - stamps[0])


def flops_per_example(sizes, as_issue=False):
    """Multiply-add flops per example of one training step's matrix products.

    Forward W@A (2 n_out n_in) and backward delta@A.T (2 n_out n_in) in every layer; W.T@delta only
    in layers after the first (the network does not back-propagate into the input), unless
    ``as_issue`` (the issue's count: three products in every layer).
    """
    total = 0
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        products = 3 if (as_issue or l > 0) else 2
        total += products * 2 * n_out * n_in
    return total


# ---------------------------------------------------------------------------------------------------
# the three implementations


def run_numpy(sizes, X, y, Xt, yt, epochs, batch):
    """``nncourse.utils.network.train`` as the course calls it; times each epoch with a monitor."""
    threads = {}

    def delta(Z, A, Y):
        if not threads:  # the BLAS threads inside train (it limits them with threadpoolctl)
            threads["blas"] = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
        return quadratic_delta(Z, A, Y)

    started = time.perf_counter()
    net, history = train(
        sizes,
        X,
        y,
        epochs=epochs,
        batch_size=batch,
        eta=ETA,
        output_delta=delta,
        monitor={"t": lambda net: time.perf_counter()},
        seed=SEED,
        show_progress=False,
    )
    seconds = time.perf_counter() - started
    return {
        "ex_s": examples_per_second(history["t"], X.shape[1]),
        "acc": accuracy(net, Xt, yt),
        "seconds": seconds,
        "threads": threads.get("blas"),
    }


@threadpool_limits.wrap(limits=1, user_api="blas")  # as the course runs its own network
def run_per_example(sizes, X, y, Xt, yt, epochs, batch):
    """Backprop one example at a time, gradients summed over the mini-batch (the textbook loop).

    The same random generator as ``train`` draws the initial weights and then each epoch's order, so
    the mini-batches are exactly the course network's.
    """
    rng = np.random.default_rng(SEED)
    weights, biases = init_parameters(sizes, rng)
    Y = one_hot_columns(y, sizes[-1])
    m, layers = X.shape[1], len(weights)
    stamps = [time.perf_counter()]
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, batch):
            chosen = order[start : start + batch]
            sum_w = [np.zeros_like(W) for W in weights]
            sum_b = [np.zeros_like(b) for b in biases]
            for j in chosen:
                a = X[:, j : j + 1]
                activations, zs = [a], []
                for W, b in zip(weights, biases):
                    z = W @ a + b
                    a = sigmoid(z)
                    zs.append(z)
                    activations.append(a)
                delta = (a - Y[:, j : j + 1]) * sigmoid_prime(zs[-1])
                for l in range(layers - 1, -1, -1):
                    sum_b[l] += delta
                    sum_w[l] += delta @ activations[l].T
                    if l > 0:
                        delta = (weights[l].T @ delta) * sigmoid_prime(zs[l - 1])
            step = ETA / len(chosen)
            weights = [W - step * g for W, g in zip(weights, sum_w)]
            biases = [b - step * g for b, g in zip(biases, sum_b)]
        stamps.append(time.perf_counter())
    return {
        "ex_s": examples_per_second(stamps, m),
        "acc": accuracy(Network(weights, biases), Xt, yt),
        "seconds": stamps[-1] - stamps[0],
        "threads": [1],
    }


def run_keras(sizes, X, y, Xt, yt, epochs, batch):
    """tf.keras Sequential with the same initial weights, quadratic cost and plain SGD at the same rate
    (the cost 1/(2m) sum ||a - y||^2 is written out, so the learning rate needs no rescaling)."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(SEED)
    weights, biases = init_parameters(sizes, np.random.default_rng(SEED))
    model = tf.keras.Sequential(
        [tf.keras.Input((sizes[0],))] + [tf.keras.layers.Dense(n, activation="sigmoid") for n in sizes[1:]]
    )
    model.set_weights([p for W, b in zip(weights, biases) for p in (W.T, b.ravel())])

    def quadratic_cost(y_true, y_pred):  # Keras averages over the batch
        return 0.5 * tf.reduce_sum(tf.square(y_pred - y_true), axis=-1)

    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=ETA), loss=quadratic_cost)
    stamps = [time.perf_counter()]
    stamp = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: stamps.append(time.perf_counter()))
    inputs = np.ascontiguousarray(X.T, dtype=np.float32)
    targets = np.ascontiguousarray(one_hot_columns(y, sizes[-1]).T, dtype=np.float32)
    model.fit(inputs, targets, batch_size=batch, epochs=epochs, shuffle=True, verbose=0, callbacks=[stamp])
    predicted = model.predict(np.ascontiguousarray(Xt.T, dtype=np.float32), verbose=0, batch_size=1000)
    return {
        "ex_s": examples_per_second(stamps, X.shape[1]),
        "acc": float(np.mean(predicted.argmax(axis=1) == yt)),
        "seconds": stamps[-1] - stamps[0],
        "first_epoch_s": stamps[1] - stamps[0],
    }


def matmul_gflops(n, repeats, threads):
    """Best rate of an n x n @ n x n float64 product with ``threads`` BLAS threads (None: the default)."""
    rng = np.random.default_rng(1)
    A, B = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    with threadpool_limits(limits=threads, user_api="blas"):
        used = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
        A @ B  # warm up
        best = min(_timed(lambda: A @ B) for _ in range(repeats))
    return 2 * n**3 / best / 1e9, used


def _timed(f):
    started = time.perf_counter()
    f()
    return time.perf_counter() - started


# ---------------------------------------------------------------------------------------------------


def _fmt_rate(x):
    return f"{x:,.0f}"


def run(quick=False, log=print):
    epochs_of = QUICK_EPOCHS if quick else FULL_EPOCHS
    (X, y), _, (Xt, yt) = load_mnist("offline", verbose=False)
    m = X.shape[1]
    log(f"training: {m} training images, {Xt.shape[1]} test images")
    results = {}

    for batch in BATCHES:
        log(f"training: numpy, batch {batch}")
        results["numpy", batch] = run_numpy(SIZES, X, y, Xt, yt, epochs_of["numpy", batch], batch)
    for batch in PER_EXAMPLE_BATCHES:
        log(f"training: per-example loop, batch {batch}")
        results["loop", batch] = run_per_example(SIZES, X, y, Xt, yt, epochs_of["loop", batch], batch)
    wide = [SIZES[0], WIDE_HIDDEN, SIZES[-1]]
    log(f"training: numpy {'-'.join(map(str, wide))}, batch 128")
    results["wide", 128] = run_numpy(wide, X, y, Xt, yt, epochs_of["wide", 128], 128)

    n = 1024 if quick else 2048
    log(f"training: {n}x{n} matrix product")
    gflops_1, used_1 = matmul_gflops(n, 2 if quick else 3, 1)
    gflops_all, used_all = matmul_gflops(n, 2 if quick else 3, None)

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    for batch in BATCHES:
        log(f"training: Keras, batch {batch}")
        results["keras", batch] = run_keras(SIZES, X, y, Xt, yt, epochs_of["keras", batch], batch)
    tf_threads = (
        tf.config.threading.get_intra_op_parallelism_threads(),
        tf.config.threading.get_inter_op_parallelism_threads(),
    )

    # ---- tables
    numpy_threads = results["numpy", 10]["threads"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    tf_threads_text = (
        f"TensorFlow's default thread pools (intra-op / inter-op = 0 / 0: all {cores} cores)"
        if tf_threads == (0, 0)
        else f"intra-op / inter-op threads {tf_threads}"
    )
    detail_rows = []
    names = {
        "numpy": "course numpy network (`train`)",
        "loop": "per-example loop",
        "keras": "Keras",
        "wide": f"course numpy network, {'-'.join(map(str, wide))}",
    }
    for (kind, batch), r in sorted(
        results.items(), key=lambda kv: (kv[0][1], ["numpy", "keras", "loop", "wide"].index(kv[0][0]))
    ):
        threads = (f"{r['threads'][0]} BLAS" if r.get("threads") else "") if kind != "keras" else "TF default"
        extra = f"; first epoch {r['first_epoch_s']:.2f} s" if kind == "keras" else ""
        detail_rows.append(
            [
                names[kind],
                str(batch),
                str(epochs_of[kind, batch]),
                _fmt_rate(r["ex_s"]),
                f"{r['acc']:.3f}" + (" (speed only: η is not tuned for it)" if kind == "wide" else ""),
                f"{r['seconds']:.2f}{extra}",
                threads,
            ]
        )

    flops = flops_per_example(SIZES)
    flops_issue = flops_per_example(SIZES, as_issue=True)
    net_gflops = results["numpy", 128]["ex_s"] * flops / 1e9
    net_gflops_issue = results["numpy", 128]["ex_s"] * flops_issue / 1e9
    wide_flops = flops_per_example(wide)
    wide_gflops = results["wide", 128]["ex_s"] * wide_flops / 1e9
    pct, pct_issue, wide_pct = (
        100 * net_gflops / gflops_1,
        100 * net_gflops_issue / gflops_1,
        100 * wide_gflops / gflops_1,
    )

    r10 = results["numpy", 10]["ex_s"] / results["keras", 10]["ex_s"]
    r128 = results["numpy", 128]["ex_s"] / results["keras", 128]["ex_s"]
    loop10 = results["numpy", 10]["ex_s"] / results["loop", 10]["ex_s"]
    loop128 = results["numpy", 128]["ex_s"] / results["loop", 128]["ex_s"]

    summary = [
        {
            "figure": "numpy ÷ Keras, examples/s, batch 10",
            "value": f"{r10:.1f}×",
            "target": "≥ 10×",
            "met": r10 >= 10,
            "note": (
                f"a Keras step costs {1e3 * 10 / results['keras', 10]['ex_s']:.2f} ms (a TensorFlow graph "
                "call and the optimizer's update, whatever the batch), but the course network's own step "
                f"costs {1e3 * 10 / results['numpy', 10]['ex_s']:.2f} ms, almost all numpy call overhead on "
                "tiny arrays (about 15 calls per step: the sigmoid with exp and np.where, the "
                "slicing of each mini-batch, the list rebuilding of the update), so 10× needs a cheaper numpy step."
            ),
        },
        {
            "figure": "numpy ÷ Keras, examples/s, batch 128",
            "value": f"{r128:.2f}×",
            "target": "≥ 1×",
            "met": r128 >= 1,
            "note": (
                f"at batch 128 the work is in the 30×784 by 784×128 products: Keras runs them in float32 "
                f"with {tf_threads_text}, the course network in float64 on "
                f"{numpy_threads[0] if numpy_threads else '?'} BLAS thread (its threadpoolctl limit), and also "
                "copies each mini-batch out of X by fancy indexing."
            ),
        },
        {
            "figure": "numpy ÷ per-example loop, examples/s, batch 10",
            "value": f"{loop10:.1f}×",
            "target": "≥ 5×",
            "met": loop10 >= 5,
            "note": (
                f"a vectorised step on 10 examples costs {1e3 * 10 / results['numpy', 10]['ex_s']:.2f} ms and "
                f"the loop {1e3 * 10 / results['loop', 10]['ex_s']:.2f} ms for the same 10: with 10 columns "
                "each numpy call does little arithmetic, so the course network pays about the same fixed "
                "per-call overhead (about 15 numpy calls per step) that the "
                "loop pays per example, amortised over only 10 examples."
            ),
        },
        {
            "figure": "numpy ÷ per-example loop, examples/s, batch 128",
            "value": f"{loop128:.1f}×",
            "target": "≥ 5×",
            "met": loop128 >= 5,
            "note": (
                f"a vectorised step on 128 examples costs {1e3 * 128 / results['numpy', 128]['ex_s']:.2f} ms, "
                f"the loop {1e3 * 128 / results['loop', 128]['ex_s']:.2f} ms for the same 128."
            ),
        },
        {
            "figure": f"numpy network (784-30-10, batch 128) GFLOP/s, % of 1-thread {n}² matmul",
            "value": f"{net_gflops:.2f} GFLOP/s = {pct:.1f}% of {gflops_1:.1f}",
            "target": "≥ 30%",
            "met": pct >= 30,
            "note": (
                f"a 784-30-10 network is tiny: per example it does only {flops:,} flops of matrix products "
                f"({flops_issue:,} by the issue's count of three products in every layer, which gives "
                f"{pct_issue:.1f}%), so numpy call overhead, the element-wise sigmoid/σ' (exp, np.where) and the "
                "mini-batch gather dominate; 30-row products are also too thin for BLAS to reach its peak. "
                f"The wider {'-'.join(map(str, wide))} network below reaches {wide_pct:.0f}%."
            ),
        },
        {
            "figure": f"numpy network ({'-'.join(map(str, wide))}, batch 128) GFLOP/s, % of 1-thread {n}² matmul",
            "value": f"{wide_gflops:.2f} GFLOP/s = {wide_pct:.1f}% of {gflops_1:.1f}",
            "target": "≥ 30%",
            "met": wide_pct >= 30,
            "note": (
                "even with 1024 hidden units the products have only 128 columns (one mini-batch) and the "
                "element-wise sigmoid/σ' on 1024×128 arrays and the per-epoch gather add memory-bound work."
            ),
        },
        {
            "figure": f"{n}×{n} float64 matmul, 1 BLAS thread",
            "value": f"{gflops_1:.1f} GFLOP/s (threads {used_1})",
            "target": "",
            "met": None,
            "note": "",
        },
        {
            "figure": f"{n}×{n} float64 matmul, all BLAS threads",
            "value": f"{gflops_all:.1f} GFLOP/s (threads {used_all})",
            "target": "",
            "met": None,
            "note": "",
        },
        {
            "figure": "BLAS threads inside the course's `train`",
            "value": str(numpy_threads),
            "target": "",
            "met": None,
            "note": "",
        },
    ]
    notes = [
        f"Data: offline MNIST, {m} training / {Xt.shape[1]} test images; 784-30-10 sigmoid network, quadratic cost, "
        f"plain SGD, η = {ETA}, the same initial weights (`init_parameters`, seed {SEED}) for all three.",
        "examples/s is measured over the epochs after the first when there are two or more (Keras traces its "
        "graph in the first), else over the one epoch.",
        "The per-example loop draws the same mini-batches as the course's `train`, so their accuracies agree; "
        f"Keras shuffles its own way and computes in float32. Keras ran with {tf_threads_text}.",
        f"Flops per example counted from the matrix products actually computed: {flops:,} "
        f"(784-30-10), {wide_flops:,} ({'-'.join(map(str, wide))}).",
    ]
    details = [
        (
            "Training runs",
            ["implementation", "batch", "epochs", "examples/s", "test accuracy", "seconds", "threads"],
            detail_rows,
        )
    ]
    return {"title": "Training", "summary": summary, "details": details, "notes": notes}
