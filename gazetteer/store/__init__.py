"""The document store: an SQLite file of documents, mentions and events."""

from gazetteer.store.limits import MAX_TEXT_BYTES, TooLarge
from gazetteer.store.store import Parse, Store

__all__ = ["MAX_TEXT_BYTES", "Parse", "Store", "TooLarge"]
