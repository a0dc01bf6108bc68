"""The public site: home, rights information, complaint form and status page."""
