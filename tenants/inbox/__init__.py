"""The organisation's side of intake: its complaint inbox (page and API), accept and decline.
Every move goes through hub.intake's one transition service; a case is opened by
tenants.cases. No models: complaints live in the public schema."""
