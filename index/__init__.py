"""broadsheet's headless core: ingest, extraction, the Whoosh index and the entity/event store.

Nothing in this package imports textual or rich; the CLI and the reader sit on top of it.
"""

__version__ = "0.1.0"
