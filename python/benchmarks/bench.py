"""arabictext against the Python tools people use for the same jobs, in one
process, on the same list of SaudiNewsNet contents for every tool.

    python/benchmarks/setup-peers.sh            # the peers' venv (python/benchmarks/.venv)
    python/benchmarks/.venv/bin/python python/benchmarks/bench.py [--runs 3] [--only tfidf] ...

Each job is timed `--runs` times (the median is reported, with the fastest
and slowest, and the median CPU time of the process: all its threads, which
a loaded machine distorts less than the wall clock); our figures include everything a Python caller pays: encoding
the strs, crossing into native code, building the Python results. Jobs with
"Arrow" in their name hand pyarrow arrays in and get pyarrow arrays back (no
per-item Python objects). Peak memory is the growth of the process's
resident set during the last run, sampled every 2 ms from /proc/self/statm
(it includes native allocations, which tracemalloc does not see).

Results go to stdout as a table and to `--json` (default results/latest.json);
`--readme` also writes the table, with the run's conditions, into the Speed
section of python/README.md (between `<!-- bench:begin -->` and
`<!-- bench:end -->`), so that the README's figures all come from one run.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the package from this checkout (ARABICTEXT_LIBRARY names its library)

import numpy as np  # noqa: E402

import arabictext as at  # noqa: E402

CORPUS = Path(os.environ.get("ARABICTEXT_SAUDINEWSNET", "/work/shared/corpora/saudinewsnet/saudinewsnet.jsonl"))


# ---------------------------------------------------------------- measuring

class PeakRSS:
    """The largest growth of the resident set while the block runs (a sampling thread)."""

    PAGE = os.sysconf("SC_PAGE_SIZE")

    def __init__(self):
        self.peak = 0

    @classmethod
    def current(cls) -> int:
        with open("/proc/self/statm") as file:
            return int(file.read().split()[1]) * cls.PAGE

    def __enter__(self):
        gc.collect()
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
        if trim is not None:
            trim(0)  # hand freed memory back first, so that the growth is this run's
        self.base = self.current()
        self.peak = self.base
        self.running = True

        def sample():
            while self.running:
                self.peak = max(self.peak, self.current())
                time.sleep(0.002)

        self.thread = threading.Thread(target=sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self.current())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.base) / 1e6


def measure(name: str, job, runs: int, results: list, group: str, items: int, unit: str, baseline: str | None = None,
            arrow_baseline: str | None = None):
    """Runs `job()` `runs` times; records the median seconds, the spread and the peak memory of the last run
    (the process's resident set grows by it: the output and everything alive while it was made)."""
    times, cpu_times, output = [], [], None
    for run in range(runs):
        output = None
        gc.collect()
        if run == runs - 1:
            with PeakRSS() as peak:
                start, cpu_start = time.perf_counter(), time.process_time()
                output = job()
                took, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        else:
            start, cpu_start = time.perf_counter(), time.process_time()
            output = job()
            took, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        times.append(took)
        cpu_times.append(cpu)
    record = {
        "group": group, "name": name, "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
        "cpu_median_s": statistics.median(cpu_times), "runs": runs, "items": items, "unit": unit,
        "peak_mb": round(peak.growth_mb, 1), "baseline": baseline, "arrow_baseline": arrow_baseline,
        "load_average": os.getloadavg()[0],
    }
    results.append(record)
    print(f"  {name:<58} {record['median_s']:9.3f} s  (min {record['min_s']:.3f}, max {record['max_s']:.3f},"
          f" CPU {record['cpu_median_s']:.3f} s)  {items / record['median_s'] / 1e3:10.1f} k{unit}/s"
          f"  peak +{record['peak_mb']:.0f} MB  (load {record['load_average']:.1f})", flush=True)
    return output


def load_contents(limit: int | None) -> list[str]:
    texts = []
    with open(CORPUS, encoding="utf-8") as file:
        for line in file:
            texts.append(json.loads(line)["content"])
            if limit and len(texts) == limit:
                break
    return texts


# ---------------------------------------------------------------- jobs

def bench_normalize(texts, runs, results):
    print(f"normalization: {len(texts)} articles, {sum(map(len, texts)) / 1e6:.0f} M characters", flush=True)
    import pyarrow as pa

    group = "normalize"
    ours = measure("arabictext normalize (search preset), list of str", lambda: at.normalize(texts), runs, results,
                   group, len(texts), "docs")
    arrow = pa.array(texts, type=pa.large_string())
    measure("arabictext normalize, Arrow in and out", lambda: at.normalize(arrow), runs, results, group, len(texts),
            "docs")
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar, normalize_unicode,
        )

        def camel():
            return [normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(
                normalize_unicode(text))))) for text in texts]

        measure("CAMeL Tools: unicode, dediac, alef, alef maksura, teh marbuta", camel, runs, results, group,
                len(texts), "docs", baseline="arabictext normalize (search preset), list of str",
                arrow_baseline="arabictext normalize, Arrow in and out")
    except ImportError as error:
        print(f"  CAMeL Tools not installed ({error}); skipped", flush=True)
    try:
        from pyarabic import araby

        def pyarabic():
            return [araby.normalize_hamza(araby.strip_tatweel(araby.strip_tashkeel(text)), method="tasheel")
                    for text in texts]

        measure("PyArabic: strip_tashkeel, strip_tatweel, normalize_hamza", pyarabic, runs, results, group,
                len(texts), "docs", baseline="arabictext normalize (search preset), list of str",
                arrow_baseline="arabictext normalize, Arrow in and out")
    except ImportError as error:
        print(f"  PyArabic not installed ({error}); skipped", flush=True)
    return ours


