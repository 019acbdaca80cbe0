"""The gettext catalogs of the reader pages and of the paper copies: extract, update, check.

Two domains: ``reader`` (resources/hub/locale/<code>/LC_MESSAGES/reader.po, the hub's pages)
and ``paper`` (resources/paper/<code>.po, the PDFs' own text: individual copies, 確認票,
invitation slips; flat, to keep the frozen app's folder count down).

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
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Domain:
    """One catalog set: where its .po files live, which sources and calls hold its messages."""

    name: str
    locale_dir: Path
    sources: tuple[Path, ...]
    keywords: tuple[str, ...]
    flat: bool = False  # <code>.po instead of <code>/LC_MESSAGES/<name>.po


READER = Domain(
    "reader",
    ROOT / "resources" / "hub" / "locale",
    (
        *(
            ROOT / "circular_app" / "hub" / "web" / n
            for n in ("pages.py", "answer_pages.py", "safety_web.py")
        ),
        ROOT / "circular_app" / "hub" / "services" / "answer_input.py",
    ),
    # Calls whose first argument is a message: _("…") on the pages, Problem("…") in the answer check.
    ("_", "Problem"),
)
PAPER = Domain(
    "paper",
    ROOT / "resources" / "paper",
    tuple(ROOT / "circular_app" / "pdf" / n for n in ("sheet.py", "invitations.py")),
    # t("…") where a sheet is drawn, N_("…") for the constants translated later.
    ("t", "N_"),
    flat=True,
)
DOMAINS = (READER, PAPER)
# The reader domain's names, kept for callers of the single-domain version.
LOCALE_DIR = READER.locale_dir
SOURCES = list(READER.sources)
KEYWORDS = READER.keywords
DOMAIN = READER.name


def template(domain: Domain = READER) -> Catalog:
    """Every message call of the domain's sources, inside f-strings too (read with :mod:`ast`)."""
    catalog = Catalog(project=f"Kairan Desk {domain.name}", locale=None, charset="utf-8")
    for source in domain.sources:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        found = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in domain.keywords
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ]
        for node in sorted(found, key=lambda n: (n.lineno, n.col_offset)):
            message = node.args[0].value  # type: ignore[attr-defined]
            catalog.add(message, locations=[(str(source.relative_to(ROOT)), node.lineno)])
    return catalog


def languages(domain: Domain = READER) -> list[str]:
    """The codes that have a catalog."""
    folder = domain.locale_dir
    if domain.flat:
        return sorted(p.stem for p in folder.glob("*.po"))
    return sorted(p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / f"{domain.name}.po").exists())


def _path(code: str, domain: Domain = READER) -> Path:
    if domain.flat:
        return domain.locale_dir / f"{code}.po"
    return domain.locale_dir / code / "LC_MESSAGES" / f"{domain.name}.po"


def update(domain: Domain | None = None) -> None:
    """Merge the code's strings into every catalog (of every domain, or of ``domain``)."""
    for each in (domain,) if domain else DOMAINS:
        _update(each)


def _update(domain: Domain) -> None:
    pot = template(domain)
    for code in languages(domain):
        with _path(code, domain).open("rb") as fp:
            catalog = read_po(fp)
        catalog.update(pot, no_fuzzy_matching=True)
        with _path(code, domain).open("wb") as fp:
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
    print(f"{domain.name}: {len(pot)} strings, {len(languages(domain))} languages")


def problems(domain: Domain | None = None) -> list[str]:
    """What is missing: untranslated or fuzzy entries, strings not in a catalog, compile errors."""
    found: list[str] = []
    for each in (domain,) if domain else DOMAINS:
        found.extend(f"{each.name}: {line}" for line in _problems(each))
    return found


def _problems(domain: Domain) -> list[str]:
    wanted = {m.id for m in template(domain) if m.id}
    found: list[str] = []
    for code in languages(domain):
        with _path(code, domain).open("rb") as fp:
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
