"""Small helpers every layer may use: the clock and crash-safe file writes (standard library only).

This is the bottom of the import graph beside :mod:`circular_app.domain`: it imports nothing
of the application, so any layer except the pure domain may depend on it.
"""
