"""The annotated narrative passages (corpora/annotations/narratives/annotations.jsonl), read with the shared loader.

Fields: id, text, is_narrative (bool), stance (co-opted / transformative / neutral, `n/a` for non-narratives,
null for a narrative whose stance is not agreed or not yet labelled), genre, source; optional: the two independent
labelling passes (`is_narrative_a` / `stance_a` and `is_narrative_b` / `stance_b`) whose agreed labels are the
record's labels, and `use` (`both`, the default; `stance`: a narrative written to teach a stance contrast trains the
stance model only, so a batch of narratives does not move what the detector takes a page to look like;
`detection`: the detector only). A bad line is an error naming the file and line, never skipped
(`modeling.AnnotationError`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.modeling import load_annotations as load_records
from pipelines.narratives.settings import DETECT_LABELS, NO_STANCE, STANCES

REQUIRED = ("id", "text", "is_narrative", "stance", "genre", "source")
#: The two labelling passes: (narrative flag field, stance field) of pass a and pass b.
PASSES = {"a": ("is_narrative_a", "stance_a"), "b": ("is_narrative_b", "stance_b")}
PASS_FIELDS = tuple(f for pair in PASSES.values() for f in pair)
SETTING = "train_narratives.annotations"
#: Which model a record trains (`use`): both, the stance model only, or the detector only.
USES = ("both", "stance", "detection")


def pass_labels(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """is_narrative / stance of labelling pass `name` ("a" or "b") for every record (None where it is missing)."""
    flag, stance = PASSES[name]
    none = pd.Series([None] * len(df), index=df.index, dtype=object)
    flags = df[flag].astype(object).where(df[flag].notna(), None) if flag in df else none
    stances = df[stance].astype(object).where(df[stance].notna(), None) if stance in df else none
    return pd.DataFrame({"is_narrative": flags, "stance": stances}, index=df.index)


def validate_record(data: dict, where: str) -> list[str]:
    """This task's problems with one annotation record (empty when it is usable)."""
    if not isinstance(data.get("is_narrative"), bool):
        return [f"{where}: 'is_narrative' must be true or false, got {data.get('is_narrative')!r}"]
    stance = data.get("stance")
    if data["is_narrative"]:
        if stance is not None and stance not in STANCES:
            return [f"{where}: narrative stance must be one of {', '.join(STANCES)} (or null), got {stance!r}"]
    elif stance not in (NO_STANCE, None):
        return [f"{where}: a non-narrative must have stance '{NO_STANCE}', got {stance!r}"]
    problems = []
    use = data.get("use", "both")
    if use not in USES:
        problems.append(f"{where}: 'use' must be one of {', '.join(USES)}, got {use!r}")
    elif use == "stance" and not (data["is_narrative"] and stance in STANCES):
        problems.append(f"{where}: a record with use 'stance' must be a narrative with a stance, got "
                        f"is_narrative={data['is_narrative']!r}, stance={stance!r}")
    for flag, stance_field in PASSES.values():
        if data.get(flag) is not None and not isinstance(data[flag], bool):
            problems.append(f"{where}: '{flag}' must be true or false, got {data[flag]!r}")
        if data.get(stance_field) is not None and data[stance_field] not in (*STANCES, NO_STANCE):
            problems.append(f"{where}: '{stance_field}' must be one of {', '.join(STANCES)} or {NO_STANCE}, "
                            f"got {data[stance_field]!r}")
    return problems


def load_annotations(path: Path) -> pd.DataFrame:
    """Every annotation record (the required fields, `line`, `use`, `detect_label`, and the labelling passes when
    the file has them); a non-narrative's stance is `n/a`. Raises AnnotationError listing every bad line."""
    records = load_records(path, REQUIRED, validate_record, SETTING)
    keep = [*REQUIRED, "line", *[c for c in PASS_FIELDS if c in records]]
    df = records[keep].copy()
    df["use"] = records["use"].fillna("both") if "use" in records else "both"
    df["is_narrative"] = df["is_narrative"].astype(bool)
    df.loc[~df["is_narrative"], "stance"] = NO_STANCE
    df["detect_label"] = df["is_narrative"].map({True: DETECT_LABELS[0], False: DETECT_LABELS[1]})
    return df
