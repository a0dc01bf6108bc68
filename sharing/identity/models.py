"""Keyed hashes of identifiers: telling two members they may be helping the same worker."""
