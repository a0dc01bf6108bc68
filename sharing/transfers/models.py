"""Transfers (pengalihan): the whole case moves to another member; the sender keeps a stub."""
