"""Keyness between two genres as a scattertext-style term scatter: each lemma at its frequency rank in genre A
(x) and genre B (y), coloured by log ratio; the most key lemmas by log-likelihood are labelled."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import OKABE_ITO, mm_to_px, style, text_px
from pipelines.tables import require

TITLE = "Keyness"
HEIGHT_MM = 110
LABEL_PX = 9
AXIS_RANGE = (-0.02, 1.05)
PLOT_MARGIN_PX = (175, 150)  # estimated axes, colour bar, title and legend around the plot area (w, h)
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
    groups = []
    # lemmas at the same position share one label, so tied ranks do not print on top of each other
    for (x, y), grp in top.groupby(["rank_a", "rank_b"], sort=False):
        words = [html.escape(str(w)) for w in grp.sort_values("ll", key=abs, ascending=False)["lemma"]]
        text = ", ".join(words[:3]) + (f" +{len(words) - 3}" if len(words) > 3 else "")
        groups.append((float(grp["ll"].abs().max()), x, y, text, grp["ll"].iloc[0] > 0))
    placed = place_labels([(x, y, text) for _, x, y, text, _ in sorted(groups, key=lambda g: -g[0])],
                          mm_to_px(params.single_column_mm), mm_to_px(HEIGHT_MM))
    keyed = {(x, y, text): positive for _, x, y, text, positive in groups}
    for (x, y, text), (xshift, yshift, xanchor) in placed.items():
        fig.add_annotation(x=x, y=y, text=text, showarrow=False, xshift=xshift, yshift=yshift, xanchor=xanchor,
                           font=dict(size=LABEL_PX, color=OKABE_ITO[0] if keyed[(x, y, text)] else OKABE_ITO[3]))
    n_left = len(groups) - len(placed)
    fig.add_shape(type="line", x0=0, y0=0, x1=1, y1=1, line=dict(color="#BBBBBB", dash="dot", width=1))
    note = f" ({len(placed)} most key labelled; {n_left} more on hover)" if n_left else ""
    fig.update_layout(title=dict(text=f"{TITLE}: {label_a} vs {label_b}{note}"), meta={"labels_left_out": n_left})
    fig.update_xaxes(title_text=f"frequency rank in {label_a}", range=list(AXIS_RANGE), tickformat=".0%")
    fig.update_yaxes(title_text=f"frequency rank in {label_b}", range=list(AXIS_RANGE), tickformat=".0%")
    return style(fig, params, "double", height_mm=HEIGHT_MM)


def place_labels(points: list[tuple[float, float, str]], width_px: float, height_px: float,
                 ) -> dict[tuple[float, float, str], tuple[int, int, str]]:
    """Greedy label placement, most key first: above, below, right or left of its point, whichever first
    overlaps no label already placed and stays in the plot; a label that fits nowhere is left out (its lemma
    keeps its hover label). Positions are estimated for a plot of `width_px` x `height_px` (the narrowest
    column the figure is drawn at), so the labels also clear each other at any wider size.
    Returns (x, y, text) -> (xshift, yshift, xanchor)."""
    plot_w, plot_h = width_px - PLOT_MARGIN_PX[0], height_px - PLOT_MARGIN_PX[1]
    span = AXIS_RANGE[1] - AXIS_RANGE[0]
    boxes: list[tuple[float, float, float, float]] = []
    out = {}
    h = LABEL_PX * 1.3
    for x, y, text in points:
        px, py = (x - AXIS_RANGE[0]) / span * plot_w, (1 - (y - AXIS_RANGE[0]) / span) * plot_h
        w = text_px(text, LABEL_PX)
        options = [(0, 8, "center", px - w / 2, py - 8 - h), (0, -8, "center", px - w / 2, py + 8),
                   (6, 0, "left", px + 6, py - h / 2), (-6, 0, "right", px - 6 - w, py - h / 2)]
        for xshift, yshift, anchor, x0, y0 in options:
            box = (x0 - 3, y0 - 3, x0 + w + 3, y0 + h + 3)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= plot_w and box[3] <= plot_h
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                                  for b in boxes):
                boxes.append(box)
                out[(x, y, text)] = (xshift, yshift, anchor)
                break
    return out
