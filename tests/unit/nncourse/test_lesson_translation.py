"""A lesson's prose in another language, from its catalogue: extraction, stale entries, the build."""

from pathlib import Path

from nncourse.notebooks import build_notebook
from nncourse.translation import comment_blocks, lesson_catalog_of, problems, reviewed, update_lesson

SOURCE = """# %% [markdown]
# # A tiny lesson
#
# The sigmoid $\\\\sigma(z) = 1/(1 + e^{-z})$ squashes.

# %% tags=["setup"]
import numpy as np  # arrays

# %%
# A paragraph of comment
# over two lines.
x = np.zeros(3)  # three zeros
label = "a # inside a string is not a comment"
print(_(f"{x.size} zeros, # not a comment"), _("plain"))

# %% nbgrader={"grade": false, "grade_id": "f", "locked": false, "schema_version": 3, "solution": true, "task": false}
def f(z):
    ### BEGIN SOLUTION
    return z  # the identity
    ### END SOLUTION
"""


def lesson(tmp_path, text=SOURCE) -> Path:
    folder = tmp_path / "99_tiny"
    folder.mkdir(exist_ok=True)
    (folder / "tiny.py").write_text(text, encoding="utf-8")
    return folder / "tiny.py"


def test_comment_blocks_group_paragraphs_and_skip_markers_and_strings():
    source = "# one\n# two\nx = 1  # after\ns = '# not'\n    ### BEGIN SOLUTION\n# YOUR CODE HERE\n"
    assert [text for *_, text in comment_blocks(source)] == ["one\ntwo", "after"]


def test_the_catalogue_holds_the_prose_and_the_build_replaces_it(tmp_path):
    source = lesson(tmp_path)
    catalog = update_lesson(source, "zh_CN")
    ids = {m.id for m in catalog if m.id}
    assert {"A paragraph of comment\nover two lines.", "three zeros", "arrays", "the identity"} <= ids
    assert any(i.startswith("# A tiny lesson") for i in ids)
    assert not any("inside a string" in i or "SOLUTION" in i for i in ids)
    assert {"{x.size} zeros, # not a comment", "plain"} <= ids  # strings marked _(...)
    assert len(problems(catalog)) == len(ids)  # all untranslated

    translations = {i: "【中】" + i for i in ids}
    nb = build_notebook(source, "zh_CN", translations)
    assert nb.metadata["nncourse"]["language"] == "zh_CN"
    markdown = nb.cells[0].source
    assert markdown.startswith("【中】# A tiny lesson")
    code = next(c.source for c in nb.cells if "np.zeros" in c.source)
    assert "# 【中】A paragraph of comment\n# over two lines.\nx = np.zeros(3)" in code  # one entry, two lines
    assert "x = np.zeros(3)  # 【中】three zeros" in code and "inside a string is not a comment" in code
    assert 'print(f"【中】{x.size} zeros, # not a comment", "【中】plain")' in code
    setup = next(c.source for c in nb.cells if "setup" in c.metadata.get("tags", []))
    assert setup.rstrip().endswith("set_language('zh_CN')  # Simplified Chinese")
    solution = next(c.source for c in nb.cells if "def f" in c.source)
    assert "### BEGIN SOLUTION" in solution and "# 【中】the identity" in solution
    english = build_notebook(source)
    assert 'print(f"{x.size} zeros, # not a comment", "plain")' in next(
        c.source for c in english.cells if "zeros," in c.source
    )
    assert [c.source.replace("【中】", "") for c in english.cells if c.cell_type == "markdown"] == [
        c.source.replace("【中】", "") for c in nb.cells if c.cell_type == "markdown"
    ]


def test_a_changed_english_sentence_marks_its_translation_fuzzy(tmp_path):
    from nncourse.translation import lesson_po, write_catalog

    source = lesson(tmp_path)
    catalog = update_lesson(source, "zh_CN")
    for message in catalog:
        if message.id:
            message.string = "译：" + message.id
    write_catalog(catalog, lesson_po(source, "zh_CN"))
    assert problems(lesson_catalog_of(source, "zh_CN")) == []

    lesson(tmp_path, SOURCE.replace("three zeros", "three zeros, as floats"))
    catalog = update_lesson(source, "zh_CN")
    stale = [m for m in catalog if m.id == "three zeros, as floats"]
    assert stale and stale[0].fuzzy and stale[0].string == "译：three zeros"
    assert [p for p in problems(catalog) if "fuzzy" in p] and "three zeros, as floats" not in reviewed(catalog)


def test_a_mark_may_hold_raw_and_adjacent_literals():
    from nncourse.translation import marked_strings, place_marked_strings

    source = 'print(_(f"a {x:.2f} "\n        f"b {y}"), _(r"$\\eta$ (log)"))'
    assert marked_strings(source) == ["a {x:.2f} b {y}", "$\\eta$ (log)"]
    assert place_marked_strings(source, {}) == 'print(f"a {x:.2f} "\n        f"b {y}", r"$\\eta$ (log)")'
    translated = place_marked_strings(source, {"a {x:.2f} b {y}": "甲 {x:.2f} 乙 {y}"})
    assert translated == 'print(f"甲 {x:.2f} 乙 {y}", r"$\\eta$ (log)")'


def test_docstrings_are_extracted_and_placed_as_written():
    import ast

    from nncourse.translation import docstrings, translate_docstrings

    source = (
        'def area(r):\n    """Area of a circle of radius r (λ-free).\n\n    r: (m,) array."""\n    return r\n\n'
        'class Box:\n    r"""A box, \\alpha."""\n\n    def size(self):\n        """\n        Its size.\n        """\n'
        '        return 1\n\nnote = "not a docstring"\n%time area(2)\n'
    )
    texts = [d.text for d in docstrings(source)]
    assert texts == ["Area of a circle of radius r (λ-free).\n\nr: (m,) array.", "A box, \\alpha.", "Its size."]
    translated = translate_docstrings(
        source,
        {texts[0]: "半径为 r 的圆的面积。\n\nr：(m,) 数组。", texts[1]: "一个盒子，\\alpha。", texts[2]: "它的大小。"},
    )
    assert '    """半径为 r 的圆的面积。\n\n    r：(m,) 数组。"""\n' in translated  # blank lines stay empty
    assert 'r"""一个盒子，\\alpha。"""' in translated
    assert '        """\n        它的大小。\n        """\n' in translated
    assert 'note = "not a docstring"' in translated
    from nncourse.course.notebooks import strip_magics

    ast.parse(strip_magics(translated))
    assert translate_docstrings(source, {}) == source
    assert docstrings("def broken(:\n") == []


def test_the_catalogue_holds_docstrings_and_the_chinese_build_translates_them(tmp_path):
    source = lesson(tmp_path, SOURCE + '\n# %%\ndef helper(x):\n    """Twice x."""\n    return 2 * x\n')
    catalog = update_lesson(source, "zh_CN")
    assert "Twice x." in {m.id for m in catalog}
    nb = build_notebook(source, "zh_CN", {"Twice x.": "x 的两倍。"})
    assert '"""x 的两倍。"""' in nb.cells[-1].source
    assert '"""Twice x."""' in build_notebook(source).cells[-1].source
