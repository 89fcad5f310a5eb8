"""Write a figure as self-contained HTML (plotly.js inline) plus SVG, PDF and PNG, and read back the JSON the
report embeds; `figures_dir` is where the figures stage writes them.

kaleido 1.x draws with a Chromium; its sync server is started once per process. `write_all` hands it every image
in one call with the `browser` renderer, and one figure at a time with `cairo`, converting each figure while the
next is drawn. One browser tab: two tabs on this project's 2-core machine saved 1.5 s of 30 s at
100k words and raised the stage's peak memory (browser included) from 1.6 to 1.9 GB. With the `cairo` renderer
(the default) the browser draws only each figure's SVG and CairoSVG converts that drawing to PDF (vector, fonts
embedded) and PNG: Chromium's print-to-PDF took 0.4-0.6 s an image. Without a browser the HTML (and the JSON for
the report) is still written and the log says how to get the rest.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import queue
import shutil
import struct
import tempfile
import threading
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import plotly.graph_objects as go

if TYPE_CHECKING:
    from pipelines.paths import Paths

log = logging.getLogger(__name__)
NOISY_LOGGERS = ("kaleido", "choreographer", "logistro")  # chatty at INFO; their warnings still show
STATIC = ("svg", "pdf", "png")
TABS = 1  # browser tabs rendering at once (see the module docstring)
EXPORT_ATTEMPTS = 2  # kaleido calls per run for the images still missing
HOW_TO = ("install Chromium (`apt-get install chromium`, or `bash scripts/install_chromium.sh`) or set "
          "BROWSER_PATH to a Chrome/Chromium executable, then re-run the figures stage")
RENDERERS = ("cairo", "browser")  # who draws PDF and PNG: CairoSVG from the browser's SVG, or the browser itself
CONVERTED = ("pdf", "png")  # the formats the cairo renderer converts from the SVG
IMAGE_CACHE = "figure_images"  # inside paths.cache: static images by a hash of what drew them (see `image_key`)
HTML_CONFIG = {"displaylogo": False, "responsive": True,
               "toImageButtonOptions": {"format": "svg"}}


def figures_dir(paths: "Paths") -> Path:
    """reports/figures: the figures stage's output folder (the report reads each figure's JSON from it)."""
    return paths.reports / "figures"


def manifest_path(paths: "Paths") -> Path:
    """reports/figures/manifest.json: each figure's files, size and no-data reason (kept out of the metrics)."""
    return figures_dir(paths) / "manifest.json"


def load_figure(paths: "Paths", name: str) -> dict:
    """A figure as the figures stage wrote it (plotly JSON); missing or broken JSON is an error naming the file."""
    path = figures_dir(paths) / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found; run the figures stage (python -m pipelines.figures.stage)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid figure JSON ({exc.msg}); re-run the figures stage") from exc


def find_browser() -> str | None:
    """The Chromium kaleido would use (BROWSER_PATH first), if it exists and is executable."""
    from choreographer.browsers.chromium import Chromium

    path = Chromium.find_browser(skip_local=False)
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


@functools.cache
def _drawing_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"plotly": version("plotly"), "kaleido": version("kaleido")}


def cairosvg_version() -> str | None:
    """CairoSVG's version, or None when it (or the Cairo library under it) cannot be loaded."""
    try:
        import cairosvg
    except (ImportError, OSError):  # OSError: the package is there but libcairo is not
        return None
    return cairosvg.__version__


STYLE_CACHE_SIZE = 4096  # distinct inline `style` strings whose CairoSVG parse is kept (a figure has a few hundred)


@functools.cache
def cairosvg_module():
    """CairoSVG with its parse of inline `style` attributes remembered by string. Plotly writes the same style on
    every point of a trace and CairoSVG re-tokenises each one with tinycss2 (a quarter of a conversion: the
    benchmark's 14 figures 9.8 s -> 7.3 s); the parse is a function of the string alone, so the images are the
    same bytes. The remembered declarations are tuples: CairoSVG only iterates them. The wrapper keeps CairoSVG's
    own parser as `uncached`, which also marks the module as already wrapped (a re-imported colens module)."""
    import cairosvg
    import cairosvg.css

    parse = cairosvg.css.parse_declarations
    if not hasattr(parse, "uncached"):
        @functools.lru_cache(maxsize=STYLE_CACHE_SIZE)
        def parse_declarations(text: str) -> tuple[tuple, tuple]:
            normal, important = parse(text)
            return tuple(normal), tuple(important)

        parse_declarations.uncached = parse
        cairosvg.css.parse_declarations = parse_declarations
    return cairosvg


