"""The codebook tree: one top-level code per exported branch, one child per label, each with a stable GUID.

Top-level codes are not codable (they group), except the user-narrative code, whose children are the stances.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.qda.codings import Branch
from pipelines.qda.ids import code_guid
from pipelines.qda.settings import BRANCHES, STANCE


@dataclass
class Code:
    guid: str
    name: str
    codable: bool
    branch: str
    value: str
    children: list["Code"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def build_codebook(branches: dict[str, Branch]) -> list[Code]:
    """The top-level codes of `branches` (in order), each with its children."""
    roots = []
    for key, branch in branches.items():
        if key == "theme" and not branch.children:
            continue  # no themes table: the branch is left out (the summary says so)
        codable = key == "narrative"
        root = Code(code_guid(key), BRANCHES[key], codable, key, "")
        sub = STANCE if key == "narrative" else key
        root.children = [Code(code_guid(sub, value), name, True, sub, value)
                         for value, name in branch.children if value != ""]
        roots.append(root)
    return roots


def codes_by_guid(roots: list[Code]) -> dict[str, Code]:
    """Every code of the tree by GUID (lower case, braces stripped: REFI-QDA allows both spellings)."""
    return {c.guid.lower(): c for root in roots for c in root.walk()}
