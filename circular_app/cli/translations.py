"""Translation commands (issue 23): ``translation set|list|remove`` of a circular's title and body.

``set`` reads the body from a UTF-8 file in the circular Markdown subset; the translation
replaces the language's earlier one (the earlier rows are kept). Officers who may compose
circulars change translations; ``list`` marks a translation made before the Japanese was
rewritten with 「古い（日本語を書きかえた後）」.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from circular_app.app import App, ProfileServices
from circular_app.cli.common import EXIT_OK, Command, Parser, logged_in, out
from circular_app.domain.errors import NotFoundError, ValidationError
from circular_app.domain.reader_languages import READER_LANGUAGES
from circular_app.domain.translations import JAPANESE_NAMES, TRANSLATION_LANGUAGES

STALE_MARK = "古い（日本語を書きかえた後）"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``translation`` command group to the command-line grammar."""
    p = sub.add_parser(
        "translation", help="translations of a circular for the reader page (one per language)"
    )
    tr = p.add_subparsers(dest="translation_command", required=True, parser_class=Parser)
    languages = ", ".join(TRANSLATION_LANGUAGES)
    a = tr.add_parser("set", help="save a translation (replaces the language's earlier one)")
    _circular_arguments(a)
    a.add_argument("--lang", required=True, help=f"language code: {languages} (or 「ベトナム語」 etc.)")
    a.add_argument("--title", required=True, help="the translated title")
    a.add_argument("--body-file", required=True, help="UTF-8 text in the circular Markdown subset")
    a = tr.add_parser("list", help="the circular's translations, stale ones marked")
    _circular_arguments(a)
    a = tr.add_parser("remove", help="take a translation away (the reader page shows the Japanese)")
    _circular_arguments(a)
    a.add_argument("--lang", required=True, help=f"language code: {languages}")


def _circular_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--circular", type=int, required=True, help="回覧No. (or the draft id with --draft)")
    p.add_argument("--year", type=int, help="fiscal year of the number (default: this one)")
    p.add_argument("--draft", action="store_true", help="--circular is a draft id")


def _circular_id(services: ProfileServices, args: argparse.Namespace) -> int:
    if args.draft:
        return services.circulars.get(args.circular).id
    return services.circulars.by_number(args.circular, args.year).id


def _read_body(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise NotFoundError("file.unreadable", path=path, reason=exc.strerror) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(str(path), "file.utf8_required") from exc


def _cmd_translation(app: App, args: argparse.Namespace) -> int:
    body = _read_body(Path(args.body_file)) if args.translation_command == "set" else ""
    with logged_in(app, args) as services:
        circular_id = _circular_id(services, args)
        translations = services.translations
        match args.translation_command:
            case "set":
                saved = translations.set(circular_id, args.lang, args.title, body)
                out(f"{saved.lang}（{JAPANESE_NAMES[saved.lang]}）の訳を保存しました: {saved.title}")
            case "remove":
                translations.remove(circular_id, args.lang)
                out("訳を削除しました（日本語の原文が表示されます）")
            case "list":
                stale = translations.stale_languages(circular_id)
                found = translations.latest_per_lang(circular_id)
                if not found:
                    out("訳はありません")
                for lang in TRANSLATION_LANGUAGES:
                    if lang in found:
                        mark = f"\t{STALE_MARK}" if lang in stale else ""
                        names = f"{READER_LANGUAGES[lang]}／{JAPANESE_NAMES[lang]}"
                        out(f"{lang}\t{names}\t{found[lang].title}{mark}")
    return EXIT_OK


COMMANDS: dict[str, Command] = {"translation": _cmd_translation}
