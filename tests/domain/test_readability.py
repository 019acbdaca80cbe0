"""やさしい日本語 hints: no false alarms on dates, and each wording check with its one-click rewrite."""

from __future__ import annotations

import pytest

from circular_app.domain.readability import HintKind, RulesError, check, parse_rules
from circular_app.paths import bundle_root
from circular_app.services.circulars import READABILITY_RULES

RULES = parse_rules((bundle_root() / "resources" / READABILITY_RULES).read_text(encoding="utf-8"))


def test_date_and_time_lines_are_not_flagged() -> None:
    """Dates, times, 和暦 eras, weekdays and 3班 are words every reader knows, not hard kanji."""
    for line in (
        "令和8年12月20日(日)午前8時",
        "日時：令和8年12月20日(日)午前8時～午前10時30分（3班・5班は公民館前に集合）",
        "平成31年4月30日（火）午後2時、2丁目3番地の集会所",
    ):
        assert check(line, RULES) == [], line


def test_many_kanji_are_still_flagged() -> None:
    """A sentence of real hard words keeps its 漢字が多め hint, with its date left out of the share."""
    text = "令和8年12月20日(日)午前8時、町内会館大会議室集合後、各班長指示従事願。"
    assert [h.kind for h in check(text, RULES)] == [HintKind.KANJI]


# (text, kind, expected text after the rewrite)
EXAMPLES = [
    (
        "雨天の場合は中止となりますので、参加を予定されていた方は当日の朝7時までに、お住まいの班の班長へ電話で必ずご連絡ください。",
        HintKind.LONG_SENTENCE,
        "雨天の場合は中止となります。参加を予定されていた方は当日の朝7時までに、お住まいの班の班長へ電話で必ずご連絡ください。",
    ),
    ("参加できないわけではありません。", HintKind.DOUBLE_NEGATIVE, "参加できます。"),
    ("当日は受付を担当させていただきます。", HintKind.HONORIFIC_CHAIN, "当日は受付を担当します。"),
    ("ボランティアを募集します。", HintKind.LOANWORD, "ボランティア（てつだい）を募集します。"),
    ("行事のキャンセルは班長へ。", HintKind.LOANWORD, "行事の取り消しは班長へ。"),
    ("会長がおっしゃられました。", HintKind.DOUBLE_HONORIFIC, "会長がおっしゃいました。"),
    ("資料をご覧になられる方へ。", HintKind.DOUBLE_HONORIFIC, "資料をご覧になる方へ。"),
    ("書類を拝見させていただきます。", HintKind.DOUBLE_HONORIFIC, "書類を拝見します。"),
    ("可及的速やかにご連絡ください。", HintKind.DIFFICULT_WORD, "できるだけ早くご連絡ください。"),
]


@pytest.mark.parametrize(
    ("text", "kind", "rewritten"), EXAMPLES, ids=[f"{e[1]}-{i}" for i, e in enumerate(EXAMPLES)]
)
def test_each_check_finds_its_example_and_rewrites_it(text: str, kind: HintKind, rewritten: str) -> None:
    """The check lists its example once, and its fix gives the plainer text, which has no such hint."""
    hints = [h for h in check(text, RULES) if h.kind is kind]
    assert len(hints) == 1, hints
    fix = hints[0].fix
    assert fix is not None
    assert fix.apply(text) == rewritten
    assert [h for h in check(rewritten, RULES) if h.kind is kind] == []


def test_a_double_negative_without_a_safe_rewrite_is_only_explained() -> None:
    """〜なくはない gets advice but no 直す: the writer's own words are needed."""
    hints = check("行けなくはない。", RULES)
    assert [h.kind for h in hints] == [HintKind.DOUBLE_NEGATIVE]
    assert hints[0].fix is None and "そのまま" in hints[0].message


def test_a_loanword_inside_a_longer_katakana_word_is_left_alone() -> None:
    """リスト is not found inside リストラ, nor ルール inside スケジュール."""
    assert [h.kind for h in check("リストラのスケジュール", RULES)] == [HintKind.LOANWORD]


def test_the_longer_overlapping_rule_wins() -> None:
    """拝見させていただきます is one 二重敬語 hint, not also an honorific chain."""
    hints = check("拝見させていただきます", RULES)
    assert [h.kind for h in hints] == [HintKind.DOUBLE_HONORIFIC]


def test_a_broken_rule_file_says_where() -> None:
    """A bad entry names its table and number."""
    with pytest.raises(RulesError, match=r"\[\[loanword\]\] entry 2"):
        parse_rules("[[loanword]]\nfind = 'ア'\nreplace = 'a'\n[[loanword]]\nreplace = 'b'\n")
    with pytest.raises(RulesError, match="group"):
        parse_rules("[[difficult_word]]\nfind = 'ア'\nreplace = '\\1'\n")
