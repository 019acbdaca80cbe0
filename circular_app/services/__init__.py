"""Services: one public method = one user action = one transaction.

Services receive their collaborators (session factory, logged-in officer) from the
composition root and return frozen domain values; ORM objects never leave this layer.
"""
