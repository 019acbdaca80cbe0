"""Forms on circulars and their answers: attach a form, record answers, results, exports.

One public method is one user action in one transaction. The API the other parts use:

- :meth:`AnswerService.attach_form` — put a form on a *draft* circular (or take it off);
  forms come from a TOML file (:func:`~circular_app.domain.forms.parse_form`) or a bundled
  template (:meth:`AnswerService.template`).
- :meth:`AnswerService.record` — one household's answer, the same call for every channel:
  ``Channel.PAPER`` (a slip entered by an officer or a 班長), ``Channel.OFFICER`` (told to an
  officer), ``Channel.PHONE`` (received from the hub by sync, with the time it was given).
  The latest answer counts; :meth:`AnswerService.withdraw` takes one back; both keep history.
- :meth:`AnswerService.results` — tallies, per 班, response rate, the households without an
  answer in route order and, on a 総会 form, the quorum and each 議案's outcome.
- :meth:`AnswerService.export_csv`, :meth:`AnswerService.results_json`,
  :meth:`AnswerService.write_results_pdf`, :meth:`AnswerService.write_reminder`.

Rules: answers are taken for published circulars only, up to the deadline (the form's, else
the circular's due date; the day the answer was *given* counts, so a phone answer synced
late still counts) and not after the circular was closed. A 班長 sees and enters their own
班 only; phone answers come from the household itself and are not limited by 班. The audit
trail records who entered which household's answer and when, never the answer itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from circular_app.domain.calendar import wareki
from circular_app.domain.circulars import Circular, Status
from circular_app.domain.csv_bytes import encode_excel_csv
from circular_app.domain.errors import NotFoundError, UserError, ValidationError
from circular_app.domain.forms import (
    AnswerRecord,
    Answers,
    AnswerValue,
    Channel,
    Form,
    FormError,
    MeetingResult,
    QuestionTally,
    answer_text,
    answers_from_wire,
    current_answers,
    meeting_result,
    parse_answer_string,
    parse_form,
    resolved_deadline,
    tally,
    validate_answers,
)
from circular_app.domain.reads import Rate, audience
from circular_app.domain.roster import Han, Household
from circular_app.domain.wire import Answer as HubAnswer
from circular_app.services.context import ProfileContext
from circular_app.storage import answers_repo, audit_repo, outbox_repo
from circular_app.storage import circular_repo as crepo
from circular_app.storage import hub_outbox as outbox
from circular_app.storage import roster_repo as rrepo
from circular_app.storage.session import Session
from circular_app.support.clock import utcnow
from circular_app.support.files import atomic_write_bytes, make_private

__all__ = ["AnswerService", "FormError", "HanResult", "Results", "csv_table", "results_json"]

log = logging.getLogger(__name__)

Today = Callable[[], dt.date]


@dataclass(frozen=True)
class HanResult:
    """One 班's answers: how many answered out of how many, and its tallies."""

    han: Han
    rate: Rate
    tallies: tuple[QuestionTally, ...]


@dataclass(frozen=True)
class Results:
    """Everything the results screen, the exports and the sheets show for one circular.

    ``members`` are the households the circular went to (a 班長: their own 班), as they
    stood on its route; ``answers`` maps household id → the answer that counts.
    """

    circular: Circular
    form: Form
    deadline: dt.date
    hans: tuple[Han, ...]
    members: tuple[Household, ...]
    answers: Mapping[int, AnswerRecord]
    rate: Rate
    tallies: tuple[QuestionTally, ...]
    per_han: tuple[HanResult, ...]
    meeting: MeetingResult | None

    @property
    def unanswered(self) -> tuple[Household, ...]:
        """Members without an answer, in route order: whom the 班長 asks again."""
        return tuple(h for h in self.members if h.id not in self.answers)

    def han_name(self, han_id: int) -> str:
        """The name of a 班 of the results (its id when it was merged away)."""
        return next((h.name for h in self.hans if h.id == han_id), str(han_id))

    def label(self, household: Household) -> str:
        """「3班-5」: the label households are known by on sheets and on the hub."""
        return f"{self.han_name(household.han_id)}-{household.route_position}"