def corpus_words(texts) -> list[str]:
    """The Arabic words of the texts, in order (our tokenizer; the same list for every stemmer)."""
    arrays = at.tokenize_arrays(texts)
    words = []
    offsets = arrays.document_offsets.tolist()
    starts, ends, kinds = arrays.starts.tolist(), arrays.ends.tolist(), arrays.kinds.tolist()
    for document, text in enumerate(texts):
        for k in range(offsets[document], offsets[document + 1]):
            if kinds[k] == 0:
                words.append(text[starts[k]:ends[k]])
    return words


def bench_stem(texts, runs, results, isri_sample: int):
    import pyarrow as pa

    words = corpus_words(texts)
    print(f"stemming: {len(words) / 1e6:.2f} M Arabic words of {len(texts)} articles", flush=True)
    group = "stem"
    measure("arabictext stem snowball, list of str", lambda: at.stem(words, "snowball"), runs, results, group,
            len(words), "words")
    arrow = pa.array(words, type=pa.large_string())
    measure("arabictext stem snowball, Arrow in and out", lambda: at.stem(arrow, "snowball"), runs, results, group,
            len(words), "words")
    try:
        import Stemmer

        stemmer = Stemmer.Stemmer("arabic")
        ours = at.stem(words[:200_000], "snowball")
        agree = sum(a == b for a, b in zip(ours, stemmer.stemWords(words[:200_000]))) / len(ours)
        print(f"  (agreement with PyStemmer on 200,000 words: {agree:.4%})", flush=True)
        measure("PyStemmer stemWords (Snowball Arabic, its default cache)", lambda: stemmer.stemWords(words), runs,
                results, group, len(words), "words", baseline="arabictext stem snowball, list of str",
                arrow_baseline="arabictext stem snowball, Arrow in and out")
    except ImportError as error:
        print(f"  PyStemmer not installed ({error}); skipped", flush=True)
    sample = words[:isri_sample]
    measure(f"arabictext stem isri, list of str ({len(sample)} words)", lambda: at.stem(sample, "isri"), runs,
            results, group, len(sample), "words")
    try:
        from nltk.stem.isri import ISRIStemmer

        isri = ISRIStemmer()
        measure(f"NLTK ISRIStemmer.stem loop ({len(sample)} words)", lambda: [isri.stem(w) for w in sample], runs,
                results, group, len(sample), "words", baseline=f"arabictext stem isri, list of str ({len(sample)} words)")
    except ImportError as error:
        print(f"  NLTK not installed ({error}); skipped", flush=True)


