"""Client links: signed, single-purpose, expiring, single-use; opened without an account."""
