"""Unicode normalisation for matching only: one character in, one character out.

Because the mapping preserves length, an offset found in the normalised text is the same offset in the
original, which is what every table stores.
"""

from __future__ import annotations

import re

HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"

_TABLE = str.maketrans(
    {
        **{c: "-" for c in HYPHENS},
        **{c: " " for c in _SPACES},
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
    }
)


# A hyphen lost in a page's encoding or typed as a quote: "Co?production", "Co\ufffdproduction", "co’produce".
_LOST_HYPHEN = re.compile(r"(?<=\bco)[?\ufffd'](?=produc)", re.IGNORECASE)
# "co-design/co-production": a slash after a plain word is a list, not a URL path ("/blog/co-production" stays one).
_SLASH_PAIR = re.compile(r"(?:(?<=\s)|^)([A-Za-z][A-Za-z\-]{1,30})/(?=co[-\s]?produc)", re.IGNORECASE)
_PRODUC = re.compile("produc", re.IGNORECASE)


def normalize_for_matching(text: str) -> str:
    """Map hyphen, space and quote variants to ASCII without changing the string's length."""
    out = text.translate(_TABLE)
    if not _PRODUC.search(out):
        return out
    return _SLASH_PAIR.sub(lambda m: m.group(1) + " ", _LOST_HYPHEN.sub("-", out))
