"""What people type into a search box, as a query the database's full-text index takes."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')


def fts5_query(query: str) -> str:
    """User words to an FTS5 query that cannot be a syntax error: every term quoted, ANDed
    ("quoted phrases" stay phrases)."""
    terms = []
    for phrase, word in _QUERY_PART.findall(query):
        words = _WORD.findall(phrase or word)
        if words:
            terms.append('"' + " ".join(words) + '"')
    return " ".join(terms)
