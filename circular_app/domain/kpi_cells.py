"""The cells of the adoption KPI table, shared by ``hub kpi`` and the city view's CSV and PDF.

One place decides how a 校下's figures are written, so the hub's CSV, the desktop's CSV export
and the council PDF say the same thing: 「未報告」 where the 校下's connected associations have
sent no adoption report yet (not 0), and 「申告」 wherever a declared app (結ネット等, recorded by
city staff) counts — its households in their own column, never added to the measured ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

KPI_HEADERS = (
    "校下",
    "登録町会数",
    "導入町会数",
    "世帯数",
    "デジタル世帯数",
    "デジタル率",
    "申告世帯数",
    "備考",
)
UNREPORTED = "未報告"
DECLARED = "申告"


@dataclass(frozen=True)
class KpiCells:
    """One 校下's figures as the hub counts them (the inputs of :meth:`cells`)."""

    school_district: str
    registered_associations: int
    adopting_associations: int
    households: int
    digital_households: int
    digital_share: float | None
    declared_households: int = 0
    reported_associations: int = 0  # associations with an adoption report up to the view's end
    unreported_associations: int = 0  # connected (online or by file) and no report yet
    declared_associations: int = 0  # associations whose declared app (申告) counts

    @property
    def unreported(self) -> bool:
        """True when connected associations exist and none has reported: 「未報告」, not 0."""
        return self.unreported_associations > 0 and self.reported_associations == 0

    def remarks(self) -> str:
        """「申告 1町会／未報告 2町会」, or "" when there is nothing to say (households: 申告世帯数)."""
        parts = []
        if self.declared_associations:
            parts.append(f"{DECLARED} {self.declared_associations}町会")
        if self.unreported_associations:
            parts.append(f"{UNREPORTED} {self.unreported_associations}町会")
        return "／".join(parts)

    def cells(self) -> list[str]:
        """The row in :data:`KPI_HEADERS` order (plain digits: the CSV is for Excel)."""
        if self.unreported:
            households, digital, share = UNREPORTED, UNREPORTED, ""
        else:
            households, digital = str(self.households), str(self.digital_households)
            share = f"{self.digital_share * 100:.1f}%" if self.digital_share is not None else ""
        return [
            self.school_district,
            str(self.registered_associations),
            str(self.adopting_associations),
            households,
            digital,
            share,
            str(self.declared_households) if self.declared_associations else "",
            self.remarks(),
        ]


class KpiFigures(Protocol):
    """A 校下 row as the hub (``KpiRow``) and the city view (``DistrictFigures``) hold it."""

    @property
    def school_district(self) -> str:
        """The 校下."""

    @property
    def registered_associations(self) -> int:
        """Associations registered, not revoked."""

    @property
    def adopting_associations(self) -> int:
        """Of those, associations that count."""

    @property
    def households(self) -> int:
        """Reported households."""

    @property
    def digital_households(self) -> int:
        """Reported households reading digitally."""

    @property
    def digital_share(self) -> float | None:
        """Digital ÷ households, or None."""

    @property
    def declared_households(self) -> int:
        """Households of declared apps (申告)."""

    @property
    def reported_associations(self) -> int:
        """Associations with a report."""

    @property
    def unreported_associations(self) -> int:
        """Connected associations without a report."""

    @property
    def declared_associations(self) -> int:
        """Associations whose declared app counts."""


def cells_of(row: KpiFigures) -> KpiCells:
    """The shared cells of a hub or city-view row."""
    return KpiCells(
        row.school_district,
        row.registered_associations,
        row.adopting_associations,
        row.households,
        row.digital_households,
        row.digital_share,
        row.declared_households,
        row.reported_associations,
        row.unreported_associations,
        row.declared_associations,
    )
