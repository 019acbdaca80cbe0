"""The ``hub`` command group: serve, KPI output and city administration."""
