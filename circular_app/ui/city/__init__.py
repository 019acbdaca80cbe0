"""The city staff's adoption view: table, chart and council report."""
