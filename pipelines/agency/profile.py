"""Per-genre agency profile: how often people who use services are agents, objects or partners."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipelines.agency.settings import NONE
from pipelines.io import to_json

ROLES = ["agent", "object", "partner", "absent"]
COLUMNS = ["genre", "n_relations", "n_sentences", *[f"share_users_{r}" for r in ROLES], "top_pairs"]


def agency_profile(agency: pd.DataFrame, top: int) -> pd.DataFrame:
    """One row per genre: relation counts, shares of users_role, top agent->partner category pairs (JSON)."""
    rows = []
    for genre, g in agency.groupby("genre", sort=True):
        roles = g["users_role"].value_counts()
        pairs = Counter(
            f"{a}->{p}" for a, p in zip(g["agent_category"], g["partner_category"]) if a != NONE or p != NONE
        )
        rows.append({
            "genre": genre,
            "n_relations": int(len(g)),
            "n_sentences": int(g[["doc_id", "sent_id"]].drop_duplicates().shape[0]),
            **{f"share_users_{r}": float(roles.get(r, 0)) / len(g) for r in ROLES},
            "top_pairs": to_json([{"pair": k, "n": v} for k, v in pairs.most_common(top)]),
        })
    return pd.DataFrame(rows, columns=COLUMNS)
