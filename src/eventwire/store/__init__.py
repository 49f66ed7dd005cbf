"""Store stage: a DuckDB file holding articles, events, quotes, actors, places and times.

``Store(path)`` opens (creating and migrating as needed) the database; ``save`` replaces one
article's rows atomically; ``events``/``quotes``/``counts`` query it.
"""

from eventwire.store.db import Store, StoreError
from eventwire.store.rows import date_bounds

__all__ = ["Store", "StoreError", "date_bounds"]
