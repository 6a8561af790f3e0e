"""Our duplicate kernel against rensa's, given the same shingles, in one process.

    ARABICTEXT_LIBRARY=.build/release/libArabicTextC.so \\
        <venv>/bin/python Benchmarks/compare/kernel_vs_rensa.py [--corpus saudinewsnet.jsonl] [--runs 5]

The word 5-shingles of every SaudiNewsNet content are made once, by the
Python shingling of python/benchmarks/bench.py (the text split on white
space, words joined by one space, encoded as UTF-8), before any clock starts.
rensa gets them as its Python lists of bytes (and, for its pre-hashed
kernels, as its own 64-bit hashes of them in one flat buffer); we get the
very same shingles in our flat layout (one byte buffer, shingle offsets,
document offsets: numpy, and an Arrow large_list<large_binary> column when
pyarrow is here) and the very same 64-bit hashes. Each kernel is timed
`--runs` times (median, min-max and the median CPU time of the process, all
its threads):

  * rensa: signatures (`digest_matrix_from_token_byte_sets`, classic
    R-MinHash: bench.py's kernel; `digest_matrix_from_token_sets_rho`, the
    rho sketch; `digest_matrix_from_flat_token_hashes[_rho]` on pre-hashed
    tokens) plus `RMinHashLSH.query_duplicate_flags_matrix_one_shot`: which
    documents share a band with another (flags, nothing verified). rensa's
    C-MinHash has no digest matrix for its LSH, so it cannot take part.
  * ours: `arabictext.find_duplicates_in_shingles`: each shingle's bytes
    hashed once, one-permutation signatures, LSH candidates, every candidate
    verified by its exact Jaccard similarity, star groups with
    representatives and roles.

Both at Jaccard 0.8 with 128 values and rensa's band count as bench.py
picks it (the divisor of 128 nearest datasketch's optimum: 8 bands of 16),
our containment rule off (near duplicates only, rensa's task), on
`--threads` threads (rensa uses one per processor). Agreement: the documents
rensa flags against the documents in our groups, and our groups against
`find_duplicates` on the texts at the same settings (our own analysis makes
its shingles, so a few groups differ), and the exact check that our own
shingle hashes (`shingle_hashes`) give `find_duplicates`' result.

Prints a Markdown table; writes JSON to `--json`. Skips (exit 0, with a
message) when the corpus or rensa is absent.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "python" / "benchmarks"))
sys.path.insert(0, str(ROOT / "python"))

DEFAULT_CORPUS = os.environ.get("ARABICTEXT_SAUDINEWSNET", "/work/shared/corpora/saudinewsnet/saudinewsnet.jsonl")
THRESHOLD, PERMUTATIONS, SIZE = 0.8, 128, 5


def timed(name: str, job, runs: int, documents: int, results: list, kind: str):
    """Runs `job()` `runs` times; records the median wall and CPU seconds; returns the last output."""
    walls, cpus, output = [], [], None
    for _ in range(runs):
        output = None
        gc.collect()
        start, cpu_start = time.perf_counter(), time.process_time()
        output = job()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
    record = {"name": name, "kind": kind, "median_s": statistics.median(walls), "min_s": min(walls),
              "max_s": max(walls), "cpu_median_s": statistics.median(cpus), "runs": runs,
              "docs_per_s": documents / statistics.median(walls), "load_average": os.getloadavg()[0]}
    results.append(record)
    print(f"  {name:<72} {record['median_s']:7.3f} s (min {record['min_s']:.3f}, max {record['max_s']:.3f}, "
          f"CPU {record['cpu_median_s']:.3f} s)", flush=True)
    return output


def flag_agreement(flags, in_groups) -> dict:
    flagged = {i for i, flag in enumerate(flags) if flag}
    ours = {i for i, grouped in enumerate(in_groups) if grouped}
    return {"rensa_flagged": len(flagged), "ours_in_groups": len(ours), "both": len(flagged & ours),
            "rensa_only": len(flagged - ours), "ours_only": len(ours - flagged)}


def group_sets(found) -> set:
    return {frozenset(members) for members in found.groups}


def group_agreement(ours, theirs) -> dict:
    a, b = group_sets(ours), group_sets(theirs)
    in_a = {d for g in a for d in g}
    in_b = {d for g in b for d in g}
    return {"ours_groups": len(a), "find_duplicates_groups": len(b), "identical_groups": len(a & b),
            "documents_in_both": len(in_a & in_b), "ours_only": len(in_a - in_b), "find_duplicates_only": len(in_b - in_a)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="SaudiNewsNet JSON Lines (field content)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--documents", type=int, default=0, help="only the first N articles (0: all)")
    parser.add_argument("--json", default=str(ROOT / ".work" / "kernel-vs-rensa.json"))
    args = parser.parse_args()

    corpus = Path(args.corpus)
    if not corpus.is_file():
        print(f"kernel_vs_rensa: skipped: SaudiNewsNet not found at {corpus} (give --corpus or set ARABICTEXT_SAUDINEWSNET)")
        return 0
    try:
        import rensa
        from importlib.metadata import version
        rensa_version = version("rensa")
    except ImportError as error:
        print(f"kernel_vs_rensa: skipped: rensa is not installed ({error})")
        return 0
    import numpy as np

    import arabictext as at
    from bench import lsh_bands, word_shingles

    texts = []
    with corpus.open(encoding="utf-8") as file:
        for line in file:
            if line.strip():
                texts.append(json.loads(line)["content"])
            if args.documents and len(texts) >= args.documents:
                break
    n = len(texts)
    bands = lsh_bands(THRESHOLD, PERMUTATIONS)
    rensa_bands = min((b for b in range(1, PERMUTATIONS + 1) if PERMUTATIONS % b == 0), key=lambda b: (abs(b - bands), -b))
    rows = PERMUTATIONS // rensa_bands
    settings = dict(threshold=THRESHOLD, hash_count=PERMUTATIONS, bands=rensa_bands, rows=rows, containment=False)
    print(f"{n} articles, word {SIZE}-shingles, Jaccard {THRESHOLD}, {PERMUTATIONS} values, {rensa_bands} bands of {rows}, "
          f"rensa {rensa_version}, ours on {args.threads} threads", flush=True)

    # ---- inputs, made once before any clock
    start = time.perf_counter()
    given = [[s.encode() for s in word_shingles(text, SIZE)] for text in texts]
    shingling = time.perf_counter() - start
    counts = np.fromiter(map(len, given), dtype=np.int64, count=n)
    flat = list(itertools.chain.from_iterable(given))
    data = np.frombuffer(b"".join(flat), dtype=np.uint8)
    lengths = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
    shingle_offsets = np.zeros(len(flat) + 1, dtype=np.int64)
    np.cumsum(lengths, out=shingle_offsets[1:])
    document_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=document_offsets[1:])
    del flat, lengths
    rensa_hashes = rensa.RMinHash.hash_token_sets(given)
    hashes = np.fromiter(itertools.chain.from_iterable(rensa_hashes), dtype=np.uint64, count=int(document_offsets[-1]))
    del rensa_hashes
    row_offsets = document_offsets.astype(np.uint64)
    try:
        import pyarrow as pa
        column = pa.LargeListArray.from_arrays(pa.array(document_offsets), pa.LargeBinaryArray.from_buffers(
            pa.large_binary(), len(shingle_offsets) - 1, [None, pa.py_buffer(shingle_offsets), pa.py_buffer(data)]))
    except ImportError:
        column = None
    print(f"  inputs: {int(document_offsets[-1]):,} shingles, {len(data) / 1e6:.0f} MB of shingle bytes "
          f"(Python shingling {shingling:.1f} s, untimed)", flush=True)

    results: list[dict] = []
    R, LSH = rensa.RMinHash, rensa.RMinHashLSH
    runs = args.runs

    def rensa_kernel(make):
        return lambda: LSH(THRESHOLD, PERMUTATIONS, rensa_bands).query_duplicate_flags_matrix_one_shot(make())

    print("rensa, shingles given as Python lists of bytes:", flush=True)
    flags = {}
    flags["byte_sets"] = timed("rensa digest_matrix_from_token_byte_sets + one-shot flags (bench.py's kernel)",
                               rensa_kernel(lambda: R.digest_matrix_from_token_byte_sets(given, PERMUTATIONS, 42)),
                               runs, n, results, "rensa-lists")
    flags["rho"] = timed("rensa digest_matrix_from_token_sets_rho + one-shot flags",
                         rensa_kernel(lambda: R.digest_matrix_from_token_sets_rho(given, PERMUTATIONS, 42)),
                         runs, n, results, "rensa-lists")
    print("ours, the same shingles' bytes, flat:", flush=True)
    ours_bytes = timed("ours find_duplicates_in_shingles, bytes + offsets (numpy): groups",
                       lambda: at.find_duplicates_in_shingles(data, document_offsets, shingle_offsets=shingle_offsets,
                                                              threads=args.threads, **settings),
                       runs, n, results, "ours-bytes")
    if column is not None:
        ours_arrow = timed("ours find_duplicates_in_shingles, Arrow large_list<large_binary>: groups",
                           lambda: at.find_duplicates_in_shingles(column, threads=args.threads, **settings),
                           runs, n, results, "ours-bytes")
        assert np.array_equal(ours_arrow.group, ours_bytes.group)
    print("pre-hashed: rensa's 64-bit hashes of the same shingles, flat, for both:", flush=True)
    flags["flat_rho"] = timed("rensa digest_matrix_from_flat_token_hashes_rho + one-shot flags",
                              rensa_kernel(lambda: R.digest_matrix_from_flat_token_hashes_rho(
                                  hashes, row_offsets, PERMUTATIONS, 42)), runs, n, results, "rensa-hashes")
    flags["flat"] = timed("rensa digest_matrix_from_flat_token_hashes + one-shot flags",
                          rensa_kernel(lambda: R.digest_matrix_from_flat_token_hashes(
                              hashes, row_offsets, PERMUTATIONS, 42)), runs, n, results, "rensa-hashes")
    ours_hashes = timed("ours find_duplicates_in_shingles, hashes + offsets (numpy): groups",
                        lambda: at.find_duplicates_in_shingles(hashes, document_offsets, threads=args.threads, **settings),
                        runs, n, results, "ours-hashes")

    # ---- ratios: ours against rensa's fastest of each input
    by_kind = {}
    for record in results:
        best = by_kind.get(record["kind"])
        if best is None or record["median_s"] < best["median_s"]:
            by_kind[record["kind"]] = record
    ratios = {
        "bytes": by_kind["rensa-lists"]["median_s"] / by_kind["ours-bytes"]["median_s"],
        "bytes_cpu": by_kind["rensa-lists"]["cpu_median_s"] / by_kind["ours-bytes"]["cpu_median_s"],
        "hashes": by_kind["rensa-hashes"]["median_s"] / by_kind["ours-hashes"]["median_s"],
        "hashes_cpu": by_kind["rensa-hashes"]["cpu_median_s"] / by_kind["ours-hashes"]["cpu_median_s"],
        "rensa_fastest_lists": by_kind["rensa-lists"]["name"], "rensa_fastest_hashes": by_kind["rensa-hashes"]["name"],
    }

    # ---- agreement (untimed)
    in_groups = (ours_bytes.group >= 0).tolist()
    agreement = {"flags_" + name: flag_agreement(value, in_groups) for name, value in flags.items()}
    agreement["ours_hashes_vs_ours_bytes_documents_in_groups"] = [int((ours_hashes.group >= 0).sum()),
                                                                  int((ours_bytes.group >= 0).sum())]
    reference = at.find_duplicates(texts, shingle_size=SIZE, boilerplate_documents=0, threads=args.threads, **settings)
    agreement["ours_vs_find_duplicates"] = group_agreement(ours_bytes, reference)
    offsets, own = at.shingle_hashes(texts, shingle_size=SIZE, threads=args.threads)
    exact = at.find_duplicates_in_shingles(own, offsets, threads=args.threads, **settings)
    agreement["own_shingle_hashes_equal_find_duplicates"] = bool(
        all(np.array_equal(getattr(exact, field), getattr(reference, field)) for field in
            ("group", "representative", "role_codes", "similarity", "containment", "removal_codes", "copy_of")))

    # ---- report
    lines = [f"| kernel ({n:,} SaudiNewsNet articles, shingles given) | median (min–max) | CPU | docs/s | ours vs this |",
             "|---|---|---|---|---|"]
    for record in results:
        ours = by_kind["ours-bytes" if record["kind"] in ("rensa-lists", "ours-bytes") else "ours-hashes"]
        ratio = record["median_s"] / ours["median_s"]
        versus = "" if record["kind"].startswith("ours") else (
            f"**{ratio:.1f}× faster**" if ratio >= 1 else f"{1 / ratio:.1f}× slower")
        lines.append(f"| {record['name']} | {record['median_s']:.3f} s ({record['min_s']:.3f}–{record['max_s']:.3f}) "
                     f"| {record['cpu_median_s']:.3f} s | {record['docs_per_s'] / 1e3:.0f} K | {versus} |")
    table = "\n".join(lines)
    print()
    print(table)
    print()
    for name in ("byte_sets", "rho", "flat_rho", "flat"):
        a = agreement["flags_" + name]
        print(f"rensa {name} flags {a['rensa_flagged']} documents; ours groups {a['ours_in_groups']}: {a['both']} in both, "
              f"{a['rensa_only']} flagged only by rensa, {a['ours_only']} grouped only by us")
    g = agreement["ours_vs_find_duplicates"]
    print(f"ours on Python shingles vs find_duplicates on the texts (same settings): {g['ours_groups']} vs "
          f"{g['find_duplicates_groups']} groups, {g['identical_groups']} identical; documents in groups: "
          f"{g['documents_in_both']} in both, {g['ours_only']} only ours, {g['find_duplicates_only']} only find_duplicates")
    print(f"our own shingle hashes give find_duplicates' result exactly: {agreement['own_shingle_hashes_equal_find_duplicates']}")

    output = Path(args.json)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({
        "documents": n, "shingles": int(document_offsets[-1]), "shingle_bytes": int(len(data)),
        "settings": {"threshold": THRESHOLD, "hash_count": PERMUTATIONS, "bands": rensa_bands, "rows": rows,
                     "shingle_size": SIZE, "containment": False, "threads": args.threads},
        "rensa_version": rensa_version, "arabictext_version": at.__version__, "machine": platform.platform(),
        "cpus": os.cpu_count(), "results": results, "ratios": ratios, "agreement": agreement, "table": table,
    }, indent=2) + "\n")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
