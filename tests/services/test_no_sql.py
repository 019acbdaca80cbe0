"""Services reach the database only through storage repositories (issue #17, item 3)."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "circular_app" / "services"

# SQLAlchemy itself, and the ORM rows (storage.models) that would carry it into services.
FORBIDDEN = ("sqlalchemy", "circular_app.storage.models")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth of the file (also inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def offending_imports(folder: Path) -> dict[str, list[str]]:
    """File name → forbidden modules it imports, for each Python file under ``folder``."""
    bad: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        hits = sorted(
            m for m in imported_modules(path) if any(m == f or m.startswith(f"{f}.") for f in FORBIDDEN)
        )
        if hits:
            bad[str(path.relative_to(folder))] = hits
    return bad


def test_services_import_no_sqlalchemy_nor_orm_rows() -> None:
    """No services module imports sqlalchemy or storage.models."""
    assert offending_imports(SERVICES) == {}


def test_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    """The check notices a deferred ``from sqlalchemy.orm import Session`` too."""
    (tmp_path / "late.py").write_text("def f():\n    from sqlalchemy.orm import Session\n", encoding="utf-8")
    (tmp_path / "rows.py").write_text("from circular_app.storage import models\n", encoding="utf-8")
    assert offending_imports(tmp_path) == {
        "late.py": ["sqlalchemy.orm", "sqlalchemy.orm.Session"],
        "rows.py": ["circular_app.storage.models"],
    }
