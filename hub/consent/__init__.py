"""Consent records: what the client allowed (contact, share, refer, statistics), and withdrawal."""
