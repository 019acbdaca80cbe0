"""Answer commands: ``answers`` (results, CSV, JSON, PDF, reminder) and ``record-answer``.

``answers --circular N`` prints the response rate, each question's counts, the counts per 班,
the 総会 arithmetic on a 総会 form, and the households without an answer in route order.
Names are printed because the officer asked for them on their own computer; nothing of it
is logged. The form itself is given to ``new-circular --form FILE`` or ``--form-template``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from circular_app.app import App
from circular_app.cli.common import EXIT_OK, Command, UsageError, logged_in, out, parse_date
from circular_app.domain.calendar import wareki
from circular_app.domain.csv_bytes import neutralise_formula
from circular_app.domain.errors import ValidationError
from circular_app.domain.forms import Channel, QuestionKind, answer_text

if TYPE_CHECKING:
    from circular_app.services.answers import Results


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the answer commands to the command-line grammar."""
    p = sub.add_parser("answers", help="results of a circular's form (出欠, アンケート, 総会)")
    p.add_argument("--circular", type=int, required=True, help="回覧No. (this fiscal year unless --year)")
    p.add_argument("--year", type=int, help="fiscal year of the number (default: this one)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--out", help="with --format csv: write an Excel CSV file (CP932) instead of printing")
    p.add_argument("--pdf", help="write the results sheet (A4 PDF; with the 総会 page on a 総会 form)")
    p.add_argument(
        "--reminder", help="write the 班長's reminder sheets of households without an answer (PDF)"
    )

    p = sub.add_parser(
        "record-answer", help="enter one household's answer (a paper slip, or told to an officer)"
    )
    p.add_argument("--circular", type=int, required=True, help="回覧No. (this fiscal year unless --year)")
    p.add_argument("--year", type=int, help="fiscal year of the number (default: this one)")
    p.add_argument("--household", required=True, help="household ID (the ID column of export-roster)")
    p.add_argument(
        "--answer", help='e.g. "1=出席:2;2=土曜;3=受付、片付け" (questions from 1, choices by text)'
    )
    p.add_argument("--channel", choices=[Channel.PAPER.value, Channel.OFFICER.value], default="paper")
    p.add_argument("--date", help="the day the slip was handed in, YYYY-MM-DD (default: today)")
    p.add_argument(
        "--withdraw", action="store_true", help="take the household's answer back (kept in history)"
    )


def _cmd_answers(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.answers import csv_table, results_json

    with logged_in(app, args) as services:
        circular = services.circulars.by_number(args.circular, args.year)
        answers = services.answers
        results = answers.results(circular.id)
        if args.pdf:
            out(f"書き出しました: {answers.write_results_pdf(circular.id, Path(args.pdf))}")
        if args.reminder:
            count = answers.write_reminder(circular.id, Path(args.reminder))
            out(f"書き出しました: {args.reminder}（未回答 {count} 世帯）")
        if args.pdf or args.reminder:
            return EXIT_OK
        if args.out and args.format != "csv":
            raise UsageError("cli.out_needs_csv")
        if args.format == "json":
            out(json.dumps(results_json(results), ensure_ascii=False, indent=1))
        elif args.format == "csv" and args.out:
            encoding = answers.export_csv(circular.id, Path(args.out))
            out(f"書き出しました: {args.out}（{'CP932' if encoding == 'cp932' else 'UTF-8'}）")
        elif args.format == "csv":
            header, rows = csv_table(results)
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(header)
            for row in rows:
                # Names and free text are typed text: keep a spreadsheet from running them as formulas.
                writer.writerow([neutralise_formula(cell) for cell in row])
        else:
            _print_table(results)
    return EXIT_OK


def _print_table(results: Results) -> None:
    c = results.circular
    out(f"{c.label}「{c.title}」　回答締切 {wareki(results.deadline, weekday=True)}")
    out(f"回答 {results.rate.read}/{results.rate.targeted} 世帯（{results.rate.ratio:.0%}）")
    for t in results.tallies:
        q = t.question
        out(f"問{q.number} {q.text}（{q.kind.label_ja}）")
        if q.kind is QuestionKind.NUMBER:
            out(f"  回答 {t.answered} 世帯　合計 {t.total}")
        elif q.kind is QuestionKind.TEXT:
            out(f"  回答 {t.answered} 世帯")
            for text in t.texts:
                out(f"  ・{' '.join(text.split())}")
        else:
            counts = "　".join(f"{choice} {count}" for choice, count in t.counts)
            people = f"　（出席 {t.people} 名）" if q.kind is QuestionKind.ATTENDANCE and q.people else ""
            out(f"  {counts}{people}")
    out("班\t対象\t回答\t回答率")
    for r in results.per_han:
        out(f"{r.han.name}\t{r.rate.targeted}\t{r.rate.read}\t{r.rate.ratio:.0%}")
    m = results.meeting
    if m is not None:
        rules = m.rules
        out(
            f"総会: 会員 {m.members}　出席 {m.present}　委任状 {m.proxies}（議長へ {m.proxies_to_chair}）"
            f"　書面議決 {m.written}　欠席 {m.absent}　回答なし {m.no_answer}"
        )
        verdict = "成立" if m.quorum_met else "不成立"
        out(f"定足数（{rules.quorum.text}）: {m.quorum_count} / 必要 {m.quorum_needed} … {verdict}")
        for motion in m.motions:
            out(
                f"  {motion.question.text}: 賛成 {motion.for_}　反対 {motion.against}　棄権 {motion.abstain}"
                f"　（必要 {motion.needed}）… {motion.outcome}"
            )
    out(f"未回答 {len(results.unanswered)} 世帯（回覧順）:")
    for h in results.unanswered:
        out(f"  {results.label(h)}\t{h.public_id}\t{h.name}")


def _cmd_record_answer(app: App, args: argparse.Namespace) -> int:
    from circular_app.services.pdf_export import household_by_public_id

    if args.withdraw == bool(args.answer):
        raise UsageError("cli.answer_or_withdraw")
    with logged_in(app, args) as services:
        circular = services.circulars.by_number(args.circular, args.year)
        household = household_by_public_id(services.roster, args.household)
        channel = Channel(args.channel)
        if args.withdraw:
            services.answers.withdraw(circular.id, household, channel)
            out(f"{args.household}: {circular.label}への回答を取り消しました（履歴は残っています）")
            return EXIT_OK
        answers = services.answers.parse_answers(circular.id, args.answer)
        services.answers.record(circular.id, household, answers, channel, _given_at(args.date))
        shown = "；".join(f"問{n} {answer_text(v)}" for n, v in sorted(answers.items()))
        out(f"{args.household}: {circular.label}への回答を記録しました（{channel.label_ja}）: {shown}")
    return EXIT_OK


def _given_at(day: str | None) -> dt.datetime | None:
    """Noon of ``--date`` on this PC, as the stored naive UTC time (None: now)."""
    if not day:
        return None
    given = parse_date(day, "--date")
    if given > dt.date.today():
        raise ValidationError("--date", "reads.future_date", date=given)
    return dt.datetime.combine(given, dt.time(12)).astimezone().astimezone(dt.UTC).replace(tzinfo=None)


COMMANDS: dict[str, Command] = {"answers": _cmd_answers, "record-answer": _cmd_record_answer}
