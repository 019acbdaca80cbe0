"""Accounts, screen lock, audit trail, backups and recovery dialogs."""
