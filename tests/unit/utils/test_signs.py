"""SIGNS: the generated set keeps the real set's contract, and load_signs prefers the real files."""

import inspect

import h5py
import numpy as np
import pytest

from nncourse.utils import signs


@pytest.fixture(scope="module")
def small():
    return signs.generate_signs(seed=3, n_train=60, n_test=24)


def write_real(folder, n_train=12, n_test=6, drop=None, **overrides):
    """Small files in the real SIGNS layout (key names and dtypes of train_signs.h5 / test_signs.h5)."""
    rng = np.random.default_rng(0)
    data = {
        "train_set_x": rng.integers(0, 256, (n_train, 64, 64, 3), dtype=np.uint8),
        "train_set_y": np.arange(n_train, dtype=np.int64) % 6,
        "test_set_x": rng.integers(0, 256, (n_test, 64, 64, 3), dtype=np.uint8),
        "test_set_y": np.arange(n_test, dtype=np.int64) % 6,
        "list_classes": np.arange(6, dtype=np.int64),
    }
    data.update(overrides)
    folder.mkdir(parents=True, exist_ok=True)
    for name, keys in signs.KEYS.items():
        with h5py.File(folder / name, "w") as f:
            for key in keys:
                if key != drop:
                    f.create_dataset(key, data=data[key])
    return data


# ---------------------------------------------------------------------------- the generated set


