"""arabictext.spark: the groups of one machine on Spark (local[2], loopback).

Skipped with the reason when pyspark or Java is missing (set up by
python/scripts/setup-spark.sh); with ARABICTEXT_EXPECT_SPARK=1 (test-spark.sh)
their absence fails instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import arabictext as at
import cli_reference
from conftest import read_jsonl

REPOSITORY = cli_reference.REPOSITORY
MAKE_CORPUS = REPOSITORY / "Benchmarks" / "scale" / "make_corpus.py"
SAUDINEWSNET = Path(os.environ.get("ARABICTEXT_SAUDINEWSNET", "/work/shared/corpora/saudinewsnet/saudinewsnet.jsonl"))


def _missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (python/scripts/setup-spark.sh makes a venv with it)"
    if importlib.util.find_spec("pandas") is None:
        return "pandas is not installed (pyspark's mapInArrow needs it; setup-spark.sh installs it)"
    if shutil.which("java") is None:
        return "no java on PATH (python/scripts/setup-spark.sh installs openjdk-17-jre-headless)"
    return None


_REASON = _missing()
if _REASON and os.environ.get("ARABICTEXT_EXPECT_SPARK") == "1":
    raise RuntimeError(f"ARABICTEXT_EXPECT_SPARK=1 but {_REASON}")
pytestmark = pytest.mark.skipif(_REASON is not None, reason=_REASON or "")

if _REASON is None:
    from arabictext import spark as atspark


def _make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", MAKE_CORPUS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spark():
    session = atspark.make_session("local[2]", "arabictext-tests", shuffle_partitions=2)
    yield session
    session.stop()


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


def _run(spark, tmp_path: Path, input_path: Path, name: str, *, text_field="text", partitions=None,
         output_format="jsonl", unique=False, **settings) -> tuple[Path, dict]:
    out = tmp_path / name
    stats = atspark.dedup(spark, str(input_path), str(out), text_field=text_field, id_field="id",
                          settings=atspark.DedupSettings(**settings), output_format=output_format,
                          unique=unique, partitions=partitions)
    return out, stats


def _lines(folder: Path) -> list[str]:
    """The text part files of a Spark output folder, read in name order."""
    lines = []
    for part in sorted(folder.glob("part-*")):
        lines += part.read_text(encoding="utf-8").splitlines()
    return lines


def _library_lines(texts: list[str], ids: list[str], **settings) -> list[str]:
    """What `find_duplicates` says at the same settings as the job (DedupSettings keywords; its
    defaults: the library's), written as `arabic-text dedup --format jsonl` writes it."""
    records = at.find_duplicates(texts, **atspark.DedupSettings(**settings).library_keywords()).records(ids)
    return [atspark.record_line(*(r[name] for name in atspark.RECORD_FIELDS)) for r in records]


# ---------------------------------------------------------------- pure functions

def test_json_numbers_as_the_toolkit_writes_them():
    assert atspark.json_number(1.0) == "1"
    assert atspark.json_number(0.0) == "0"
    assert atspark.json_number(0.6324444) == "0.632444"
    assert atspark.json_number(0.8125) == "0.8125"
    assert atspark.json_number(0.0000005) == "1e-06"  # halves away from zero, then Swift's shortest form
    assert atspark.json_number(0.00005) == "5e-05"
    assert atspark.json_number(float("nan")) == "null"
    assert atspark.record_line('a"b\\\n\x01', 3, False, 0.5, 0.75, "near", "x", False, "near", "x", 0.6324444) == (
        '{"id": "a\\"b\\\\\\n\\u0001", "cluster": 3, "representative": false, "similarity": 0.5, '
        '"containment": 0.75, "role": "near", "duplicate_of": "x", "kept": false, "removed_as": "near", '
        '"copy_of": "x", "copy_similarity": 0.632444, "copy_containment": null}')
    assert atspark.record_line("y", 1, False, 0.5, 0.5, "near", "x", True, None, None, None).endswith(
        '"kept": true, "removed_as": null, "copy_of": null, "copy_similarity": null, "copy_containment": null}')


def test_connected_components_equal_union_find(spark):
    rng = random.Random(3)
    edges = [(rng.randrange(400), rng.randrange(400)) for _ in range(300)]
    edges += [(k, k + 1) for k in range(500, 540)]  # a long chain: several rounds
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    expected = {node: find(node) for a, b in edges for node in (a, b) if a != b}
    frame = spark.createDataFrame(edges, "src long, dst long")
    stats = {}
    found = {row.node: row.component for row in atspark.connected_components(frame, stats=stats).collect()}
    assert found == expected
    assert stats["components_rounds"] >= 2


# ---------------------------------------------------------------- the job against the library and the CLI

def test_known_copies_across_partitions_and_partition_counts(spark, tmp_path, seeds):
    """Generated documents (exact and near copies of earlier ones, splices of
    the seeds): every exact copy and every light edit lands in its source's
    cluster, the groups and the kept set equal the library's, and 1 and 4
    read partitions, 1 and 2 native threads per task give the same bytes."""
    make_corpus = _make_corpus()
    records = list(make_corpus.generate(seeds, 240, seed=5, window=200))
    corpus = _write_jsonl(tmp_path / "generated.jsonl", records)
    texts = [record["content"] for record in records]
    ids = [record["id"] for record in records]
    expected = _library_lines(texts, ids)

    out4, stats4 = _run(spark, tmp_path, corpus, "four", text_field="content", partitions=4)
    assert stats4["read_partitions"] >= 4
    four = _lines(out4)
    assert four == expected
    out1, stats1 = _run(spark, tmp_path, corpus, "one", text_field="content", partitions=1, threads=2)
    assert stats1["read_partitions"] == 1
    assert _lines(out1) == four
    assert stats1["kept"] == stats4["kept"] == sum(json.loads(line)["kept"] for line in four)

    cluster = {json.loads(line)["id"]: json.loads(line)["cluster"] for line in four}
    position = {record["id"]: k for k, record in enumerate(records)}
    quarter = len(records) // 4
    crossing = 0
    light = [record for record in records if record["kind"] == "near" and record["edit_rate"] <= 0.05]
    for record in records:
        if record["kind"] == "exact":
            assert cluster[record["id"]] == cluster[record["source"]], record["id"]
        if record["kind"] == "exact" or record in light:
            crossing += position[record["id"]] // quarter != position[record["source"]] // quarter
    assert crossing >= 5, "copies and their sources sit in different partitions"
    # Star grouping puts a light edit with its source unless the source joined a center the edit is not near.
    assert sum(cluster[r["id"]] == cluster[r["source"]] for r in light) >= 0.8 * len(light) > 0
    assert stats4["groups"] >= 20 and stats4["candidate_pairs"] == at.find_duplicates(texts).candidate_pair_count


# (reference run, DedupSettings keywords): runs of the command line at its defaults and others,
# and one at the connected settings (connected grouping, no containment, no boilerplate lines).
CLI_RUNS = {
    "dedup-default": {},
    "dedup-center-first": {"grouping": "center", "representative": "first", "threshold": 0.4},
    "dedup-connected-small-sketch": {**atspark.CONNECTED_SETTINGS, "shingle_size": 2, "hash_count": 64, "seed": 7},
} if _REASON is None else {}


def test_reference_runs_checked_exist_with_their_options():
    runs = dict(cli_reference.DEDUP_RUNS)
    assert set(CLI_RUNS) <= set(runs)
    assert cli_reference.CONNECTED == list(atspark.CONNECTED_CLI_OPTIONS)
    for name, settings in CLI_RUNS.items():
        assert (settings.get("grouping") == "connected") == (name.startswith("dedup-connected")), name


@pytest.mark.parametrize("name", list(CLI_RUNS))
def test_records_equal_the_command_line(spark, tmp_path, reference, name):
    """Byte for byte the records of `arabic-text dedup --format jsonl` on the seeds and their copies
    (one run reads its input as a file:// URI, listed through Hadoop's file systems as hdfs:// would be)."""
    expected = (reference / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    corpus = reference / "dedup-input.jsonl"
    source = corpus.resolve().as_uri() if name == "dedup-center-first" else corpus
    out, _ = _run(spark, tmp_path, source, name, partitions=2, **CLI_RUNS[name])
    assert _lines(out) == expected


def test_saudinewsnet_like_documents_equal_the_library_and_the_cli(spark, tmp_path):
    """A few hundred documents made from SaudiNewsNet articles (the seeds when the corpus is absent)."""
    make_corpus = _make_corpus()
    if SAUDINEWSNET.is_file():
        base = make_corpus.read_base(SAUDINEWSNET, limit=150)
    else:
        print(f"SaudiNewsNet is not at {SAUDINEWSNET}: documents made from the seeds instead")
        base = make_corpus.read_base(cli_reference.SEEDS)
    records = list(make_corpus.generate(base, 400, seed=11, window=300))
    corpus = _write_jsonl(tmp_path / "saudinewsnet-like.jsonl", records)
    out, stats = _run(spark, tmp_path, corpus, "snn", text_field="content", partitions=3, threshold=0.6)
    lines = _lines(out)
    assert lines == _library_lines([r["content"] for r in records], [r["id"] for r in records], threshold=0.6)
    assert stats["groups"] >= 30
    cli = os.environ.get("ARABICTEXT_CLI")
    if cli:
        completed = subprocess.run(
            [cli, "dedup", "--format", "jsonl", "--text-field", "content", "--id-field", "id", "--threshold", "0.6",
             str(corpus)], capture_output=True, check=True)
        assert lines == completed.stdout.decode("utf-8").splitlines()


def test_boilerplate_lines_and_contained_documents_across_partitions(spark, tmp_path):
    """The defaults' two other rules across partitions: short texts that share
    only a long footer line (a line of 12 documents: boilerplate, left out of
    the comparison, so they are not duplicates) and truncations of articles to
    35% (contained in them, not near): the records equal the library's (3
    read partitions), and the test would see the rules missing."""
    make_corpus = _make_corpus()
    base = (make_corpus.read_base(SAUDINEWSNET, limit=30) if SAUDINEWSNET.is_file()
            else make_corpus.read_base(cli_reference.SEEDS))
    rng = random.Random(4)
    vocabulary = [f"مفردة{k}" for k in range(5000)]
    footer = " ".join(f"حقوق{k}" for k in range(60))
    records = [{"id": f"a{k}", "text": text} for k, text in enumerate(base)]
    records += [{"id": f"f{k}", "text": " ".join(rng.sample(vocabulary, 15)) + "\n" + footer} for k in range(12)]
    for k, text in enumerate(base[:10]):
        words = text.split()
        records.append({"id": f"t{k}", "text": " ".join(words[:int(len(words) * 0.35)])})
    rng.shuffle(records)
    corpus = _write_jsonl(tmp_path / "edges.jsonl", records)
    texts, ids = [r["text"] for r in records], [r["id"] for r in records]
    expected = _library_lines(texts, ids)
    parsed = {r["id"]: r for r in map(json.loads, expected)}
    assert all(parsed[f"f{k}"]["role"] == "unique" for k in range(12)), "footer-only texts are not duplicates"
    assert any(r["role"] == "contained_in" for r in parsed.values()), "truncations are contained"
    without = at.find_duplicates(texts, boilerplate_documents=0, containment=False).records(ids)
    assert any(r["role"] != "unique" for r in without if r["id"].startswith("f")), "the footer alone makes near copies"
    out3, stats3 = _run(spark, tmp_path, corpus, "edges-3", partitions=3)
    assert _lines(out3) == expected
    assert stats3["boilerplate_lines"] >= 1 and stats3["contained_pairs"] >= 1


def test_chains_keep_their_far_ends_across_partitions(spark, tmp_path):
    """Connected grouping (the settings this job computed first): chains of near
    copies (each a shifted window of the one before) spread over the
    partitions: a chain is one group, and the kept set keeps the far ends that
    have no kept copy at the threshold, as the library does."""
    rng = random.Random(8)
    vocabulary = [f"كلمة{k}" for k in range(4000)]
    records = []
    for chain in range(12):
        words = rng.sample(vocabulary, 60)
        for step in range(5):
            records.append({"id": f"c{chain}-{step}", "text": " ".join(words[6 * step: 6 * step + 30])})
    rng.shuffle(records)
    corpus = _write_jsonl(tmp_path / "chains.jsonl", records)
    settings = {**atspark.CONNECTED_SETTINGS, "threshold": 0.5, "shingle_size": 1}
    expected = _library_lines([r["text"] for r in records], [r["id"] for r in records], **settings)
    out, stats = _run(spark, tmp_path, corpus, "chains", partitions=4, **settings)
    lines = _lines(out)
    assert lines == expected
    parsed = [json.loads(line) for line in lines]
    assert stats["groups"] == 12
    assert sum(r["kept"] and not r["representative"] for r in parsed) >= 12, "far ends kept besides representatives"


def test_parquet_in_and_out_and_the_kept_records(spark, tmp_path, dedup_corpus):
    """Parquet input with extra columns; records as Parquet; --write-unique keeps
    the representatives and unique documents with all their columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "id": [d["id"] for d in dedup_corpus], "text": [d["text"] for d in dedup_corpus],
        "length": [len(d["text"]) for d in dedup_corpus]})
    folder = tmp_path / "parquet-in"
    folder.mkdir()
    pq.write_table(table.slice(0, 9), folder / "a.parquet")
    pq.write_table(table.slice(9), folder / "b.parquet")
    out, stats = _run(spark, tmp_path, folder, "parquet-out", output_format="parquet", unique=True)
    records = pq.read_table(out / "records").to_pylist()
    expected = at.find_duplicates(table.column("text").to_pylist()).records(
        table.column("id").to_pylist())
    assert [r["id"] for r in records] == [r["id"] for r in expected]
    for mine, theirs in zip(records, expected):
        for name in ("similarity", "containment", "copy_similarity", "copy_containment"):
            value = theirs.pop(name)
            assert mine[name] == (None if value is None else pytest.approx(value, abs=1e-12)), (mine["id"], name)
        assert {k: mine[k] for k in theirs} == theirs
    kept = pq.read_table(out / "unique")
    assert kept.column_names == ["id", "text", "length"]
    assert kept.column("id").to_pylist() == [r["id"] for r in expected if r["kept"]]
    assert stats["documents"] == len(dedup_corpus)


def test_command_line_and_kept_lines_equal_the_cli(tmp_path, reference):
    """`python -m arabictext.spark dedup --write-unique` in its own process, on
    one core with two native threads per task: the records and the kept JSON
    lines equal `arabic-text dedup --write-unique`'s."""
    corpus = reference / "dedup-input.jsonl"
    out = tmp_path / "cli-run"
    command = [sys.executable, "-m", "arabictext.spark", "dedup", "--input", str(corpus), "--id-field", "id",
               "--output", str(out), "--write-unique", "--master", "local[1]", "--threads", "2", "--shuffle-partitions", "3",
               "--threshold", "0.8"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    assert completed.returncode == 0, completed.stderr[-3000:]
    expected = (reference / "dedup-threshold-0.8.jsonl").read_text(encoding="utf-8").splitlines()
    assert _lines(out / "records") == expected
    kept = _lines(out / "unique")
    cli = os.environ.get("ARABICTEXT_CLI")
    if cli:
        unique = tmp_path / "cli-unique.jsonl"
        subprocess.run([cli, "dedup", "--format", "jsonl", "--id-field", "id", "--threshold", "0.8",
                        "--write-unique", str(unique), str(corpus)], capture_output=True, check=True)
        assert kept == unique.read_text(encoding="utf-8").splitlines()
    originals = corpus.read_text(encoding="utf-8").splitlines()
    keep = {r["id"] for r in read_jsonl(reference / "dedup-threshold-0.8.jsonl") if r["kept"]}
    assert kept == [line for line in originals if json.loads(line)["id"] in keep]
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 2 and "exists" in again.stderr
