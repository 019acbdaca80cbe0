"""Packaging checks that need no build: what ``build_spec.spec`` bundles, and the frozen layout.

The spec is executed with stand-ins for PyInstaller's Analysis/PYZ/EXE/COLLECT, so these tests
read the same values a real build uses. The build itself and the frozen app are checked by
``scripts/build.sh`` and ``scripts/frozen_check.sh``.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import circular_app
from circular_app import paths
from circular_app.app import App
from circular_app.storage.database import known_revisions
from tests.conftest import ADMIN_PASSWORD, ADMIN_USER, TEST_KDF

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_spec.spec"

Entry = tuple[str, str, str]


class _Target:
    """Records the arguments PyInstaller's build targets would receive."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs


class _Analysis(_Target):
    """Analysis with empty results: the spec's filters then run over nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.binaries: list[Entry] = []
        self.datas: list[Entry] = []
        self.pure: list[Entry] = []
        self.scripts: list[Entry] = []


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    """The namespace left by executing build_spec.spec as PyInstaller would."""
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "__file__": str(SPEC),
        "SPECPATH": str(ROOT),
        "Analysis": _Analysis,
        "PYZ": _Target,
        "EXE": _Target,
        "COLLECT": _Target,
        "BUNDLE": _Target,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace


def _dest(source: Path, spec: dict[str, Any]) -> str | None:
    wanted = str(source)
    return next((dest for src, dest in spec["DATAS"] if src == wanted), None)


def test_spec_bundles_resources(spec: dict[str, Any]) -> None:
    """Every file under resources/ is bundled at the same relative place."""
    sources = [
        p
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    ]
    assert sources
    for source in sources:
        assert _dest(source, spec) == str(source.parent.relative_to(ROOT)), source


def test_spec_bundles_the_whole_alembic_tree(spec: dict[str, Any]) -> None:
    """db/env.py, db/script.py.mako and every migration script are bundled under db/."""
    assert _dest(ROOT / "db" / "env.py", spec) == "db"
    assert _dest(ROOT / "db" / "script.py.mako", spec) == "db"
    versions = sorted((ROOT / "db" / "versions").glob("*.py"))
    assert versions
    for script in versions:
        assert _dest(script, spec) == str(Path("db") / "versions"), script


def test_spec_bundles_no_bytecode_caches(spec: dict[str, Any]) -> None:
    """Stale __pycache__ files of the source tree stay out of the bundle."""
    assert not [src for src, _dest in spec["DATAS"] if "__pycache__" in src or src.endswith(".pyc")]


def test_spec_bundles_keyring_metadata(spec: dict[str, Any]) -> None:
    """keyring's dist-info ships: its entry points are how it finds its backends."""
    assert any(dest.startswith("keyring-") and dest.endswith(".dist-info") for _src, dest in spec["DATAS"])


def test_analysis_gets_the_data_and_hidden_imports(spec: dict[str, Any]) -> None:
    """The Analysis receives the spec's data list, hidden imports and excludes."""
    kwargs = spec["a"].kwargs
    assert kwargs["datas"] == spec["DATAS"]
    assert kwargs["hiddenimports"] == spec["HIDDENIMPORTS"]
    assert kwargs["excludes"] == spec["EXCLUDES"]


def test_every_hidden_import_is_importable(spec: dict[str, Any]) -> None:
    """Each hidden import exists in this environment (a typo would only warn in the build)."""
    for name in spec["HIDDENIMPORTS"]:
        importlib.import_module(name)


def test_every_listed_hidden_import_says_why(spec: dict[str, Any]) -> None:
    """Each hand-listed hidden import carries its reason."""
    assert spec["HIDDEN_IMPORTS"]
    assert all(reason.strip() for reason in spec["HIDDEN_IMPORTS"].values())


def test_every_keyring_backend_entry_point_is_a_hidden_import(spec: dict[str, Any]) -> None:
    """keyring logs an error on stderr for an entry-point backend it cannot import."""
    backends = {ep.value.split(":")[0] for ep in entry_points(group="keyring.backends")}
    assert backends
    assert backends <= set(spec["HIDDENIMPORTS"])


def test_database_driver_and_dialect_are_hidden_imports(spec: dict[str, Any]) -> None:
    """The SQLCipher dialect and driver, loaded by name from the engine URL, are collected."""
    assert {"sqlalchemy.dialects.sqlite.pysqlcipher", "sqlcipher3.dbapi2"} <= set(spec["HIDDENIMPORTS"])


