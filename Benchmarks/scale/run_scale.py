#!/usr/bin/env python3
"""The scale benchmark: `arabic-text dedup`, `dedup --lines` and `cluster` on
synthetic corpora of N documents, each run under `/usr/bin/time -v`, with
wall time, peak memory (maximum resident set size), bytes per document and
the groups found, written as a Markdown table (and JSON beside it).

    python3 Benchmarks/scale/run_scale.py --sizes 300000 1000000 \\
        --corpus /work/scale-data/corpus-1m.jsonl --out Benchmarks/scale/results.md

The corpus is made by `make_corpus.py` (deterministic: SaudiNewsNet articles
with seeded near copies, exact copies and unrelated splices). A size N uses
the first N records of `--corpus` (made with `--count` of the largest size
when missing); each prefix is written once to `--work`.

By default `dedup` runs at every size, `dedup --lines` and `cluster` at the
sizes given by `--lines-sizes` and `--cluster-sizes` (300,000). Needs the
release binary (`swift build -c release`) and GNU time (`/usr/bin/time`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def prefix(corpus: Path, count: int, work: Path) -> Path:
    """The first `count` records of `corpus`, written once to `work`."""
    path = work / f"corpus-{count}.jsonl"
    if path.exists():
        with open(path, "rb") as file:
            if sum(1 for _ in file) == count:
                return path
    written = 0
    with open(corpus, "rb") as source, open(path, "wb") as target:
        for line in source:
            if written == count:
                break
            target.write(line)
            written += 1
    if written < count:
        sys.exit(f"{corpus} holds {written} records, fewer than {count}")
    return path


def timed(command: list[str], output: Path) -> dict:
    """Runs `command` under /usr/bin/time -v, its standard output to `output`."""
    with open(output, "wb") as out:
        run = subprocess.run(["/usr/bin/time", "-v", *command], stdout=out, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.exit(f"failed ({run.returncode}): {' '.join(command)}\n{run.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", run.stderr).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1)) * 1024
    user = float(re.search(r"User time \(seconds\): (\S+)", run.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", run.stderr).group(1))
    return {"seconds": seconds, "peak_bytes": peak, "cpu_seconds": user + system}


def dedup_groups(path: Path) -> dict:
    """Groups and copies in `dedup --format jsonl` output (document records only)."""
    clusters = Counter()
    roles = Counter()
    line_records = 0
    with open(path, encoding="utf-8") as file:
        for line in file:
            record = json.loads(line)
            if "role" not in record:
                line_records += 1
                continue
            clusters[record["cluster"]] += 1
            roles[record["role"]] += 1
    groups = sum(1 for size in clusters.values() if size > 1)
    result = {"groups": groups, "exact": roles.get("exact", 0), "near": roles.get("near", 0)}
    if line_records:
        result["line_records"] = line_records
    return result


def cluster_groups(path: Path) -> dict:
    sizes = Counter()
    with open(path, encoding="utf-8") as file:
        for line in file:
            sizes[json.loads(line)["cluster"]] += 1
    multi = [size for size in sizes.values() if size > 1]
    return {"clusters_of_2_plus": len(multi), "documents_in_them": sum(multi), "largest": max(sizes.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300_000, 1_000_000])
    parser.add_argument("--lines-sizes", type=int, nargs="*", default=[300_000])
    parser.add_argument("--cluster-sizes", type=int, nargs="*", default=[300_000])
    parser.add_argument("--corpus", type=Path, default=Path("/work/scale-data/corpus-1m.jsonl"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/arabic-text-scale"))
    parser.add_argument("--binary", type=Path, default=ROOT / ".build/release/arabic-text")
    parser.add_argument("--out", type=Path, default=ROOT / "Benchmarks/scale/results.md")
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    largest = max([*args.sizes, *args.lines_sizes, *args.cluster_sizes])
    if not args.corpus.exists():
        print(f"making {args.corpus} ({largest} documents) with make_corpus.py", file=sys.stderr)
        subprocess.run([sys.executable, str(ROOT / "Benchmarks/scale/make_corpus.py"), "--count", str(largest),
                        "--out", str(args.corpus)], check=True)
    if not args.binary.exists():
        sys.exit(f"{args.binary} is missing: run `swift build -c release` first")

    common = ["--text-field", "content", "--id-field", "id", "--format", "jsonl"]
    jobs = [("dedup", [], size, dedup_groups) for size in args.sizes]
    jobs += [("dedup --lines", ["--lines"], size, dedup_groups) for size in args.lines_sizes]
    jobs += [("cluster", [], size, cluster_groups) for size in args.cluster_sizes]
    rows = []
    for name, extra, size, count_groups in jobs:
        corpus = prefix(args.corpus, size, args.work)
        command = [str(args.binary), name.split()[0], *extra, *common, str(corpus)]
        output = args.work / f"{name.replace(' ', '').replace('--', '-')}-{size}.jsonl"
        print(f"{name} on {size:,} documents ...", file=sys.stderr, flush=True)
        measured = timed(command, output)
        found = count_groups(output)
        row = {"command": name, "documents": size, "input_bytes": corpus.stat().st_size, **measured, **found}
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)

    lines = ["| command | documents | wall (s) | CPU (s) | peak memory (MB) | bytes per document | found |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        found = ", ".join(f"{key.replace('_', ' ')} {value:,}" for key, value in row.items()
                          if key in ("groups", "exact", "near", "line_records", "clusters_of_2_plus",
                                     "documents_in_them", "largest"))
        lines.append(f"| `{row['command']}` | {row['documents']:,} | {row['seconds']:.1f} | {row['cpu_seconds']:.1f} | "
                     f"{row['peak_bytes'] / 1e6:,.0f} | {row['peak_bytes'] / row['documents']:,.0f} | {found} |")
    dedups = sorted((row for row in rows if row["command"] == "dedup"), key=lambda row: row["documents"])
    if len(dedups) >= 2:
        small, large = dedups[0], dedups[-1]
        growth = (large["seconds"] / small["seconds"]) / (large["documents"] / small["documents"])
        lines.append("")
        lines.append(f"`dedup` time from {small['documents']:,} to {large['documents']:,} documents: "
                     f"{growth:.2f}× linear (1.00 = linear); peak memory {large['peak_bytes'] / 1e9:.2f} GB.")
    machine = f"{os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}"
    text = "\n".join(lines) + f"\n\nMachine: {machine}. Binary: {args.binary}.\n"
    args.out.write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
