"""Contributions: notes, events and activities added to a case from outside its organisation."""
