"""Abuse protection shared by every process: rate-limit counters and one-time submission keys,
both in the public schema of PostgreSQL (so all gunicorn workers see the same counts)."""
