"""A translated notebook's checks find the answers recorded under their English names."""

import pytest

from nncourse.utils.answers import Answers
from nncourse.utils.i18n import language


def test_a_check_called_by_its_translated_name_finds_the_english_answer():
    answers = Answers(
        "99_tiny",
        expected={"sigmoid of 0": 0.5},
        mistakes={"sigmoid of 0": {"forgot the minus": 0.7}},
        tolerances={"sigmoid of 0": [1e-6, 1e-8]},
        names={"zh_CN": {"0 处的 sigmoid": "sigmoid of 0"}},
    )
    assert answers.lookup("sigmoid of 0") == (0.5, {"forgot the minus": 0.7})
    with language("zh_CN"):
        assert answers.lookup("0 处的 sigmoid") == (0.5, {"forgot the minus": 0.7})
        assert answers.lookup("sigmoid of 0")[0] == 0.5  # an English name still works
    with pytest.raises(KeyError, match="run `nncourse release 99_tiny`"):
        answers.lookup("0 处的 sigmoid")  # in English, the Chinese name means nothing
    assert Answers("99_tiny", **{k: v for k, v in answers.to_plain().items()}).names == answers.names
