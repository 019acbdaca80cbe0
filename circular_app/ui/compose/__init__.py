"""Composing circulars: the list, the editor, templates and their texts."""
