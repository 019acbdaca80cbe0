"""The hub's service bundle that every router is built from.

Its own module so that the routers (:mod:`circular_app.hub.web.city_api`, the association API
and reader pages in :mod:`circular_app.hub.web.app`) depend on it and never on each other:
``app`` assembles the routers, nothing imports ``app`` back.
"""

from __future__ import annotations

from dataclasses import dataclass

from circular_app.hub.services.answers import AnswerService
from circular_app.hub.services.city import CityService
from circular_app.hub.services.exchange import Exchange
from circular_app.hub.services.kpi import KpiService
from circular_app.hub.services.registry import Registry
from circular_app.hub.services.safety import HubSafety
from circular_app.hub.storage.database import Sessions
from circular_app.hub.web.reader import ReaderService


@dataclass(frozen=True)
class HubServices:
    """What the routes use; built once per app."""

    sessions: Sessions
    registry: Registry
    exchange: Exchange
    reader: ReaderService
    csrf_secret: str
    kpi: KpiService
    city: CityService
    safety: HubSafety  # 安否確認 (issue 22)
    answers: AnswerService
