"""Helpers the course's notebooks import: data, checks for test cells, gradient checking,
plots and progress bars.  Installed as ``nncourse.utils``."""