def test_imports_of_the_alembic_scripts_are_collected(spec: dict[str, Any]) -> None:
    """What db/env.py and the migrations import is collected, though they ship as data."""
    assert {"alembic", "alembic.op", "alembic.context", "sqlalchemy", "circular_app.storage.models"} <= set(
        spec["HIDDENIMPORTS"]
    )


def test_excludes_leave_what_the_app_uses(spec: dict[str, Any]) -> None:
    """Unused toolkits are excluded; the Qt modules in use, PIL and the Addons kept for later are not."""
    excludes = set(spec["EXCLUDES"])
    assert {"tkinter", "unittest", "pydoc", "PySide6.QtWebEngineCore", "PySide6.QtQml"} <= excludes
    kept = {"PIL", "PySide6", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtDBus"}
    kept |= {"PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtSvg"}
    assert not kept & excludes


def test_version_comes_from_the_package(spec: dict[str, Any]) -> None:
    """The spec's version is circular_app.__version__."""
    assert spec["VERSION"] == circular_app.__version__


def test_executable_is_windowed_one_folder_without_upx(spec: dict[str, Any]) -> None:
    """One folder named KairanDesk, windowed, no UPX, symbols stripped on Linux."""
    exe, coll = spec["exe"].kwargs, spec["coll"].kwargs
    assert exe["name"] == coll["name"] == "KairanDesk"
    assert exe["exclude_binaries"] is True
    assert exe["console"] is False
    assert exe["upx"] is False and coll["upx"] is False
    assert exe["strip"] is coll["strip"] is sys.platform.startswith("linux")


def test_icons_exist_for_every_platform() -> None:
    """The Windows .ico, the macOS .icns and the Linux .png are real images."""
    icons = ROOT / "resources" / "icons"
    with Image.open(icons / "app.ico") as ico:
        assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]
    with Image.open(icons / "app.icns") as icns:
        assert icns.format == "ICNS"
    with Image.open(icons / "app.png") as png:
        assert png.size == (512, 512)


LINUX = "PySide6/Qt/plugins/"
WINDOWS = "PySide6\\plugins\\"
PLUGINS = [
    ("platforms", "qxcb", True),
    ("platforms", "qoffscreen", True),
    ("platforms", "qminimal", True),
    ("platforms", "qwayland", False),
    ("platforms", "qeglfs", False),
    ("platforms", "qvnc", False),
    ("platforms", "qlinuxfb", False),
    ("platforminputcontexts", "ibusplatforminputcontextplugin", True),
    ("platforminputcontexts", "qtvirtualkeyboardplugin", False),
    ("platformthemes", "qgtk3", False),
    ("imageformats", "qpdf", False),
    ("imageformats", "qsvg", True),
    ("iconengines", "qsvgicon", True),
    ("tls", "qopensslbackend", False),
    ("networkinformation", "qnetworkmanager", False),
    ("wayland-shell-integration", "xdg-shell", False),
    ("egldeviceintegrations", "qeglfs-kms-integration", False),
    ("xcbglintegrations", "qxcb-glx-integration", True),
]


@pytest.mark.parametrize(("kind", "stem", "kept"), PLUGINS, ids=[f"{k}/{s}" for k, s, _ in PLUGINS])
def test_qt_plugin_filter_on_the_linux_layout(spec: dict[str, Any], kind: str, stem: str, kept: bool) -> None:
    """Linux wheel layout: PySide6/Qt/plugins/<kind>/lib<name>.so."""
    assert spec["keep_qt_plugin"](f"{LINUX}{kind}/lib{stem}.so") is kept


@pytest.mark.parametrize(("kind", "stem", "kept"), PLUGINS, ids=[f"{k}/{s}" for k, s, _ in PLUGINS])
def test_qt_plugin_filter_on_the_windows_layout(
    spec: dict[str, Any], kind: str, stem: str, kept: bool
) -> None:
    """Windows wheel layout: PySide6\\plugins\\<kind>\\<name>.dll."""
    assert spec["keep_qt_plugin"](f"{WINDOWS}{kind}\\{stem}.dll") is kept


