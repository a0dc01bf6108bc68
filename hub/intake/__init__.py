"""Complaints before an organisation accepts them: receipt codes, routing, inboxes."""
