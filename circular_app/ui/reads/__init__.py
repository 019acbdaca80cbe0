"""Who has read what: the home dashboard, stamp entry, the reader matrix and reminders."""
