"""File formats shared by the desktop app and the hub (domain and support only, no I/O layer).

Both sides must read and write these byte for byte alike, so they live in one place that the
desktop services, the sync client and the hub may all import, while none of those import
each other.
"""
