"""The import direction of docs/architecture.md: every module belongs to exactly one layer, checked by AST.

Each module of ``circular_app`` (and of the Alembic trees in ``db/``) is assigned a layer by the
longest matching prefix in :data:`LAYERS`; a module no prefix matches fails the test, so a new
package must be placed before it can land. For each layer :data:`MAY_IMPORT` lists the layers
it may import (its own layer always), and :data:`LIBRARY_OWNERS` the layers that alone may use
a third-party library. Every import counts: module level, inside functions and under
``TYPE_CHECKING`` (a type-only import still couples the two layers); relative imports are
resolved first.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "circular_app", ROOT / "db")

# Dotted prefix -> layer; the longest prefix wins. Package roots in EXACT match themselves only.
LAYERS: dict[str, str] = {
    "circular_app": "package",  # __init__.py only: version and process start time
    "circular_app.__main__": "main",
    "circular_app.app": "app",  # the composition root
    "circular_app.practice_hub": "app",  # where the composition root may start the practice hub
    "circular_app.cli": "cli",  # cli.py, or the cli/ package
    "circular_app.settings": "config",
    "circular_app.paths": "config",
    "circular_app.secrets": "secrets",
    "circular_app.support": "support",
    # gettext catalogs and localised dates, shared by the reader pages and the paper copies
    "circular_app.translations": "translations",
    "circular_app.domain": "domain",
    "circular_app.formats": "formats",
    "circular_app.furigana": "furigana",  # the dictionary's readings, shared by the PDF service and the hub
    "circular_app.storage": "storage",
    "circular_app.pdf": "pdf",
    "circular_app.sync": "sync",
    "circular_app.services": "services",
    "circular_app.ui": "ui",
    "circular_app.hub": "hub_base",  # hub/__init__.py only
    "circular_app.hub.settings": "hub_base",
    "circular_app.hub.logs": "hub_base",
    "circular_app.hub.schemas": "hub_base",  # the JSON contract, shared by hub web and services
    "circular_app.hub.storage": "hub_storage",
    "circular_app.hub.services": "hub_services",
    "circular_app.hub.web": "hub_web",
    "circular_app.hub.cli": "hub_cli",
    "db": "migrations",
    "db.hub": "hub_migrations",
}

EXACT = frozenset({"circular_app", "circular_app.hub"})

# Layer -> the other layers it may import. "package" (the version) is open to all but domain.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "support": frozenset(),
    "package": frozenset(),
    "config": frozenset({"support"}),
    "secrets": frozenset({"support"}),
    "formats": frozenset({"domain", "support"}),
    "furigana": frozenset({"domain", "support"}),
    "translations": frozenset({"domain"}),
    "storage": frozenset({"domain", "support", "package"}),
    "pdf": frozenset({"domain", "support", "translations", "package"}),
    "sync": frozenset({"domain", "support", "formats", "package"}),
    "services": frozenset(
        {
            "storage",
            "pdf",
            "sync",
            "formats",
            "domain",
            "support",
            "config",
            "secrets",
            "translations",
            "furigana",
            "package",
        }
    ),
    # ui receives the composition root's bundles (App, ProfileServices) as types.
    "ui": frozenset({"services", "domain", "support", "config", "app", "package"}),
    # cli launches the GUI (gui, city) and the hub's own command group.
    "cli": frozenset({"app", "services", "domain", "support", "config", "ui", "hub_cli", "package"}),
    # The composition root builds everything; only the entry points (cli, __main__) sit above it.
    "app": frozenset(set(LAYERS.values()) - {"main", "cli", "migrations", "hub_migrations"}),
    "main": frozenset({"cli", "package"}),
    "hub_base": frozenset({"config", "support", "domain", "package"}),
    "hub_storage": frozenset({"hub_base", "config", "support", "domain", "package"}),
    "hub_services": frozenset({"hub_storage", "hub_base", "formats", "domain", "support", "package"}),
    "hub_web": frozenset(
        {
            "hub_services",
            "hub_storage",
            "hub_base",
            "formats",
            "furigana",
            "domain",
            "support",
            "translations",
            "package",
        }
    ),
    "hub_cli": frozenset(
        {
            "hub_web",
            "hub_services",
            "hub_storage",
            "hub_base",
            "pdf",
            "domain",
            "support",
            "config",
            "package",
        }
    ),
    "migrations": frozenset({"storage", "domain", "support"}),
    "hub_migrations": frozenset({"hub_storage", "hub_base", "domain", "support"}),
}

_HUB = frozenset({"hub_base", "hub_storage", "hub_services", "hub_web", "hub_cli"})
_SQL = frozenset({"storage", "hub_storage", "migrations", "hub_migrations"})
# Third-party library -> the only layers that may import it.
LIBRARY_OWNERS: dict[str, frozenset[str]] = {
    "PySide6": frozenset({"ui", "app"}),
    "shiboken6": frozenset({"ui"}),
    "sqlalchemy": _SQL,
    "alembic": _SQL,
    "sqlcipher3": frozenset({"storage"}),
    "psycopg": frozenset({"hub_storage"}),
    "reportlab": frozenset({"pdf"}),
    "httpx": frozenset({"sync"}),
    "keyring": frozenset({"secrets"}),
    "fastapi": _HUB,
    "starlette": _HUB,
    # The composition root serves the practice hub (circular_app/practice_hub.py) with uvicorn.
    "uvicorn": _HUB | {"app"},
    "pydantic": _HUB,
    # Catalogs and CLDR dates: the shared translations module; the hub also negotiates
    # Accept-Language with babel.Locale. The desktop's own UI uses Qt's translations instead.
    "babel": frozenset({"translations", "hub_web"}),
    # The furigana dictionary (about 190 MB, loaded lazily): one module reads it, the PDF and
    # the hub's pages receive its segments (circular_app/furigana.py).
    "sudachipy": frozenset({"furigana"}),
    "sudachidict_core": frozenset({"furigana"}),
}
# Layers that may import nothing outside the standard library (and their own layer).
STDLIB_ONLY = frozenset({"domain", "support", "package"})

# TEMPORARY — wrong-way imports fixed on other branches of issue #17; the merger deletes these
# entries (and this list) once those branches are in. (importing module prefix, imported prefix)
PENDING_ELSEWHERE: tuple[tuple[str, str], ...] = ()


def module_name(path: Path) -> str:
    """The dotted name of a source file under the repository root."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str | None:
    """The layer of ``module`` (longest matching prefix), or None when no prefix matches."""
    best = ""
    for prefix in LAYERS:
        below = module.startswith(prefix + ".") and prefix not in EXACT
        if (module == prefix or below) and len(prefix) > len(best):
            best = prefix
    return LAYERS[best] if best else None


