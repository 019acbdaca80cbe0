"""Trainer mode: the exercise guide, practice hub, presentation mode and workshop records."""
