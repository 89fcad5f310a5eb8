"""Stable GUIDs: uuid5 of what an element stands for, so exporting the same outputs twice gives the same project
(a re-export diffs) and an imported project's codes, sources and users are recognised by GUID."""

from __future__ import annotations

import uuid

#: The namespace of every GUID colens writes into a REFI-QDA project (fixed forever: changing it renames all).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://colens.invalid/refi-qda")


def guid(*parts: object) -> str:
    """The GUID of the element identified by `parts` (joined with U+001F, which no part contains)."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts)))


def code_guid(branch: str, value: str = "") -> str:
    return guid("code", branch, value)


def source_guid(doc_id: str, content_hash: str) -> str:
    """A document's GUID changes with its text, so a project exported from another text is never matched."""
    return guid("source", doc_id, content_hash)


def selection_guid(doc_id: str, start: int, end: int, branch: str, value: str) -> str:
    return guid("selection", doc_id, int(start), int(end), branch, value)


def coding_guid(selection: str) -> str:
    return guid("coding", selection)


def user_guid(name: str) -> str:
    return guid("user", name)


def variable_guid(name: str) -> str:
    return guid("variable", name)
