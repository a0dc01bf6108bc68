"""Access requests: a national office asks an office for access to one of its cases."""
