"""Sync with the hub: the HTTP client (``client.py``) now; the outbox worker later (issue 11).

The only place of the desktop app that speaks HTTP (docs/architecture.md).
"""
