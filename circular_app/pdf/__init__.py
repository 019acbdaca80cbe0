"""PDF output (reportlab only lives here): paper circulars, 回覧表 grids, reminder sheets."""
