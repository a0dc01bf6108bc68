"""Staff side of client links: a case's links page, sending them, reviewing the answers."""
