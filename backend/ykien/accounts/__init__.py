"""Users, roles, API keys, login sessions and login throttling; the ``Caller`` of every request."""
