"""Grading: the hidden test cases of each lesson, their stored reference outputs, and the checks
that hidden test cells run.  Installed as ``nncourse.autograder``."""
