"""Keyness between two genres as a scattertext-style term scatter: each lemma at its frequency rank in genre A
(x) and genre B (y), coloured by log ratio; the most key lemmas by log-likelihood are labelled."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import OKABE_ITO, style
from pipelines.tables import require

TITLE = "Keyness"
DIVERGING = [[0.0, OKABE_ITO[3]], [0.5, "#DDDDDD"], [1.0, OKABE_ITO[0]]]


def keyness_pairs(keyness: pd.DataFrame) -> list[tuple[str, str]]:
    """The (genre_a, genre_b) comparisons present in the table, sorted."""
    if keyness.empty:
        return []
    return sorted({(str(a), str(b)) for a, b in zip(keyness["genre_a"], keyness["genre_b"])})


def keyness_scatter(keyness: pd.DataFrame, genres: list[str] | None = None,
                    params: FiguresParams | None = None) -> go.Figure:
    """Scatter of one comparison: `genres` = [a, b] (either order), or the first pair in the table."""
    params = params or FiguresParams()
    require(keyness, ["genre_a", "genre_b", "lemma", "freq_a", "freq_b", "ll", "log_ratio"], "keyness table")
    pairs = keyness_pairs(keyness)
    if not pairs:
        return no_data(TITLE, "no lemma is frequent enough for a keyness comparison", params, "double")
    flip = False
    if genres:
        if len(genres) != 2:
            raise ValueError(f"figures.keyness_genres must name two genres, got {genres}")
        a, b = genres
        if (a, b) not in pairs:
            if (b, a) not in pairs:
                raise ValueError(f"no keyness comparison {a} vs {b}; the table has: "
                                 + "; ".join(f"{x} vs {y}" for x, y in pairs))
            flip = True
            a, b = b, a
    else:
        a, b = pairs[0]
    df = keyness[(keyness["genre_a"].astype(str) == a) & (keyness["genre_b"].astype(str) == b)].copy()
    if flip:  # present B's side on x: swap columns, negate the signed scores
        df = df.rename(columns={"freq_a": "freq_b", "freq_b": "freq_a"})
        df["ll"], df["log_ratio"] = -df["ll"], -df["log_ratio"]
        a, b = b, a
    df["rank_a"] = df["freq_a"].rank(pct=True, method="average")
    df["rank_b"] = df["freq_b"].rank(pct=True, method="average")
    label_a, label_b = (html.escape("rest of the corpus" if g == "rest" else g) for g in (a, b))
    df["hover"] = [
        f"<b>{html.escape(str(lem))}</b><br>{label_a}: {int(fa)} · {label_b}: {int(fb)}<br>"
        f"log-likelihood {ll:+.2f} · log ratio {lr:+.2f}"
        for lem, fa, fb, ll, lr in zip(df["lemma"], df["freq_a"], df["freq_b"], df["ll"], df["log_ratio"])
    ]
    bound = max(1.0, float(df["log_ratio"].abs().max()))
    fig = go.Figure(go.Scatter(
        x=df["rank_a"], y=df["rank_b"], mode="markers", name="lemmas",
        marker=dict(color=df["log_ratio"], colorscale=DIVERGING, cmin=-bound, cmax=bound, size=6, opacity=0.8,
                    line=dict(width=0.3, color="#555555"),
                    colorbar=dict(title=dict(text="log ratio", side="right"), thickness=10, len=0.7)),
        hovertext=df["hover"], hoverinfo="text", showlegend=False,
    ))
    k = params.keyness_labels
    top = pd.concat([df.nlargest((k + 1) // 2, "ll"), df.nsmallest(k // 2, "ll")]).drop_duplicates("lemma")
    # lemmas at the same position share one label, so tied ranks do not print on top of each other
    for (x, y), grp in top.groupby(["rank_a", "rank_b"], sort=False):
        words = [html.escape(str(w)) for w in grp.sort_values("ll", key=abs, ascending=False)["lemma"]]
        text = ", ".join(words[:3]) + (f" +{len(words) - 3}" if len(words) > 3 else "")
        fig.add_annotation(x=x, y=y, text=text, showarrow=False, yshift=8,
                           font=dict(size=9, color=OKABE_ITO[0] if grp["ll"].iloc[0] > 0 else OKABE_ITO[3]))
    fig.add_shape(type="line", x0=0, y0=0, x1=1, y1=1, line=dict(color="#BBBBBB", dash="dot", width=1))
    fig.update_layout(title=dict(text=f"{TITLE}: {label_a} vs {label_b}"))
    fig.update_xaxes(title_text=f"frequency rank in {label_a}", range=[-0.02, 1.05], tickformat=".0%")
    fig.update_yaxes(title_text=f"frequency rank in {label_b}", range=[-0.02, 1.05], tickformat=".0%")
    return style(fig, params, "double", height_mm=110)
