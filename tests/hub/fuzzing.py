"""The schemathesis run shared by the association and city API fuzz tests.

Bounded and derandomized so CI runs are repeatable; every answer's status is recorded per
operation and every server error is collected as one line, so a test can assert on both.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.hub.support import RunningHub


def fuzz_operation(  # type: ignore[no-untyped-def]
    hub: RunningHub,
    operation,
    mode: GenerationMode,
    headers: dict[str, str],
    failures: list[str],
    statuses: dict[str, set[int]],
    max_examples: int,
) -> None:
    """Send at most ``max_examples`` generated requests for one operation."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        response = case.call(base_url=hub.base_url, headers=headers, timeout=30)
        statuses.setdefault(f"{case.method} {case.path}", set()).add(response.status_code)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.path} -> {response.status_code}: {case.body!r:.300}")

    run()
