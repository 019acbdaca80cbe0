"""The areas of work every main window has, in the order they are installed.

The roster is the window's own central page; these factories add the others (see
:mod:`circular_app.ui.shell.pages`). The composition root (:func:`~circular_app.ui.shell.main.run_gui`)
passes this list to the window; a test may pass fewer.
"""

from __future__ import annotations

from circular_app.ui.compose.page import install_compose
from circular_app.ui.reads.page import install_reads
from circular_app.ui.safety.page import install_safety
from circular_app.ui.security.page import install_security
from circular_app.ui.shell.pages import PageFactory
from circular_app.ui.sync.page import install_sync
from circular_app.ui.trainer.page import install_trainer

#: The circular list first (it inserts its tab at 0), then reads (home and 既読 before it),
#: 安否確認, the hub (wakes on circular changes, so after them), trainer mode (its dock goes
#: below the sidebar) and security last (its 管理 menu is the last in the menu bar).
STANDARD_PAGES: tuple[PageFactory, ...] = (
    install_compose,
    install_reads,
    install_safety,
    install_sync,
    install_trainer,
    install_security,
)
