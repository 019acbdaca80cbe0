"""The hub's database: engine, migrations runner and typed models."""
