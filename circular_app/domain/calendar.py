"""Fiscal years (April to March) and Japanese era dates (和暦) as people expect them."""

from __future__ import annotations

import datetime as dt

FISCAL_YEAR_START_MONTH = 4

# (first day, era name); newest first. Only eras a living resident may still write.
_ERAS = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
)
_WEEKDAYS = "月火水木金土日"


def fiscal_year(day: dt.date, start_month: int = FISCAL_YEAR_START_MONTH) -> int:
    """The fiscal year a day belongs to: 2026-03-31 → 2025, 2026-04-01 → 2026."""
    return day.year if day.month >= start_month else day.year - 1


def fiscal_year_bounds(year: int, start_month: int = FISCAL_YEAR_START_MONTH) -> tuple[dt.date, dt.date]:
    """First and last day of fiscal ``year``."""
    first = dt.date(year, start_month, 1)
    last = dt.date(year + 1, start_month, 1) - dt.timedelta(days=1)
    return first, last


def wareki_year(day: dt.date) -> str:
    """「令和8年」; the first year of an era is written 「元年」."""
    for start, era in _ERAS:
        if day >= start:
            number = day.year - start.year + 1
            return f"{era}{'元' if number == 1 else number}年"
    return f"{day.year}年"


def wareki(day: dt.date, weekday: bool = False) -> str:
    """「令和8年11月24日」, optionally with 「(火)」."""
    text = f"{wareki_year(day)}{day.month}月{day.day}日"
    return f"{text}({_WEEKDAYS[day.weekday()]})" if weekday else text


def wareki_time(moment: dt.datetime, seconds: bool = False) -> str:
    """「令和8年11月24日(火) 13:05」: a moment as officers read it (the time as given)."""
    return (
        f"{wareki(moment.date(), weekday=True)} {moment:%H:%M:%S}"
        if seconds
        else (f"{wareki(moment.date(), weekday=True)} {moment:%H:%M}")
    )


def fiscal_year_label(year: int) -> str:
    """「令和8年度」 for fiscal year 2026."""
    return f"{wareki_year(dt.date(year, 4, 1))}度"
