"""Trained models (installed as ``auditor.trained``); data only, see README.md here."""
