"""The hub: an ASGI service that receives circulars from association desktops, serves the
residents' reader pages and records 「読みました」 (see docs/architecture.md and docs/hub-api.md).

It imports no Qt and no desktop storage; it shares only ``circular_app.domain`` (including
the document renderer) with the desktop app.
"""
