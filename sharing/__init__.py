"""Share grants, referrals and transfers between members, as far as the client consented."""
