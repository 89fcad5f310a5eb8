"""Line classifiers: each names one kind of page chrome and recognises a whole line of it.

Every rule matches a complete, short line, so a sentence that merely mentions "download" or
"copyright" inside real prose is never removed. Lines are compared after `normalize_for_matching`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = r"^[\s\-\*\u2022\u00b7>|]*"  # leading bullet / table-pipe decoration allowed before a rule
_END = r"[\s|:.!]*$"
# Field labels of institutional repository records (EPrints, DSpace, Pure).
_RECORD_FIELDS = (
    r"(item type|depositing user|date deposited|last modified|resource uri|official url|additional information|"
    r"uncontrolled keywords|subjects|institutional unit|former institutional unit|funders?|depositor|"
    r"date of first compliant deposit|language|export to|request a format\b.*|record (created|updated))"
)


@dataclass(frozen=True)
class LineRule:
    """A named pattern for one complete line of chrome, limited to lines of at most `max_words` words."""

    reason: str
    pattern: re.Pattern[str]
    max_words: int = 12

    def matches(self, line: str) -> bool:
        return len(line.split()) <= self.max_words and bool(self.pattern.search(line))


def _rule(reason: str, regex: str, max_words: int = 12) -> LineRule:
    return LineRule(reason, re.compile(regex, re.IGNORECASE), max_words)


_NETWORK = (r"(facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|bluesky|threads|instagram|youtube|mastodon|"
            r"messenger|telegram|e-?mail|copy link|print)")
# One button of a share row: "Share on Facebook", "Share this page", "Print this page", "Follow us on X", "Email".
_SHARE_TOKEN = (r"((share|print|email|e-mail|save|bookmark)( this( page| article| post| story| item| blog)?)?"
                r"(\s*(on|via|to)\s*" + _NETWORK + r")?|follow us( on)?(\s*" + _NETWORK + r")?|" + _NETWORK + r")")
_SHARE_SEP = r"(\s*[/|,:\u00b7\u2022]\s*|\s+|\s*\u2026\s*|\s*\.\.\.\s*)"
_DATE_ISH = r"(?=[^\d]*\d)[\w ,/.:\-]{0,60}"
_REVIEW = (r"((page )?(last (reviewed|updated|modified|edited)|next review( date| due)?|reviewed|"
           r"review(ed)? date|date (last )?(reviewed|updated))( on)?\s*:?\s*)")

LINE_RULES: tuple[LineRule, ...] = (
    _rule("sign-in prompt", _BULLET + r"(log ?in|sign ?in|sign ?up|log ?out|register)"
          r"(\s*(/|\||or|and)\s*(log ?in|sign ?in|sign ?up|register|join))*" + _END, 4),
    _rule("sign-in prompt", _BULLET + r".{0,40}\((log ?in|sign ?in) required\)" + _END, 8),
    _rule("membership notice", r"^you (need|must|have) to be (a )?(member|logged in|signed in)\b.*", 25),
    _rule("membership notice", r"^join( now| us| the)?\b[^.!?]{0,60}$", 6),
    _rule("view counter", _BULLET + r"(total )?(page )?views?\s*:?\s*[\d,]*" + _END, 4),
    _rule("view counter", _BULLET + r"[\d,]+\s+(views|reads|downloads)" + _END, 3),
    _rule("comment prompt", _BULLET + r"(add|leave|post|write) a (comment|reply)" + _END, 5),
    _rule("comment prompt", _BULLET + r"(\d+\s+)?comments?(\s*\(\d+\))?" + _END, 3),
    _rule("author link", _BULLET + r"(view|see|more|read) (all|more)?\s*(articles|posts|publications|works)"
          r" (by|from) (this|the) author" + _END, 10),
    _rule("navigation", _BULLET + r"(\u00ab|\"|<|<<)?\s*(go back|back|back to top|skip to (main )?content|home|menu|"
          r"next|previous|print|share( this)?|preview|search|top)\s*(\u00bb|>|>>)?" + _END, 4),
    _rule("download link", _BULLET + r"download\b[^.!?]*" + _END, 8),
    _rule("download link", r"\((pdf|docx?|epub)\s*/\s*[\d.]+\s*[kmg]b\)", 12),
    _rule("file label", _BULLET + r"((publisher|published|accepted|submitted|author'?s?|final)\s+)?"
          r"(pdf|version|manuscript)" + _END, 3),
    _rule("copyright", r"^\s*(\u00a9|\(c\)\s*\d{4}|copyright\s*(\u00a9|\(c\)|\d{4}))", 20),
    _rule("copyright", r"\ball rights reserved" + _END, 15),
    _rule("powered by", r"\bpowered by\b[^.!?]{0,40}$", 15),
    _rule("site footer", _BULLET + r"(badges|report an issue|terms of (service|use)|privacy( policy)?|"
          r"cookie( policy| settings)?|contact us|accessibility( statement)?|sitemap)"
          r"(\s*\|\s*(badges|report an issue|terms of (service|use)|privacy( policy)?|cookie( policy| settings)?|"
          r"contact us|accessibility( statement)?|sitemap))*" + _END, 12),
    _rule("license", r"^\s*(this (work|article|item|content|page|publication) is )?licensed under\b.*"
          r"(licen[cs]e|\bcc[ -]by\b)", 30),
    _rule("repository record", r"\((?:[a-z]{2,12} )?id:\s*\d+\)\s*$", 60),
    _rule("repository record", r"^\s*\|\s*" + _RECORD_FIELDS + r"\s*:", 40),
    _rule("repository record", _BULLET + _RECORD_FIELDS + r"\s*:[^.!?]{0,60}$", 12),
    _rule("repository record", _BULLET + r"link to \w+" + _END, 4),
    _rule("repository record", _BULLET + r"(refworks|eprints3? xml|bibtex|endnote|ris|csv|dublin core|"
          r"html citation|ascii citation|openurl contextobject|mods|mets|reference manager|json|"
          r"multiline csv|mpeg-?21 didl|text citation)" + _END, 4),
    _rule("bare link", r"^\s*(https?://|www\.|doi:\s*10\.)\S+\s*$", 1),
    _rule("share buttons", _BULLET + _SHARE_TOKEN + "(" + _SHARE_SEP + _SHARE_TOKEN + ")*" + _END, 14),
    _rule("page feedback", _BULLET + r"(was|is|did) (this|the) (page|article|information|content|post) (helpful|useful|"
          r"help( you)?)\??(\s*(yes|no)\b.*)?$", 14),
    _rule("page feedback", _BULLET + r"yes\s*[/|]?\s*no" + _END, 2),
    _rule("page feedback", _BULLET + r"(thank you|thanks) for your feedback" + _END, 6),
    _rule("page feedback", _BULLET + r"report (a problem|an issue|a mistake) (with|on) this page" + _END, 8),
    _rule("page review dates", r"^" + _REVIEW + _DATE_ISH + r"$", 18),
    _rule("byline", _BULLET + r"(posted|written|published) (by|on|in) [^.!?]{1,100}$", 18),
)

# A whole line of cells separated by pipes, every cell a few words: a link bar ("Badges | Report an Issue").
_PIPE_CELLS = re.compile(r"\s*\|\s*")


def classify_line(line: str) -> str | None:
    """The reason a (normalised, stripped) line is chrome, or None when it is content."""
    if not line:
        return None
    for rule in LINE_RULES:
        if rule.matches(line):
            return rule.reason
    return None


def is_link_bar(line: str) -> bool:
    """At least three cells separated by pipes, each at most four words."""
    cells = [c for c in _PIPE_CELLS.split(line.strip()) if c]
    return line.count("|") >= 2 and len(cells) >= 3 and all(len(c.split()) <= 4 for c in cells)


def is_pipe_row(line: str, max_cell_words: int = 25) -> bool:
    """A table row from scraped HTML: pipe-separated cells, or a lone pipe / separator row."""
    if "|" not in line:
        return False
    if re.fullmatch(r"[\s|:\-]+", line):
        return True
    cells = [c for c in _PIPE_CELLS.split(line.strip()) if c.strip()]
    return all(len(c.split()) <= max_cell_words for c in cells)
