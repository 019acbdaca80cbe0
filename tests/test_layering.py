"""The import direction of docs/architecture.md, checked by walking every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "circular_app"

# layer -> packages it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (
        "circular_app.storage",
        "circular_app.services",
        "circular_app.ui",
        "circular_app.pdf",
        "circular_app.sync",
        "circular_app.hub",
        "circular_app.app",
        "sqlalchemy",
        "PySide6",
        "reportlab",
    ),
    "storage": (
        "circular_app.services",
        "circular_app.ui",
        "circular_app.pdf",
        "circular_app.sync",
        "PySide6",
    ),
    "pdf": ("circular_app.services", "circular_app.ui", "circular_app.storage", "sqlalchemy", "PySide6"),
    "sync": ("circular_app.services", "circular_app.ui", "PySide6", "reportlab"),
    "services": ("circular_app.ui", "PySide6"),
    "ui": ("circular_app.storage", "sqlalchemy", "reportlab"),
    "hub": ("circular_app.ui", "circular_app.storage", "PySide6"),
}
# Only these layers may use the third-party library.
OWNERS = {"sqlalchemy": ("storage", "services", "hub"), "reportlab": ("pdf",), "PySide6": ("ui",)}
DOMAIN_STDLIB_ONLY = True


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(path)
        for name in _imports(path):
            for banned in FORBIDDEN.get(layer, ()):
                if name == banned or name.startswith(banned + "."):
                    found.append(f"{path.relative_to(PACKAGE)} imports {name}")
            top = name.split(".")[0]
            if top in OWNERS and layer not in OWNERS[top] and layer in FORBIDDEN:
                found.append(f"{path.relative_to(PACKAGE)} ({layer}) uses {top}")
    return found


def test_no_import_goes_the_wrong_way() -> None:
    """No module imports a layer above it or a library owned by another layer."""
    assert _violations() == []


def test_domain_uses_only_the_standard_library() -> None:
    """domain/ imports nothing but the standard library and circular_app.domain."""
    import sys

    bad = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top != "circular_app" and top not in sys.stdlib_module_names and top != "__future__":
                bad.append(f"{path.name}: {name}")
            if top == "circular_app" and not name.startswith("circular_app.domain"):
                bad.append(f"{path.name}: {name}")
    assert bad == []


def test_checker_catches_a_wrong_way_import(tmp_path: Path) -> None:
    """The walker reports a storage import found in a ui-layer file (guards the guard)."""
    sample = tmp_path / "x.py"
    sample.write_text("from circular_app.storage import models\n", encoding="utf-8")
    assert "circular_app.storage" in _imports(sample)[0]
    assert any(n.startswith(b) for n in _imports(sample) for b in FORBIDDEN["ui"])
