"""Benchmark: time and peak memory of every pipeline stage on a generated corpus of N words, against a bare spaCy
parse of the same text measured in the same run, plus the incremental case (one document added, re-run).

The corpus is built from real prose (the seed documents' cleaned text and the project's annotated passages),
shuffled into documents of ~1,500 words across genres and years, so the lexicon, classifiers and clustering
see realistic input. Each stage runs its dvc.yaml command, in dvc.yaml order, inside a temporary clone of the
project: by default forked from a warm server started for each pass and timed with it, as `make repro` runs them
(`colens warm`); `--cold` starts every stage from scratch, as a plain `dvc repro` does. Peak memory is
sampled for the stage's whole process tree (its fork of the server included) as summed RSS and as summed PSS (shared
pages divided among their sharers: what the tree really occupies), and the load average (the machine may be shared)
is recorded with every figure, the machine (CPU model and vector extensions) and the encoder's throughput on fixed
texts with the run. Trained models are copied from this checkout's `models/` and the
`train_*` stages skipped (the issue's measure: training excluded) unless `--train`; the clone's embedding cache
then starts with what training leaves there and stages read again (the annotated examples shown as evidence,
taken from this checkout's cache), nothing of the corpus.

    python scripts/benchmark.py --words 100000 --out reports/benchmark.json
    python scripts/benchmark.py --words 10000 --profile usage definitions   # + cProfile top functions per stage
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.embeddings import CACHE_FILE, SCHEMA, EmbeddingCache, text_key  # noqa: E402
from pipelines.nlp import ENCODER_BACKENDS  # noqa: E402
from pipelines.worktree import clone_working_tree, tool_env  # noqa: E402

GENRES = ["policy", "blog", "journal_abstract", "news", "book_chapter"]
DOC_WORDS = 1500

# The reference: spaCy's full pipeline (every component, one process, `nlp.pipe`) over every document, model load
# included, in a process of its own like a stage.
BARE_PARSE = """
import sys, pathlib, spacy
nlp = spacy.load(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))]
n = sum(len(d) for d in nlp.pipe(texts, batch_size=32))
print(n, "tokens")
"""


def source_paragraphs() -> list[str]:
    """Real prose to sample from: seed paragraphs plus annotated passages of every task."""
    paras: list[str] = []
    for path in sorted((ROOT / "corpora" / "seeds").glob("*.txt")):
        paras += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 12]
    for path in sorted((ROOT / "corpora" / "annotations").glob("*/annotations.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                paras.append(json.loads(line)["text"])
    return paras


#: The vector extensions the encoder's and spaCy's kernels can use: they, more than the core count, decide how the
#: pipeline compares with the bare parse (2.93x on a machine with AVX-512, 6.7x on one with AVX2 alone).
VECTOR_FLAGS = ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8")
PROBE_TEXTS = 200  # source paragraphs the encoder probe embeds


def machine(cpuinfo: Path = Path("/proc/cpuinfo")) -> dict:
    """The machine the figures belong to: CPU model, which of `VECTOR_FLAGS` it has, cores and memory."""
    model, flags = "", set()
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and not model:
                model = value.strip()
            elif key.strip() == "flags" and not flags:
                flags = set(value.split())
    return {"cpu_model": model or platform.processor() or platform.machine(),
            "vector_extensions": [f for f in VECTOR_FLAGS if f in flags], "cpu_count": psutil.cpu_count(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30)}


def encoder_probe(model: str, backend: str, batch_size: int, texts: list[str]) -> dict:
    """Throughput of the configured sentence encoder on fixed texts (after one warm-up batch), so that runs on
    different machines can be compared by what dominates them: the encoder's arithmetic."""
    from pipelines.nlp import load_encoder

    encoder = load_encoder(model, backend)
    encoder.encode(texts[:batch_size], batch_size=batch_size)
    start = time.perf_counter()
    encoder.encode(texts, batch_size=batch_size, normalize_embeddings=True)
    seconds = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    return {"texts": len(texts), "characters": chars, "seconds": round(seconds, 2),
            "characters_per_second": round(chars / seconds) if seconds else None}


