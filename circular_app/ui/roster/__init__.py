"""The household roster screen: table, 班 panel, household dialog and CSV import."""
