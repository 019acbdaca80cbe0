"""やさしい日本語 hints for elderly readers, each with plainer wording where there is one.

Hints are suggestions shown beside the editor; they never block saving or publishing. The
checks: long sentences, many kanji (dates, times, numbers, 和暦 eras, weekdays and labels such
as 「3班」 do not count), and the wording rules of a resource file
(``resources/readability/plain_japanese.toml``, read by :func:`parse_rules`): difficult words,
katakana loanwords, honorific chains (〜させていただきます), 二重敬語 and double negatives.
A hint whose rewrite is safe carries a :class:`Fix`, which the editor applies with one click.
"""

from __future__ import annotations

import enum
import re
import tomllib
from dataclasses import dataclass

LONG_SENTENCE = 60  # characters; the guidance for easy Japanese is one idea per short sentence
KANJI_RATIO = 0.45  # share of kanji among letters in a sentence of at least 15 characters
KANJI_MIN_LETTERS = 15


class HintKind(enum.StrEnum):
    """What a hint is about (the rule tables of the resource file are named after the last five)."""

    LONG_SENTENCE = "long_sentence"
    KANJI = "kanji"
    DIFFICULT_WORD = "difficult_word"
    LOANWORD = "loanword"
    HONORIFIC_CHAIN = "honorific_chain"
    DOUBLE_HONORIFIC = "double_honorific"
    DOUBLE_NEGATIVE = "double_negative"


#: The kinds that come from the wording rules of the resource file.
RULE_KINDS = (
    HintKind.DIFFICULT_WORD,
    HintKind.LOANWORD,
    HintKind.HONORIFIC_CHAIN,
    HintKind.DOUBLE_HONORIFIC,
    HintKind.DOUBLE_NEGATIVE,
)


@dataclass(frozen=True)
class Fix:
    """Replace the characters ``start:end`` of the body with ``text``."""

    start: int
    end: int
    text: str

    def apply(self, body: str) -> str:
        """``body`` with the rewrite made."""
        return body[: self.start] + self.text + body[self.end :]


@dataclass(frozen=True)
class Hint:
    """A span of the body (character offsets), a message and, where there is one, plainer wording.

    ``suggestion`` is the plainer wording of the span (shown to the officer); ``fix`` is the
    rewrite 「直す」 makes, absent when a blind swap would read wrong.
    """

    start: int
    end: int
    kind: HintKind
    message: str
    suggestion: str = ""
    fix: Fix | None = None


@dataclass(frozen=True)
class Rewrite:
    """One wording rule: text matching ``pattern`` reads better as ``replace`` (``\\1`` allowed)."""

    kind: HintKind
    pattern: re.Pattern[str]
    replace: str
    fixable: bool


@dataclass(frozen=True)
class Rules:
    """The wording rules of the resource file."""

    rewrites: tuple[Rewrite, ...]


class RulesError(ValueError):
    """The rule file cannot be read: says which table and entry, and what is wrong."""


_KATAKANA = "ァ-ヺー"


