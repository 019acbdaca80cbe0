"""Schemathesis over the city API's own schema: no generated request gets a server error.

Same bounds as test_schemathesis.py (the association API): derandomized, 30 examples per
operation and mode, on a separate server so that failed logins do not lock the shared one.
"""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis import GenerationMode

from tests.hub.fuzzing import fuzz_operation
from tests.hub.support import RunningHub, city_login, enrolled, serve, settings_for

MAX_EXAMPLES = 30


@pytest.fixture
def fuzz_hub(db_url: str, backend: str):  # type: ignore[no-untyped-def]
    """A separate hub on the same database."""
    with serve(settings_for(db_url), backend) as running:
        yield running


@pytest.mark.parametrize(
    "mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"]
)
def test_no_server_errors(fuzz_hub: RunningHub, mode: GenerationMode) -> None:
    """Every city operation, valid and invalid input, with a city token: always below 500."""
    association = enrolled(fuzz_hub)
    city = {"Authorization": f"Bearer {city_login(fuzz_hub)}"}
    own = {"Authorization": f"Bearer {association.client.token}"}
    schema = schemathesis.openapi.from_url(f"{fuzz_hub.base_url}/api/v1/city/openapi.json")
    failures: list[str] = []
    statuses: dict[str, set[int]] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8
    try:
        for operation in operations:
            fuzz_operation(
                fuzz_hub,
                operation,
                mode,
                own if operation.path == "/api/v1/action-plan" else city,
                failures,
                statuses,
                MAX_EXAMPLES,
            )
    finally:
        association.client.close()
    assert failures == []
    if mode is GenerationMode.POSITIVE:
        assert 200 in statuses["GET /api/v1/city/kpi"], statuses
