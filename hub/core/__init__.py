"""Small shared pieces every layer may use: audit, ids, API errors, request limits."""