def bench_tfidf(texts, runs, results):
    print(f"TF-IDF: {len(texts)} articles", flush=True)
    from sklearn.feature_extraction.text import TfidfVectorizer as SklearnVectorizer

    for analyzer, ngram_range in (("word", (1, 2)), ("char_wb", (3, 5))):
        group = f"tfidf {analyzer} {ngram_range}"
        name = f"arabictext TfidfVectorizer analysis='sklearn' {analyzer} {ngram_range}"
        ours = measure(name, lambda: at.TfidfVectorizer(analysis="sklearn", analyzer=analyzer,
                                                        ngram_range=ngram_range).fit_transform(texts),
                       runs, results, group, len(texts), "docs")
        import pyarrow as pa

        arrow = pa.array(texts, type=pa.large_string())
        measure(f"arabictext TfidfVectorizer analysis='sklearn' {analyzer} {ngram_range}, Arrow in",
                lambda: at.TfidfVectorizer(analysis="sklearn", analyzer=analyzer,
                                           ngram_range=ngram_range).fit_transform(arrow),
                runs, results, group, len(texts), "docs")
        measure(f"arabictext TfidfVectorizer analysis='arabic' {analyzer} {ngram_range}",
                lambda: at.TfidfVectorizer(analyzer=analyzer, ngram_range=ngram_range).fit_transform(texts),
                runs, results, group, len(texts), "docs")
        theirs = measure(f"scikit-learn TfidfVectorizer {analyzer} {ngram_range}",
                         lambda: SklearnVectorizer(analyzer=analyzer, ngram_range=ngram_range).fit_transform(texts),
                         runs, results, group, len(texts), "docs", baseline=name,
                         arrow_baseline=f"arabictext TfidfVectorizer analysis='sklearn' {analyzer} {ngram_range}, Arrow in")
        difference = abs(ours - theirs.tocsr()).max()
        print(f"  (same matrix as scikit-learn: {ours.shape == theirs.shape}, largest difference {difference:.1e})",
              flush=True)


def word_shingles(text: str, size: int) -> list[str]:
    words = text.split()
    if len(words) < size:
        return [" ".join(words)] if words else []
    return [" ".join(words[k:k + size]) for k in range(len(words) - size + 1)]


def lsh_bands(threshold: float, permutations: int) -> int:
    """datasketch's band count for the threshold (equal false-positive and -negative weights)."""
    from datasketch.lsh import _optimal_param

    bands, _ = _optimal_param(threshold, permutations, 0.5, 0.5)
    return bands


def union_groups(count: int, pairs) -> list[list[int]]:
    parent = list(range(count))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in range(count):
        groups.setdefault(find(x), []).append(x)
    return [members for members in groups.values() if len(members) > 1]


