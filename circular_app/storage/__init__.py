"""Storage layer: SQLAlchemy models, encrypted profile files, queries.

The only package (with ``db/`` migrations and the hub's storage) that imports SQLAlchemy.
Query helpers take a Session and never commit; services own transactions.
"""