def imported_names(module: str, source: str, is_package: bool = False) -> list[str]:
    """Every module name ``source`` imports, relative imports resolved against ``module``."""
    names: list[str] = []
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module or ""
            names.append(target)
            # `from circular_app import sync` imports a module, not a name
            folder = ROOT.joinpath(*target.split("."))
            names.extend(
                f"{target}.{alias.name}"
                for alias in node.names
                if (folder / f"{alias.name}.py").exists() or (folder / alias.name).is_dir()
            )
    return names


def _pending(module: str, imported: str) -> bool:
    return any(
        module.startswith(mine) and (imported == theirs or imported.startswith(theirs + "."))
        for mine, theirs in PENDING_ELSEWHERE
    )


def check_module(module: str, source: str, is_package: bool = False) -> list[str]:
    """The layering violations of one module's source (empty when it keeps to its layer)."""
    layer = layer_of(module)
    if layer is None:
        return [f"{module}: belongs to no layer (add its prefix to LAYERS)"]
    found = []
    for name in imported_names(module, source, is_package):
        top = name.split(".")[0]
        if top == "__future__" or top in sys.stdlib_module_names or _pending(module, name):
            continue
        if top in ("circular_app", "db"):
            target = layer_of(name)
            if target == layer:
                continue
            if target is None or target not in MAY_IMPORT[layer]:
                found.append(f"{module} ({layer}) imports {name} ({target})")
        elif layer in STDLIB_ONLY:
            found.append(f"{module} ({layer}) uses {top}: only the standard library is allowed")
        elif top in LIBRARY_OWNERS and layer not in LIBRARY_OWNERS[top]:
            found.append(f"{module} ({layer}) uses {top}")
    return found


def _sources() -> Iterator[tuple[str, str, bool]]:
    for tree in SOURCES:
        for path in sorted(tree.rglob("*.py")):
            yield module_name(path), path.read_text(encoding="utf-8"), path.name == "__init__.py"


def test_every_layer_is_described() -> None:
    """Every layer named in LAYERS has a MAY_IMPORT entry, and nothing else does."""
    assert set(MAY_IMPORT) == set(LAYERS.values())


