"""Member organisations (tenants), their routing under /org/<slug>/, and provisioning."""
