"""Plots the lessons share: learning curves and image grids."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .i18n import _


def plot_curves(curves, ylabel, xlabel=None, title=None, ax=None, logy=False):
    """One line per entry of ``curves`` ({label: sequence of values}); returns the axes.
    xlabel: "epoch" (in the notebook's language) unless given."""
    if ax is None:
        _fig, ax = plt.subplots(figsize=(6, 4))
    xlabel = _("epoch") if xlabel is None else xlabel
    for label, values in curves.items():
        values = np.asarray(values, dtype=float)
        ax.plot(np.arange(len(values)), values, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if logy:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    if len(curves) > 1:
        ax.legend()
    ax.grid(alpha=0.3)
    return ax


def show_images(X, labels=None, side=28, ncols=10, cmap="gray", title=None, max_images=50):
    """Grid of the first images of ``X`` (columns of side*side pixels, or (m, h, w[, 3]) arrays)."""
    images = _as_images(X, side)[:max_images]
    nrows = int(np.ceil(len(images) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.2 * nrows), squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < len(images):
            ax.imshow(images[k], cmap=cmap if images[k].ndim == 2 else None)
            if labels is not None:
                ax.set_title(str(labels[k]), fontsize=9)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def _as_images(X, side):
    X = np.asarray(X)
    if X.ndim == 2 and X.shape[0] == side * side:  # course convention: one image per column
        return X.T.reshape(-1, side, side)
    return X