def image_key(spec: str, fmt: str, opts: dict, png_dpi: int | None, drawn_by: str = "browser") -> str:
    """What a static image depends on: the figure's JSON, format and options, the PNG resolution, what draws it
    (`browser`, or `cairosvg-<version>` for a converted image) and the versions of plotly and kaleido."""
    blob = json.dumps({"fig": spec, "fmt": fmt, "opts": opts, "dpi": png_dpi if fmt == "png" else None,
                       "drawn_by": drawn_by, **_drawing_versions()}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Exporter:
    """Writes figures in the requested formats; static formats only when a browser is available. With an
    `image_cache` folder, an image whose figure, format and options are unchanged since the last run is copied
    from it instead of being drawn again (a re-run after a change to one analysis redraws only its figures).
    `renderer`: `cairo` converts PDF and PNG from the browser's SVG (falling back to `browser`, with a warning,
    when CairoSVG or libcairo is missing); `browser` has kaleido draw every format."""

    _server_started = False  # one kaleido server per process

    def __init__(self, formats: list[str], png_scale: float = 1.0, png_dpi: int | None = None,
                 plotlyjs: str = "inline", image_cache: Path | None = None, renderer: str = "cairo"):
        if renderer not in RENDERERS:
            raise ValueError(f"figures renderer {renderer!r}: expected one of {', '.join(RENDERERS)}")
        self.formats = list(dict.fromkeys(formats))
        self.png_scale = png_scale
        self.png_dpi = png_dpi
        self.plotlyjs = plotlyjs
        self.image_cache = image_cache
        self.static_error: str | None = None
        self.drawn = self.reused = 0  # static images of the last `write_all`
        self._browser: str | None = None
        wanted = [f for f in self.formats if f in STATIC]
        converts = renderer == "cairo" and bool(set(wanted) & set(CONVERTED))
        self.cairosvg = cairosvg_version() if converts else None
        if converts and self.cairosvg is None:
            log.warning("figures: CairoSVG (pip install cairosvg) or libcairo (apt-get install libcairo2) is "
                        "missing, so the browser draws PDF and PNG too (slower)")
        if wanted:
            for name in NOISY_LOGGERS:
                logging.getLogger(name).setLevel(logging.WARNING)
            self._browser = find_browser()
            if self._browser is None:
                self.static_error = "no Chromium/Chrome found"
                log.warning("figures: %s, so only HTML is written (no %s); to get them, %s",
                            self.static_error, "/".join(wanted), HOW_TO)

    def start_browser(self) -> None:
        """Start the browser now, in the background, when static images are wanted: its start then overlaps the
        caller's work instead of delaying the first image (it is started anyway at the first image otherwise)."""
        if self._browser is not None and not self.static_error:
            self._start(self._browser)

    def _start(self, browser: str) -> None:
        """Start kaleido's browser, once per process and only when an image must be drawn."""
        if Exporter._server_started:
            return
        import kaleido

        try:
            kaleido.start_sync_server(n=TABS, silence_warnings=True)
            Exporter._server_started = True
        except Exception as exc:  # noqa: BLE001 - any start failure means: HTML only
            self.static_error = f"kaleido could not start {browser}: {exc}"
            log.warning("figures: %s; only HTML is written; %s", self.static_error, HOW_TO)

    def _opts(self, fig: go.Figure, fmt: str) -> dict:
        """kaleido's options for one image, at the figure's own size."""
        return {"format": fmt, "width": fig.layout.width or 700, "height": fig.layout.height or 500,
                "scale": self.png_scale if fmt == "png" else 1}

    def _write_page(self, fig: go.Figure, folder: Path, name: str) -> list[str]:
        fig.write_json(folder / f"{name}.json")
        if "html" not in self.formats:
            return ["json"]
        # "directory": the page loads plotly.min.js from its own folder (written once beside it), offline
        fig.write_html(folder / f"{name}.html", include_plotlyjs="directory" if self.plotlyjs == "shared" else True,
                       full_html=True, config=HTML_CONFIG, include_mathjax=False,
                       div_id=f"colens-{name}")  # a fixed id, not a random one: the same figure writes the same page
        return ["json", "html"]

    def write_all(self, figures: list[tuple[str, go.Figure]], folder: Path) -> dict[str, list[str]]:
        """Write each (name, figure) as folder/name.<format>, the static images of all of them in one kaleido
        call (with the cairo renderer: their SVGs, PDF and PNG converted from them); returns the formats written
        per name (json always, for the report)."""
        folder.mkdir(parents=True, exist_ok=True)
        written = {name: self._write_page(fig, folder, name) for name, fig in figures}
        static = [f for f in self.formats if f in STATIC]
        if not static or self.static_error:
            return written
        jobs = []
        for name, fig in figures:
            spec, as_dict = fig.to_json(), fig.to_dict()
            for fmt in static:
                opts = self._opts(fig, fmt)
                jobs.append({"name": name, "fig": as_dict, "path": folder / f"{name}.{fmt}", "opts": opts,
                             "key": image_key(spec, fmt, opts, self.png_dpi, self._drawn_by(fmt)),
                             "size": len(spec)})
        for job in jobs:
            job["path"].unlink(missing_ok=True)
        self.reused = self._from_cache(jobs)
        with tempfile.TemporaryDirectory(prefix="colens-svg-") as scratch:
            to_draw, sources = self._plan(jobs, dict(figures), Path(scratch))
            errors = self._draw_and_convert(jobs, to_draw, sources)
        self.drawn = 0
        for job in jobs:
            if _written(job["path"]) and not job.get("cached"):
                if job["opts"]["format"] == "png" and self.png_dpi:
                    job["path"].write_bytes(with_dpi(job["path"].read_bytes(), self.png_dpi))
                self.drawn += 1
        self._keep(jobs)
        for name, _ in figures:
            for fmt in static:
                if _written(folder / f"{name}.{fmt}"):
                    written[name].append(fmt)
        if errors:
            self.static_error = f"static export failed for {len(errors)} image(s): {errors[0]}"
            log.warning("figures: %s; the images missing are listed in the manifest; %s", self.static_error, HOW_TO)
        return written

    def _drawn_by(self, fmt: str) -> str:
        return f"cairosvg-{self.cairosvg}" if self.cairosvg and fmt in CONVERTED else "browser"

    def _plan(self, jobs: list[dict], figs: dict[str, go.Figure], scratch: Path) -> tuple[list[dict], dict]:
        """The images the browser must draw, and per figure the SVG its converted images are made from (the
        SVG image itself when one is written, else a scratch SVG drawn for the purpose)."""
        missing = [job for job in jobs if not _written(job["path"])]
        if not self.cairosvg:
            return missing, {}
        to_draw = [job for job in missing if job["opts"]["format"] not in CONVERTED]
        sources = {job["name"]: job["path"] for job in jobs if job["opts"]["format"] == "svg"}
        for job in missing:
            if job["opts"]["format"] in CONVERTED and job["name"] not in sources:
                sources[job["name"]] = scratch / f"{job['name']}.svg"  # the job's plotly dict is reused, not rebuilt
                to_draw.append({"name": job["name"], "fig": job["fig"], "path": sources[job["name"]],
                                "opts": self._opts(figs[job["name"]], "svg"), "size": job["size"]})
        return to_draw, sources

    def _draw(self, jobs: list[dict]) -> tuple | list:
        """Draw the jobs' images with kaleido; returns its errors."""
        import kaleido

        errors: tuple | list = ()
        # A second pass for the images the first one missed: under load the browser tab can be asked to render
        # before kaleido's page script has loaded ("kaleido_scopes is not defined"), a failure that passes.
        for _ in range(EXPORT_ATTEMPTS):
            todo = [{k: job[k] for k in ("fig", "path", "opts")} for job in jobs if not _written(job["path"])]
            if not todo:
                return ()
            self._start(self._browser)
            if self.static_error:
                return ()
            try:
                errors = kaleido.write_fig_from_object_sync(todo, cancel_on_error=False) or ()
            except Exception as exc:  # noqa: BLE001 - the pipeline goes on with HTML; the log says why
                errors = (exc,)
        return errors

    def _draw_and_convert(self, jobs: list[dict], to_draw: list[dict], sources: dict[str, Path]) -> list:
        """Draw `to_draw` and convert PDF and PNG from each figure's SVG; returns the failures. With CairoSVG the
        browser draws one figure at a time on a worker thread while this thread converts the figures already
        drawn: the browser is another process, so its drawing and the conversion share the two cores instead of
        taking turns (the images are the same either way; 9.5 s -> 7.4 s for the benchmark's 14 figures)."""
        if not self.cairosvg or not to_draw:
            return list(self._draw(to_draw)) + self._convert(jobs, sources)
        by_name: dict[str, list[dict]] = {}
        # the largest figures first: their conversions are the slow ones, and each runs while a later one is drawn
        for job in sorted(to_draw, key=lambda job: -job["size"]):
            by_name.setdefault(job["name"], []).append(job)
        self._start(self._browser)
        if self.static_error:
            return []
        drawn: queue.Queue = queue.Queue()

        def draw_each() -> None:
            try:
                for name, group in by_name.items():
                    drawn.put((name, list(self._draw(group))))
            except BaseException as exc:  # noqa: BLE001 - reported by the converting thread
                drawn.put((None, [exc]))
            finally:
                drawn.put(None)

        worker = threading.Thread(target=draw_each, name="colens-figure-drawing", daemon=True)
        worker.start()
        errors: list = []
        while (item := drawn.get()) is not None:
            name, failed = item
            errors += failed
            if name is not None:
                errors += self._convert([job for job in jobs if job["name"] == name], sources)
        worker.join()
        return errors + self._convert([job for job in jobs if job["name"] not in by_name], sources)

    def _convert(self, jobs: list[dict], sources: dict[str, Path]) -> list:
        """PDF and PNG images converted by CairoSVG from their figure's SVG; returns the failures."""
        if not self.cairosvg:
            return []
        cairosvg = cairosvg_module()
        errors = []
        for job in jobs:
            fmt = job["opts"]["format"]
            if fmt not in CONVERTED or _written(job["path"]):
                continue
            source = sources.get(job["name"])
            if source is None or not _written(source):
                continue  # the browser's failure to draw it is already counted
            try:
                if fmt == "pdf":
                    cairosvg.svg2pdf(url=str(source), write_to=str(job["path"]))
                else:
                    cairosvg.svg2png(url=str(source), write_to=str(job["path"]), scale=self.png_scale)
            except Exception as exc:  # noqa: BLE001 - one bad image must not stop the others
                job["path"].unlink(missing_ok=True)
                errors.append(ValueError(f"{job['path'].name}: CairoSVG could not convert {source.name}: {exc}"))
        return errors

    def _from_cache(self, jobs: list[dict]) -> int:
        """Copy the images the cache holds for these jobs; returns how many."""
        if self.image_cache is None:
            return 0
        n = 0
        for job in jobs:
            cached = self.image_cache / f"{job['key']}.{job['opts']['format']}"
            if _written(cached):
                shutil.copyfile(cached, job["path"])
                job["cached"] = True
                n += 1
        return n

    def _keep(self, jobs: list[dict]) -> None:
        """The cache afterwards holds exactly this run's images (what the next run may reuse)."""
        if self.image_cache is None:
            return
        self.image_cache.mkdir(parents=True, exist_ok=True)
        keep = set()
        for job in jobs:
            name = f"{job['key']}.{job['opts']['format']}"
            if _written(job["path"]):
                keep.add(name)
                if not job.get("cached"):
                    shutil.copyfile(job["path"], self.image_cache / name)
        for old in self.image_cache.iterdir():
            if old.name not in keep:
                old.unlink()

    def write(self, fig: go.Figure, folder: Path, name: str) -> list[str]:
        """Write one figure as folder/name.<format>; returns the formats written."""
        return self.write_all([(name, fig)], folder)[name]


def _written(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def with_dpi(png: bytes, dpi: float) -> bytes:
    """`png` with a pHYs chunk saying `dpi` (kaleido writes none, so journals read 72 or 96 dpi): inserted
    after IHDR, replacing any pHYs already there."""
    if png[:8] != PNG_SIGNATURE:
        raise ValueError("not a PNG image (bad signature)")
    chunks, pos = [], 8
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        end = pos + 12 + length
        chunks.append((png[pos + 4:pos + 8], png[pos:end]))
        pos = end
    ppm = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
    phys = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    out = [PNG_SIGNATURE]
    for kind, raw in chunks:
        if kind == b"pHYs":
            continue
        out.append(raw)
        if kind == b"IHDR":
            out.append(phys)
    return b"".join(out)


def png_dpi(png: bytes) -> float | None:
    """The resolution a PNG's pHYs chunk states (dots per inch), or None without one."""
    pos = 8
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        if png[pos + 4:pos + 8] == b"pHYs":
            x, _, unit = struct.unpack(">IIB", png[pos + 8:pos + 17])
            return x * 0.0254 if unit == 1 else None
        pos += 12 + length
    return None
