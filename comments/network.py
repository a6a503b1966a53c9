"""Kept for imports written before the rule moved to ``hnp.network`` (the admin login lockout
uses it too, and must not depend on the comments app)."""

from hnp.network import get_client_ip

__all__ = ["get_client_ip"]
