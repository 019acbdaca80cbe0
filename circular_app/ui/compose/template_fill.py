"""「［　］に入れる内容」: fill a template's placeholders once, in Japanese and every translation.

After the officer picks a template with ［placeholders］, :class:`TemplateFillDialog` asks for
each one in a large field of its own — a date picker for a date, a time field for a time, both
for a date and time, a line for text. 「入れる」 fills the Japanese title and body and every
translation the template ships with (dates and times written the way each language writes
them, text as typed); 「あとで自分で書く」 opens the template as it is, placeholders and all.
A field left empty keeps its ［placeholder］, so publishing still asks for it.

The circular list then opens the editor with the filled Japanese and saves the filled
translations with it (``CircularEditor.add_translations``, lang → (title, body)).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from circular_app.domain.templates import (
    PlaceholderKind,
    Template,
    Value,
    japanese_value,
    template_placeholders,
)
from circular_app.services.template_fill import FilledTemplate, fill_all
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import ErrorLabel, scrolled_dialog_layout

# The attribute of the editor holding its translations section (the object with add_translations).
_NO_TIME = QTime(0, 0)  # the time fields' 「未定」 value: a circular never starts at midnight


class _PlaceholderField(QWidget):
    """The input of one placeholder: a line, a date, a time, or a date and a time."""

    def __init__(self, name: str, kind: PlaceholderKind, today: dt.date, parent: QWidget) -> None:
        super().__init__(parent)
        self.name = name
        self.kind = kind
        self.line: QLineEdit | None = None
        self.date: QDateEdit | None = None
        self.time: QTimeEdit | None = None
        self.shown = QLabel(self)  # the value as the circular will read it (和暦)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if kind is PlaceholderKind.TEXT:
            self.line = QLineEdit(self)
            self.line.setMinimumWidth(360)
            layout.addWidget(self.line, 1)
            return
        if kind in (PlaceholderKind.DATE, PlaceholderKind.DATETIME):
            self.date = QDateEdit(self)
            self.date.setCalendarPopup(True)
            self.date.setDisplayFormat("yyyy/MM/dd")
            # The day before today stands for 「not decided yet」 and shows as words.
            sentinel = today - dt.timedelta(days=1)
            self.date.setMinimumDate(QDate(sentinel.year, sentinel.month, sentinel.day))
            self.date.setDate(self.date.minimumDate())
            self.date.dateChanged.connect(self._show)
            layout.addWidget(self.date)
        if kind in (PlaceholderKind.TIME, PlaceholderKind.DATETIME):
            self.time = QTimeEdit(self)
            self.time.setDisplayFormat("H:mm")
            self.time.setMinimumTime(_NO_TIME)
            self.time.setTime(_NO_TIME)
            self.time.timeChanged.connect(self._show)
            layout.addWidget(self.time)
        layout.addWidget(self.shown, 1)

    def editors(self) -> list[QWidget]:
        """The interactive widgets of the field, in tab order."""
        return [w for w in (self.line, self.date, self.time) if w is not None]

    def retranslate(self, label: str) -> None:
        """Accessible names and the 「not decided」 texts in the current language."""
        if self.line is not None:
            self.line.setAccessibleName(label)
        if self.date is not None:
            self.date.setSpecialValueText(self.tr("（日付をえらぶ）"))
            self.date.setAccessibleName(self.tr("{name}の日付").format(name=label))
        if self.time is not None:
            self.time.setSpecialValueText(self.tr("（時刻）"))
            self.time.setAccessibleName(self.tr("{name}の時刻").format(name=label))
        self._show()

    def value(self) -> Value | None:
        """What was typed or picked; None while a date or time is not chosen."""
        if self.line is not None:
            return self.line.text().strip() or None
        day: dt.date | None = None
        moment: dt.time | None = None
        if self.date is not None and self.date.date() != self.date.minimumDate():
            q = self.date.date()
            day = dt.date(q.year(), q.month(), q.day())
        if self.time is not None and self.time.time() != _NO_TIME:
            t = self.time.time()
            moment = dt.time(t.hour(), t.minute())
        if self.kind is PlaceholderKind.DATETIME:
            # A date without its time still says the day; a time without its day says nothing.
            return dt.datetime.combine(day, moment) if day and moment else day
        return day if self.kind is PlaceholderKind.DATE else moment

    def set_value(self, value: Value) -> None:
        """Put ``value`` in the field (tests, and a value carried over)."""
        if self.line is not None and isinstance(value, str):
            self.line.setText(value)
            return
        if self.date is not None and isinstance(value, dt.date):
            self.date.setDate(QDate(value.year, value.month, value.day))
        if self.time is not None and isinstance(value, dt.datetime | dt.time):
            self.time.setTime(QTime(value.hour, value.minute))

    @Slot()
    def _show(self) -> None:
        value = self.value()
        self.shown.setText(japanese_value(value) if value is not None else "")


class TemplateFillDialog(Retranslating, QDialog):
    """One field per ［placeholder］ of ``template``; ``filled`` holds the result after 「入れる」."""

    def __init__(
        self, template: Template, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.template = template
        self.filled: FilledTemplate | None = None
        day = today or dt.date.today()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.languages_note = QLabel(self)
        self.languages_note.setWordWrap(True)
        content = QWidget(self)
        form = QFormLayout(content)
        self.fields: dict[str, _PlaceholderField] = {}
        self.labels: dict[str, QLabel] = {}
        for name, kind in template_placeholders(template).items():
            field = _PlaceholderField(name, kind, day, content)
            label = QLabel(f"［{name}］", content)
            label.setBuddy(field.editors()[0])
            form.addRow(label, field)
            self.fields[name] = field
            self.labels[name] = label
        self.error = ErrorLabel(self)
        # Buttons of our own (not Qt's standard Ok/Cancel, whose texts Qt resets at a language change).
        self.buttons = QDialogButtonBox(self)
        self.fill_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.fill_button.setDefault(True)
        scrolled_dialog_layout(
            self, content, self.error, self.buttons, above=[self.intro, self.languages_note]
        )
        self.retranslate_ui()
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.editors()[0].setFocus()
        self.resize(760, 560)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("［　］に入れる内容"))
        self.intro.setText(
            self.tr(
                "［　］の所に入れる内容を書いてください。"
                "日付と時刻は、カレンダーと時刻の欄でえらびます。"
                "わからない所は空けておけば、［　］のまま残り、あとで書けます。"
            )
        )
        count = len(self.template.translations)
        self.languages_note.setText(
            self.tr(
                "この見本には {count} の言葉の翻訳があります。日付と時刻は、それぞれの言葉の書き方で入ります。"
                "文字で書いた内容（場所や連絡先など）は、書いたとおりに、どの翻訳にも入ります。"
            ).format(count=count)
            if count
            else ""
        )
        self.languages_note.setVisible(bool(count))
        for name, field in self.fields.items():
            field.retranslate(name)
        self.fill_button.setText(self.tr("入れる"))
        self.later_button.setText(self.tr("あとで自分で書く"))

    def values(self) -> dict[str, Value]:
        """The placeholders given a value (empty fields left out)."""
        found = {name: field.value() for name, field in self.fields.items()}
        return {name: value for name, value in found.items() if value is not None}

    def set_value(self, name: str, value: Value) -> None:
        """Fill the field of placeholder ``name``."""
        self.fields[name].set_value(value)

    @Slot()
    def accept(self) -> None:
        """「入れる」: fill the Japanese and every translation, then close."""
        self.filled = fill_all(self.template, self.values())
        super().accept()


def ask_fill(template: Template | None, parent: QWidget | None = None) -> FilledTemplate | None:
    """Ask for a template's placeholders; None when it has none or the officer will write them later."""
    if template is None or not template_placeholders(template):
        return None
    dialog = TemplateFillDialog(template, parent=parent)
    dialog.exec()
    return dialog.filled
