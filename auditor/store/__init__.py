"""Stage 6: the embedded SQLite store of batch results (docs/store.md)."""

from auditor.store.schema import SCHEMA_VERSION
from auditor.store.sqlite_store import Store, StoreError

__all__ = ["SCHEMA_VERSION", "Store", "StoreError"]