def write_document(folder: Path, i: int, rng: random.Random, paras: list[str]) -> tuple[int, str]:
    """Document i (~DOC_WORDS words of sampled paragraphs); returns its words and its metadata.csv row."""
    body, words = [], 0
    while words < DOC_WORDS:
        p = rng.choice(paras)
        body.append(p)
        words += len(p.split())
    name = f"doc{i:05d}.txt"
    (folder / name).write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return words, f"bench{i:05d},{name},Document {i},{GENRES[i % len(GENRES)]},{2010 + i % 15},unknown,benchmark"


def write_corpus(folder: Path, n_words: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    paras = source_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    rows, total, i = [], 0, 0
    while total < n_words:
        words, row = write_document(folder, i, rng, paras)
        rows.append(row)
        total += words
        i += 1
    (folder / "metadata.csv").write_text("doc_id,file,title,genre,year,authors,source\n" + "\n".join(rows) + "\n")
    return {"documents": i, "words": total}


def add_document(folder: Path, seed: int) -> int:
    """One more document (a fresh sample) appended to the corpus and its metadata; returns its words."""
    i = len(list(folder.glob("doc*.txt")))
    words, row = write_document(folder, i, random.Random(seed + 1_000_003), source_paragraphs())
    with (folder / "metadata.csv").open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    return words


def prime_embeddings(src: Path, dest: Path, model: str, backends: set[str]) -> int:
    """Copy into `dest` the cached embeddings of the annotated examples (what the train_* stages leave in the cache,
    which classifiers read back as evidence); returns how many. Examples missing there for one of `backends` (the
    default and each task's) are embedded with it here, untimed, as training with that backend would have left them."""
    import sqlite3

    texts = {}
    for path in (ROOT / "corpora" / "annotations").glob("*/*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                texts[text_key(text)] = text
    dest.parent.mkdir(parents=True, exist_ok=True)
    rows = [r for r in sqlite3.connect(src).execute("SELECT model, key, vec FROM emb") if r[1] in texts] \
        if src.exists() else []
    db = sqlite3.connect(dest)
    db.execute(SCHEMA)
    db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?, ?)", rows)
    db.commit()
    db.close()
    for backend in sorted(backends):
        EmbeddingCache(model, dest.parent, backend=backend).encode(list(texts.values()))
    return len(texts)


def backends_of(models: dict) -> set[str]:
    """Every encoder backend a run reads: the default and each task's own (`models.task_encoder_backends`)."""
    return {models["encoder_backend"], *(models.get("task_encoder_backends") or {}).values()}


def load() -> float:
    return round(os.getloadavg()[0], 2)


def tree_memory(procs: list[psutil.Process]) -> tuple[float, float]:
    """(RSS, PSS) of `procs` summed, in MB. Summed RSS counts a page shared by several processes once per process
    (a stage forked from the warm server shares its libraries and models; Chromium's processes share theirs);
    PSS divides each shared page among its sharers, so the sum is what the tree really occupies. Where PSS cannot
    be read (not Linux, no permission) RSS stands in for it."""
    rss = pss = 0
    for p in procs:
        try:
            if not p.is_running():
                continue
            info = p.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        except psutil.Error:
            continue
    return rss / 2**20, pss / 2**20


def run_measured(cmd: str, cwd: Path, env: dict[str, str] | None = None,
                 server: psutil.Process | None = None) -> dict[str, float]:
    """Wall time, peak RSS and peak PSS (MB, `tree_memory`) of a command and all its children, and the 1-minute
    load average before/after. With a warm `server`, the stage runs in a fork of it: its forks (and theirs) are
    counted, the server not."""
    load_before = load()
    start = time.perf_counter()
    proc = subprocess.Popen(shlex.split(cmd), cwd=cwd, env=env or tool_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(proc.pid)
    peak = peak_pss = 0.0
    while proc.poll() is None:
        try:
            procs = [parent, *parent.children(recursive=True)]
            procs += server.children(recursive=True) if server is not None else []
            rss, pss = tree_memory(procs)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"`{cmd}` failed:\n{err[-3000:]}")
    return {"seconds": round(time.perf_counter() - start, 1), "peak_rss_mb": round(peak),
            "peak_pss_mb": round(peak_pss), "load_before": load_before, "load_after": load()}


def stage_commands(root: Path) -> list[tuple[str, str]]:
    """(stage, cmd) in an order that respects dependencies (DVC's own stage graph)."""
    import networkx as nx  # installed with dvc
    from dvc.repo import Repo

    stages = yaml.safe_load((root / "dvc.yaml").read_text())["stages"]
    graph = Repo(str(root)).index.graph
    order = [stage.name for stage in reversed(list(nx.topological_sort(graph)))]
    return [(name, stages[name]["cmd"]) for name in order if name in stages]


def profiled(cmd: str, out: Path) -> str:
    """`python -m X` run under cProfile, writing its stats to `out`."""
    parts = shlex.split(cmd)
    return shlex.join([parts[0], "-m", "cProfile", "-o", str(out), *parts[1:]])


def top_functions(prof: Path, n: int = 15) -> list[str]:
    """The n functions with most cumulative time (imports and entry frames left out), then the n with most own
    time, one line each (seconds, calls, where)."""
    stats = pstats.Stats(str(prof)).stats
    skip = ("<frozen", "<string>", "runpy", "stage_entry.py", "~")
    rows = [kv for kv in stats.items() if not kv[0][0].startswith(skip) and kv[0][2] not in ("<module>", "main")]
    line = lambda f, ln, fn, nc, tt, ct: f"{ct:8.1f}s cum {tt:7.1f}s own {nc:>9} calls  {Path(f).name}:{ln} {fn}"
    by_cum = sorted(rows, key=lambda kv: kv[1][3], reverse=True)[:n]
    by_own = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:n]
    return ([line(f, ln, fn, nc, tt, ct) for (f, ln, fn), (_, nc, tt, ct, _) in by_cum] + ["  -- own time:"]
            + [line(f, ln, fn, nc, tt, ct) for (f, ln, fn), (_, nc, tt, ct, _) in by_own])


