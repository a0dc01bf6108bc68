"""People who log in, their memberships and roles, and the authorisation helpers views use."""
