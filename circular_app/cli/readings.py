"""The reading list of furigana: ``readings list|add WORD READING|remove WORD``.

The officers' own readings of words the dictionary reads wrong (place and personal names);
they beat the dictionary on the reader pages and on large-print copies printed with
``export-pdf --furigana``.
"""

from __future__ import annotations

import argparse

from circular_app.app import App
from circular_app.cli.common import EXIT_OK, Command, logged_in, out


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``readings`` command to the command-line grammar."""
    p = sub.add_parser("readings", help="the reading list of furigana (place and personal names)")
    actions = p.add_subparsers(dest="readings_action", required=True)
    actions.add_parser("list", help="print the list: word, reading, who set it")
    add = actions.add_parser("add", help="add a word with its reading, or change its reading")
    add.add_argument("word", help="the word as written, e.g. 東海林")
    add.add_argument("reading", help="its reading in hiragana or katakana, e.g. とうかいりん")
    remove = actions.add_parser("remove", help="take a word off the list (the dictionary reads it again)")
    remove.add_argument("word")


def _cmd_readings(app: App, args: argparse.Namespace) -> int:
    with logged_in(app, args) as services:
        readings = services.readings
        if args.readings_action == "add":
            entry = readings.set(args.word, args.reading)
            out(f"登録しました: {entry.word}（{entry.reading}）")
        elif args.readings_action == "remove":
            readings.remove(args.word)
            out(f"削除しました: {args.word.strip()}")
        else:
            entries = readings.entries()
            for entry in entries:
                out(f"{entry.word}\t{entry.reading}\t{entry.added_by}")
            if not entries:
                out("読み方の一覧は空です")
    return EXIT_OK


COMMANDS: dict[str, Command] = {"readings": _cmd_readings}
