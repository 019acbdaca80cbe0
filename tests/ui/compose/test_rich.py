"""The word-processor body: the stored format ↔ QTextDocument, shown as printed, pasting."""

from __future__ import annotations

from hypothesis import example, given
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QFont, QTextDocument, QTextFormat, QTextListFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circular_app.domain.document import (
    Heading,
    ListBlock,
    Paragraph,
    Rule,
    Span,
    Table,
    parse_document,
    to_source,
)
from circular_app.ui.compose import rich
from circular_app.ui.compose.body import BodyEdit
from tests.domain.test_document import BODY_SOURCES


def _round_trip(source: str) -> None:
    document = parse_document(source)
    shown = QTextDocument()
    rich.fill(shown, document)
    assert parse_document(rich.source_of(shown)) == document


@given(BODY_SOURCES)
@example("**a****b**")  # two bold runs side by side stay two
@example("| a | b |\n| c |")  # a short row stays short
@example("| a |\n|\t---|")  # a row of dashes stays a row
@example("x\u2028y\u2029z\ufdd0\ufdd1\ufffc\ufffd")  # characters Qt keeps for itself
@example("# **a** b\n\n### c")  # bold inside a heading
@example("３）三\n４）四\n\n・\tx")
@example("| a |\n|---|")  # a header without rows
@example("\ufeff")  # a lone byte-order mark is text too
def test_every_document_round_trips_through_the_word_processor(qapp: QApplication, source: str) -> None:
    """document → QTextDocument → stored text → document gives the same document."""
    _round_trip(source)


def _shown(source: str) -> QTextDocument:
    shown = QTextDocument()
    rich.fill(shown, parse_document(source))
    return shown


def test_headings_bold_lists_tables_and_rules_are_shown_as_they_print(qapp: QApplication) -> None:
    """The officer sees a heading, bold text, a numbered list, a table and a rule, not marks."""
    shown = _shown(
        "## 日時\n\n**必ず**お越しください\n\n1. 受付\n2. 清掃\n\n| 班 | 場所 |\n|---|---|\n| 1班 | 公園 |\n\n---"
    )
    text = shown.toPlainText()
    assert "##" not in text and "**" not in text and "|" not in text and "---" not in text
    heading = shown.find("日時").block()
    assert heading.blockFormat().headingLevel() == 2
    assert shown.find("日時").charFormat().property(QTextFormat.Property.FontSizeAdjustment) > 0
    assert shown.find("必ず").charFormat().fontWeight() == QFont.Weight.Bold
    assert shown.find("お越し").charFormat().fontWeight() == QFont.Weight.Normal
    numbered = shown.find("清掃").block().textList()
    assert numbered is not None and numbered.format().style() == QTextListFormat.Style.ListDecimal
    assert numbered.count() == 2
    table = shown.find("公園").currentTable()
    assert table is not None and (table.rows(), table.columns()) == (2, 2)
    assert table.format().headerRowCount() == 1
    last = shown.lastBlock()
    while not last.blockFormat().hasProperty(rich.RULE_PROPERTY):
        last = last.previous()
    assert last.text() == ""


def test_unchanged_text_is_given_back_in_one_spelling(qapp: QApplication) -> None:
    """A body typed with 「・」 and 「１．」 comes back as 「- 」 and 「1. 」: the same document."""
    source = "・軍手\n・ごみ袋\n１．受付"
    assert rich.source_of(_shown(source)) == "- 軍手\n- ごみ袋\n\n1. 受付"


