"""Pure domain layer: frozen dataclasses, enums, validation and calculations.

Standard library only; every other layer may import it, it imports nothing of ours
outside ``circular_app.domain``.
"""
