"""The settings dialog: language, text size, high contrast and when a board counts as stuck.

Appearance is applied to every window at once; the stuck-board days take effect the next time
ホーム or a circular's status is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from circular_app.settings import STUCK_BOARD_DAYS, TEXT_SCALE, Settings
from circular_app.ui.common import dialogs
from circular_app.ui.common.appearance import Appearance, Look
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.widgets import scrollable

TEXT_SCALE_STEP = 10


class SettingsDialog(Retranslating, QDialog):
    """Edit the appearance settings; 適用 and OK save them and apply them without a restart."""

    def __init__(
        self,
        settings: Settings,
        appearance: Appearance,
        parent: QWidget | None = None,
        *,
        officer_key: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._officer_key = officer_key  # '<profile id>/<user>': the text size is remembered per officer
        self._appearance = appearance
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        # The look in use, not the stored one: the log-in screen applies each officer's own
        # text size without storing it as everyone's, and 適用 must not undo that.
        self._load(appearance.look)

    def _setup_ui(self) -> None:
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.language_label = QLabel(content)
        self.language_combo = QComboBox(content)
        # Each language is named in itself, so it can be found whatever is shown now.
        self.language_combo.addItem("日本語", "ja")
        self.language_combo.addItem("English", "en")
        self.language_label.setBuddy(self.language_combo)
        self.scale_label = QLabel(content)
        self.scale_spin = QSpinBox(content)
        self.scale_spin.setRange(TEXT_SCALE.minimum or 100, TEXT_SCALE.maximum or 200)
        self.scale_spin.setSingleStep(TEXT_SCALE_STEP)
        self.scale_spin.setSuffix(" %")
        self.scale_label.setBuddy(self.scale_spin)
        self.contrast_check = QCheckBox(content)
        self.stuck_days_label = QLabel(content)
        self.stuck_days_spin = QSpinBox(content)
        self.stuck_days_spin.setRange(STUCK_BOARD_DAYS.minimum or 1, STUCK_BOARD_DAYS.maximum or 30)
        self.stuck_days_label.setBuddy(self.stuck_days_spin)
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.scale_label, self.scale_spin)
        form.addRow(self.contrast_check)
        form.addRow(self.stuck_days_label, self.stuck_days_spin)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(scrollable(content, self), 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        apply = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        if apply is not None:
            apply.clicked.connect(self.apply)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.setWindowTitle(self.tr("設定"))
        self.language_label.setText(self.tr("言語 / Language(&L)"))
        self.language_combo.setAccessibleName(self.tr("表示する言語"))
        self.scale_label.setText(self.tr("文字の大きさ(&S)"))
        self.scale_spin.setAccessibleName(self.tr("文字の大きさ（100〜200%）"))
        self.contrast_check.setText(self.tr("ハイコントラスト（黒地に白・黄色の文字）(&H)"))
        self.stuck_days_label.setText(self.tr("回覧が止まったと見なす日数(&D)"))
        self.stuck_days_spin.setSuffix(self.tr(" 日"))
        self.stuck_days_spin.setAccessibleName(
            self.tr("押印がないまま何日たったら回覧板が止まったと見なすか（1〜30日）")
        )
        for button, text in (
            (QDialogButtonBox.StandardButton.Ok, self.tr("保存して閉じる")),
            (QDialogButtonBox.StandardButton.Apply, self.tr("適用(&A)")),
            (QDialogButtonBox.StandardButton.Cancel, dialogs.cancel_text()),
        ):
            widget = self.buttons.button(button)
            if widget is not None:
                widget.setText(text)

    def _load(self, look: Look) -> None:
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(look.language)))
        self.scale_spin.setValue(look.text_scale)
        self.contrast_check.setChecked(look.high_contrast)
        self.stuck_days_spin.setValue(self._settings.get(STUCK_BOARD_DAYS))

    def look(self) -> Look:
        """The look the dialog holds now."""
        return Look(
            language=str(self.language_combo.currentData()),
            text_scale=self.scale_spin.value(),
            high_contrast=self.contrast_check.isChecked(),
        )

    @Slot()
    def apply(self) -> None:
        """Save the settings and apply them to every window."""
        look = self.look()
        look.save(self._settings)
        if self._officer_key is not None:
            self._settings.set_officer_text_scale(self._officer_key, look.text_scale)
        self._settings.set(STUCK_BOARD_DAYS, self.stuck_days_spin.value())
        self._appearance.apply(look)

    @Slot()
    def accept(self) -> None:
        """Apply, then close."""
        self.apply()
        super().accept()
