"""Demo data and the demo supervisor (`make demo`); a composition root like hub.urls."""
