"""Who publishes a passage: a public body, an organisation, a news outlet or a person, read from its page address
or its source's name.

The codebook's co-opted stance includes stories "solicited and curated by the institution for its own audiences":
the same plain account is read as co-opted on a trust's page and as neutral on a personal blog, so the stance map
may read the publisher (`StanceContext.publisher`). Rules are on the host name (and, failing that, on a source name
such as an HTML page's site name); a passage whose publisher they cannot tell is `unknown` and the map reads
nothing for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import urlsplit

#: The publisher kinds a stance map may read (`publisher.<kind>`); anything else is unknown.
PUBLISHER_KINDS = ("public_body", "organisation", "news", "personal")
#: Passage fields (`colens classify`) read in this order: an explicit kind, then addresses, then a source name.
PUBLISHER_FIELDS = ("publisher", "url", "source_url", "source")

_HOST_RULES: list[tuple[str, re.Pattern]] = [
    ("public_body", re.compile(r"nhs\.(?:uk|net|scot|wales)|hscni|\.gov(?:\.|$)|\.govt\.|gov\.uk|\.gc\.ca$|canada\.ca$|"
                               r"council|healthwatch|\.ac\.uk$|\.edu(?:\.|$)|hospital|health\.|trust|\.hse\.ie$")),
    ("personal", re.compile(r"blogspot\.|wordpress\.com$|medium\.com$|substack\.com$|mumsnet|reddit|forum|tumblr")),
    ("news", re.compile(r"bbc\.|guardian|news|times|telegraph|independent|mirror|express|echo|post|chronicle|gazette|"
                        r"herald|today")),
    ("organisation", re.compile(r"\.org(?:\.[a-z]{2})?$")),
]
_NAME_RULES: list[tuple[str, re.Pattern]] = [
    ("public_body", re.compile(r"\b(?:NHS|Council|Healthwatch|Health Board|Health Service|Department of|Ministry of|"
                               r"Government|University(?! Press)|Hospital)\b")),
    ("news", re.compile(r"\b(?:BBC|News|Guardian|Times|Telegraph|Herald|Gazette|Chronicle|Mirror|Echo)\b")),
]
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\d?\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:[/?#]|$)",
                   re.IGNORECASE)


class Publisher(NamedTuple):
    """A passage's publisher kind (`unknown` when no rule tells) and what it was read from."""

    kind: str = "unknown"
    read_from: str = ""

    def evidence(self) -> dict[str, str] | None:
        """The evidence `publisher` field: None when unknown."""
        return None if self.kind == "unknown" else {"kind": self.kind, "read_from": self.read_from}


def host_of(value: str) -> str | None:
    """The host name of an address ("https://www.example.nhs.uk/news" -> "example.nhs.uk"), None if it is none."""
    text = value.strip()
    if " " in text:
        return None
    m = _HOST.match(text)
    if not m:
        return None
    host = (urlsplit(text).hostname if "://" in text else m.group(1)) or m.group(1)
    return re.sub(r"^www\d?\.", "", host.lower())


def publisher_kind(value: str) -> str:
    """The publisher kind of an address or a source's name, `unknown` when no rule tells."""
    host = host_of(value)
    rules = _HOST_RULES if host else _NAME_RULES
    subject = host or value
    return next((kind for kind, rx in rules if rx.search(subject)), "unknown")


def publisher_of(fields: Mapping[str, object]) -> Publisher:
    """The publisher of a passage from its fields (`PUBLISHER_FIELDS`): a `publisher` that names a kind wins; then
    the first address or source name a rule tells."""
    given = str(fields.get("publisher") or "").strip().lower().replace(" ", "_")
    if given in PUBLISHER_KINDS:
        return Publisher(given, "publisher field")
    for name in PUBLISHER_FIELDS[1:]:
        value = fields.get(name)
        if isinstance(value, str) and value.strip() and value.strip().lower() != "unknown":
            kind = publisher_kind(value)
            if kind != "unknown":
                return Publisher(kind, f"{name}: {value.strip()[:120]}")
    return Publisher()