def parse_rules(text: str, source: str = "plain_japanese.toml") -> Rules:
    """The rules of a TOML text (see the resource file for its format)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{source}: {error}") from error
    unknown = set(data) - {kind.value for kind in RULE_KINDS}
    if unknown:
        raise RulesError(f"{source}: unknown table(s) {', '.join(sorted(unknown))}")
    rewrites: list[Rewrite] = []
    for kind in RULE_KINDS:
        for number, entry in enumerate(data.get(kind.value, []), start=1):
            where = f"{source}: [[{kind.value}]] entry {number}"
            find, replace, fixable = entry.get("find"), entry.get("replace", ""), entry.get("fix", True)
            if not isinstance(find, str) or not find:
                raise RulesError(f"{where}: 'find' must be a non-empty text")
            if not isinstance(replace, str) or not isinstance(fixable, bool):
                raise RulesError(f"{where}: 'replace' must be a text and 'fix' true or false")
            if kind is HintKind.LOANWORD:  # whole katakana words only
                find = f"(?<![{_KATAKANA}])(?:{find})(?![{_KATAKANA}])"
            try:
                pattern = re.compile(find)
            except re.error as error:
                raise RulesError(f"{where}: 'find' is not a valid pattern: {error}") from error
            groups = [int(n) for n in re.findall(r"\\(\d+)", replace)]
            if any(n > pattern.groups or n == 0 for n in groups):
                raise RulesError(f"{where}: 'replace' names a group that 'find' does not have")
            rewrites.append(Rewrite(kind, pattern, replace, fixable and bool(replace)))
    return Rules(tuple(rewrites))


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")

_DIGITS = r"[0-9０-９]+(?:[.,．，:：][0-9０-９]+)*"
#: Dates, times, numbers with their counters, 和暦 eras, weekdays and labels such as 3班: words
#: every reader knows, so they do not count as hard kanji.
_FAMILIAR = re.compile(
    rf"(?:令和|平成|昭和|大正|明治)(?:{_DIGITS}|元)年度?"
    rf"|{_DIGITS}\s*(?:年度|年|か月|ヶ月|カ月|月|日間|日|時間|時半|時|分|秒|班|組|号室|号|丁目|番地|番"
    r"|円|人|名|回|歳|才|階|件|枚|部|個|本|台|か所|ヵ所|カ所|箇所|週間|週|区|棟|世帯|戸|km|m)"
    r"|[(（][月火水木金土日祝・]+[)）]"
    r"|[月火水木金土日]曜日?"
    r"|午前|午後|正午|本日|今日|明日|毎月|毎週|毎年|今月|来月|先月|今年|来年"
)

#: Before a 、 where a sentence can end: the connective and 、 become 。 (or 。でも、).
_SPLIT_AFTER = re.compile(r"(ます|です|ました|でした)(ので|から|し|が|けれども|けど)?、$")


def _is_kanji(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\U00020000" <= c <= "\U0002ffff"


def _letters(text: str) -> list[str]:
    return [c for c in _FAMILIAR.sub("", text) if c.isalpha()]


def _long_sentence(sentence: str, start: int) -> Hint:
    middle = len(sentence) / 2
    commas = sorted((i for i, c in enumerate(sentence) if c == "、"), key=lambda i: abs(i - middle))
    message = f"文が長めです（{len(sentence)}文字）。2つの文に分けると読みやすくなります"
    for i in commas:
        found = _SPLIT_AFTER.search(sentence[: i + 1])
        if found is None or i + 1 >= len(sentence) - 1:
            continue
        connective = found.group(2) or ""
        text = "。でも、" if connective in ("が", "けれども", "けど") else "。"
        cut = i + 1 - len(connective) - 1
        fix = Fix(start + cut, start + i + 1, text)
        suggestion = sentence[:cut] + text + sentence[i + 1 :]
        return Hint(start, start + len(sentence), HintKind.LONG_SENTENCE, message, suggestion, fix)
    return Hint(start, start + len(sentence), HintKind.LONG_SENTENCE, message)


def _rule_message(kind: HintKind, term: str, easier: str) -> str:
    if kind is HintKind.LOANWORD:
        return f"「{term}」はカタカナ語です。「{easier}」と書くと伝わりやすくなります"
    if kind is HintKind.HONORIFIC_CHAIN:
        return f"「{term}」は丁寧すぎて長くなります。「{easier}」で十分です"
    if kind is HintKind.DOUBLE_HONORIFIC:
        return f"「{term}」は敬語が重なっています（二重敬語）。「{easier}」が正しい形です"
    if kind is HintKind.DOUBLE_NEGATIVE:
        if easier:
            return f"「{term}」は打ち消しが重なって分かりにくくなります。「{easier}」と言い切りましょう"
        return f"「{term}」は打ち消しが重なって分かりにくくなります。言いたいことをそのまま書きましょう"
    return f"「{term}」は「{easier}」と言いかえると伝わりやすくなります"


def _rule_hints(text: str, rules: Rules) -> list[Hint]:
    found: list[tuple[int, int, Rewrite, re.Match[str]]] = []
    for rewrite in rules.rewrites:
        for match in rewrite.pattern.finditer(text):
            easier = match.expand(rewrite.replace) if rewrite.replace else ""
            term = match.group(0)
            # Already annotated (ボランティア（てつだい）): the rewrite is there, nothing to say.
            if (
                easier.startswith(term)
                and text.startswith(easier[len(term) :], match.end())
                and easier != term
            ):
                continue
            found.append((match.start(), match.end(), rewrite, match))
    # The first match at a place wins, then the longer one: 速やかに inside 可及的速やかに is not listed.
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    hints: list[Hint] = []
    taken_until = -1
    for start, end, rewrite, match in found:
        if start < taken_until:
            continue
        taken_until = end
        easier = match.expand(rewrite.replace) if rewrite.replace else ""
        fix = Fix(start, end, easier) if rewrite.fixable else None
        message = _rule_message(rewrite.kind, match.group(0), easier)
        hints.append(Hint(start, end, rewrite.kind, message, easier, fix))
    return hints


def check(text: str, rules: Rules) -> list[Hint]:
    """Every hint for ``text``, in position order."""
    hints: list[Hint] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if not sentence:
            continue
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
        end = start + len(sentence)
        if len(sentence) > LONG_SENTENCE:
            hints.append(_long_sentence(sentence, start))
        letters = _letters(sentence)
        if len(letters) >= KANJI_MIN_LETTERS:
            ratio = sum(_is_kanji(c) for c in letters) / len(letters)
            if ratio > KANJI_RATIO:
                hints.append(
                    Hint(
                        start,
                        end,
                        HintKind.KANJI,
                        f"漢字が多めです（{ratio:.0%}）。ひらがなにできる言葉はありませんか",
                    )
                )
    hints += _rule_hints(text, rules)
    return sorted(hints, key=lambda h: (h.start, h.end))
