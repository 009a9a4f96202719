"""SIGNS: 64x64 pictures of a hand showing 0 to 5 fingers, the dataset of lesson 07.

Two sources, one layout:

* **real** -- the SIGNS files of the deep-learning specialization, ``train_signs.h5`` (1,080
  images) and ``test_signs.h5`` (120 images).  They are not redistributed with the course; a user
  who has them drops both files into the data folder (``nncourse.utils.data.data_dir()``) and every
  lesson uses them from then on.
* **generated** -- without them, the course draws its own SIGNS-format set with numpy: a hand
  (palm, forearm, thumb and four fingers, the class being the number of raised fingers) in a
  random pose, size, position, skin tone and lighting, in front of a dark, tinted, textured
  backdrop with some clutter and noise.  It has the real set's keys, shapes, dtypes and class
  balance (180 train / 20 test images per class), is the same bytes for the same seed, and is
  cached in ``<data folder>/generated/signs_seed<seed>/`` after its first use.

  It is tuned to be learnable but not trivial (generator version 2, seed 0, TensorFlow 2.21 on a
  CPU, model seeds 0-4): the lesson's 12288-25-12-6 ReLU MLP on pixels / 255 (Adam, learning rate
  1e-4, batch 32, 100 epochs) reaches 59-73% test accuracy; a small conv net (conv 32 5x5, max-pool
  2, conv 32 3x3, max-pool 4, dropout 0.4, dense 64; Adam 1e-3, batch 32, 20 epochs) 92-93%.

``load_signs()`` returns ``(X_train, y_train), (X_test, y_test), classes`` with ``X`` uint8
``(m, 64, 64, 3)``, ``y`` int64 ``(m,)`` and ``classes`` int64 ``[0 1 2 3 4 5]``, and prints which
set it loaded.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import numpy as np

from nncourse.utils.data import data_dir as _default_data_dir
from nncourse.utils.i18n import _

TRAIN_FILE = "train_signs.h5"
TEST_FILE = "test_signs.h5"
SIDE = 64
N_CLASSES = 6
REAL_SIZES = (1080, 120)  # train / test images in the real SIGNS (and in the generated set)
SIGNS_SEED = 0  # the seed of the generated set that load_signs() uses
# Bump whenever generate_signs() draws different images: caches of older versions are regenerated.
GENERATOR_VERSION = 2
KEYS = {
    TRAIN_FILE: ("train_set_x", "train_set_y", "list_classes"),
    TEST_FILE: ("test_set_x", "test_set_y", "list_classes"),
}


# --------------------------------------------------------------------------------------------
# Loading


def signs_source(data_dir=None) -> str:
    """ "real" when the real SIGNS files are in the data folder, else "generated"."""
    folder = Path(data_dir) if data_dir is not None else _default_data_dir()
    return "real" if all((folder / name).is_file() for name in KEYS) else "generated"


def load_signs(data_dir=None, verbose: bool = True, source: str = "auto", seed: int = SIGNS_SEED):
    """Return ``(X_train, y_train), (X_test, y_test), classes``.

    data_dir: the folder to look in (default: the course's data folder).  source: "auto" (the real
    files when both are there, else the generated set), "real" or "generated".  seed: which
    generated set.  X is (m, 64, 64, 3) uint8, y is (m,) int64 in 0..5, classes is int64 [0..5].
    With verbose=True one line says which set was loaded, so a notebook shows what its accuracies
    were measured on.
    """
    if source not in ("auto", "real", "generated"):
        raise ValueError(f"source must be 'auto', 'real' or 'generated', not {source!r}")
    folder = Path(data_dir) if data_dir is not None else _default_data_dir()
    present = [name for name in KEYS if (folder / name).is_file()]
    if source == "real" and len(present) < 2:
        raise FileNotFoundError(
            f"The real SIGNS files are not in {folder}: copy {TRAIN_FILE} and {TEST_FILE} there "
            "(or use source='generated')."
        )
    if source != "generated" and len(present) == 1:
        missing = next(name for name in KEYS if name not in present)
        raise FileNotFoundError(
            f"Found {folder / present[0]} but not {missing} next to it: the real SIGNS comes as two "
            f"files. Copy {missing} into {folder} as well, or move {present[0]} away to use the "
            "course's generated SIGNS-format set."
        )
    if source != "generated" and len(present) == 2:
        data = {}
        for name in KEYS:
            data.update(_read_real(folder / name))
        _check_layout(data, folder)
        how = _("real SIGNS from {folder}").format(folder=folder)
    else:
        data, how = _cached_generated(folder, seed)
    X_train, y_train = data["train_set_x"], data["train_set_y"]
    X_test, y_test = data["test_set_x"], data["test_set_y"]
    classes = data["list_classes"]
    if verbose:
        print(
            _(
                "SIGNS ({how}): train / test = {train} / {test} images of {side}x{side} pixels, classes {classes}"
            ).format(how=how, train=f"{len(y_train):,}", test=f"{len(y_test):,}", side=SIDE, classes=classes.tolist())
        )
    return (X_train, y_train), (X_test, y_test), classes


def _read_real(path: Path) -> dict:
    import h5py

    fix = (
        f"The real SIGNS files hold {', '.join(KEYS[TRAIN_FILE])} ({TRAIN_FILE}) and "
        f"{', '.join(KEYS[TEST_FILE])} ({TEST_FILE}): replace {path.name} with an intact copy, "
        f"or move both files out of {path.parent} to use the course's generated set."
    )
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        raise ValueError(f"{path} is not a readable HDF5 file ({exc}). {fix}") from exc
    with f:
        missing = [key for key in KEYS[path.name] if key not in f]
        if missing:
            raise ValueError(
                f"{path} has no dataset {', '.join(map(repr, missing))} (it has {sorted(f.keys())}). {fix}"
            )
        return {key: f[key][()] for key in KEYS[path.name]}


def _check_layout(data: dict, folder: Path) -> None:
    """Check the real set's shapes and values and convert it to the course's dtypes, in place."""
    hint = (
        f"The real SIGNS has uint8 images (m, {SIDE}, {SIDE}, 3), int64 labels (m,) in 0..5 and "
        f"list_classes [0 1 2 3 4 5]. Replace the file with an intact copy, or move "
        f"{TRAIN_FILE} and {TEST_FILE} out of {folder} to use the course's generated set."
    )
    for name, (xkey, ykey, _classes_key) in KEYS.items():
        X, y = np.asarray(data[xkey]), np.asarray(data[ykey])
        where = f"{folder / name}:"
        if X.ndim != 4 or X.shape[1:] != (SIDE, SIDE, 3):
            raise ValueError(f"{where} {xkey} has shape {X.shape}, not (m, {SIDE}, {SIDE}, 3). {hint}")
        y = y.reshape(-1) if y.ndim == 2 and 1 in y.shape else y  # some copies store (1, m)
        if y.ndim != 1 or len(y) != len(X):
            raise ValueError(
                f"{where} {ykey} has shape {np.shape(data[ykey])}, but {xkey} holds "
                f"{len(X)} images: expected ({len(X)},). {hint}"
            )
        if X.dtype != np.uint8:
            if not np.issubdtype(X.dtype, np.integer) or X.min() < 0 or X.max() > 255:
                raise ValueError(f"{where} {xkey} is {X.dtype}, not uint8 pixels in 0..255. {hint}")
            X = X.astype(np.uint8)
        if not np.issubdtype(y.dtype, np.integer) or (len(y) and (y.min() < 0 or y.max() >= N_CLASSES)):
            raise ValueError(
                f"{where} {ykey} must hold integer labels 0..{N_CLASSES - 1}, "
                f"got {y.dtype} {np.unique(y)[:10].tolist()}. {hint}"
            )
        data[xkey], data[ykey] = X, y.astype(np.int64)
    classes = np.asarray(data["list_classes"]).reshape(-1)
    if classes.tolist() != list(range(N_CLASSES)):
        raise ValueError(f"{folder}: list_classes is {classes.tolist()}, not {list(range(N_CLASSES))}. {hint}")
    data["list_classes"] = classes.astype(np.int64)


def _cached_generated(folder: Path, seed: int):
    """The generated set from its cache when the cache matches this generator, else drawn anew."""
    cache = folder / "generated" / f"signs_seed{seed}"
    attrs = {"generator": "nncourse.utils.signs", "generator_version": GENERATOR_VERSION, "seed": seed}
    data = _read_cache(cache, attrs)
    real = _("to use the real SIGNS, put {train} and {test} in {folder}").format(
        train=TRAIN_FILE, test=TEST_FILE, folder=folder
    )
    if data is not None:
        return data, _("generated by the course, seed {seed}, cached in {cache}; {real}").format(
            seed=seed, cache=cache, real=real
        )
    data = generate_signs(seed=seed)
    try:
        write_signs_h5(cache, data, attrs=attrs)
        where = _("now cached in {cache}").format(cache=cache)
    except OSError as exc:  # a read-only data folder: the set is still usable, just not cached
        where = _("not cached: {problem}").format(problem=exc)
    return data, _("generated by the course, seed {seed}, {where}; {real}").format(seed=seed, where=where, real=real)


def _read_cache(cache: Path, attrs: dict):
    import h5py

    data = {}
    try:
        for name, keys in KEYS.items():
            with h5py.File(cache / name, "r") as f:
                if any(_attr(f.attrs.get(k)) != v for k, v in attrs.items()):
                    return None
                data.update({key: f[key][()] for key in keys})
    except (OSError, KeyError, ValueError):
        return None
    sizes = (len(data["train_set_y"]), len(data["test_set_y"]))
    if sizes != REAL_SIZES or data["train_set_x"].shape[1:] != (SIDE, SIDE, 3):
        return None
    return data


def _attr(value):
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    return value


def write_signs_h5(folder, data: dict, attrs: dict | None = None) -> tuple[Path, Path]:
    """Write ``data`` (the keys of both SIGNS files) as ``train_signs.h5`` and ``test_signs.h5``.

    Each file is written to a temporary file in ``folder`` and renamed into place, so a reader
    never sees half a file.  ``attrs`` are stored as HDF5 attributes of both files.  Returns the
    two paths.
    """
    import h5py

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, keys in KEYS.items():
        tmp = folder / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"  # same folder: atomic rename
        try:
            with h5py.File(tmp, "w") as f:
                for key in keys:
                    value = np.asarray(data[key])
                    if value.ndim == 4:
                        f.create_dataset(
                            key,
                            data=value,
                            compression="gzip",
                            compression_opts=4,
                            chunks=(max(1, min(len(value), 64)),) + value.shape[1:],
                        )
                    else:
                        f.create_dataset(key, data=value)
                for key, value in (attrs or {}).items():
                    f.attrs[key] = value
            os.replace(tmp, folder / name)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        paths.append(folder / name)
    return tuple(paths)


# --------------------------------------------------------------------------------------------
# The generated set

# Which fingers are raised for each class, with their probabilities.  Fingers: T thumb, I index,
# M middle, R ring, P pinky.  Mostly the usual way of counting on one hand, index first, with a few
# other ways to show the same number (a thumb for one, thumb and index for two, ...).
FINGER_SETS = {
    0: [("", 1.0)],
    1: [("I", 0.8), ("M", 0.1), ("T", 0.1)],
    2: [("IM", 0.75), ("TI", 0.2), ("IP", 0.05)],
    3: [("IMR", 0.65), ("TIM", 0.3), ("MRP", 0.05)],
    4: [("IMRP", 0.9), ("TIMR", 0.1)],
    5: [("TIMRP", 1.0)],
}

# How much the pictures vary: the knobs that make the set learnable but not trivial.
VARIATION = dict(
    rotation_deg=12.0,  # hand rotation, uniform in +-
    scale=(24.0, 31.0),  # pixels per palm width
    shift_px=3.0,  # palm centre offset, uniform in +- (x and y)
    background_level=(0.0, 0.3),  # grey level of the backdrop (dark: see the note below)
    background_tint=0.06,  # its colour: std of each channel around its grey
    background_texture=0.04,  # largest std of its low-frequency texture
    clutter=(0, 2),  # objects in the background, uniform count
    clutter_contrast=0.2,  # their colour: std of each channel around the backdrop's
    noise=(1.0, 4.0),  # pixel noise sigma (0..255 scale)
    brightness=(0.8, 1.1),  # global light level
    light_gradient=0.3,  # strength of a linear lighting gradient across the image
    finger_spread=(0.7, 1.5),  # how far the raised fingers fan out (1: the default fan)
)
# Why dark backdrops: the lesson's 12288-25-12-6 ReLU MLP on raw pixels / 255 loses most of its
# hidden units in its first Adam steps when every image shares a large bright common part (all
# inputs positive, all weights step together); on bright backdrops whole runs collapse to chance.
# On dark ones enough units survive, so the MLP learns, while the hand stays the bright subject.

SKIN_TONES = (
    np.array(
        [
            [255, 224, 189],
            [241, 194, 150],
            [224, 172, 125],
            [198, 140, 98],
            [160, 105, 70],
            [120, 78, 50],
            [92, 58, 40],
        ],
        dtype=float,
    )
    / 255.0
)

# Finger geometry in palm units (palm width 1, y up, thumb on the -x side): base x, length, radius.
_FINGERS = {"I": (-0.33, 0.80, 0.09), "M": (-0.11, 0.90, 0.092), "R": (0.11, 0.84, 0.088), "P": (0.32, 0.64, 0.08)}
_FAN_DEG = {"I": 8.0, "M": 2.0, "R": -4.0, "P": -12.0}
_PALM_HALF = (0.48, 0.48)
_FINGER_BASE_Y = 0.36


def generate_signs(seed: int = SIGNS_SEED, n_train: int = REAL_SIZES[0], n_test: int = REAL_SIZES[1]) -> dict:
    """Draw a SIGNS-format set: the keys of both SIGNS files, as one dict.

    ``train_set_x`` uint8 (n_train, 64, 64, 3), ``train_set_y`` int64 (n_train,), the same for
    ``test_set_*``, and ``list_classes`` int64 [0..5].  Classes are balanced (as evenly as n
    allows) and shuffled; the same seed gives the same bytes.  Image i of a split depends only on
    the seed, the split and i, so a smaller set is the start of a larger one's pictures.
    """
    out = {"list_classes": np.arange(N_CLASSES, dtype=np.int64)}
    for split, n in (("train", n_train), ("test", n_test)):
        split_id = 0 if split == "train" else 1
        order = np.random.default_rng([seed, split_id, 7919]).permutation(n)
        labels = (np.arange(n) % N_CLASSES).astype(np.int64)[order]
        images = np.empty((n, SIDE, SIDE, 3), dtype=np.uint8)
        for i in range(n):
            rng = np.random.default_rng([seed, split_id, i])
            images[i] = _draw(rng, int(labels[i]))
        out[f"{split}_set_x"], out[f"{split}_set_y"] = images, labels
    return out


# Pixel centres, x to the right and y up, origin at the image centre.
_XS = np.arange(SIDE) + 0.5 - SIDE / 2
_GX, _GY = (g.astype(np.float32) for g in np.meshgrid(_XS, -_XS))


def _draw(rng: np.random.Generator, label: int) -> np.ndarray:
    v = VARIATION
    light = _lighting(rng)
    image = _background(rng)
    # the hand's frame: rotation, scale (pixels per palm unit), palm centre, mirror (which hand)
    angle = np.deg2rad(rng.uniform(-v["rotation_deg"], v["rotation_deg"]))
    scale = rng.uniform(*v["scale"])
    cx, cy = rng.uniform(-v["shift_px"], v["shift_px"], size=2) + (0.0, -0.42 * scale)
    mirror = -1.0 if rng.random() < 0.5 else 1.0
    c, s = np.cos(angle), np.sin(angle)
    px, py = _GX - cx, _GY - cy
    hx = (mirror * (c * px + s * py) / scale).astype(np.float32)  # pixel -> hand coordinates
    hy = ((-s * px + c * py) / scale).astype(np.float32)
    skin = np.clip(SKIN_TONES[rng.integers(len(SKIN_TONES))] * rng.uniform(0.9, 1.1, 3), 0, 1)
    skin = skin.astype(np.float32)

    sets, probs = zip(*FINGER_SETS[label])
    raised = sets[rng.choice(len(sets), p=probs)]
    spread = rng.uniform(*v["finger_spread"])
    parts = []  # (signed distance in hand units, skin shade factor or a sleeve's RGB), in drawing order
    # forearm, sometimes in a sleeve
    arm_w = rng.uniform(0.30, 0.38)
    parts.append(
        (
            _capsule(hx, hy, 0.0, -0.3, rng.uniform(-0.15, 0.15), -3.0, arm_w, arm_w * 1.1),
            1.0 if rng.random() < 0.6 else rng.uniform(0.1, 0.9, 3),
        )
    )
    parts.append((_rounded_box(hx, hy - 0.02, _PALM_HALF[0], _PALM_HALF[1], 0.22), 1.0))
    for finger, (bx, length, radius) in _FINGERS.items():
        if finger in raised:
            a = np.deg2rad(_FAN_DEG[finger] * spread + rng.normal(0, 3))
            length *= rng.uniform(0.88, 1.06)
            tip = (bx - np.sin(a) * length, _FINGER_BASE_Y + np.cos(a) * length)
            parts.append((_capsule(hx, hy, bx, _FINGER_BASE_Y - 0.1, tip[0], tip[1], radius, radius * 0.85), 1.0))
        else:  # folded: a knuckle bump on top of the palm
            parts.append(
                (
                    _capsule(hx, hy, bx, _FINGER_BASE_Y - 0.05, bx, _FINGER_BASE_Y + 0.06, radius * 1.1, radius * 1.1),
                    0.93,
                )
            )
    if "T" in raised:
        a = np.deg2rad(rng.uniform(35, 65))
        base = (-0.40, -0.12)
        tip = (base[0] - np.sin(a) * 0.62, base[1] + np.cos(a) * 0.62)
        parts.append((_capsule(hx, hy, base[0], base[1], tip[0], tip[1], 0.14, 0.10), 1.0))
    else:  # folded across the palm
        parts.append(
            (_capsule(hx, hy, -0.42, -0.20, rng.uniform(-0.05, 0.12), rng.uniform(0.0, 0.18), 0.13, 0.10), 0.95)
        )
    # Composite the skin parts as one alpha and one shade map, then colour them once.
    alpha_hand = np.zeros((SIDE, SIDE), np.float32)
    shade_hand = np.zeros((SIDE, SIDE), np.float32)
    for dist, shade in parts:
        d_px = dist * scale
        alpha = np.clip(0.5 - d_px, 0.0, 1.0)
        rim = 1.0 - 0.45 * np.clip(1.0 + d_px / 2.5, 0.0, 1.0)  # darker along each part's edge
        if np.ndim(shade) == 0:  # skin
            shade_hand += alpha * (rim * shade - shade_hand)
            alpha_hand += alpha * (1.0 - alpha_hand)
        else:  # a sleeve, behind everything else of the hand
            image += alpha[..., None] * (shade * rim[..., None] - image)
    hand = skin[None, None, :] * shade_hand[..., None]
    image += alpha_hand[..., None] * (hand - image)
    image *= light[..., None] * 255.0
    image += rng.standard_normal(image.shape, dtype=np.float32) * np.float32(rng.uniform(*v["noise"]))
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def _lighting(rng):
    v = VARIATION
    phi = rng.uniform(0, 2 * np.pi)
    g = rng.uniform(0, v["light_gradient"])
    return rng.uniform(*v["brightness"]) * (1.0 + g * (np.cos(phi) * _GX + np.sin(phi) * _GY) / SIDE)


def _background(rng):
    """A wall: a tinted grey with a gradient to another, low-frequency texture and a few objects."""
    v = VARIATION
    c1 = np.clip(rng.uniform(*v["background_level"]) + rng.normal(0, v["background_tint"], 3), 0, 1)
    c2 = np.clip(c1 + rng.normal(0, v["background_tint"], 3), 0, 1)
    phi = rng.uniform(0, 2 * np.pi)
    t = np.clip(0.5 + (np.cos(phi) * _GX + np.sin(phi) * _GY) / SIDE, 0, 1)[..., None]
    image = c1 * (1 - t) + c2 * t
    coarse = rng.normal(0, rng.uniform(0.0, v["background_texture"]), size=(9, 9))
    image = image + _upsample(coarse)[..., None]
    for _clutter in range(rng.integers(v["clutter"][0], v["clutter"][1] + 1)):
        colour = np.clip(c1 + rng.normal(0, v["clutter_contrast"], 3), 0, 1)
        ox, oy = rng.uniform(-SIDE / 2, SIDE / 2, 2)
        rx, ry = rng.uniform(3, 14, 2)
        if rng.random() < 0.5:  # ellipse
            d = (np.hypot((_GX - ox) / rx, (_GY - oy) / ry) - 1.0) * min(rx, ry)
        else:  # axis-aligned box
            d = np.maximum(np.abs(_GX - ox) - rx, np.abs(_GY - oy) - ry)
        alpha = np.clip(0.5 - d, 0, 1)[..., None]
        image = image * (1 - alpha) + colour * alpha
    return image.astype(np.float32)


def _upsample(grid):
    """Bilinear upsampling of a small grid to SIDE x SIDE."""
    n = grid.shape[0]
    pos = np.linspace(0, n - 1, SIDE)
    i0 = np.minimum(pos.astype(int), n - 2)
    f = pos - i0
    rows = grid[i0] * (1 - f)[:, None] + grid[i0 + 1] * f[:, None]
    return rows[:, i0] * (1 - f)[None, :] + rows[:, i0 + 1] * f[None, :]


def _capsule(x, y, ax, ay, bx, by, ra, rb):
    """Signed distance to a segment a-b with radius tapering from ra to rb."""
    px, py = x - ax, y - ay
    dx, dy = bx - ax, by - ay
    h = np.clip((px * dx + py * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    return np.hypot(px - h * dx, py - h * dy) - (ra + (rb - ra) * h)


def _rounded_box(x, y, hx, hy, r):
    qx, qy = np.abs(x) - (hx - r), np.abs(y) - (hy - r)
    outside = np.hypot(np.maximum(qx, 0), np.maximum(qy, 0))
    return outside + np.minimum(np.maximum(qx, qy), 0) - r


# --------------------------------------------------------------------------------------------
# Showing


def show_signs_grid(X, y, per_class: int = 6, ax=None, classes=None, title=None):
    """One row per class with its first ``per_class`` images, as a single picture; returns the axes."""
    import matplotlib.pyplot as plt

    X, y = np.asarray(X), np.asarray(y)
    classes = np.unique(y) if classes is None else np.asarray(classes)
    gap = 2
    cell = SIDE + gap
    mosaic = np.full((len(classes) * cell - gap, per_class * cell - gap, 3), 255, dtype=np.uint8)
    for row, label in enumerate(classes):
        for col, k in enumerate(np.flatnonzero(y == label)[:per_class]):
            mosaic[row * cell : row * cell + SIDE, col * cell : col * cell + SIDE] = X[k]
    if ax is None:
        _fig, ax = plt.subplots(figsize=(1.0 * per_class + 0.6, 1.0 * len(classes)))
    ax.imshow(mosaic)
    ax.set_yticks(np.arange(len(classes)) * cell + SIDE / 2)
    ax.set_yticklabels([str(c) for c in classes])
    ax.set_xticks([])
    ax.set_ylabel("class (fingers raised)")
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    if title:
        ax.set_title(title)
    return ax
