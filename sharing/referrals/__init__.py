"""Referrals: a request for a service to a member or an outside agency; the service directory."""
