"""The city view: city staff log in to the hub and see the adoption KPI per 校下.

:class:`CityWindow` has two pages. The login page asks for the hub's address, the city staff
user name and the password (the session is kept through the OS keyring, so the next start on
the same day opens straight on the figures). The figures page shows, for the chosen fiscal
year, the count of adopting 校下 against the target, the chart by month (survey figures
marked 調査), the table per 校下 and, for the selected 校下, its associations (figures only).

Everything that talks to the hub runs on the thread pool (:class:`~circular_app.ui.common.tasks.TaskRunner`); the
window only shows what comes back. Exports: CSV (the exact headers of ``hub kpi --format
csv``) and the council report PDF. The 登録簿 menu imports the registry CSV and publishes a
newer action-plan file. ``python -m circular_app city`` opens this window (:func:`run_city`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from circular_app.app import App
from circular_app.domain.errors import CsvImportError, UserError
from circular_app.services.city import (
    CityKpi,
    CityLoginRequiredError,
    CityService,
    DistrictDetail,
    PublishedPlan,
    RegistryImport,
    chart_data,
)
from circular_app.ui.city.pages import CityFiguresPage, CityLoginPage
from circular_app.ui.common import dialogs, messages
from circular_app.ui.common.retranslate import Retranslating
from circular_app.ui.common.tasks import TaskRunner

YEARS_SHOWN = 5


class CityWindow(Retranslating, QMainWindow):
    """City staff's window: log in, the KPI per 校下 with drill-down and chart, exports.

    Signals:
        logged_in(): the hub accepted the login (or a kept session was resumed).
        kpi_loaded(CityKpi): the figures of the chosen fiscal year are shown.
        district_loaded(DistrictDetail): the selected 校下's associations are shown.
        load_failed(str): a hub call failed; the text is shown in the window.
        task_finished(str): an export, a registry import or a plan publication is done.
    """

    logged_in = Signal()
    kpi_loaded = Signal(object)
    district_loaded = Signal(object)
    load_failed = Signal(str)
    task_finished = Signal(str)

    def __init__(
        self,
        service: CityService,
        font_dir: Path,
        hub_url: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._font_dir = font_dir
        self._kpi: CityKpi | None = None
        self._district_request = 0
        self._tasks = TaskRunner(self)
        self._setup_ui()
        self._connect()
        self.retranslate_ui()
        remembered = service.remembered()
        self.url_edit.setText(hub_url or (remembered.base_url if remembered else ""))
        self.user_edit.setText(remembered.username if remembered else "")
        same_hub = hub_url is None or (remembered is not None and hub_url.rstrip("/") == remembered.base_url)
        if remembered is not None and same_hub and service.resume() is not None:
            self._show_figures()
            self.reload()
        else:
            self._show_login()

    # ----- setup ---------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.setObjectName("city_window")
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)
        self.login_page = CityLoginPage(self)
        login = self.login_page
        self.login_title, self.login_intro, self.login_error = login.title, login.intro, login.error
        self.url_label, self.url_edit = login.url_label, login.url_edit
        self.user_label_login, self.user_edit = login.user_label, login.user_edit
        self.password_label, self.password_edit = login.password_label, login.password_edit
        self.login_button = login.button
        self.figures_page = CityFiguresPage(self)
        figures = self.figures_page
        self.year_label, self.year_combo = figures.year_label, figures.year_combo
        self.summary_label, self.as_of_label, self.rule_label = figures.summary, figures.as_of, figures.rule
        self.notice, self.error, self.chart = figures.notice, figures.error, figures.chart
        self.district_model, self.district_view = figures.district_model, figures.district_view
        self.district_proxy = figures.district_proxy
        self.association_model, self.association_view = figures.association_model, figures.association_view
        self.association_proxy, self.association_title = figures.association_proxy, figures.association_title
        self.pages.addWidget(self.login_page)
        self.pages.addWidget(self.figures_page)

        self.export_csv_action = QAction(self)
        self.export_pdf_action = QAction(self)
        self.reload_action = QAction(self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.logout_action = QAction(self)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.import_registry_action = QAction(self)
        self.publish_plan_action = QAction(self)
        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu("")
        for action in (self.export_csv_action, self.export_pdf_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.reload_action)
        self.file_menu.addAction(self.logout_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.registry_menu = menu_bar.addMenu("")
        self.registry_menu.addAction(self.import_registry_action)
        self.registry_menu.addAction(self.publish_plan_action)
        self.user_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.user_label)

    def _connect(self) -> None:
        self.login_button.clicked.connect(self.login)
        self.password_edit.returnPressed.connect(self.login)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.district_view.selectionModel().selectionChanged.connect(self._district_chosen)
        self.export_csv_action.triggered.connect(self.choose_and_export_csv)
        self.export_pdf_action.triggered.connect(self.choose_and_export_pdf)
        self.reload_action.triggered.connect(self.reload)
        self.logout_action.triggered.connect(self.logout)
        self.quit_action.triggered.connect(self.close)
        self.import_registry_action.triggered.connect(self.choose_and_import_registry)
        self.publish_plan_action.triggered.connect(self.choose_and_publish_plan)

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("回覧デスク — 市の画面（導入状況）"))
        self.login_title.setText(self.tr("市職員のログイン"))
        self.login_intro.setText(
            self.tr(
                "ハブのアドレスと、市職員用のユーザー名・パスワードを入力してください。町会の内容や世帯の情報は表示されません。"
            )
        )
        self.url_label.setText(self.tr("ハブのアドレス(&A)"))
        self.url_edit.setPlaceholderText("https://")
        self.user_label_login.setText(self.tr("ユーザー名(&U)"))
        self.password_label.setText(self.tr("パスワード(&P)"))
        self.login_button.setText(self.tr("ログイン"))
        self.year_label.setText(self.tr("年度(&Y)"))
        self.file_menu.setTitle(self.tr("ファイル(&F)"))
        self.export_csv_action.setText(self.tr("CSVに書き出す(&C)…"))
        self.export_pdf_action.setText(self.tr("議会用の報告書（PDF）(&P)…"))
        self.reload_action.setText(self.tr("最新の数値に更新(&R)"))
        self.logout_action.setText(self.tr("ログアウト(&L)"))
        self.quit_action.setText(self.tr("終了(&Q)"))
        self.registry_menu.setTitle(self.tr("登録簿(&G)"))
        self.import_registry_action.setText(self.tr("校下・町会の登録簿を取り込む（CSV）(&I)…"))
        self.import_registry_action.setToolTip(
            self.tr("「校下」「町会名」の列があるCSVから、まとめて登録します")
        )
        self.publish_plan_action.setText(self.tr("アクションプランの新しい版を公開(&A)…"))
        self.publish_plan_action.setToolTip(
            self.tr("町会のサイドバーに表示される計画ファイルを、ハブで公開します")
        )
        self._fill_years()
        self._show_kpi_texts()
        self._show_user()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Closing: answers still on their way are dropped."""
        self._tasks.shutdown()
        super().closeEvent(event)

    def _fill_years(self) -> None:
        current = self._service.current_fiscal_year()
        chosen = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in range(current, current - YEARS_SHOWN, -1):
            self.year_combo.addItem(self.tr("{year}年度").format(year=year), year)
        index = self.year_combo.findData(chosen) if chosen is not None else 0
        self.year_combo.setCurrentIndex(max(0, index))
        self.year_combo.blockSignals(False)

    def fiscal_year(self) -> int:
        """The fiscal year shown."""
        value = self.year_combo.currentData()
        return int(value) if value is not None else self._service.current_fiscal_year()

    # ----- state -----------------------------------------------------------------------------------
    @property
    def kpi(self) -> CityKpi | None:
        """The figures shown."""
        return self._kpi

    @property
    def busy(self) -> bool:
        """True while a hub call runs."""
        return self._tasks.pending > 0

    def _show_login(self, reason: str = "") -> None:
        self.pages.setCurrentWidget(self.login_page)
        for action in (
            self.export_csv_action,
            self.export_pdf_action,
            self.reload_action,
            self.logout_action,
            self.import_registry_action,
            self.publish_plan_action,
        ):
            action.setEnabled(False)
        if reason:
            self.login_error.show_error(reason)
        else:
            self.login_error.clear_error()
        (self.password_edit if self.url_edit.text() and self.user_edit.text() else self.url_edit).setFocus()
        self._show_user()

    def _show_figures(self) -> None:
        self.pages.setCurrentWidget(self.figures_page)
        for action in (
            self.reload_action,
            self.logout_action,
            self.import_registry_action,
            self.publish_plan_action,
        ):
            action.setEnabled(True)
        self._update_exports()
        self._show_user()

    def _update_exports(self) -> None:
        ready = self._kpi is not None
        self.export_csv_action.setEnabled(ready)
        self.export_pdf_action.setEnabled(ready)

    def _show_user(self) -> None:
        session = self._service.session
        if session is None:
            self.user_label.setText(self.tr("未ログイン"))
        else:
            self.user_label.setText(
                self.tr("ログイン中: {user}（{url}）").format(user=session.username, url=session.base_url)
            )

    def _call(self, call: Callable[[], object], done: Callable[[Any], None], what: str) -> None:
        """Run ``call`` on the thread pool; its result goes to ``done``, its error is shown."""
        self.statusBar().showMessage(what)

        def finished(result: object) -> None:
            self.statusBar().clearMessage()
            done(result)

        self._tasks.run(call, finished, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.statusBar().clearMessage()
        if isinstance(error, CityLoginRequiredError):
            self._kpi = None
            self._show_login(messages.error_text(error))
            self.load_failed.emit(self.login_error.text())
            return
        if isinstance(error, CsvImportError):
            lines = [
                messages.error_text(error),
                *(f"  {messages.csv_problem_text(p)}" for p in error.problems[:20]),
            ]
            text = "\n".join(lines)
        elif isinstance(error, UserError):
            text = messages.error_text(error)
        elif isinstance(error, OSError):
            text = messages.os_error_text(error)
        else:
            text = self.tr("予期しないエラー（{name}）").format(name=type(error).__name__)
        if self.pages.currentWidget() is self.login_page:
            self.login_error.show_error(text)
        else:
            self.error.show_error(text)
        self.load_failed.emit(text)

    # ----- login -----------------------------------------------------------------------------------
    @Slot()
    def login(self) -> None:
        """Log in with the form's values (on the thread pool)."""
        if self.busy:
            return
        self.login_error.clear_error()
        url, user, password = self.url_edit.text(), self.user_edit.text(), self.password_edit.text()
        self._call(
            lambda: self._service.login(url, user, password), self._logged_in, self.tr("ログインしています…")
        )

    def _logged_in(self, kept: object) -> None:
        self.password_edit.clear()
        self._show_figures()
        if not kept:
            self.notice.setText(
                self.tr("このパソコンではキーリングを使えないため、ログインはこの画面を閉じるまで有効です。")
            )
        self.logged_in.emit()
        self.reload()

    @Slot()
    def logout(self) -> None:
        """Forget the session and show the login page."""
        self._service.logout()
        self._kpi = None
        self.district_model.set_rows([])
        self.association_model.set_rows([])
        self.chart.set_data(None)
        self._show_login()

    # ----- figures ---------------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """Fetch the KPI of the chosen fiscal year."""
        self.error.clear_error()
        year = self.fiscal_year()
        self._call(
            lambda: self._service.kpi(year), self._show_kpi, self.tr("ハブから数値を読み込んでいます…")
        )

    @Slot()
    def _year_chosen(self) -> None:
        if self.pages.currentWidget() is self.figures_page:
            self.reload()

    def _show_kpi(self, kpi: object) -> None:
        if not isinstance(kpi, CityKpi):
            return
        selected = self.selected_district()
        self._kpi = kpi
        self.district_model.set_rows(kpi.rows)
        self.chart.set_data(chart_data(kpi))
        self._show_kpi_texts()
        self._update_exports()
        self.association_model.set_rows([])
        self.association_title.setText(self.tr("校下を選ぶと、町会ごとの数値を表示します"))
        if selected is not None:
            self.select_district(selected)
        self.kpi_loaded.emit(kpi)

    def _show_kpi_texts(self) -> None:
        kpi = self._kpi
        if kpi is None:
            self.summary_label.clear()
            self.as_of_label.clear()
            self.rule_label.clear()
            return
        self.summary_label.setText(
            self.tr("導入校下数 {count} / 目標 {target}").format(
                count=kpi.adopting_school_districts, target=kpi.target
            )
        )
        self.as_of_label.setText(self.tr("{month} 時点").format(month=kpi.as_of))
        self.rule_label.setText(self.tr("数え方: {rule}").format(rule=kpi.rule_label))

    def selected_district(self) -> str | None:
        """The 校下 selected in the table, if any."""
        rows = self.district_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.district_model.row_at(self.district_proxy.mapToSource(rows[0]).row()).school_district

    def select_district(self, name: str) -> bool:
        """Select ``name`` in the table (its associations load); False when it is not shown."""
        for row in range(self.district_model.rowCount()):
            if self.district_model.row_at(row).school_district == name:
                index = self.district_proxy.mapFromSource(self.district_model.index(row, 0))
                self.district_view.selectRow(index.row())
                self.district_view.scrollTo(index)
                return True
        return False

    @Slot(QItemSelection, QItemSelection)
    def _district_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        name = self.selected_district()
        if name is None:
            return
        self._district_request += 1
        request, year = self._district_request, self.fiscal_year()
        self.association_title.setText(self.tr("{name}の町会（読み込み中…）").format(name=name))
        self._call(
            lambda: self._service.school_district(name, year),
            lambda detail: self._show_district(request, detail),
            self.tr("読み込んでいます…"),
        )

    def _show_district(self, request: int, detail: object) -> None:
        if request != self._district_request or not isinstance(detail, DistrictDetail):
            return  # an older answer arriving after a newer selection
        self.association_model.set_rows(detail.associations)
        since = (
            self.tr("{month}から導入").format(month=detail.adopted_since)
            if detail.adopted_since
            else self.tr("未導入")
        )
        self.association_title.setText(
            self.tr("{name}の町会（{count}町会・{since}）").format(
                name=detail.school_district, count=len(detail.associations), since=since
            )
        )
        self.district_loaded.emit(detail)

    # ----- exports ---------------------------------------------------------------------------------
    def _save_name(self, title: str, suggested: str, file_filter: str) -> Path | None:
        return dialogs.save_file(self, dialogs.Purpose.CITY, title, suggested, file_filter)

    @Slot()
    def choose_and_export_csv(self) -> None:
        """Ask where, then write the table as CSV."""
        path = dialogs.save_csv(
            self,
            dialogs.Purpose.CITY,
            self.tr("CSVに書き出す"),
            self.tr("導入状況_{year}年度.csv").format(year=self.fiscal_year()),
        )
        if path is not None:
            self.export_csv_to(path)

    def export_csv_to(self, path: Path) -> bool:
        """Write the shown table as CSV to ``path``; False (with the reason shown) on failure."""
        if self._kpi is None:
            return False
        try:
            encoding = self._service.export_csv(self._kpi, path)
        except OSError as error:
            self.error.show_error(messages.os_error_text(error))
            return False
        words = self.tr("Shift_JIS（Excel用）") if encoding == "cp932" else self.tr("UTF-8（BOM付き）")
        text = self.tr("{path} に書き出しました（文字コード: {encoding}）").format(path=path, encoding=words)
        self.notice.setText(text)
        self.task_finished.emit(text)
        return True

    @Slot()
    def choose_and_export_pdf(self) -> None:
        """Ask where, then write the council report PDF."""
        path = self._save_name(
            self.tr("議会用の報告書を書き出す"),
            self.tr("導入状況報告_{year}年度.pdf").format(year=self.fiscal_year()),
            self.tr("PDFファイル (*.pdf)"),
        )
        if path is not None:
            self.export_pdf_to(path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf"))

    def export_pdf_to(self, path: Path, made_on: dt.date | None = None) -> None:
        """Write the council report PDF to ``path`` (on the thread pool); task_finished says when."""
        kpi = self._kpi
        if kpi is None:
            return

        def done(_result: object) -> None:
            text = self.tr("{path} に議会用の報告書を書き出しました").format(path=path)
            self.notice.setText(text)
            self.task_finished.emit(text)

        self._call(
            lambda: self._service.export_council_pdf(kpi, path, self._font_dir, made_on),
            done,
            self.tr("報告書を作っています…"),
        )

    # ----- registry and plan -------------------------------------------------------------------------
    @Slot()
    def choose_and_import_registry(self) -> None:
        """Ask for the registry CSV, then import it on the hub."""
        path = dialogs.open_file(
            self,
            dialogs.Purpose.CITY,
            self.tr("登録簿を取り込む"),
            self.tr("CSVファイル (*.csv);;すべてのファイル (*)"),
        )
        if path is not None:
            self.import_registry_file(path)

    def import_registry_file(self, path: Path) -> None:
        """Import ``path`` on the hub; the figures reload afterwards."""
        self._call(
            lambda: self._service.import_registry(path),
            self._registry_imported,
            self.tr("登録簿を取り込んでいます…"),
        )

    def _registry_imported(self, done: object) -> None:
        if not isinstance(done, RegistryImport):
            return
        text = self.tr(
            "取り込みました: 校下 {districts}件・町会 {associations}件を追加（登録済み {unchanged}件）"
        ).format(
            districts=done.added_school_districts,
            associations=done.added_associations,
            unchanged=done.unchanged,
        )
        self.notice.setText(text)
        self.task_finished.emit(text)
        self.reload()

    @Slot()
    def choose_and_publish_plan(self) -> None:
        """Ask for the plan file, check it, then publish it on the hub."""
        path = dialogs.open_file(
            self,
            dialogs.Purpose.CITY,
            self.tr("公開する計画ファイル"),
            self.tr("計画ファイル (*.json);;すべてのファイル (*)"),
        )
        if path is not None:
            self.publish_plan_file(path)

    def publish_plan_file(self, path: Path) -> None:
        """Publish ``path`` on the hub for every association."""
        self._call(
            lambda: self._service.publish_action_plan(path),
            self._plan_published,
            self.tr("計画ファイルを公開しています…"),
        )

    def _plan_published(self, done: object) -> None:
        if not isinstance(done, PublishedPlan):
            return
        text = self.tr("第{version}版を公開しました（{title}）。町会は次の同期で受け取ります").format(
            version=done.data_version, title=done.title
        )
        self.notice.setText(text)
        self.task_finished.emit(text)


def run_city(app: App, hub_url: str | None = None) -> int:
    """``python -m circular_app city``: the city window until it closes."""
    from circular_app.ui.shell.main import create_application

    qapp, _appearance = create_application(app)
    window = CityWindow(app.city(), app.paths.fonts, hub_url)
    screen = qapp.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        window.resize(int(area.width() * 0.85), int(area.height() * 0.85))
    window.show()
    return qapp.exec()
