"""Reading a submission and finding each answer, without running anything."""

import json
from pathlib import Path

import pytest

from nncourse.autograder.submission import Unreadable, find_answer, names_used, read_submission


def notebook(*cells):
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {
                    "cell_type": kind,
                    "source": source,
                    "metadata": {"nbgrader": {"grade_id": gid}} if gid else {},
                    **({"outputs": [], "execution_count": None} if kind == "code" else {}),
                }
                for kind, source, gid in cells
            ],
        }
    ).encode()


def test_only_cells_above_the_test_cell_count_as_in_a_run_from_the_top():
    cells = read_submission(
        Path("x.ipynb"),
        notebook(
            ("code", "def f(x):\n    return x\n", "f"),
            ("code", "f(1)", "test_f"),
            ("code", "def f(x):\n    return 0\n", None),
        ),
    ).cells
    assert find_answer(cells, "f", "f", "test_f").sources == ["def f(x):\n    return x\n"]


def test_without_metadata_the_last_defining_cell_is_the_answer_and_a_note_says_so():
    cells = read_submission(
        Path("x.ipynb"),
        notebook(("code", "def f(x):\n    return x\n", None), ("code", "def f(x):\n    return 2 * x\n", None)),
    ).cells
    answer = find_answer(cells, "f", "f")
    assert answer.sources == ["def f(x):\n    return 2 * x\n"] and answer.notes


def test_a_missing_function_has_no_answer():
    cells = read_submission(Path("x.ipynb"), notebook(("code", "x = 1", None))).cells
    assert find_answer(cells, "f", "f") is None


@pytest.mark.parametrize("content, words", [(b"{not json", "invalid JSON"), (b"[]", "not a notebook")])
def test_a_damaged_file_is_unreadable_with_a_reason(content, words):
    with pytest.raises(Unreadable, match=words):
        read_submission(Path("x.ipynb"), content)


def test_names_used_finds_the_calls_and_ignores_magics():
    assert {"g", "np"} <= names_used("%time\ndef f(x):\n    return g(np.sum(x))\n")


def test_the_language_is_the_courses_metadata_else_english():
    def language(metadata):
        return read_submission(
            Path("x.ipynb"), json.dumps({"nbformat": 4, "metadata": metadata, "cells": []}).encode()
        ).language

    assert language({"nncourse": {"language": "zh_CN"}}) == "zh_CN"
    assert language({}) == language({"nncourse": {"language": "klingon"}}) == language({"nncourse": 3}) == "en"