def test_windows_platform_plugin_is_kept(spec: dict[str, Any]) -> None:
    """qwindows (Windows) and qcocoa (macOS) are the desktop platforms there."""
    assert spec["keep_qt_plugin"](f"{WINDOWS}platforms\\qwindows.dll")
    assert spec["keep_qt_plugin"](f"{LINUX}platforms/libqcocoa.dylib")


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qt_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_help_ja.qm", True),
        ("PySide6/Qt/translations/qtbase_zh_TW.qm", False),
        ("PySide6\\translations\\qtbase_ja.qm", True),
        ("PySide6\\translations\\qtbase_pt_BR.qm", False),
        ("resources/i18n/kairan_en.qm", True),
        ("resources/i18n/action_plan_de.qm", True),
    ],
)
def test_qt_translation_filter_keeps_japanese_and_english(
    spec: dict[str, Any], dest: str, kept: bool
) -> None:
    """Only Qt's own catalogs are filtered, to Japanese and English; the app's stay."""
    assert spec["keep_qt_translation"](dest) is kept


def test_filter_leaves_non_qt_files_alone(spec: dict[str, Any]) -> None:
    """Libraries, extensions and resources outside the Qt plugin folders are kept."""
    for dest in ("libpython3.11.so.1.0", "PySide6/QtGui.abi3.so", "resources/fonts/OFL.txt", "db/env.py"):
        assert spec["keep_qt_plugin"](dest) and spec["keep_qt_translation"](dest)


