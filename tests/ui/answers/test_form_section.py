"""The editor's 「質問（出欠・アンケート）」 section: template, TOML file (refusals named), remove, read-only once published."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from circular_app.app import ProfileServices
from circular_app.domain.circulars import CircularDraft
from circular_app.ui.compose.editor import CircularEditor


def test_attach_a_template_or_a_file_see_the_questions_and_remove(
    qtbot: QtBot, services: ProfileServices, tmp_path: Path
) -> None:
    services.roster.add_han("1班")
    editor = CircularEditor(
        services.circulars,
        services.roster.list_hans(),
        draft=CircularDraft(title="夏祭り", body="本文"),
        answers=services.answers,
    )
    qtbot.addWidget(editor)
    section = editor.form_section
    assert section is not None and section.isEnabled()
    index = section.template_combo.findData("行事の参加申込")
    section.template_combo.setCurrentIndex(index)
    section.template_button.click()  # a new circular is saved as a draft first
    circular_id = editor.circular_id
    assert circular_id is not None
    form = services.answers.form(circular_id)
    assert form is not None and section.question_list.count() == len(form.questions)
    assert section.question_list.item(0).text().startswith("問1")
    bad = tmp_path / "bad.toml"
    bad.write_text('[[question]]\nkind = "single"\ntext = "日"\nchoices = ["土曜"]\n', encoding="utf-8")
    assert not section.attach_file(bad)
    assert "bad.toml" in section.error.text() and "question[1].choices" in section.error.text()
    good = tmp_path / "good.toml"
    good.write_text('[[question]]\nkind = "number"\ntext = "人数"\n', encoding="utf-8")
    assert section.attach_file(good)
    assert [section.question_list.item(i).text() for i in range(section.question_list.count())] == [
        "問1　数：人数"
    ]
    section.remove_button.click()
    assert services.answers.form(circular_id) is None and section.question_list.count() == 0
    section.template_button.click()
    services.circulars.publish(circular_id)
    editor.reload()
    assert section.question_list.count() > 0
    assert not section.template_button.isEnabled() and not section.remove_button.isEnabled()
    editor.close()
