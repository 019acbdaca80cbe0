"""The PDF export dialog (paper copies)."""
