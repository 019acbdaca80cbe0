"""The English catalog is complete, covers every string of the GUI, and its .qm is fresh."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from circular_app.paths import bundle_root
from circular_app.ui.common.i18n import (
    CATALOG_PREFIX,
    SEPARATE_CATALOG_SOURCES,
    Translations,
    catalog_file,
    catalog_source,
    run_lrelease,
    run_lupdate,
    ui_sources,
)

ROOT = bundle_root()
I18N = ROOT / "resources" / "i18n"
TS = catalog_source(I18N, "en")
QM = catalog_file(I18N, "en")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(path)
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))  # type: ignore[misc]  # every message has a translation element
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]


def _unfinished(path: Path) -> list[str]:
    return [
        f"{context}: {source}"
        for context, source, translation in _messages(path)
        if translation is None or translation.get("type") is not None or not (translation.text or "").strip()
    ]


CATALOGS = [c for c in (CATALOG_PREFIX, *SEPARATE_CATALOG_SOURCES) if ui_sources(ROOT, c)]


def _files(catalog: str) -> tuple[Path, Path]:
    return I18N / f"{catalog}_en.ts", I18N / f"{catalog}_en.qm"


@pytest.mark.parametrize("catalog", CATALOGS)
def test_catalog_has_no_unfinished_translation(catalog: str) -> None:
    """Every entry of each <catalog>_en.ts has a finished, non-empty English translation."""
    assert _unfinished(_files(catalog)[0]) == []


@pytest.mark.parametrize("catalog", CATALOGS)
def test_catalog_covers_every_string_of_the_gui(catalog: str, tmp_path: Path) -> None:
    """Re-extracting the GUI strings into a copy of the catalog adds nothing untranslated."""
    ts = _files(catalog)[0]
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    run_lupdate(ui_sources(ROOT, catalog), copy)
    assert _unfinished(copy) == []
    assert {(c, s) for c, s, _ in _messages(copy)} == {(c, s) for c, s, _ in _messages(ts)}


@pytest.mark.parametrize("catalog", CATALOGS)
def test_compiled_catalog_matches_the_source(catalog: str, tmp_path: Path) -> None:
    """The committed .qm is byte for byte what lrelease makes of the .ts."""
    ts, qm = _files(catalog)
    fresh = tmp_path / qm.name
    run_lrelease(ts, fresh)
    assert qm.read_bytes() == fresh.read_bytes()


@pytest.mark.parametrize("catalog", CATALOGS)
def test_translations_keep_every_placeholder(catalog: str) -> None:
    """Each translation uses exactly the {placeholders} of its Japanese source.

    ``{month_name}`` counts as ``{month}``: English dates spell the month that Japanese numbers.
    """

    def names(text: str) -> list[str]:
        return sorted(p.replace("_name}", "}") for p in PLACEHOLDER.findall(text))

    wrong = [
        source
        for _, source, translation in _messages(_files(catalog)[0])
        if names(source) != names(translation.text or "")
    ]
    assert wrong == []


@pytest.mark.parametrize("catalog", CATALOGS)
def test_translations_keep_one_mnemonic(catalog: str) -> None:
    """A source with an &-shortcut has exactly one in its translation, and vice versa."""
    wrong = [
        source
        for _, source, translation in _messages(_files(catalog)[0])
        if ("&" in source) != ((translation.text or "").count("&") == 1)
    ]
    assert wrong == []


def test_installing_english_translates_and_uninstalling_restores(qapp: QApplication) -> None:
    """With the English translator installed, tr() returns English; removed, Japanese again."""
    translations = Translations(I18N)
    translations.set_language("en")
    try:
        assert QCoreApplication.translate("MainWindow", "ファイル(&F)") == "&File"
    finally:
        translations.uninstall()
    assert QCoreApplication.translate("MainWindow", "ファイル(&F)") == "ファイル(&F)"


def test_every_catalog_of_a_language_is_loaded(qapp: QApplication, tmp_path: Path) -> None:
    """Besides kairan_en.qm, any other *_en.qm (e.g. a dock's own catalog) is loaded too."""
    from circular_app.ui.common.i18n import load_translators

    shutil.copy(QM, tmp_path / QM.name)
    shutil.copy(QM, tmp_path / "extra_en.qm")
    assert len(load_translators(tmp_path, "en")) == 2
    assert load_translators(tmp_path, "ja") == []
