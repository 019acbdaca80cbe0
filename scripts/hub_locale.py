"""The reader pages' catalogs (resources/hub/locale): extract, update, check.

    python scripts/hub_locale.py update   # new strings from the code into every .po
    python scripts/hub_locale.py check    # every .po complete and compiling (also a test)

Japanese is the source (the msgid). After ``update`` a new or changed string is an empty or
fuzzy entry in each language: translate it (plain, polite: a neighbourhood association
writing to residents), then run ``check``. The hub compiles the .po files when it starts.
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "resources" / "hub" / "locale"
SOURCES = [
    ROOT / "circular_app" / "hub" / "web" / name for name in ("pages.py", "answer_pages.py", "safety_web.py")
] + [ROOT / "circular_app" / "hub" / "services" / "answer_input.py"]
# Calls whose first argument is a message: _("…") on the pages, Problem("…") in the answer check.
KEYWORDS = ("_", "Problem")
DOMAIN = "reader"


def template() -> Catalog:
    """Every ``_("…")`` of the reader pages, inside f-strings too (read with :mod:`ast`)."""
    catalog = Catalog(project="Kairan Desk reader", locale=None, charset="utf-8")
    for source in SOURCES:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        found = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in KEYWORDS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ]
        for node in sorted(found, key=lambda n: (n.lineno, n.col_offset)):
            message = node.args[0].value  # type: ignore[attr-defined]
            catalog.add(message, locations=[(str(source.relative_to(ROOT)), node.lineno)])
    return catalog


def languages() -> list[str]:
    """The codes that have a catalog."""
    return sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())


def _path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def update() -> None:
    """Merge the code's strings into every catalog."""
    pot = template()
    for code in languages():
        with _path(code).open("rb") as fp:
            catalog = read_po(fp)
        catalog.update(pot, no_fuzzy_matching=True)
        with _path(code).open("wb") as fp:
            # No line numbers and sorted by message: an edit elsewhere in a page does not touch the
            # catalogs, and parallel branches that add strings merge without conflicts.
            write_po(
                fp,
                catalog,
                width=100,
                omit_header=False,
                ignore_obsolete=True,
                include_lineno=False,
                sort_output=True,
            )
    print(f"{len(pot)} strings, {len(languages())} languages")


def problems() -> list[str]:
    """What is missing: untranslated or fuzzy entries, strings not in a catalog, compile errors."""
    wanted = {m.id for m in template() if m.id}
    found: list[str] = []
    for code in languages():
        with _path(code).open("rb") as fp:
            catalog = read_po(fp)
        ids = {m.id for m in catalog if m.id}
        found.extend(f"{code}: not in the catalog: {m}" for m in sorted(wanted - ids))  # type: ignore[type-var]
        for message in catalog:
            if not message.id:
                continue
            if not message.string or message.fuzzy:
                found.append(f"{code}: untranslated: {message.id}")
            elif isinstance(message.id, str) and isinstance(message.string, str):
                for name in _fields(message.id):
                    if name not in _fields(message.string):
                        found.append(f"{code}: {{{name}}} missing in: {message.string}")
        errors = list(catalog.check())
        found.extend(f"{code}: {m.id}: {e}" for m, errs in errors for e in errs)
        write_mo(io.BytesIO(), catalog)
    return found


def _fields(text: str) -> set[str]:
    import string

    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def main(argv: list[str]) -> int:
    """``update`` or ``check``."""
    if argv[1:] == ["update"]:
        update()
        return 0
    if argv[1:] == ["check"]:
        found = problems()
        print("\n".join(found) or "all catalogs complete")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
