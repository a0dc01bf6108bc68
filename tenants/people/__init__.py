"""Persons and groups, recorded once per organisation and linked to cases in roles."""
