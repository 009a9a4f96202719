"""Progress bars for training loops: widgets in JupyterLab, text elsewhere, silent while grading."""

from __future__ import annotations

from tqdm.auto import tqdm, trange

from .runtime import autograding


def progress(iterable=None, desc=None, total=None, **kwargs):
    """``tqdm.auto.tqdm`` with the course's defaults; disabled while a notebook is autograded."""
    kwargs.setdefault("disable", autograding())
    kwargs.setdefault("leave", True)
    return tqdm(iterable, desc=desc, total=total, **kwargs)


def progress_range(n, desc=None, **kwargs):
    """``range(n)`` with a progress bar."""
    kwargs.setdefault("disable", autograding())
    return trange(n, desc=desc, **kwargs)