def test_filter_drops_symlinks_to_dropped_binaries(spec: dict[str, Any]) -> None:
    """PyInstaller's SYMLINK data entries go with the binary they point to."""
    gtk = ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/site/libqgtk3.so", "BINARY")
    xcb = ("PySide6/Qt/plugins/platforms/libqxcb.so", "/site/libqxcb.so", "BINARY")
    datas = [
        ("libqgtk3.so", "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "SYMLINK"),
        ("libqxcb.so", "PySide6/Qt/plugins/platforms/libqxcb.so", "SYMLINK"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "/site/qtbase_fr.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_ja.qm", "/site/qtbase_ja.qm", "DATA"),
    ]
    binaries, kept_datas, dropped = spec["filter_qt"]([gtk, xcb], datas)
    assert binaries == [xcb] and dropped == [gtk]
    assert [d[0] for d in kept_datas] == ["libqxcb.so", "PySide6/Qt/translations/qtbase_ja.qm"]


def _graph(edges: dict[str, list[str]]) -> Callable[[str], list[str]]:
    def get_imports(path: str) -> list[str]:
        return edges.get(Path(path).name, [])

    return get_imports


def test_prune_orphans_drops_libraries_only_dropped_plugins_needed(
    spec: dict[str, Any], tmp_path: Path
) -> None:
    """The GTK stack of a dropped theme plugin goes; a library a kept plugin shares stays."""

    def entry(name: str, dest: str | None = None) -> Entry:
        return (dest or name, str(tmp_path / name), "BINARY")

    gtk_plugin, xcb_plugin = entry("libqgtk3.so"), entry("libqxcb.so")
    gtk, cairo, glib = entry("libgtk-3.so.0"), entry("libcairo.so.2"), entry("libglib-2.0.so.0")
    qt_gui = entry("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6")
    get_imports = _graph(
        {
            "libqgtk3.so": [gtk[1], glib[1], qt_gui[1]],
            "libgtk-3.so.0": [cairo[1], glib[1]],
            "libqxcb.so": [glib[1], qt_gui[1]],
        }
    )
    datas = [("libQt6Gui.so.6", qt_gui[0], "SYMLINK"), ("libgtk-3.so", gtk[0], "SYMLINK")]
    binaries, kept_datas, orphans = spec["prune_orphans"](
        [xcb_plugin, gtk, cairo, glib, qt_gui], datas, [gtk_plugin], get_imports
    )
    assert orphans == [gtk, cairo]
    assert binaries == [xcb_plugin, glib, qt_gui]
    assert kept_datas == [("libQt6Gui.so.6", qt_gui[0], "SYMLINK")]


def test_prune_orphans_prunes_nothing_when_the_scan_fails(spec: dict[str, Any]) -> None:
    """A dependency scanner that fails must not cost a library."""

    def broken(path: str) -> list[str]:
        raise OSError("ldd not found")

    binaries = [("libgtk-3.so.0", "/x/libgtk-3.so.0", "BINARY")]
    result = spec["prune_orphans"](binaries, [], [("libqgtk3.so", "/x/libqgtk3.so", "BINARY")], broken)
    assert result == (binaries, [], [])


@pytest.fixture
def frozen_bundle(spec: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The spec's data laid out in a folder that sys._MEIPASS points at, as in a frozen app."""
    bundle = tmp_path / "_internal"
    for source, dest in spec["DATAS"]:
        target = bundle / dest / Path(source).name
        target.parent.mkdir(parents=True, exist_ok=True)
        if Path(source).is_file():
            shutil.copy2(source, target)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    return bundle


def test_bundle_root_is_meipass_when_frozen(frozen_bundle: Path) -> None:
    """paths.bundle_root() follows sys._MEIPASS, not the source checkout."""
    assert paths.bundle_root() == frozen_bundle
    resolved = paths.AppPaths.resolve(frozen_bundle.parent / "data")
    assert resolved.resources == frozen_bundle / "resources"
    assert resolved.migrations == frozen_bundle / "db"
    assert (resolved.fonts / "BIZUDPGothic-Regular.ttf").is_file()
    assert (resolved.translations / "kairan_en.qm").is_file()


def test_frozen_layout_migrates_a_new_profile_to_head(frozen_bundle: Path) -> None:
    """With only the bundled db/ scripts, a new profile is created and migrated to head."""
    app = App.build(frozen_bundle.parent / "data", kdf=TEST_KDF)
    assert app.paths.migrations == frozen_bundle / "db"
    _known, head = known_revisions(app.paths.migrations)
    assert head == known_revisions(ROOT / "db")[1]
    created = app.profiles.create_profile("凍結町会", "凍結校下", ADMIN_USER, ADMIN_PASSWORD)
    try:
        with created.context.engine.connect() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    finally:
        created.context.close()
    assert revision == head


def test_data_directory_is_outside_the_bundle(frozen_bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Profiles never live in the bundle, so replacing the app never touches them."""
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    resolved = paths.AppPaths.resolve()
    assert not resolved.data_dir.is_relative_to(frozen_bundle)


def test_system_libraries_are_left_out_with_what_only_they_need(spec: dict[str, Any], tmp_path: Path) -> None:
    """libcups goes (the system's copy is used) and its GnuTLS with it; shared libraries stay."""

    def entry(name: str) -> Entry:
        return (name, str(tmp_path / name), "BINARY")

    plugin = ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", str(tmp_path / "cps.so"), "BINARY")
    cups, gnutls, dbus = entry("libcups.so.2"), entry("libgnutls.so.30"), entry("libdbus-1.so.3")
    qt_dbus = entry("libQt6DBus.so.6")
    datas = [("libcups.so", "libcups.so.2", "SYMLINK"), ("resources/x.txt", "/x.txt", "DATA")]
    binaries, datas, system = spec["split_system_libraries"](
        [plugin, cups, gnutls, dbus, qt_dbus], datas, {"libcups.so.2"}
    )
    assert system == [cups] and datas == [("resources/x.txt", "/x.txt", "DATA")]
    # As ldd lists them: transitively, so the plugin lists what libcups brings too.
    get_imports = _graph(
        {
            "cps.so": [cups[1], gnutls[1], dbus[1], qt_dbus[1]],
            "libcups.so.2": [gnutls[1], dbus[1]],
            "libQt6DBus.so.6": [dbus[1]],
        }
    )
    binaries, datas, orphans = spec["prune_orphans"](binaries, datas, [], get_imports, system)
    assert orphans == [gnutls]
    assert binaries == [plugin, dbus, qt_dbus]


def test_linux_leaves_libcups_to_the_system(spec: dict[str, Any]) -> None:
    """On Linux the bundle does not carry the host's CUPS library (and its TLS and Kerberos)."""
    expected = {"libcups.so.2", "libdbus-1.so.3"} if sys.platform.startswith("linux") else set()
    assert spec["SYSTEM_LIBRARIES"] == expected


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("babel/locale-data/ja.dat", True),
        ("babel/locale-data/fil.dat", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/fr.dat", False),
        ("babel/locale-data/de_CH.dat", False),
        ("babel/global.dat", True),
        ("resources/i18n/kairan_en.qm", True),
    ],
)
def test_babel_locale_filter_keeps_the_reader_languages(spec: dict[str, Any], dest: str, kept: bool) -> None:
    """Only the CLDR data of the reader pages' languages (and their parents) is bundled."""
    assert spec["keep_babel_locale"](dest) is kept


def test_every_reader_language_has_its_babel_data_kept(spec: dict[str, Any]) -> None:
    """Each offered language's Babel locale, and its parent, is on the kept list."""
    from circular_app.hub.web.i18n import BABEL_LOCALES

    for name in set(BABEL_LOCALES.values()):
        assert name in spec["BABEL_LOCALES_KEPT"]
        assert name.split("_")[0] in spec["BABEL_LOCALES_KEPT"]
