"""The ASGI application: routes, middleware, reader pages and request schemas."""
