"""The PySide6 desktop GUI: windows, dialogs and table models over the services layer.

Widgets call services and render domain values; they hold no business rules. Nothing here
imports ``storage`` or SQLAlchemy (a test enforces the layering). Start with
:func:`circular_app.ui.shell.main.run_gui`.
"""