class AnswerService:
    """Forms and answers of the open profile. ``today`` is injectable so tests control the date."""

    def __init__(
        self, context: ProfileContext, font_dir: Path, forms_dir: Path, today: Today = dt.date.today
    ) -> None:
        self._ctx = context
        self._font_dir = font_dir
        self._forms_dir = forms_dir
        self._today = today

    # ----- forms -------------------------------------------------------------------------
    def templates(self) -> list[str]:
        """The names of the bundled form templates (総会の出欠と委任状, 行事の参加申込, …)."""
        return sorted(p.stem for p in self._forms_dir.glob("*.toml"))

    def template(self, name: str) -> Form:
        """A bundled template by name; a unique beginning of the name is enough (「総会」)."""
        names = self.templates()
        found = [n for n in names if n == name] or [n for n in names if n.startswith(name.strip())]
        if len(found) != 1 or not name.strip():
            raise NotFoundError("form.template_not_found", name=name, known="、".join(names))
        path = self._forms_dir / f"{found[0]}.toml"
        return parse_form(path.read_text(encoding="utf-8"), path.name)

    @staticmethod
    def read_form_file(path: Path) -> Form:
        """A form from a TOML file, refused with the file, line and field when it is wrong."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise NotFoundError("form.unreadable", path=path, reason=exc.strerror) from exc
        except UnicodeDecodeError as exc:
            raise ValidationError(str(path), "file.utf8_required") from exc
        return parse_form(text, path.name)

    def form(self, circular_id: int) -> Form | None:
        """The form of a circular, if it has one."""
        with self._ctx.sessions() as session:
            return answers_repo.form_of(session, circular_id)

    def attach_form(self, circular_id: int, form: Form | None) -> None:
        """Put ``form`` on a draft circular (None takes it off). Published forms stay as sent."""
        self._ctx.require(self._ctx.officer.can_compose, "回答の様式の設定")
        with self._ctx.sessions.begin() as session:
            circular = crepo.get(session, circular_id)
            if circular.status is not Status.DRAFT:
                raise ValidationError("様式", "answer.form_on_published", label=circular.label)
            answers_repo.set_form(session, circular_id, form, self._ctx.officer.username)
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "form_set" if form is not None else "form_removed",
                f"circular:{circular_id}",
                {"questions": len(form.questions) if form is not None else 0},
            )

    def parse_answers(self, circular_id: int, text: str) -> dict[int, AnswerValue]:
        """An ``--answer`` string (「1=出席;2=3」) read against the circular's form."""
        return parse_answer_string(self._require_form(circular_id), text)

    # ----- answers -----------------------------------------------------------------------
    def record(
        self,
        circular_id: int,
        household_id: int,
        answers: Answers,
        channel: Channel,
        answered_at: dt.datetime | None = None,
    ) -> AnswerRecord:
        """Store a household's answer (it replaces the earlier one in every count).

        ``answered_at`` (naive UTC) is when the household gave it; now by default. Refused
        after the deadline, for a draft or a closed circular, for a household the circular
        did not go to, and for a 班長 entering another 班's slip.
        """
        with self._ctx.sessions.begin() as session:
            return self._record_in(
                session, circular_id, household_id, answers, channel, answered_at or utcnow()
            )

    def _record_in(
        self,
        session: Session,
        circular_id: int,
        household_id: int,
        answers: Answers,
        channel: Channel,
        at: dt.datetime,
    ) -> AnswerRecord:
        circular, form, household = self._check(session, circular_id, household_id, channel)
        self._check_open(circular, form, at)
        checked = validate_answers(form, answers)
        record = answers_repo.add_answer(
            session, circular_id, household.id, checked, channel, at, self._ctx.officer.username
        )
        # Who entered which household's answer and when; never the answer (it may be personal).
        audit_repo.append(
            session,
            self._ctx.officer.username,
            "answer_record",
            f"circular:{circular_id}",
            {"household_id": household.id, "channel": channel.value},
        )
        return record

    def withdraw(
        self, circular_id: int, household_id: int, channel: Channel = Channel.OFFICER
    ) -> AnswerRecord:
        """Take a household's answer back (an entry made by mistake, or the household asked).

        The answer stays in the history; the household counts as not answered again.
        """
        with self._ctx.sessions.begin() as session:
            return self._withdraw_in(session, circular_id, household_id, channel, utcnow())

    def _withdraw_in(
        self, session: Session, circular_id: int, household_id: int, channel: Channel, at: dt.datetime
    ) -> AnswerRecord:
        circular, form, household = self._check(session, circular_id, household_id, channel)
        self._check_open(circular, form, at)
        held = current_answers(answers_repo.answers(session, circular_id, household.id))
        if household.id not in held:
            raise NotFoundError("answer.nothing_to_withdraw", household=household.public_id)
        record = answers_repo.add_answer(
            session, circular_id, household.id, {}, channel, at, self._ctx.officer.username, withdrawn=True
        )
        audit_repo.append(
            session,
            self._ctx.officer.username,
            "answer_withdraw",
            f"circular:{circular_id}",
            {"household_id": household.id, "channel": channel.value},
        )
        return record

    def record_from_hub(self, items: Sequence[HubAnswer], cursor: str) -> int:
        """Phones' answers fetched by a sync round, stored together with the fetch ``cursor``.

        One transaction for the page and its cursor: a round killed half-way stores the page
        wholly or not at all (then it is fetched again), so no answer is lost or doubled. Each
        is recorded as ``Channel.PHONE`` at the time the household gave it (the deadline is
        checked against that time); a withdrawal on the page becomes a withdrawal here. Sync
        runs as the system: no 班 limit. An answer that no longer fits here (circular or
        household deleted, closed before it was given) is skipped and logged without content.
        Returns how many answers and withdrawals were recorded.
        """
        recorded = 0
        with self._ctx.sessions.begin() as session:
            circulars = outbox.circular_ids_by_hub_key(session)
            households = {h.public_id: h.id for h in rrepo.household_values(session)}
            for item in items:
                cid, hid = circulars.get(item.circular_key), households.get(item.household_key)
                if cid is None or hid is None:
                    continue  # deleted here since: nothing to record
                at = item.answered_at
                if at.tzinfo is not None:
                    at = at.astimezone(dt.UTC).replace(tzinfo=None)
                # Every check comes before the row is written: a refused answer writes nothing.
                try:
                    if item.withdrawn:
                        self._withdraw_in(session, cid, hid, Channel.PHONE, at)
                    else:
                        answers = answers_from_wire(self._form(session, cid), item.answers)
                        self._record_in(session, cid, hid, answers, Channel.PHONE, at)
                except UserError as exc:
                    log.warning("phone answer to circular %s not recorded: %s", cid, exc.code)
                    continue
                recorded += 1
            outbox_repo.set_answers_cursor(session, cursor)
        return recorded

    def history(self, circular_id: int, household_id: int) -> list[AnswerRecord]:
        """Every answer of one household to a circular, oldest first (withdrawals included)."""
        with self._ctx.sessions() as session:
            household = rrepo.household_value(session, household_id)
            self._require_han(household.han_id, "ほかの班の回答の履歴")
            return answers_repo.answers(session, circular_id, household_id)

    # ----- results -----------------------------------------------------------------------
    def results(self, circular_id: int) -> Results:
        """Tallies, per 班, rate, households without an answer and the 総会 arithmetic."""
        with self._ctx.sessions() as session:
            form = self._form(session, circular_id)
            circular = crepo.get(session, circular_id)
            hans = sorted(rrepo.han_values(session), key=lambda h: (h.position, h.id))
            route = [h for h in audience(circular, rrepo.household_values(session), hans) if h.active]
            records = answers_repo.answers(session, circular_id)
        allowed = self._allowed_hans()
        members = tuple(h for h in route if allowed is None or h.han_id in allowed)
        ids = {h.id for h in members}
        current = {hid: r for hid, r in current_answers(records).items() if hid in ids}
        per_han = []
        for han in hans:
            mine = [h for h in members if h.han_id == han.id]
            if not mine:
                continue
            rows = [current[h.id].answers for h in mine if h.id in current]
            per_han.append(HanResult(han, Rate(len(rows), len(mine)), tally(form, rows)))
        rows = [current[h.id].answers for h in members if h.id in current]
        meeting = meeting_result(form, len(members), rows) if form.general_meeting else None
        return Results(
            circular=circular,
            form=form,
            deadline=resolved_deadline(form, circular.due_date),
            hans=tuple(hans),
            members=members,
            answers=current,
            rate=Rate(len(rows), len(members)),
            tallies=tally(form, rows),
            per_han=tuple(per_han),
            meeting=meeting,
        )

    def export_csv(self, circular_id: int, path: Path) -> str:
        """Every household's answer (one row each, route order) as Excel-friendly CSV; returns
        the encoding (CP932 when every character fits, else UTF-8 with BOM)."""
        results = self.results(circular_id)
        header, rows = csv_table(results)
        data, encoding = encode_excel_csv(header, rows)
        atomic_write_bytes(path, data)
        make_private(path)
        self._audit_export(circular_id, "answers_csv", len(results.members))
        return encoding

    def write_results_pdf(self, circular_id: int, path: Path, printed_on: dt.date | None = None) -> Path:
        """The results sheet (A4): tallies, per 班, rate; a 総会 form adds the 総会 results page
        (members, 出席・委任・書面, quorum, each 議案 with its outcome) for the 議事録."""
        from circular_app.pdf.answers_sheet import ResultsSheet, render_results  # reportlab on first use

        r = self.results(circular_id)
        sheet = ResultsSheet(
            association=self._ctx.ref.name,
            circular=r.circular,
            form=r.form,
            deadline=r.deadline,
            rate=r.rate,
            tallies=r.tallies,
            per_han=tuple((h.han.name, h.rate, h.tallies) for h in r.per_han),
            meeting=r.meeting,
        )
        render_results(path, sheet, self._font_dir, printed_on or self._today())
        make_private(path)
        self._audit_export(circular_id, "answers_pdf", len(r.members))
        return path

    def write_reminder(self, circular_id: int, path: Path) -> int:
        """The 班長's reminder sheets: households without an answer per 班, in route order.

        Returns how many households are listed (names leave the app: the file is private).
        """
        from circular_app.pdf.reminder import ReminderSheet, answers_wording, render_reminders

        results = self.results(circular_id)
        sheets = [
            ReminderSheet(r.han.name, [h for h in results.unanswered if h.han_id == r.han.id])
            for r in results.per_han
        ]
        render_reminders(
            path,
            self._ctx.ref.name,
            results.circular,
            sheets,
            self._font_dir,
            self._today(),
            answers_wording(results.deadline),
        )
        make_private(path)
        count = len(results.unanswered)
        self._audit_export(circular_id, "answer_reminder", count)
        return count

    # ----- helpers -----------------------------------------------------------------------
    def _audit_export(self, circular_id: int, what: str, households: int) -> None:
        with self._ctx.sessions.begin() as session:
            audit_repo.append(
                session,
                self._ctx.officer.username,
                "roster_export",  # names leave the app, as in a roster export
                f"circular:{circular_id}",
                {"what": what, "households": households},
            )

    def _require_form(self, circular_id: int) -> Form:
        with self._ctx.sessions() as session:
            return self._form(session, circular_id)

    def _form(self, session: Session, circular_id: int) -> Form:
        form = answers_repo.form_of(session, circular_id)
        if form is None:
            raise NotFoundError("answer.no_form", label=crepo.get(session, circular_id).label)
        return form

    def _check(
        self, session: Session, circular_id: int, household_id: int, channel: Channel
    ) -> tuple[Circular, Form, Household]:
        form = self._form(session, circular_id)
        circular = crepo.get(session, circular_id)
        if circular.status is Status.DRAFT:
            raise ValidationError("回答", "answer.draft", label=circular.label)
        hans = rrepo.han_values(session)
        household = rrepo.household_value(session, household_id)
        placed = next((h for h in audience(circular, [household], hans)), None)
        if placed is None:
            raise ValidationError("回答", "answer.not_addressed", household=household.public_id)
        if channel is not Channel.PHONE:
            self._require_han(placed.han_id, "ほかの班の回答の記録")
        return circular, form, placed

    def _check_open(self, circular: Circular, form: Form, at: dt.datetime) -> None:
        deadline = resolved_deadline(form, circular.due_date)
        if _local_day(at) > deadline:
            raise ValidationError("回答", "answer.after_deadline", deadline=wareki(deadline, weekday=True))
        if circular.status is Status.CLOSED and (circular.closed_at is None or at >= circular.closed_at):
            raise ValidationError("回答", "answer.closed", label=circular.label)

    def _allowed_hans(self) -> set[int] | None:
        officer = self._ctx.officer
        if officer.sees_all_hans:
            return None
        return {officer.han_id} if officer.han_id is not None else set()

    def _require_han(self, han_id: int, action: str) -> None:
        allowed = self._allowed_hans()
        if allowed is not None and han_id not in allowed:
            self._ctx.require(False, action)