def test_generated_set_has_the_real_layout(small):
    assert set(small) == {"train_set_x", "train_set_y", "test_set_x", "test_set_y", "list_classes"}
    for split, m in (("train", 60), ("test", 24)):
        X, y = small[f"{split}_set_x"], small[f"{split}_set_y"]
        assert X.shape == (m, 64, 64, 3) and X.dtype == np.uint8
        assert y.shape == (m,) and y.dtype == np.int64
        assert np.bincount(y, minlength=6).tolist() == [m // 6] * 6
    assert small["list_classes"].dtype == np.int64 and small["list_classes"].tolist() == [0, 1, 2, 3, 4, 5]


def test_full_size_defaults_match_the_real_set():
    parameters = inspect.signature(signs.generate_signs).parameters
    assert (parameters["n_train"].default, parameters["n_test"].default) == (1080, 120)


def test_generation_is_deterministic(small):
    again = signs.generate_signs(seed=3, n_train=60, n_test=24)
    for key in small:
        assert np.array_equal(small[key], again[key]), key
    other = signs.generate_signs(seed=4, n_train=60, n_test=24)
    assert not np.array_equal(small["train_set_x"], other["train_set_x"])


def test_labels_are_shuffled_and_images_match_their_labels(small):
    y = small["train_set_y"]
    assert len(set(y[:12].tolist())) > 2  # not in blocks of one class
    # image i depends only on (seed, split, i): a smaller set is the start of a larger one
    fewer = signs.generate_signs(seed=3, n_train=60, n_test=6)
    assert np.array_equal(fewer["train_set_x"], small["train_set_x"])


def test_images_are_not_degenerate(small):
    X, y = small["train_set_x"].astype(float), small["train_set_y"]
    assert 25 < X.std() < 110, "pixel contrast should look like photos"
    assert X.std(axis=0).mean() > 20, "images should differ from one another"
    corners = X[:, :4, :4].reshape(len(X), -1).mean(axis=1)
    assert len(np.unique(np.round(corners))) > len(X) // 2, "backgrounds should vary"
    means = np.stack([X[y == c].mean(axis=0) for c in range(6)])
    for a in range(6):
        for b in range(a + 1, 6):
            assert np.abs(means[a] - means[b]).mean() > 2, f"classes {a} and {b} look alike on average"


def test_more_fingers_cover_more_of_the_picture(small):
    """The class is the number of raised fingers: more of them, more hand where fingers point."""
    X, y = small["train_set_x"].astype(float), small["train_set_y"]
    # the hand stands out from its backdrop: count the pixels of the upper half unlike the corners
    backdrop = X[:, :3, :3].reshape(len(X), -1, 3).mean(axis=1)[:, None, None, :]
    hand = (np.abs(X - backdrop).sum(axis=3) > 90)[:, :28]
    area = np.array([hand[y == c].mean() for c in range(6)])
    assert area[5] > area[2] > area[0] and area[4] > area[1], area


# ------------------------------------------------------------------------------------ loading


def test_loader_prefers_the_real_files(tmp_path, capsys):
    real = write_real(tmp_path)
    assert signs.signs_source(tmp_path) == "real"
    (X_train, y_train), (X_test, y_test), classes = signs.load_signs(data_dir=tmp_path)
    out = capsys.readouterr().out
    assert "real SIGNS" in out and str(tmp_path) in out and "12 / 6" in out
    assert np.array_equal(X_train, real["train_set_x"]) and np.array_equal(y_test, real["test_set_y"])
    assert X_train.dtype == np.uint8 and y_train.dtype == np.int64 and X_test.shape == (6, 64, 64, 3)
    assert classes.dtype == np.int64 and classes.tolist() == [0, 1, 2, 3, 4, 5]
    assert not (tmp_path / "generated").exists()


def test_real_labels_stored_as_a_row_are_accepted(tmp_path):
    write_real(tmp_path, train_set_y=(np.arange(12, dtype=np.int64) % 6)[None, :])
    (_, y_train), _, _ = signs.load_signs(data_dir=tmp_path, verbose=False)
    assert y_train.shape == (12,)


def test_half_present_real_set_is_refused_clearly(tmp_path):
    write_real(tmp_path)
    (tmp_path / "test_signs.h5").unlink()
    assert signs.signs_source(tmp_path) == "generated"
    with pytest.raises(FileNotFoundError, match=r"train_signs.h5 but not test_signs.h5.*two files"):
        signs.load_signs(data_dir=tmp_path, verbose=False)


@pytest.mark.parametrize(
    "problem, kwargs, message",
    [
        ("missing key", dict(drop="test_set_y"), r"has no dataset 'test_set_y'"),
        (
            "wrong image shape",
            dict(train_set_x=np.zeros((12, 32, 32, 3), np.uint8)),
            r"train_set_x has shape \(12, 32, 32, 3\)",
        ),
        ("label count", dict(test_set_y=np.zeros(5, np.int64)), r"test_set_y has shape \(5,\).*6 images"),
        ("label values", dict(train_set_y=np.full(12, 7, np.int64)), r"labels 0..5"),
        ("float pixels", dict(test_set_x=np.zeros((6, 64, 64, 3), np.float32)), r"not uint8"),
        ("classes", dict(list_classes=np.arange(10, dtype=np.int64)), r"list_classes"),
    ],
)
def test_malformed_real_set_says_what_is_wrong_and_how_to_fix_it(tmp_path, problem, kwargs, message):
    write_real(tmp_path, **kwargs)
    with pytest.raises(ValueError, match=message) as error:
        signs.load_signs(data_dir=tmp_path, verbose=False)
    assert "generated set" in str(error.value), "the message should say how to get going again"


def test_unreadable_real_file_is_refused_clearly(tmp_path):
    write_real(tmp_path)
    (tmp_path / "train_signs.h5").write_bytes(b"not an hdf5 file")
    with pytest.raises(ValueError, match="not a readable HDF5 file"):
        signs.load_signs(data_dir=tmp_path, verbose=False)


@pytest.fixture
def quick_generator(monkeypatch):
    """generate_signs at the full size is measured elsewhere; here a tiny set keeps tests fast."""
    calls = []
    real_generate = signs.generate_signs

    def fake(seed=signs.SIGNS_SEED, n_train=1080, n_test=120):
        calls.append(seed)
        data = real_generate(seed=seed, n_train=12, n_test=6)
        for split, m in (("train", n_train), ("test", n_test)):  # tile to the full size
            for key in (f"{split}_set_x", f"{split}_set_y"):
                data[key] = np.resize(data[key], (m,) + data[key].shape[1:])
        return data

    monkeypatch.setattr(signs, "generate_signs", fake)
    return calls


def test_generated_set_is_cached_and_reused(tmp_path, capsys, quick_generator):
    assert signs.signs_source(tmp_path) == "generated"
    first = signs.load_signs(data_dir=tmp_path)
    out = capsys.readouterr().out
    assert "generated" in out and "1,080 / 120" in out and "now cached" in out
    cache = tmp_path / "generated" / f"signs_seed{signs.SIGNS_SEED}"
    assert sorted(p.name for p in cache.iterdir()) == ["test_signs.h5", "train_signs.h5"]  # no temp files left
    with h5py.File(cache / "train_signs.h5") as f:
        assert f.attrs["generator_version"] == signs.GENERATOR_VERSION and f.attrs["seed"] == signs.SIGNS_SEED
        assert f["train_set_x"].compression == "gzip"
    second = signs.load_signs(data_dir=tmp_path)
    assert "cached in" in capsys.readouterr().out
    assert len(quick_generator) == 1, "the cache should have been reused"
    assert np.array_equal(first[0][0], second[0][0]) and np.array_equal(first[1][1], second[1][1])
    assert second[0][0].dtype == np.uint8 and second[0][1].dtype == np.int64


def test_stale_cache_is_regenerated(tmp_path, quick_generator):
    signs.load_signs(data_dir=tmp_path, verbose=False)
    cache = tmp_path / "generated" / f"signs_seed{signs.SIGNS_SEED}"
    with h5py.File(cache / "test_signs.h5", "r+") as f:
        f.attrs["generator_version"] = signs.GENERATOR_VERSION - 1
    signs.load_signs(data_dir=tmp_path, verbose=False)
    assert len(quick_generator) == 2
    with h5py.File(cache / "test_signs.h5") as f:
        assert f.attrs["generator_version"] == signs.GENERATOR_VERSION


def test_other_seed_has_its_own_cache(tmp_path, quick_generator):
    signs.load_signs(data_dir=tmp_path, verbose=False, seed=5)
    assert (tmp_path / "generated" / "signs_seed5" / "train_signs.h5").is_file()


def test_write_signs_h5_round_trips(tmp_path, small):
    train, test = signs.write_signs_h5(tmp_path / "out", small, attrs={"seed": 3})
    with h5py.File(train) as f:
        assert sorted(f) == ["list_classes", "train_set_x", "train_set_y"]
        assert np.array_equal(f["train_set_x"][()], small["train_set_x"])
    with h5py.File(test) as f:
        assert sorted(f) == ["list_classes", "test_set_x", "test_set_y"] and f.attrs["seed"] == 3
    # and load_signs reads what it wrote as a real set
    (X, y), _, _ = signs.load_signs(data_dir=tmp_path / "out", verbose=False)
    assert np.array_equal(X, small["train_set_x"]) and np.array_equal(y, small["train_set_y"])


def test_show_signs_grid_draws_one_row_per_class(small):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = signs.show_signs_grid(small["train_set_x"], small["train_set_y"], per_class=4)
    image = ax.get_images()[0].get_array()
    assert image.shape[:2] == (6 * 66 - 2, 4 * 66 - 2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "1", "2", "3", "4", "5"]
    plt.close(ax.figure)
