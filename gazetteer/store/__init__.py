"""The document store: an SQLite file of documents, mentions and events."""

from gazetteer.limits import MAX_TEXT_BYTES, TooLarge
from gazetteer.store.sqlite_store import Parse, Store

__all__ = ["MAX_TEXT_BYTES", "Parse", "Store", "TooLarge"]
