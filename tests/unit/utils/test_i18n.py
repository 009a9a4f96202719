"""The language of messages and plots."""

import warnings

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nncourse.utils import i18n  # noqa: E402


def test_messages_follow_the_language_and_english_is_the_fallback():
    message = "{name} has shape {got}; expected {want}"
    assert i18n._(message) == message
    with i18n.language("zh_CN"):
        assert i18n._(message) != message and "{name}" in i18n._(message)
        assert i18n._("a message no catalogue holds") == "a message no catalogue holds"
    assert i18n.current_language() == "en"
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("xx")


def test_a_chinese_title_renders_without_missing_glyphs(tmp_path):
    """matplotlib warns "Glyph ... missing from font" for each character it cannot draw."""
    saved = dict(matplotlib.rcParams)
    try:
        assert i18n.cjk_font_path() is not None, "the zh extra (mplfonts) is not installed"
        assert i18n.use_cjk_font()
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, -1])
        ax.set_title("代价随训练轮数下降（交叉熵）")
        ax.set_xlabel("训练轮数")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(tmp_path / "zh.png")
        plt.close(fig)
        missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
        assert not missing, missing
        assert (tmp_path / "zh.png").stat().st_size > 1000
    finally:
        matplotlib.rcParams.update(saved)


def test_pad_counts_a_chinese_character_as_two_columns():
    from nncourse.utils.i18n import display_width, pad

    assert display_width("abc") == 3 and display_width("验证集") == 6 and display_width("验证 a") == 6
    assert pad("abc", 6) == "abc   " and pad("验证", 6) == "验证  " and pad("验证", 6, ">") == "  验证"
    assert pad("ab", 6, "^") == "  ab  " and pad("toolong", 3) == "toolong" and pad(0.5, 5) == "0.5  "
    assert pad("abc", 6) == f"{'abc':<6}" and pad("abc", 6, ">") == f"{'abc':>6}"
