"""The translation catalogues: up to date with the English sources, complete, reviewed, and used.

When an English message changes, `nncourse translate` marks its translation fuzzy and these tests fail
until a translator has reviewed it; a new message fails them until it is translated.
"""

import numpy as np
import pytest

from nncourse.translation import TRANSLATED, message_template, messages_po, problems, read_catalog
from nncourse.utils import checks
from nncourse.utils.i18n import language, translations


@pytest.fixture(scope="module")
def template():
    return message_template()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalogue_holds_exactly_the_messages_of_the_sources(template, lang):
    catalog = read_catalog(messages_po(lang), lang)
    have, want = {m.id for m in catalog if m.id}, {m.id for m in template if m.id}
    assert have == want, f"run `nncourse translate`: new {sorted(want - have)[:5]}, gone {sorted(have - want)[:5]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_reviewed(lang):
    todo = problems(read_catalog(messages_po(lang), lang))
    assert not todo, f"{len(todo)} entries of {messages_po(lang).name} need a translator:\n" + "\n".join(todo[:20])


def test_the_template_finds_messages_of_each_kind(template):
    ids = {m.id for m in template}
    assert "{name} has shape {got}; expected {want}" in ids  # a check's message
    assert "{name} failed {count} of {total} hidden cases:" in ids  # the grader's feedback
    assert "very large |z| (overflow)" in ids  # a hidden case's description
    assert "forgets to divide by m" in ids  # a catalogued mistake


def test_a_failed_check_speaks_the_language_of_its_notebook():
    with pytest.raises(checks.CheckFailed) as english:
        checks.expect_shape(np.zeros((3, 2)), (2, 3), "Z")
    assert str(english.value) == "Z has shape (3, 2); expected (2, 3): is a transpose missing?"
    if not translations("zh_CN"):
        pytest.fail("utils/locale/zh_CN.po holds no reviewed translation")
    with language("zh_CN"), pytest.raises(checks.CheckFailed) as chinese:
        checks.expect_shape(np.zeros((3, 2)), (2, 3), "Z")
    message = str(chinese.value)
    assert "(3, 2)" in message and "(2, 3)" in message and "shape" not in message
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in message) >= 5
