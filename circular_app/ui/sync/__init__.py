"""Hub connection, sync status and invitation dialogs."""