def bench_dedup(texts, runs, results, datasketch_runs: int):
    threshold, permutations, size = 0.8, 128, 5
    print(f"near duplicates: {len(texts)} articles, Jaccard {threshold}, {permutations} values, word {size}-shingles",
          flush=True)
    import pyarrow as pa

    group = "dedup"
    name = "arabictext find_duplicates (texts in, groups out; verified pairs)"
    found = measure(name, lambda: at.find_duplicates(texts, threshold=threshold, hash_count=permutations,
                                                     shingle_size=size),
                    runs, results, group, len(texts), "docs")
    print(f"  ({found.group_count} groups, {int((~found.kept).sum())} documents dropped)", flush=True)
    arrow = pa.array(texts, type=pa.large_string())
    measure("arabictext find_duplicates, Arrow in", lambda: at.find_duplicates(
        arrow, threshold=threshold, hash_count=permutations, shingle_size=size), runs, results, group, len(texts),
        "docs")
    bands = lsh_bands(threshold, permutations)
    # rensa takes a band count that divides the number of values: the divisor nearest datasketch's.
    rensa_bands = min((b for b in range(1, permutations + 1) if permutations % b == 0), key=lambda b: (abs(b - bands), -b))
    try:
        import rensa

        def rensa_end_to_end():
            shingles = [[s.encode() for s in word_shingles(text, size)] for text in texts]
            matrix = rensa.RMinHash.digest_matrix_from_token_byte_sets(shingles, permutations, 42)
            return rensa.RMinHashLSH(threshold, permutations, rensa_bands).query_duplicate_flags_matrix_one_shot(matrix)

        from importlib.metadata import version

        flags = measure(f"rensa {version('rensa')} end to end: Python shingling, digest_matrix_from_token_byte_sets, "
                        f"one-shot flags ({rensa_bands} bands)", rensa_end_to_end, runs, results, group, len(texts),
                        "docs", baseline=name, arrow_baseline="arabictext find_duplicates, Arrow in")
        print(f"  ({sum(flags)} documents flagged as candidates; flags, not verified groups)", flush=True)
        given = [[s.encode() for s in word_shingles(text, size)] for text in texts]

        def rensa_kernel():
            matrix = rensa.RMinHash.digest_matrix_from_token_byte_sets(given, permutations, 42)
            return rensa.RMinHashLSH(threshold, permutations, rensa_bands).query_duplicate_flags_matrix_one_shot(matrix)

        measure("rensa kernel only: shingles given, digest matrix and one-shot flags", rensa_kernel, runs, results,
                group, len(texts), "docs", baseline=name, arrow_baseline="arabictext find_duplicates, Arrow in")
        del given
    except ImportError as error:
        print(f"  rensa not installed ({error}); skipped", flush=True)
    try:
        if datasketch_runs < 1:
            raise ImportError("--datasketch-runs 0")
        from datasketch import MinHash, MinHashLSH

        def datasketch_end_to_end():
            lsh = MinHashLSH(threshold=threshold, num_perm=permutations)
            hashes = []
            for key, text in enumerate(texts):
                m = MinHash(num_perm=permutations)
                m.update_batch([s.encode() for s in word_shingles(text, size)])
                hashes.append(m)
                lsh.insert(key, m)
            pairs = [(key, other) for key, m in enumerate(hashes) for other in lsh.query(m) if other > key]
            return union_groups(len(texts), pairs)

        measure("datasketch end to end: MinHash.update_batch, MinHashLSH insert and query, groups",
                datasketch_end_to_end, datasketch_runs, results, group, len(texts), "docs", baseline=name,
                arrow_baseline="arabictext find_duplicates, Arrow in")
    except ImportError as error:
        print(f"  datasketch not installed ({error}); skipped", flush=True)


# ---------------------------------------------------------------- table

