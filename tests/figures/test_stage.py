"""The figures stage and the exporter: every figure in every format, the manifest metrics, no Chromium."""

from __future__ import annotations

import html
import json
import logging
import re
import struct

import pytest

from pipelines.figures import FIGURES, FiguresParams, build, figures_dir, manifest_path, load_figure
from pipelines.figures import export as export_mod
from pipelines.figures.stage import run
from pipelines.report.render_check import chromium_path
from tests.figure_samples import SampleTables, sample_tables, write_samples

P = FiguresParams()


def test_stage_writes_every_figure_and_manifest(cfg, tmp_paths):
    write_samples(tmp_paths)
    metrics = run(cfg, tmp_paths)
    assert json.loads(tmp_paths.metric("figures").read_text(encoding="utf-8")) == json.loads(json.dumps(metrics))
    out = figures_dir(tmp_paths)
    static = chromium_path() is not None and export_mod.find_browser() is not None
    expected = ["json", "html", "svg", "pdf", "png"] if static else ["json", "html"]
    manifest = json.loads(manifest_path(tmp_paths).read_text(encoding="utf-8"))
    assert set(manifest) == {s.name for s in FIGURES} and metrics["n_figures"] == len(FIGURES)
    assert set(metrics) == {"n_figures", "figures_without_data", "static_export", "static_error"}  # no timings
    for name, entry in manifest.items():
        assert entry["formats"] == expected
        for fmt in expected:
            assert (out / f"{name}.{fmt}").stat().st_size > 0
    page = (out / "usage_map.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page)  # nothing loaded from elsewhere (no CDN)
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js inline
    if static:
        assert (out / "keyness.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
        assert (out / "keyness.pdf").read_bytes()[:4] == b"%PDF"
        assert (out / "keyness.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert load_figure(tmp_paths, "keyness")["layout"]["title"]["text"].startswith("Keyness")


def test_without_chromium_html_is_written_and_the_log_says_how(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(export_mod, "find_browser", lambda: None)
    with caplog.at_level(logging.WARNING, logger="pipelines.figures.export"):
        exporter = export_mod.Exporter(["html", "svg", "pdf", "png"])
        written = exporter.write(build("levels_genre", SampleTables(sample_tables()), P), tmp_path, "levels_genre")
    assert written == ["json", "html"]
    assert "apt-get install chromium" in caplog.text and "BROWSER_PATH" in caplog.text
    assert not (tmp_path / "levels_genre.svg").exists()


def test_load_figure_names_the_missing_or_broken_file(tmp_paths):
    with pytest.raises(FileNotFoundError, match=r"keyness\.json.*figures stage"):
        load_figure(tmp_paths, "keyness")
    figures_dir(tmp_paths).mkdir(parents=True)
    (figures_dir(tmp_paths) / "keyness.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid figure JSON"):
        load_figure(tmp_paths, "keyness")


def test_images_a_first_export_pass_missed_are_exported_again(monkeypatch, tmp_path):
    """A render that fails under load ("kaleido_scopes is not defined") is retried; only the missing images."""
    import kaleido

    calls: list[list[str]] = []

    def flaky(jobs, cancel_on_error=False):
        calls.append([job["path"].name for job in jobs])
        errors = []
        for i, job in enumerate(jobs):
            if len(calls) == 1 and i == 0:
                errors.append(RuntimeError("ReferenceError: kaleido_scopes is not defined"))
                continue
            job["path"].write_bytes(b"<svg/>" if job["opts"]["format"] == "svg" else b"%PDF-1.4")
        return errors

    monkeypatch.setattr(export_mod, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export_mod.Exporter, "_server_started", True)
    monkeypatch.setattr(kaleido, "write_fig_from_object_sync", flaky)
    exporter = export_mod.Exporter(["svg", "pdf"], renderer="browser")
    written = exporter.write(build("levels_genre", SampleTables(sample_tables()), P), tmp_path, "levels_genre")
    assert written == ["json", "svg", "pdf"] and exporter.static_error is None
    assert calls == [["levels_genre.svg", "levels_genre.pdf"], ["levels_genre.svg"]]


def test_unchanged_images_are_copied_from_the_image_cache_and_only_changed_ones_drawn(monkeypatch, tmp_path):
    """A re-run draws only the images whose figure changed; the browser is not even started when none did."""
    import kaleido

    drawn: list[str] = []
    starts: list[int] = []

    def draw(jobs, cancel_on_error=False):
        for job in jobs:
            drawn.append(job["path"].name)
            job["path"].write_bytes(f"<svg>{job['fig']['layout'].get('title', {}).get('text')}</svg>".encode())
        return []

    monkeypatch.setattr(export_mod, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export_mod.Exporter, "_start", lambda self, browser: starts.append(1))
    monkeypatch.setattr(kaleido, "write_fig_from_object_sync", draw)
    tables = SampleTables(sample_tables())
    figs = [(name, build(name, tables, P)) for name in ("levels_genre", "keyness")]
    cache = tmp_path / "cache"

    first = export_mod.Exporter(["svg"], image_cache=cache)
    first.write_all(figs, tmp_path / "one")
    assert sorted(drawn) == ["keyness.svg", "levels_genre.svg"] and (first.drawn, first.reused) == (2, 0)
    assert len(list(cache.iterdir())) == 2

    drawn.clear(), starts.clear()
    second = export_mod.Exporter(["svg"], image_cache=cache)
    written = second.write_all(figs, tmp_path / "two")
    assert drawn == [] and starts == [] and (second.drawn, second.reused) == (0, 2)
    assert written == {"levels_genre": ["json", "svg"], "keyness": ["json", "svg"]}
    for name in ("levels_genre", "keyness"):
        assert (tmp_path / "two" / f"{name}.svg").read_bytes() == (tmp_path / "one" / f"{name}.svg").read_bytes()

    figs[1][1].update_layout(title_text="Keyness, redrawn")
    third = export_mod.Exporter(["svg"], image_cache=cache)
    third.write_all(figs, tmp_path / "three")
    assert drawn == ["keyness.svg"] and (third.drawn, third.reused) == (1, 1)
    assert b"redrawn" in (tmp_path / "three" / "keyness.svg").read_bytes()
    assert len(list(cache.iterdir())) == 2  # the keyness image of the earlier runs is gone


def test_the_same_figure_writes_the_same_html_page(tmp_path):
    """A fixed div id instead of plotly's random one: re-running the stage leaves unchanged pages unchanged (DVC)."""
    fig = build("levels_genre", SampleTables(sample_tables()), P)
    for folder in ("one", "two"):
        export_mod.Exporter(["html"]).write(fig, tmp_path / folder, "levels_genre")
    page = (tmp_path / "one" / "levels_genre.html").read_bytes()
    assert page == (tmp_path / "two" / "levels_genre.html").read_bytes() and b"colens-levels_genre" in page


SMALL_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
             '<rect width="200" height="100" fill="white"/><rect x="10" y="10" width="80" height="50" fill="#0072b2"/>'
             '<text x="100" y="80" font-family="sans-serif" font-size="12">{title}</text></svg>')


def _fake_browser(monkeypatch, drawn: list[str]) -> None:
    """kaleido replaced by a writer of a small valid SVG naming the figure's title; records what it was asked."""
    import kaleido

    def draw(jobs, cancel_on_error=False):
        for job in jobs:
            drawn.append(f"{job['path'].parent.name}/{job['path'].name}")
            assert job["opts"]["format"] == "svg", "the cairo renderer asks the browser for SVG only"
            title = html.escape(job["fig"]["layout"].get("title", {}).get("text", ""))
            job["path"].write_text(SMALL_SVG.format(title=title), encoding="utf-8")
        return []

    monkeypatch.setattr(export_mod, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export_mod.Exporter, "_start", lambda self, browser: None)
    monkeypatch.setattr(kaleido, "write_fig_from_object_sync", draw)


def test_cairo_renderer_converts_pdf_and_png_from_the_browsers_svg(monkeypatch, tmp_path):
    drawn: list[str] = []
    _fake_browser(monkeypatch, drawn)
    exporter = export_mod.Exporter(["svg", "pdf", "png"], png_scale=300 / 96, png_dpi=300)
    fig = build("levels_genre", SampleTables(sample_tables()), P)
    written = exporter.write(fig, tmp_path / "out", "levels_genre")
    assert written == ["json", "svg", "pdf", "png"] and exporter.static_error is None
    assert drawn == ["out/levels_genre.svg"] and exporter.drawn == 3
    pdf = (tmp_path / "out" / "levels_genre.pdf").read_bytes()
    assert pdf[:4] == b"%PDF" and b"/Font" in pdf  # vector text with its font embedded, not a bitmap
    png = (tmp_path / "out" / "levels_genre.png").read_bytes()
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (625, 312) and round(export_mod.png_dpi(png)) == 300  # 200 x 100 px at 300/96


def test_cairo_renderer_draws_one_figure_at_a_time_largest_first_and_converts_every_one(monkeypatch, tmp_path):
    """Drawing and conversion overlap: the browser gets one figure per call, the largest first; a figure the browser
    fails to draw is reported and the others are still converted."""
    import kaleido

    calls: list[list[str]] = []

    def draw(jobs, cancel_on_error=False):
        calls.append([job["path"].stem for job in jobs])
        if calls[-1] == ["levels_genre"]:
            return [RuntimeError("tab crashed")]
        for job in jobs:
            job["path"].write_text(SMALL_SVG.format(title=job["path"].stem), encoding="utf-8")
        return []

    monkeypatch.setattr(export_mod, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export_mod.Exporter, "_start", lambda self, browser: None)
    monkeypatch.setattr(kaleido, "write_fig_from_object_sync", draw)
    frames = SampleTables(sample_tables())
    figs = [(name, build(name, frames, P)) for name in ("levels_genre", "usage_map", "keyness")]
    exporter = export_mod.Exporter(["svg", "pdf", "png"])
    written = exporter.write_all(figs, tmp_path)
    by_size = [name for name, fig in sorted(figs, key=lambda nf: -len(nf[1].to_json()))]
    assert [c for c in calls if len(c) == 1] and all(len(c) == 1 for c in calls)
    assert [c[0] for c in calls][:3] == by_size  # then the failed one once more (EXPORT_ATTEMPTS)
    assert calls[3:] == [["levels_genre"]] * (export_mod.EXPORT_ATTEMPTS - 1)
    for name in ("usage_map", "keyness"):
        assert written[name] == ["json", "svg", "pdf", "png"]
        assert (tmp_path / f"{name}.pdf").read_bytes()[:4] == b"%PDF"
    assert written["levels_genre"] == ["json"] and "tab crashed" in exporter.static_error


def test_cairo_renderer_without_svg_output_draws_a_scratch_svg_and_leaves_none(monkeypatch, tmp_path):
    drawn: list[str] = []
    _fake_browser(monkeypatch, drawn)
    exporter = export_mod.Exporter(["pdf", "png"])
    written = exporter.write(build("levels_genre", SampleTables(sample_tables()), P), tmp_path / "out",
                             "levels_genre")
    assert written == ["json", "pdf", "png"] and len(drawn) == 1 and not drawn[0].startswith("out/")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["levels_genre.json", "levels_genre.pdf",
                                                                    "levels_genre.png"]


def test_cairo_images_are_cached_apart_from_browser_drawn_ones(monkeypatch, tmp_path):
    """A cached image records what drew it: switching renderer redraws, an unchanged re-run copies everything."""
    drawn: list[str] = []
    _fake_browser(monkeypatch, drawn)
    fig = build("levels_genre", SampleTables(sample_tables()), P)
    cache = tmp_path / "cache"
    first = export_mod.Exporter(["pdf"], image_cache=cache)
    first.write(fig, tmp_path / "one", "levels_genre")
    drawn.clear()
    second = export_mod.Exporter(["pdf"], image_cache=cache)
    second.write(fig, tmp_path / "two", "levels_genre")
    assert drawn == [] and (second.drawn, second.reused) == (0, 1)
    spec, opts = fig.to_json(), {"format": "pdf", "width": fig.layout.width, "height": fig.layout.height, "scale": 1}
    assert export_mod.image_key(spec, "pdf", opts, None, "browser") != export_mod.image_key(
        spec, "pdf", opts, None, f"cairosvg-{export_mod.cairosvg_version()}")


def test_without_cairosvg_the_browser_draws_every_format_and_the_log_says_so(monkeypatch, tmp_path, caplog):
    import kaleido

    asked: list[str] = []

    def draw(jobs, cancel_on_error=False):
        for job in jobs:
            asked.append(job["opts"]["format"])
            job["path"].write_bytes(b"%PDF-1.4")
        return []

    monkeypatch.setattr(export_mod, "cairosvg_version", lambda: None)
    monkeypatch.setattr(export_mod, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export_mod.Exporter, "_start", lambda self, browser: None)
    monkeypatch.setattr(kaleido, "write_fig_from_object_sync", draw)
    with caplog.at_level(logging.WARNING, logger="pipelines.figures.export"):
        exporter = export_mod.Exporter(["pdf"])
    assert "CairoSVG" in caplog.text and "libcairo2" in caplog.text
    exporter.write(build("levels_genre", SampleTables(sample_tables()), P), tmp_path, "levels_genre")
    assert asked == ["pdf"]


def test_an_unknown_renderer_is_refused():
    with pytest.raises(ValueError, match="renderer 'inkscape'"):
        export_mod.Exporter(["pdf"], renderer="inkscape")


@pytest.mark.skipif(chromium_path() is None, reason="Chromium not installed")
def test_cairo_and_browser_draw_the_same_figure_at_the_same_size(tmp_path):
    """The real browser and CairoSVG: the converted PNG has the browser's pixel size (within rounding) and the
    PDF the browser's page width."""
    fig = build("keyness", SampleTables(sample_tables()), P)
    sizes = {}
    for renderer in ("browser", "cairo"):
        exporter = export_mod.Exporter(["png", "pdf"], png_scale=300 / 96, png_dpi=300, renderer=renderer)
        if exporter.static_error:
            pytest.skip(exporter.static_error)
        assert exporter.write(fig, tmp_path / renderer, "keyness") == ["json", "png", "pdf"]
        png = (tmp_path / renderer / "keyness.png").read_bytes()
        sizes[renderer] = struct.unpack(">II", png[16:24])
        assert round(export_mod.png_dpi(png)) == 300
        assert (tmp_path / renderer / "keyness.pdf").read_bytes()[:4] == b"%PDF"
    (bw, bh), (cw, ch) = sizes["browser"], sizes["cairo"]
    assert abs(bw - cw) <= 1 and abs(bh - ch) <= 1


def test_browser_starts_before_the_figures_are_built_only_when_images_are_wanted(monkeypatch, cfg, tmp_paths):
    """The stage starts the browser first, so its start overlaps building the figures; HTML-only runs never
    start it, nor does a machine without one."""
    import pipelines.figures.stage as stage

    events: list[str] = []
    monkeypatch.setattr(export_mod, "find_browser", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(export_mod.Exporter, "_start", lambda self, browser: events.append("start"))
    monkeypatch.setattr(export_mod.Exporter, "write_all",
                        lambda self, figs, folder: {name: ["json"] for name, _ in figs})
    build_tables = stage.Tables
    monkeypatch.setattr(stage, "Tables", lambda paths: events.append("build") or build_tables(paths))
    write_samples(tmp_paths)
    run(cfg, tmp_paths)
    assert events[:2] == ["start", "build"]

    events.clear()
    export_mod.Exporter(["html"]).start_browser()
    monkeypatch.setattr(export_mod, "find_browser", lambda: None)
    export_mod.Exporter(["svg"]).start_browser()
    assert events == []


def test_cairosvg_style_parse_is_remembered_and_the_images_are_the_same_bytes(monkeypatch):
    """Many points sharing one inline style: the remembered parse is hit, and PNG and PDF pages are what CairoSVG
    draws with its own parser."""
    cairosvg = export_mod.cairosvg_module()
    remembered = cairosvg.css.parse_declarations
    points = "".join(
        f'<path d="M{x},{y}h3v3h-3z" style="opacity: 1; stroke-width: 0px; fill: rgb({x // 6 % 3 * 90}, 114, 178); '
        f'fill-opacity: 0.7;"/>' for x in range(5, 95, 6) for y in range(5, 95, 6))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" '
           f'style="fill: rgb(255, 255, 255); fill-opacity: 1;"/><g class="points">{points}</g></svg>').encode()
    remembered.cache_clear()
    png, pdf = cairosvg.svg2png(bytestring=svg), cairosvg.svg2pdf(bytestring=svg)
    assert remembered.cache_info().hits > 400 and remembered.cache_info().currsize == 4
    original = remembered.uncached  # CairoSVG's own parse_declarations
    monkeypatch.setattr(cairosvg.css, "parse_declarations", original)
    assert cairosvg.svg2png(bytestring=svg) == png
    strip_dates = lambda b: re.sub(rb"/CreationDate \(.*?\)", b"", b)  # noqa: E731
    assert strip_dates(cairosvg.svg2pdf(bytestring=svg)) == strip_dates(pdf)
    assert export_mod.cairosvg_module() is cairosvg and cairosvg.css.parse_declarations is original  # patched once
