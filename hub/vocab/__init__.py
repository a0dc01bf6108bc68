"""Shared thesauri of the network (case types, issue types, ...), with stable codes."""