def markdown_table(results: list[dict]) -> str:
    """The results as the README's table: per job, median time, throughput, peak memory, and the ratio to ours."""
    by_name = {record["name"]: record for record in results}
    lines = ["| job | median (min–max) | CPU | throughput | peak memory | ours (list of str) vs this | ours (Arrow) vs this |",
             "|---|---|---|---|---|---|---|"]
    group = None
    for record in results:
        if record["group"] != group:
            group = record["group"]
            lines.append(f"| **{group}** | | | | | | |")
        rate = record["items"] / record["median_s"]
        rate_text = f"{rate / 1e6:.2f} M {record['unit']}/s" if rate >= 1e6 else f"{rate / 1e3:.1f} K {record['unit']}/s"
        ratios = []
        for key in ("baseline", "arrow_baseline"):
            base = by_name.get(record.get(key))
            if base is None:
                ratios.append("")
                continue
            ratio = record["median_s"] / base["median_s"]
            ratios.append(f"**{ratio:.1f}×** faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower")
        lines.append(
            f"| {record['name']} | {record['median_s']:.2f} s ({record['min_s']:.2f}–{record['max_s']:.2f}) "
            f"| {record['cpu_median_s']:.2f} s | {rate_text} | +{record['peak_mb']:.0f} MB | {ratios[0]} | {ratios[1]} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per job (median reported)")
    parser.add_argument("--documents", type=int, default=0, help="articles for normalize, stem and dedup (0: all)")
    parser.add_argument("--tfidf-documents", type=int, default=5000, help="articles for TF-IDF")
    parser.add_argument("--stem-documents", type=int, default=5000, help="articles whose words are stemmed")
    parser.add_argument("--isri-words", type=int, default=200_000, help="words for the ISRI comparison")
    parser.add_argument("--datasketch-runs", type=int, default=1, help="runs of datasketch (slow)")
    parser.add_argument("--only", choices=["normalize", "stem", "tfidf", "dedup"], action="append")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--readme", action="store_true",
                        help="write the table into python/README.md's speed block (every job must run)")
    arguments = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"bench.py: SaudiNewsNet is not at {CORPUS} (set ARABICTEXT_SAUDINEWSNET)")
    jobs = arguments.only or ["normalize", "stem", "tfidf", "dedup"]
    if arguments.readme and (arguments.only or arguments.documents):
        parser.error("--readme needs every job on the whole corpus (no --only, no --documents)")
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    texts = load_contents(arguments.documents or None)
    results: list[dict] = []
    print(f"arabictext {at.__version__}, Python {platform.python_version()}, {os.cpu_count()} processors, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    load_before = os.getloadavg()
    if "normalize" in jobs:
        bench_normalize(texts, arguments.runs, results)
    if "stem" in jobs:
        bench_stem(texts[:arguments.stem_documents], arguments.runs, results, arguments.isri_words)
    if "tfidf" in jobs:
        bench_tfidf(texts[:arguments.tfidf_documents], arguments.runs, results)
    if "dedup" in jobs:
        bench_dedup(texts, arguments.runs, results, arguments.datasketch_runs)
    by_name = {record["name"]: record for record in results}
    for record in results:
        for key in ("baseline", "arrow_baseline"):
            if record.get(key) in by_name:
                record[key.replace("baseline", "ratio")] = record["median_s"] / by_name[record[key]]["median_s"]
    table = markdown_table(results)
    print("\n" + table)
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.with_suffix(".md").write_text(table + "\n")
    arguments.json.write_text(json.dumps({
        "documents": len(texts), "python": platform.python_version(), "processors": os.cpu_count(),
        "load_average_before": load_before, "load_average_after": os.getloadavg(), "results": results}, ensure_ascii=False, indent=1))
    if arguments.readme:
        write_readme_block(table, started, arguments, load_before[0], os.getloadavg()[0])


README = HERE.parent / "README.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def write_readme_block(table: str, started: str, arguments, load_before: float, load_after: float) -> None:
    """Replaces python/README.md's block between BEGIN and END with the run's conditions and table."""
    import subprocess

    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=HERE, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=HERE,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown", ""
    text = README.read_text(encoding="utf-8")
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        sys.exit(f"bench.py: {README} must hold one {BEGIN} ... {END} block")
    block = "\n".join([
        BEGIN, "",
        f"One run of `python/benchmarks/bench.py --readme --runs {arguments.runs} --datasketch-runs "
        f"{arguments.datasketch_runs}` on {started}: arabictext {at.__version__} at commit {commit}"
        f"{' with uncommitted changes' if dirty else ''}, Python {platform.python_version()}, {os.cpu_count()} "
        f"processors, load average {load_before:.1f} at the start and {load_after:.1f} at the end. Medians of "
        f"{arguments.runs} runs (datasketch {arguments.datasketch_runs}); ratios are within this run.",
        "", table, "", END])
    start, end = text.index(BEGIN), text.index(END) + len(END)
    temporary = README.with_suffix(".md.tmp")
    temporary.write_text(text[:start] + block + text[end:], encoding="utf-8")
    os.replace(temporary, README)
    print(f"bench.py: wrote the table into {README}", flush=True)


if __name__ == "__main__":
    main()
