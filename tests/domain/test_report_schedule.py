"""When the sync queues the adoption report by itself (domain.adoption.ReportSchedule)."""

from __future__ import annotations

import datetime as dt

from circular_app.domain.adoption import ReportSchedule, last_day_of


def test_a_new_connection_sends_only_this_months_report() -> None:
    """Nothing was sent yet: no final reports for months before the first one, today's is due."""
    assert ReportSchedule().due(dt.date(2026, 12, 5)) == ((), True)


def test_months_missed_during_a_pause_get_their_final_report() -> None:
    """After two months without a sync, each ended month since the last final goes once, oldest first."""
    schedule = ReportSchedule(dt.date(2026, 9, 20), "2026-08", "2026-07")
    finals, current = schedule.due(dt.date(2026, 12, 5))
    assert (finals, current) == (("2026-09", "2026-10", "2026-11"), True)
    after = schedule.after(dt.date(2026, 12, 5), finals)
    assert after.due(dt.date(2026, 12, 5)) == ((), False)
    assert after.due(dt.date(2027, 1, 1)) == (("2026-12",), True)


def test_the_schedule_survives_being_stored_and_ignores_garbage() -> None:
    """to_text/from_text round-trip; an unreadable value counts as nothing sent."""
    schedule = ReportSchedule(dt.date(2026, 11, 30), "2026-10", "2026-04")
    assert ReportSchedule.from_text(schedule.to_text()) == schedule
    assert ReportSchedule.from_text("not json") == ReportSchedule()
    assert ReportSchedule.from_text('{"final_month": "2026-13"}') == ReportSchedule()


def test_last_day_of_a_month() -> None:
    """The final report of a month is counted up to its last day (December and February too)."""
    assert [last_day_of(m) for m in ("2026-12", "2028-02", "2026-11")] == [
        dt.date(2026, 12, 31),
        dt.date(2028, 2, 29),
        dt.date(2026, 11, 30),
    ]
