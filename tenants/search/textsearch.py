"""Which text-search configuration narratives are indexed with, decided once per schema.

The search migration asks `narrative_config` and writes the answer into the two database
functions that use it (the trigger that keeps `cases_case.search_document`, and
`search_narrative_query`), so the index and the queries can never disagree. Names and places
always use `simple`: a stemmer would cut names ("Siti" is not a word with a suffix).
"""

from __future__ import annotations

PREFERRED = "indonesian"  # PostgreSQL's Snowball stemmer: "gajinya" and "digaji" find "gaji"
FALLBACK = "simple"


def narrative_config(cursor) -> str:
    """`indonesian` where the server has it (the embedded PostgreSQL does), else `simple`."""
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_ts_config WHERE cfgname = %s)", [PREFERRED]
    )
    return PREFERRED if cursor.fetchone()[0] else FALLBACK