# ----- pasting ----------------------------------------------------------------------------------
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8">
<style>p.MsoNormal {font-family:"ＭＳ 明朝"; font-size:10.5pt; color:#1F3864}</style></head>
<body lang=JA style='tab-interval:42.0pt'><!--StartFragment-->
<h1 style='margin:0mm;font-size:16.0pt;font-family:"游ゴシック Light";color:#2F5496'>
<span lang=EN-US>大掃除のお知らせ</span></h1>
<p class=MsoNormal><span style='font-family:"ＭＳ ゴシック";color:red;font-size:14.0pt'>
当日は<b>軍手</b>をお持ちください。</span></p>
<p class=MsoListParagraphCxSpFirst style='margin-left:21.0pt;text-indent:-21.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>
&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]><span style='font-family:"ＭＳ 明朝"'>ほうき</span></p>
<p class=MsoListParagraphCxSpLast style='margin-left:21.0pt;text-indent:-21.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>
&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]><span style='color:#C00000'>ごみ袋</span></p>
<!--EndFragment--></body></html>"""

EXCEL_HTML = """<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">
<style>.xl65 {font-family:"游ゴシック"; color:#0070C0; font-size:11.0pt; background:yellow}</style></head>
<body link="#0563C1"><table border=0 cellpadding=0 cellspacing=0 width=200 style='border-collapse:collapse'>
<!--StartFragment--><tr height=18><td class=xl65 height=18 width=72>班</td><td class=xl65 width=128>当番</td></tr>
<tr height=18><td height=18 style='font-family:Meiryo;color:red'>1班</td><td>山田</td></tr>
<!--EndFragment--></table></body></html>"""

WEB_HTML = """<meta charset="utf-8"><div style="font-family: 'Noto Sans JP'; color: rgb(51, 51, 51);
font-size: 18px;"><h2 style="font-size: 28px; color: navy">ごみの出し方</h2><ol><li style="color:green">
<strong>燃えるごみ</strong>は月・木</li><li>資源ごみは水曜</li></ol><hr style="border-color:red">
<p style="font-size:30px">詳しくは<span style="background:yellow;font-family:serif">市のページ</span>へ</p></div>"""


def _paste(qtbot: QtBot, html: str) -> BodyEdit:
    edit = BodyEdit()
    qtbot.addWidget(edit)
    data = QMimeData()
    data.setHtml(html)
    data.setText("plain fallback")
    edit.insertFromMimeData(data)
    return edit


def _foreign_formats(edit: BodyEdit) -> list[str]:
    """Every font family, colour, background or point size in the body's character formats."""
    found = []
    block = edit.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fmt = iterator.fragment().charFormat()
            iterator += 1
            for name, present in (
                ("font family", bool(fmt.fontFamilies())),
                ("colour", fmt.hasProperty(QTextFormat.Property.ForegroundBrush)),
                ("background", fmt.hasProperty(QTextFormat.Property.BackgroundBrush)),
                ("size", fmt.hasProperty(QTextFormat.Property.FontPointSize)),
                ("pixel size", fmt.hasProperty(QTextFormat.Property.FontPixelSize)),
            ):
                if present:
                    found.append(name)
        block = block.next()
    return found


def test_pasting_from_word_keeps_heading_bold_and_list_but_no_fonts_or_colours(qtbot: QtBot) -> None:
    """Word's heading, bold word and 「·」 list come in as such; its fonts and colours do not."""
    edit = _paste(qtbot, WORD_HTML)
    assert edit.body_document().blocks == (
        Heading(1, (Span("大掃除のお知らせ"),)),
        Paragraph((Span("当日は"), Span("軍手", bold=True), Span("をお持ちください。"))),
        ListBlock(False, ((Span("ほうき"),), (Span("ごみ袋"),))),
    )
    assert _foreign_formats(edit) == []


def test_pasting_from_excel_makes_a_table_without_its_colours(qtbot: QtBot) -> None:
    """Excel cells become a table; the cell fonts, colours and backgrounds are dropped."""
    edit = _paste(qtbot, EXCEL_HTML)
    assert edit.body_document().blocks == (
        Table((), (((Span("班"),), (Span("当番"),)), ((Span("1班"),), (Span("山田"),)))),
    )
    assert _foreign_formats(edit) == []


def test_pasting_a_web_page_keeps_heading_numbers_rule_and_bold(qtbot: QtBot) -> None:
    """A web page's heading, numbered list with bold, rule and paragraph come in plain."""
    edit = _paste(qtbot, WEB_HTML)
    assert edit.body_document().blocks == (
        Heading(2, (Span("ごみの出し方"),)),
        ListBlock(True, ((Span("燃えるごみ", bold=True), Span("は月・木")), (Span("資源ごみは水曜"),))),
        Rule(),
        Paragraph((Span("詳しくは市のページへ"),)),
    )
    assert _foreign_formats(edit) == []
    assert to_source(edit.body_document()).startswith("## ごみの出し方\n\n1. **燃えるごみ**は月・木")


def test_pasting_plain_text_reads_the_stored_format(qtbot: QtBot) -> None:
    """Plain text (from a mail, say) is read as the body format: 「- 」 lines become a list."""
    edit = BodyEdit()
    qtbot.addWidget(edit)
    data = QMimeData()
    data.setText("持ち物\n\n- 軍手\n- タオル")
    edit.insertFromMimeData(data)
    assert edit.body_document().blocks[1] == ListBlock(False, ((Span("軍手"),), (Span("タオル"),)))


def test_a_pasted_phrase_goes_into_the_line(qtbot: QtBot) -> None:
    """One pasted paragraph joins the line at the cursor instead of starting a new one."""
    edit = BodyEdit()
    qtbot.addWidget(edit)
    edit.show_document(parse_document("集合は公園です"))
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    edit.textCursor()
    cursor = edit.textCursor()
    cursor.setPosition(3)
    edit.setTextCursor(cursor)
    data = QMimeData()
    data.setHtml("<p style='color:red;font-family:Arial'><b>見本</b></p>")
    edit.insertFromMimeData(data)
    assert to_source(edit.body_document()) == "集合は**見本**公園です"
    assert _foreign_formats(edit) == []