def test_every_module_belongs_to_a_layer() -> None:
    """No module of circular_app or db falls outside the LAYERS table."""
    assert [m for m, _s, _p in _sources() if layer_of(m) is None] == []


def test_no_import_goes_the_wrong_way() -> None:
    """No module imports a layer it may not, or a library another layer owns."""
    found = [v for module, source, pkg in _sources() for v in check_module(module, source, pkg)]
    assert found == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("circular_app.ui.sync.status", "from circular_app.sync.worker import SyncWorker\n"),
        ("circular_app.ui.sync.status", "from circular_app import sync\n"),
        ("circular_app.services.sync", "from circular_app.hub.web.app import create_app\n"),
        ("circular_app.services.sync", "import httpx\n"),
        ("circular_app.pdf.sheet", "from circular_app.sync.client import HubClient\n"),
        ("circular_app.sync.client", "from circular_app.storage.models import Outbox\n"),
        ("circular_app.sync.client", "from ..storage import models\n"),
        ("circular_app.ui.reads.matrix", "from circular_app.storage.database import open_db\n"),
        ("circular_app.domain.reads", "from sqlalchemy import select\n"),
        ("circular_app.domain.reads", "def f() -> None:\n    import numpy\n"),
        ("circular_app.hub.services.reports", "from circular_app.sync import report_file\n"),
        ("circular_app.hub.services.exchange", "from circular_app.hub.web.app import create_app\n"),
        ("circular_app.services.reads", "from PySide6.QtCore import QObject\n"),
        ("circular_app.cli.sync", "from PySide6.QtWidgets import QApplication\n"),
        ("circular_app.newthing", "import json\n"),
        ("circular_app.hub.newthing", "import json\n"),
        ("circular_app.hub.services.exchange", "from sqlalchemy import select\n"),
        ("circular_app.hub.web.reader", "from sqlalchemy.orm import Session\n"),
        ("circular_app.hub.cli.commands", "from sqlalchemy.exc import OperationalError\n"),
        ("circular_app.hub.services.kpi", "import alembic\n"),
        ("circular_app.pdf.sheet", "from sudachipy import Dictionary\n"),
        ("circular_app.pdf.sheet", "from circular_app.furigana import Furigana\n"),
        ("circular_app.furigana", "from circular_app.storage.models import Base\n"),
    ],
)
def test_checker_catches_a_wrong_way_import(module: str, source: str) -> None:
    """A synthetic module importing the wrong way is reported (guards the guard)."""
    assert check_module(module, source) != []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("circular_app.ui.sync.status", "from circular_app.services.sync import SyncService\n"),
        ("circular_app.services.sync", "from circular_app.sync.client import HubClient\n"),
        ("circular_app.sync.client", "from circular_app.domain.wire import ConfirmationsPage\n"),
        ("circular_app.hub.web.app", "from circular_app.hub.web import city_api\n"),
        ("circular_app.storage.models", "from sqlalchemy.orm import Mapped\n"),
        ("circular_app.hub.storage.kpi_repo", "from sqlalchemy import select\n"),
        ("circular_app.hub.services.kpi", "from circular_app.hub.storage.session import Session\n"),
        ("circular_app.domain.reads", "from . import errors\n"),
    ],
)
def test_checker_accepts_a_right_way_import(module: str, source: str) -> None:
    """A synthetic module importing within its rights is not reported."""
    assert check_module(module, source) == []


def import_cycles(prefix: str) -> list[list[str]]:
    """Groups of modules under ``prefix`` that import each other in a circle (any import counts)."""
    sources = {m: (s, p) for m, s, p in _sources() if m == prefix or m.startswith(prefix + ".")}
    graph: dict[str, set[str]] = {}
    for module, (source, pkg) in sources.items():
        graph[module] = set()
        for name in imported_names(module, source, pkg):
            # `from a.b import c`: the module a.b.c when it exists, else a.b
            while name and name not in sources:
                name = name.rpartition(".")[0]
            if name and name != module:
                graph[module].add(name)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


@pytest.mark.parametrize(
    "prefix",
    [
        "circular_app.hub",
        "circular_app.domain",
        "circular_app.storage",
        "circular_app.services",
        "circular_app.sync",
        "circular_app.pdf",
    ],
)
def test_no_import_cycles(prefix: str) -> None:
    """No two modules of these packages import each other, directly or round a longer circle."""
    assert import_cycles(prefix) == []
