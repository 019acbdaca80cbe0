"""Every relative link in the README and docs/ resolves to a file inside the repository.

A fresh clone has nothing beside it, so a link to ``../shared/...`` is a dead link there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "benchmarks" / "README.md", *(ROOT / "docs").rglob("*.md")])
# Markdown links and images: ](target) or ](target "title"); the fragment is not checked.
LINK = re.compile(r"\]\(\s*<?([^)\s>#]+)")


def dead_links(document: Path, root: Path = ROOT) -> list[str]:
    """Relative link targets of ``document`` that do not exist inside ``root``."""
    dead = []
    for target in LINK.findall(document.read_text(encoding="utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # http:, mailto:, ...
            continue
        resolved = (document.parent / target).resolve()
        if not resolved.exists() or not resolved.is_relative_to(root):
            dead.append(target)
    return dead


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_links_resolve_inside_the_repository(document: Path) -> None:
    """No link of the document points at a missing file or outside the clone."""
    assert dead_links(document) == []


def test_the_check_finds_dead_and_outside_links(tmp_path: Path) -> None:
    """The checker itself: a missing file and a file beside the repository are both reported."""
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "here.md").write_text("here")
    (tmp_path / "shared.md").write_text("outside")
    readme = repo / "README.md"
    readme.write_text(
        "[ok](docs/here.md) [anchor](docs/here.md#part) [web](https://example.org/x) "
        "[gone](docs/gone.md) [outside](../shared.md) ![img](docs/none.png)"
    )
    assert dead_links(readme, repo) == ["docs/gone.md", "../shared.md", "docs/none.png"]
