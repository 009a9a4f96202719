"""The course in Simplified Chinese, for every lesson that has a catalogue (solutions/<lesson>/zh_CN.po):
its catalogue is up to date and reviewed, its notebooks are what the source, the catalogue and nbgrader
make, no English prose is left, it runs, and it is graded exactly as the English course is."""

import filecmp
import re

import nbformat
import pytest
from testkit.sandboxes import STRONGEST
from testkit.submissions import mixed_answers, with_answers, write

from nncourse.course.lessons import all_lessons
from nncourse.notebooks import build_notebook, notebook_json
from nncourse.release import generate_release
from nncourse.translation import lesson_catalog_of, lesson_po, lesson_template, problems

LANG = "zh_CN"
LESSONS = [lesson for lesson in all_lessons() if lesson_po(lesson.source, LANG).is_file()]
pytestmark = pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])  # see conftest

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
NOT_PROSE = re.compile(
    r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>]+>|\*\*|[#*_|>\-]",
    re.S,  # formulas, code, link targets, URLs, tags, Markdown marks
)
ENGLISH_WORDS = re.compile(r"\b[a-z]{3,}\b(?:[ ,;:]+\b[a-z]{3,}\b){2,}")  # three words in a row: a sentence
MIN_CJK_SHARE = 0.25  # of the letters left in a cell once code and formulas are taken out


def test_the_catalogue_is_up_to_date_and_reviewed(lesson):
    catalog = lesson_catalog_of(lesson.source, LANG)
    template = lesson_template(build_notebook(lesson.source, marked_strings=True), lesson.source.name)
    assert {m.id for m in catalog if m.id} == {m.id for m in template if m.id}, (
        f"run `nncourse translate {lesson.id}`: the English of the lesson changed"
    )
    todo = problems(catalog)
    assert not todo, f"{len(todo)} entries of {lesson_po(lesson.source, LANG)} need a translator:\n" + "\n".join(
        todo[:10]
    )


def test_the_chinese_solution_notebook_is_what_the_source_and_catalogue_make(lesson):
    expected = notebook_json(build_notebook(lesson.source, LANG))
    path = lesson.solution_in(LANG)
    assert path.is_file() and path.read_text(encoding="utf-8") == expected, (
        f"{path} is out of date: run `nncourse release {lesson.id}`"
    )


def test_no_english_prose_is_left(lesson):
    nb = nbformat.read(lesson.solution_in(LANG), as_version=4)
    english = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        prose = NOT_PROSE.sub(" ", cell.source)
        letters = [ch for ch in prose if ch.isalpha()]
        if len(letters) >= 20 and sum(bool(CJK.match(ch)) for ch in letters) < MIN_CJK_SHARE * len(letters):
            english.append(cell.source[:80])
    assert not english, f"Markdown cells still in English: {english}"
    assert nb.metadata["nncourse"]["language"] == LANG


def test_the_code_is_the_english_code(lesson):
    """Only comments and the strings a student reads differ: the same cells, the same statements."""
    chinese = nbformat.read(lesson.solution_in(LANG), as_version=4)
    english = nbformat.read(lesson.solution, as_version=4)
    assert [c.cell_type for c in chinese.cells] == [c.cell_type for c in english.cells]
    assert [c.metadata.get("nbgrader") for c in chinese.cells] == [c.metadata.get("nbgrader") for c in english.cells]
    for zh, en in zip(chinese.cells, english.cells):
        if zh.cell_type == "code":
            assert code_tokens(zh.source) == code_tokens(en.source) or "set_language" in zh.source


def code_tokens(source: str) -> list[str]:
    """The code's names and operators, without comments and string contents."""
    import io
    import tokenize

    from nncourse.course.notebooks import strip_magics

    kinds = (tokenize.NAME, tokenize.OP, tokenize.NUMBER)
    return [t.string for t in tokenize.generate_tokens(io.StringIO(strip_magics(source)).readline) if t.type in kinds]


@pytest.mark.slow
def test_the_chinese_release_is_what_generate_assignment_makes(lesson, tmp_path):
    generated = generate_release(lesson, tmp_path, LANG)
    committed = lesson.release_in(LANG).parent
    compare = filecmp.dircmp(generated, committed, ignore=filecmp.DEFAULT_IGNORES + [".ipynb_checkpoints"])
    assert not compare.left_only and not compare.right_only
    for name in compare.common_files:
        assert (generated / name).read_bytes() == (committed / name).read_bytes(), (
            f"{committed / name} differs from nbgrader's output: run `nncourse release {lesson.id}`"
        )


@pytest.mark.slow
def test_the_chinese_notebook_runs_top_to_bottom(lesson, tmp_path, monkeypatch):
    """With the experiments at their autograding size (the English run checks the full ones; the code
    is the same)."""
    from nbclient import NotebookClient

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")  # the kernel inherits it
    nb = nbformat.read(lesson.solution_in(LANG), as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = [o.text for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stdout"]
    passed = [text for text in printed if "✓" in text]
    assert passed and all(CJK.search(text) for text in passed), "the public tests' messages are not in Chinese"
    english = [
        line for text in printed for line in text.splitlines() if ENGLISH_WORDS.search(line) and not CJK.search(line)
    ]
    assert not english, f"lines printed in English (mark their strings _(...) in the source): {english[:5]}"


@pytest.mark.slow
def test_grading_is_language_blind(lesson, tmp_path):
    """The same answers get the same points in either language, cell by cell; the Chinese feedback is
    in Chinese."""
    from nncourse.autograder.grader import Grader

    english, chinese = (nbformat.read(path, as_version=4) for path in (lesson.solution, lesson.solution_in(LANG)))
    blank_en, blank_zh = (nbformat.read(path, as_version=4) for path in (lesson.release, lesson.release_in(LANG)))
    mixed = mixed_answers(lesson)
    pairs = {
        "correct": (english, chinese),
        "partial": (with_answers(english, mixed), with_answers(chinese, mixed)),
        "blank": (blank_en, blank_zh),
    }
    with Grader(sandbox=STRONGEST) as grader:
        for kind, (en, zh) in pairs.items():
            grades = [
                grader.grade(str(write(nb, tmp_path / lang / kind / lesson.id / lesson.solution.name)))
                for lang, nb in (("en", en), (LANG, zh))
            ]
            points = [{e.cell_id: e.points for e in g.exercises} for g in grades]
            assert points[0] == points[1], f"{kind}: English {points[0]} but Chinese {points[1]}"
            failed = [e.feedback for e in grades[1].exercises if not e.passed]
            assert all(CJK.search(text) for text in failed), f"{kind}: feedback not in Chinese: {failed[:1]}"
            total, full = sum(points[1].values()), grades[1].max_score
            assert {"correct": total == full, "partial": 0 < total < full, "blank": total == 0}[kind], (kind, total)
