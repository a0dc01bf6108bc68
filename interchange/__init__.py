"""Case-package interchange: frozen dataclasses in, XML and PDF bytes out."""
