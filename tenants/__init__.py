"""Apps that live in every organisation's own schema."""