def run_pass(root: Path, commands: list[tuple[str, str]], label: str, prof_dir: Path | None,
             profile: set[str], warm: bool) -> dict:
    """Every stage command in order, each timed; with `warm`, a warm server is started first (its start is a row
    of the pass, so the totals include it) and the stages fork from it (`colens warm`, `pipelines.launch`)."""
    from pipelines.launch import stage_module
    from pipelines.warm import ENV_ADDRESS, ENV_RUSAGE
    from pipelines.warm.client import read_usage
    from pipelines.warm.session import warm_server

    results: dict[str, dict] = {}
    if not warm:
        for name, cmd in commands:
            results[name] = _measured_stage(root, name, cmd, label, prof_dir, profile, None, None)
        return results
    load_before, start = load(), time.perf_counter()
    with warm_server(root, tool_env()) as address:
        server = _server(address)
        rss, pss = tree_memory([server])
        results["warm server start"] = {"seconds": round(time.perf_counter() - start, 1),
                                        "peak_rss_mb": round(rss), "peak_pss_mb": round(pss),
                                        "load_before": load_before, "load_after": load()}
        print(f"{label:>11} {'warm server start':>18}: {results['warm server start']}", flush=True)
        usage = Path(address).with_name("usage.jsonl")
        env = {**tool_env(), ENV_ADDRESS: address, ENV_RUSAGE: str(usage)}
        for name, cmd in commands:
            results[name] = _measured_stage(root, name, cmd, label, prof_dir, profile, env, server)
        forked = {u["module"] for u in read_usage(usage)} if usage.exists() else set()
    missed = [name for name, cmd in commands if name not in profile and stage_module(cmd) not in forked]
    if missed:
        raise SystemExit(f"the warm server did not run {', '.join(missed)} (see their stderr); measure with --cold")
    return results


def _server(address: str) -> psutil.Process:
    """The warm server process listening at `address` (the process holding the socket)."""
    for proc in psutil.process_iter(["cmdline"]):
        if address in (proc.info["cmdline"] or []):
            return proc
    raise SystemExit(f"no warm server process for {address}")


