"""Widgets, table models, messages, appearance, translations and the task runner shared by every screen."""
