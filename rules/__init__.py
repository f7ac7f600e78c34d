"""Shipped default settings (installed as ``auditor.defaults``); data only."""
