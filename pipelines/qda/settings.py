"""The typed `qda:` section of params.yaml (REFI-QDA export and import) and the code branches colens exports."""

from __future__ import annotations

import string

from pydantic import Field, field_validator

from pipelines.config import Section

#: Every code branch, in codebook order: branch key -> the name of its top-level code in the QDA project.
BRANCHES: dict[str, str] = {
    "sense": "sense",
    "definition": "definition",
    "level": "Needham & Carr level",
    "narrative": "user narrative",  # codable itself; its children are the stances
    "agency": "agency (users' role)",
    "usage_cluster": "usage cluster",
    "definition_family": "definition family",
    "theme": "literature theme",
}
#: The stance codes hang under the user-narrative code (branch `stance`, not a top-level code).
STANCE = "stance"
#: Fields the machine user's name template may use.
USER_FIELDS = ("version", "task", "model")


class QdaParams(Section):
    """Limits on an imported .qdpx (zip bombs), which code branches are exported, and the machine user's name."""

    max_uncompressed_mb: int = Field(512, ge=1, le=65536)  # total uncompressed size of a .qdpx's members
    max_ratio: float = Field(100.0, ge=2.0, le=10000.0)  # uncompressed/compressed size of any member over 1 MiB
    max_members: int = Field(100000, ge=2, le=10_000_000)  # files in the zip
    # REFI's QDA-XML 1.0 Project.xsd, which every imported project.qde must validate against (relative to the
    # project folder; colens does not ship a copy of the standard's schema)
    xsd: str = Field("../shared/refi/Project.xsd", min_length=1)
    codes: list[str] = Field(default_factory=lambda: list(BRANCHES), min_length=1)  # branches to export
    user_name: str = Field("colens {version} · {task} model {model}", min_length=1, max_length=200)

    @field_validator("codes")
    @classmethod
    def _known_branches(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in BRANCHES]
        if unknown:
            raise ValueError(f"unknown code branch(es) {', '.join(unknown)}; known: {', '.join(BRANCHES)}")
        if len(set(value)) != len(value):
            raise ValueError("a code branch is listed twice")
        return value

    @field_validator("user_name")
    @classmethod
    def _known_fields(cls, value: str) -> str:
        used = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        if not used <= set(USER_FIELDS):
            allowed = ", ".join(f"{{{f}}}" for f in USER_FIELDS)
            raise ValueError(f"user_name may use only {allowed}, not {sorted(used - set(USER_FIELDS))}")
        return value
