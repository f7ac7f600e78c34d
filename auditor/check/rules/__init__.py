"""One module per rule; each registers itself with ``auditor.check.registry.register``."""
