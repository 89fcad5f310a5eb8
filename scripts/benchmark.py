"""Benchmark: time and peak memory of every pipeline stage on a generated corpus of N words.

The corpus is built from real prose (the seed documents' cleaned text and the project's annotated passages),
shuffled into documents of ~1,500 words across genres and years, so the lexicon, classifiers and clustering
see realistic input. Each stage runs as its own process, in dvc.yaml order, inside a temporary clone of the
project; peak resident memory is sampled for the stage's whole process tree.

    python scripts/benchmark.py --words 1000000 --out reports/benchmark.json
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.worktree import clone_working_tree, tool_env  # noqa: E402

GENRES = ["policy", "blog", "journal_abstract", "news", "book_chapter"]


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


def write_corpus(folder: Path, n_words: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    paras = source_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    rows, total, i = [], 0, 0
    while total < n_words:
        body, words = [], 0
        while words < 1500:
            p = rng.choice(paras)
            body.append(p)
            words += len(p.split())
        name = f"doc{i:05d}.txt"
        (folder / name).write_text("\n\n".join(body) + "\n", encoding="utf-8")
        rows.append(f"bench{i:05d},{name},Document {i},{GENRES[i % len(GENRES)]},{2010 + i % 15},unknown,benchmark")
        total += words
        i += 1
    (folder / "metadata.csv").write_text("doc_id,file,title,genre,year,authors,source\n" + "\n".join(rows) + "\n")
    return {"documents": i, "words": total}


def run_measured(cmd: str, cwd: Path) -> dict[str, float]:
    """Wall time and peak RSS (MB) of a command and all its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(shlex.split(cmd), cwd=cwd, env=tool_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(proc.pid)
    peak = 0.0
    while proc.poll() is None:
        try:
            procs = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()) / 2**20)
        except psutil.Error:
            pass
        time.sleep(0.2)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"`{cmd}` failed:\n{err[-3000:]}")
    return {"seconds": round(time.perf_counter() - start, 1), "peak_rss_mb": round(peak)}


def stage_commands(root: Path) -> list[tuple[str, str]]:
    """(stage, cmd) in an order that respects dependencies (DVC's own stage graph)."""
    import networkx as nx  # installed with dvc
    from dvc.repo import Repo

    stages = yaml.safe_load((root / "dvc.yaml").read_text())["stages"]
    graph = Repo(str(root)).index.graph
    order = [stage.name for stage in reversed(list(nx.topological_sort(graph)))]
    return [(name, stages[name]["cmd"]) for name in order if name in stages]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--stages", nargs="*", help="only these stages (default: all, in order)")
    ap.add_argument("--out", type=Path, default=ROOT / "reports" / "benchmark.json")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="colens-bench-") as tmp:
        root = clone_working_tree(Path(tmp) / "clone")
        corpus = write_corpus(root / "corpora" / "bench", args.words, args.seed)
        params = yaml.safe_load((root / "params.yaml").read_text())
        params["corpus"]["path"] = "corpora/bench"
        (root / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
        results = {"corpus": corpus, "cpu_count": psutil.cpu_count(), "stages": {}}
        for name, cmd in stage_commands(root):
            if args.stages and name not in args.stages:
                continue
            results["stages"][name] = run_measured(cmd, root)
            print(f"{name:>18}: {results['stages'][name]}", flush=True)
        total = sum(s["seconds"] for s in results["stages"].values())
        results["total_seconds"] = round(total, 1)
        results["words_per_second"] = round(corpus["words"] / total) if total else None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(json.dumps({k: v for k, v in results.items() if k != "stages"}, indent=2))


if __name__ == "__main__":
    main()