def _measured_stage(root: Path, name: str, cmd: str, label: str, prof_dir: Path | None, profile: set[str],
                    env: dict[str, str] | None, server: psutil.Process | None) -> dict:
    prof = prof_dir / f"{label}-{name}.prof" if prof_dir and name in profile else None
    result = run_measured(profiled(cmd, prof) if prof else cmd, root, None if prof else env,
                          None if prof else server)
    print(f"{label:>11} {name:>18}: {result}", flush=True)
    if prof:
        result["profile_top"] = top_functions(prof)
        print("\n".join("      " + line for line in result["profile_top"]), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--stages", nargs="*", help="only these stages (default: all, in order)")
    ap.add_argument("--train", action="store_true", help="also run (and time) the train_* stages")
    ap.add_argument("--no-incremental", action="store_true", help="skip the +1 document re-run")
    ap.add_argument("--profile", nargs="*", default=[], help="stages run under cProfile (top functions printed)")
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "benchmark.json")
    ap.add_argument("--keep", type=Path, help="build the project here and keep it (to re-run or profile a stage)")
    ap.add_argument("--encoder-backend", choices=ENCODER_BACKENDS,
                    help="models.encoder_backend for the run (default: this checkout's params.yaml)")
    ap.add_argument("--cold", action="store_true",
                    help="every stage imports its libraries in its own process (no warm server: plain `dvc repro`)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="colens-bench-") as tmp:
        if args.keep and args.keep.exists():
            raise SystemExit(f"{args.keep}: already exists; give a new folder to --keep")
        root = clone_working_tree(args.keep or Path(tmp) / "clone")
        corpus_dir = root / "corpora" / "bench"
        corpus = write_corpus(corpus_dir, args.words, args.seed)
        params = yaml.safe_load((root / "params.yaml").read_text())
        params["corpus"]["path"] = "corpora/bench"
        if args.encoder_backend:
            params["models"]["encoder_backend"] = args.encoder_backend
        (root / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
        commands = [(n, c) for n, c in stage_commands(root)
                    if (not args.stages or n in args.stages) and (args.train or not n.startswith("train_"))]
        if not args.train:
            models = ROOT / params["paths"]["models"]
            if not models.is_dir():
                raise SystemExit(f"{models}: no trained models to copy; run `dvc repro` first or pass --train")
            shutil.copytree(models, root / params["paths"]["models"], dirs_exist_ok=True)
            cache = params["paths"]["cache"]
            primed = prime_embeddings(ROOT / cache / CACHE_FILE, root / cache / CACHE_FILE,
                                      params["models"]["sentence_transformer"], backends_of(params["models"]))
            print(f"embedding cache primed with {primed} annotated examples", flush=True)
        prof_dir = Path(tmp) / "profiles"
        prof_dir.mkdir()

        bare = run_measured(shlex.join([sys.executable, "-c", BARE_PARSE, params["models"]["spacy"],
                                        str(corpus_dir)]), root)
        print(f"{'bare spaCy':>30}: {bare}", flush=True)
        probe = encoder_probe(params["models"]["sentence_transformer"], params["models"]["encoder_backend"],
                              params["models"]["batch_size"], source_paragraphs()[:PROBE_TEXTS])
        print(f"{'encoder probe':>30}: {probe}", flush=True)
        results: dict = {"corpus": corpus, **machine(), "date": time.strftime("%Y-%m-%d"), "bare_spacy": bare,
                         "encoder_probe": probe,
                         "engine": "cold (a process per stage)" if args.cold else "warm (colens warm)",
                         "encoder_backend": params["models"]["encoder_backend"],
                         "task_encoder_backends": params["models"].get("task_encoder_backends") or {}}
        results["stages"] = run_pass(root, commands, "full", prof_dir, set(args.profile), not args.cold)
        total = sum(s["seconds"] for s in results["stages"].values())
        results["total_seconds"] = round(total, 1)
        results["ratio_to_bare_spacy"] = round(total / bare["seconds"], 2)
        results["words_per_second"] = round(corpus["words"] / total) if total else None
        results["bare_words_per_second"] = round(corpus["words"] / bare["seconds"])
        results["peak_rss_mb"] = max(s["peak_rss_mb"] for s in results["stages"].values())
        results["peak_pss_mb"] = max(s["peak_pss_mb"] for s in results["stages"].values())
        if not args.no_incremental:
            results["added_words"] = add_document(corpus_dir, args.seed)
            results["incremental_stages"] = run_pass(root, commands, "+1 doc", prof_dir, set(args.profile),
                                                     not args.cold)
            inc = sum(s["seconds"] for s in results["incremental_stages"].values())
            results["incremental_seconds"] = round(inc, 1)
            results["incremental_share"] = round(inc / total, 3) if total else None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(json.dumps({k: v for k, v in results.items() if k not in ("stages", "incremental_stages")}, indent=2))


if __name__ == "__main__":
    main()
