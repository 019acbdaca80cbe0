"""Schemathesis over the hub's OpenAPI schema: no generated request gets a server error.

Bounded: at most 50 examples per operation and generation mode, derandomized so CI runs are
repeatable. Runs on its own server so the generated bad codes do not count against the
shared server's guess limit.
"""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis import GenerationMode

from tests.hub.fuzzing import fuzz_operation
from tests.hub.support import RunningHub, enrolled, serve, settings_for

MAX_EXAMPLES = 50


@pytest.fixture
def fuzz_hub(db_url: str, backend: str):  # type: ignore[no-untyped-def]
    """A separate hub on the same database."""
    with serve(settings_for(db_url), backend) as running:
        yield running


@pytest.mark.parametrize(
    "mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"]
)
def test_no_server_errors(fuzz_hub: RunningHub, mode: GenerationMode) -> None:
    """Every operation, valid and invalid input, with a valid token: always an answer below 500."""
    association = enrolled(fuzz_hub)
    auth = {"Authorization": f"Bearer {association.client.token}"}
    schema = schemathesis.openapi.from_url(f"{fuzz_hub.base_url}/api/v1/openapi.json")
    failures: list[str] = []
    statuses: dict[str, set[int]] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7  # enroll, sync, confirmations, answers, safety, health, noop
    if mode is GenerationMode.NEGATIVE:
        # Operations that take no input have no invalid input to generate.
        operations = [op for op in operations if op.path not in ("/api/v1/health", "/api/v1/noop")]
    try:
        for operation in operations:
            fuzz_operation(fuzz_hub, operation, mode, auth, failures, statuses, MAX_EXAMPLES)
    finally:
        association.client.close()
    assert failures == []
    if mode is GenerationMode.POSITIVE:  # the generator reached the real work, not only validation
        assert 200 in statuses["POST /api/v1/sync"], statuses
    else:
        assert 422 in statuses["POST /api/v1/sync"], statuses
