"""Kairan Desk (回覧デスク): digital and paper circulars for Japanese town associations."""

__version__ = "0.1.0"