def _local_day(moment: dt.datetime) -> dt.date:
    """The local calendar day of a stored (naive UTC) time."""
    return moment.replace(tzinfo=dt.UTC).astimezone().date()


# ----- tables and views shared by the CLI, the exports and the sheets ----------------------
def csv_table(results: Results) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per household in route order, one column per question."""
    questions = results.form.questions
    header = [
        "ID",
        "班",
        "ラベル",
        "氏名",
        "回答方法",
        "回答日時",
        *[f"問{q.number} {q.text}" for q in questions],
    ]
    rows = []
    for household in results.members:
        record = results.answers.get(household.id)
        cells = [
            answer_text(record.answers[q.number]) if record is not None and q.number in record.answers else ""
            for q in questions
        ]
        rows.append(
            [
                household.public_id,
                results.han_name(household.han_id),
                results.label(household),
                household.name,
                record.channel.label_ja if record else "",
                _local(record.answered_at).isoformat(timespec="minutes") if record else "",
                *cells,
            ]
        )
    return header, rows


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC).astimezone()


def results_json(results: Results) -> dict[str, object]:
    """The results as plain JSON values (the ``answers --format json`` output)."""

    def tallies(items: tuple[QuestionTally, ...]) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for t in items:
            item: dict[str, object] = {
                "number": t.question.number,
                "kind": t.question.kind.value,
                "text": t.question.text,
                "answered": t.answered,
            }
            if t.counts:
                item["counts"] = dict(t.counts)
            if t.question.kind.value == "attendance":
                item["people"] = t.people
            if t.question.kind.value == "number":
                item["total"] = t.total
            if t.question.kind.value == "text":
                item["texts"] = list(t.texts)
            out.append(item)
        return out

    data: dict[str, object] = {
        "circular": results.circular.label,
        "title": results.circular.title,
        "deadline": results.deadline.isoformat(),
        "members": len(results.members),
        "answered": results.rate.read,
        "rate": round(results.rate.ratio, 4),
        "questions": tallies(results.tallies),
        "per_han": [
            {
                "han": r.han.name,
                "members": r.rate.targeted,
                "answered": r.rate.read,
                "questions": tallies(r.tallies),
            }
            for r in results.per_han
        ],
        "unanswered": [
            {"id": h.public_id, "label": results.label(h), "name": h.name} for h in results.unanswered
        ],
    }
    meeting = results.meeting
    if meeting is not None:
        data["meeting"] = {
            "members": meeting.members,
            "present": meeting.present,
            "proxies": meeting.proxies,
            "proxies_to_chair": meeting.proxies_to_chair,
            "written": meeting.written,
            "absent": meeting.absent,
            "no_answer": meeting.no_answer,
            "quorum_rule": meeting.rules.quorum.text,
            "quorum_count": meeting.quorum_count,
            "quorum_needed": meeting.quorum_needed,
            "quorum_met": meeting.quorum_met,
            "motions": [
                {
                    "number": m.question.number,
                    "text": m.question.text,
                    "for": m.for_,
                    "against": m.against,
                    "abstain": m.abstain,
                    "needed": m.needed,
                    "outcome": m.outcome,
                }
                for m in meeting.motions
            ],
        }
    return data
