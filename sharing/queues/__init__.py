"""Work queues: what waits for an organisation's answer (shares, referrals, transfers, access)."""
