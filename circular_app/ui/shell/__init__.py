"""The application shell: start-up, log-in, main window and settings."""
