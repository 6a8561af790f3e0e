"""Near-duplicate detection on Apache Spark, with exactly the records of one
machine (`arabic-text dedup --format jsonl`, `arabictext.find_duplicates`) at
the same settings, its defaults included: star grouping, contained documents
(`contained_in`, `--containment 0.8`) and boilerplate lines (lines of 10 or
more documents) left out of the comparison. `--grouping connected
--no-containment --boilerplate-documents 0` (CONNECTED_SETTINGS) gives the
connected components of near pairs, as before star grouping was the default.

    python -m arabictext.spark dedup --input corpus.jsonl --text-field content --id-field id \\
        --output out [--master local[2]] [--threshold 0.5] [--shingle-size 3] [--write-unique] \\
        [--grouping star|center|connected] [--containment C | --no-containment] [--boilerplate-documents N] \\
        [--format jsonl|parquet] [--partitions N]

or, from a PySpark program:

    from arabictext import spark as atspark
    settings = atspark.DedupSettings(threshold=0.8)
    documents = atspark.read_documents(spark, "corpus/*.parquet", text_field="content", id_field="id")
    result = atspark.find_duplicates(documents, settings)
    result.records            # one row per document: the fields of `arabic-text dedup --format jsonl`
    atspark.write_records(result.records, "out", "jsonl")

The job, stage by stage (every stage runs in the executors; the driver
collects counts and the boilerplate lines only):

1. Read: JSON Lines (as raw lines, parsed by Spark's JSON reader) or Parquet,
   one file after another in byte order of their paths, so that a document's
   number is its position in the input whatever the partitioning.
2. Sketch: per Arrow batch of a partition, one native call
   (`sketch_documents`): fingerprint, word count and the band keys of the
   candidate banding (`candidate_banding`: 64 x 2 with containment, the
   near-duplicate banding without); with boilerplate lines on, one more
   (`line_fingerprints`) for each document's distinct line fingerprints.
3. Boilerplate lines: the line fingerprints counted over the corpus (once
   per document; Spark combines counts in each task before the shuffle);
   those of at least `boilerplate_documents` documents are broadcast.
4. Exact copies: documents sharing a fingerprint are confirmed word for word
   by their canonical texts (`canonical_texts`, computed for those documents
   only); each points to the first document with the same words.
5. Candidates: the first document of each fingerprint (when it has words)
   goes into its (band, key) buckets; every two documents of a bucket are a
   candidate pair.
6. Verification: the verification sets of the documents in candidate pairs
   (`verification_sets`: shingle sets without the boilerplate lines, for
   those documents only) are joined to the pairs and each pair is verified by
   the library's test (`verify_pairs`: near, or contained).
7. Components: connected components of the exact copies and related pairs,
   by the alternating large-star / small-star algorithm (Kiveris, Lattanzi,
   Mirrokni, Rastogi and Vassilvitskii, "Connected Components in MapReduce
   and Beyond", SoCC 2014). Groups never cross them.
8. Groups and kept set: each component's members (exact head, word count)
   and related pairs (shared shingles, set sizes) are shuffled to one task,
   where one native call (`group_verified`) runs the library's own star (or
   center) grouping, representative rule, roles, similarities and
   containments, and the kept set of `--write-unique` (KeptSelection). A
   component must fit in one task's memory (about 100 bytes per member and
   pair; the largest on SaudiNewsNet at the defaults has a few hundred
   documents). Clusters are numbered from 1 in order of their first
   document, singletons included.
   Connected grouping (without containment) instead takes the components as
   groups, the representative by the same rule (most words, ties the first;
   or the first), each member's exact Jaccard similarity to it from the sets,
   and decides the kept set per component (`kept_selection`).

The results equal the library's at any partitioning, executor and thread
count: every step is a function of the documents' numbers and contents only.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# pyspark is imported inside the functions that need it: `import arabictext.spark`
# works without it, and the executors import only what their tasks use.

ROLE_UNIQUE, ROLE_REPRESENTATIVE, ROLE_EXACT, ROLE_NEAR = "unique", "representative", "exact", "near"
CONNECTED_SETTINGS = {"grouping": "connected", "containment": False, "boilerplate_documents": 0}
"""The `find_duplicates` keywords of the grouping the job computed before star grouping was the
default (connected components of near pairs, no containment, no boilerplate lines); give them to
`DedupSettings` for those groups."""
CONNECTED_CLI_OPTIONS = ("--grouping", "connected", "--no-containment", "--boilerplate-documents", "0")
"""The `arabic-text dedup` options of CONNECTED_SETTINGS (the same options of this job's command line)."""
GROUPINGS = ("star", "center", "connected")
POSITION_BITS = 33  # monotonically_increasing_id(): partition index << 33 | position in the partition
BROADCAST_LIMIT = 20_000_000  # index sets up to this size are broadcast to filter re-read inputs


@dataclass(frozen=True)
class DedupSettings:
    """How documents are compared and grouped: the options of `arabic-text dedup`
    (None: the library's default; the defaults are `arabic-text dedup`'s: star
    grouping, containment 0.8, lines of 10 or more documents left out of the
    comparison). `containment=False` turns containment off; connected grouping
    is distributed without it only. `threads` is the native threads per task
    call (1: Spark gives each task one core)."""

    threshold: float | None = None
    shingle_size: int | None = None
    hash_count: int | None = None
    seed: int | None = None
    sketch: str = "one-permutation"
    preset: str = "search"
    bands: int | None = None
    rows: int | None = None
    representative: str = "longest"
    grouping: str = "star"
    containment: float | bool | None = None
    boilerplate_documents: int | None = None
    threads: int = 1

    def __post_init__(self):
        if self.representative not in ("longest", "first"):
            raise ValueError(f"representative must be 'longest' or 'first', not {self.representative!r}")
        if self.grouping not in GROUPINGS:
            raise ValueError(f"grouping must be one of {', '.join(GROUPINGS)}, not {self.grouping!r}")
        if self.grouping == "connected" and self.containment is not False:
            raise ValueError("connected grouping is distributed without containment only: "
                             "add --no-containment (containment=False), or group by star or center")
        # Checked by the library once, on the driver, so a bad option fails before any task.
        self.native_options()

    def library_keywords(self) -> dict:
        """The keyword arguments of `find_duplicates` that give what this job gives at these settings."""
        return {**self.sketch_options(), "representative": self.representative, "grouping": self.grouping,
                "containment": self.containment, "boilerplate_documents": self.boilerplate_documents}

    def sketch_options(self) -> dict:
        """The keyword arguments of `sketch_documents` these settings stand for (the near-duplicate banding)."""
        return dict(threshold=self.threshold, shingle_size=self.shingle_size, hash_count=self.hash_count,
                    seed=self.seed, sketch=self.sketch, preset=self.preset, bands=self.bands, rows=self.rows)

    def native_options(self):
        """The library's options for these settings (its defaults filled in), checked."""
        from ._duplicates import _duplicate_options

        return _duplicate_options(self.threshold, self.shingle_size, self.hash_count, self.seed, self.sketch,
                                  self.preset, None, self.bands, self.rows, self.representative, self.grouping,
                                  self.containment, self.boilerplate_documents)

    def candidate_sketch_options(self) -> dict:
        """`sketch_options` with the banding whose shared (band, key) make candidate pairs
        (`candidate_banding`: 64 x 2 with containment, the near-duplicate banding without)."""
        from ._sketches import candidate_banding

        bands, rows = candidate_banding(**self.library_keywords())
        return {**self.sketch_options(), "bands": bands, "rows": rows}

    @property
    def effective_threshold(self) -> float:
        return self.native_options().threshold

    @property
    def effective_boilerplate_documents(self) -> int:
        """Lines of at least this many documents are boilerplate (0: none)."""
        return self.native_options().boilerplate_documents


# ---------------------------------------------------------------- session

def loopback_conf() -> dict:
    """Settings that keep a local session on the loopback interface, without the web UI."""
    return {
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
    }


def make_session(master: str | None = "local[2]", app_name: str = "arabictext-dedup", *,
                 shuffle_partitions: int | None = None, conf: dict | None = None, loopback: bool = True):
    """A SparkSession for the job. With `loopback` (the default for local
    masters), everything binds to 127.0.0.1 and the UI is off. The Python
    workers run this interpreter unless PYSPARK_PYTHON says otherwise."""
    from pyspark.sql import SparkSession

    if loopback:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = dict(loopback_conf()) if loopback else {}
    settings.update({
        "spark.sql.execution.arrow.maxRecordsPerBatch": "4096",
        # The job sets its partition counts itself; adaptive re-planning of every stage costs
        # more than it saves on inputs of a few gigabytes (turn it on with conf for skewed data).
        "spark.sql.adaptive.enabled": "false",
        "spark.sql.session.timeZone": "UTC",
    })
    if shuffle_partitions:
        settings["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


# ---------------------------------------------------------------- reading

@dataclass
class Documents:
    """The input as Spark reads it, with a stable number per record.

    `frame()` is a DataFrame with `position` (the record's number in the
    input: files in byte order of their paths, records in file order),
    `_text`, `_id` and, for `write_unique`, the whole record (`raw`: the line of
    a JSON Lines file; the columns of a Parquet file). Evaluating it twice
    gives the same numbers (the same files split the same way)."""

    spark: object
    files: list[str]
    input_format: str
    text_field: str
    id_field: str | None
    partitions: int | None
    offsets: list[int] | None = None  # first position of each read partition, once counted
    file_first_partition: list[int] = field(default_factory=list)

    def read(self):
        """Raw records with `_mono` (partition << 33 | position in the partition), in input order."""
        from pyspark.sql import functions as F

        frames = []
        self.file_first_partition = []
        partition = 0
        for number, path in enumerate(self.files):
            if self.input_format == "parquet":
                frame = self.spark.read.parquet(path)
            else:
                frame = self.spark.read.text(path).withColumnRenamed("value", "raw")
            frame = frame.withColumn("_file", F.lit(number))
            self.file_first_partition.append(partition)
            partition += frame.rdd.getNumPartitions()
            frames.append(frame)
        union = frames[0]
        for frame in frames[1:]:
            union = union.unionByName(frame, allowMissingColumns=self.input_format == "parquet")
        return union.withColumn("_mono", F.monotonically_increasing_id())

    def frame(self):
        """`read()` with `_text` and `_id` (null when the record has none usable) and `position`, once counted."""
        from pyspark.sql import functions as F

        raw = self.read()
        if self.input_format == "parquet":
            text = F.col(f"`{self.text_field}`").cast("string")
            ident = F.col(f"`{self.id_field}`").cast("string") if self.id_field else F.lit(None).cast("string")
        else:
            fields = [self.text_field] + ([self.id_field] if self.id_field and self.id_field != self.text_field else [])
            schema = ", ".join(f"`{name}` STRING" for name in fields)
            parsed = F.from_json(F.col("raw"), schema, {"mode": "PERMISSIVE"})
            text = parsed.getField(self.text_field)
            ident = parsed.getField(self.id_field) if self.id_field else F.lit(None).cast("string")
        frame = raw.withColumn("_text", text).withColumn("_id", ident)
        if self.offsets is not None:
            frame = frame.withColumn("position", self.position_column())
        return frame

    def position_column(self):
        from pyspark.sql import functions as F

        starts = F.array(*[F.lit(offset).cast("long") for offset in self.offsets])
        partition = F.shiftright(F.col("_mono"), POSITION_BITS).cast("int")
        return F.element_at(starts, partition + 1) + F.col("_mono").bitwiseAND((1 << POSITION_BITS) - 1)


def has_scheme(path: str) -> bool:
    """Whether `path` is a URI with a scheme (hdfs://, s3a://, file://, ...) rather than a local path."""
    scheme, separator, _ = path.partition("://")
    return bool(separator) and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum()


def _choose_files(candidates: list[tuple[str, int]], input_format: str, single: bool) -> tuple[list[tuple[str, int]], str]:
    """Candidates (path, size) of the input format, in byte order of their paths."""
    if input_format == "auto":
        input_format = "parquet" if any(name.endswith(".parquet") for name, _ in candidates) else "jsonl"
    suffixes = {"parquet": (".parquet",), "jsonl": (".jsonl", ".ndjson", ".json")}[input_format]
    files = [(name, size) for name, size in candidates if single or name.endswith(suffixes)]
    files.sort(key=lambda item: item[0].encode("utf-8"))
    return files, input_format


def _hadoop_files(spark, path: str, input_format: str) -> tuple[list[tuple[str, int]], str]:
    """The files of a URI (a file, a folder read recursively, or a glob), listed by Hadoop's
    file system of its scheme, as Spark reads them: (qualified path, size)."""
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    system = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    statuses = system.globStatus(hadoop_path) or []
    candidates, single = [], False
    for status in statuses:
        if status.isFile():
            candidates.append((status.getPath().toString(), status.getLen()))
            single = len(statuses) == 1
            continue
        listing = system.listFiles(status.getPath(), True)
        while listing.hasNext():
            item = listing.next()
            name = item.getPath().getName()
            if not name.startswith((".", "_")):
                candidates.append((item.getPath().toString(), item.getLen()))
    return _choose_files(candidates, input_format, single)


def _local_files(path: str, input_format: str) -> tuple[list[tuple[str, int]], str]:
    base = Path(path)
    if base.is_dir():
        candidates = [p for p in base.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))]
    elif base.is_file():
        candidates = [base]
    else:
        candidates = [Path(p) for p in glob.glob(path, recursive=True) if Path(p).is_file()]
    return _choose_files([(str(p.resolve()), p.stat().st_size) for p in candidates], input_format, base.is_file())


def input_files(path: str, input_format: str = "auto", spark=None) -> tuple[list[str], str, int]:
    """The input files of `path` (a file, a folder read recursively, or a glob;
    local, or a URI such as hdfs://... or s3a://... listed through the
    session's Hadoop file systems) in byte order of their paths, their format
    ("jsonl" or "parquet") and their total size in bytes."""
    if has_scheme(path):
        if spark is None:
            raise ValueError(f"listing {path} needs a Spark session")
        files, input_format = _hadoop_files(spark, path, input_format)
    else:
        files, input_format = _local_files(path, input_format)
    if not files:
        raise FileNotFoundError(f"no {input_format} input at {path}")
    return [name for name, _ in files], input_format, sum(size for _, size in files)


def read_documents(spark, path: str, *, text_field: str = "text", id_field: str | None = None,
                   input_format: str = "auto", partitions: int | None = None) -> Documents:
    """The documents of `path` (JSON Lines or Parquet files; a folder or a glob).

    `partitions`: about how many read partitions (Spark's file splits are
    sized to give this many); results do not depend on it."""
    files, input_format, total = input_files(path, input_format, spark)
    split_settings = ("spark.sql.files.maxPartitionBytes", "spark.sql.files.openCostInBytes",
                      "spark.sql.files.minPartitionNum")
    if partitions:
        values = (str(max(1, math.ceil(total / partitions))), "0", str(partitions))
        for key, value in zip(split_settings, values):
            spark.conf.set(key, value)
    else:
        for key in split_settings:
            spark.conf.unset(key)
    return Documents(spark, files, input_format, text_field, id_field, partitions)


# ---------------------------------------------------------------- tasks (run in the executors)

def _texts_of(batch, column: str = "text"):
    """The batch's texts as an Arrow string array without nulls, and which were usable."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = batch.column(batch.schema.get_field_index(column))
    if not (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type)):
        texts = texts.cast(pa.string())
    usable = pc.and_(pc.is_valid(texts), pc.invert(pc.fill_null(pc.match_substring(texts, "\x00"), True)))
    return pc.if_else(usable, texts, ""), usable


def _sketch_task(settings: DedupSettings, lines: bool):
    """mapInArrow body: per batch, one native call for fingerprints, word counts and the band keys of
    the candidate banding, and with `lines` one more for each document's distinct line fingerprints."""

    def run(batches):
        import numpy as np
        import pyarrow as pa

        from ._native import InvalidItemError
        from ._sketches import line_fingerprints, sketch_documents

        options = settings.candidate_sketch_options()
        keywords = settings.library_keywords()
        for batch in batches:
            texts, usable = _texts_of(batch)
            usable = usable.to_numpy(zero_copy_only=False).copy()
            while True:
                try:
                    sketches = sketch_documents(texts, signatures=False, shingle_sets=False,
                                                threads=settings.threads, **options)
                    break
                except InvalidItemError as error:  # ill-formed UTF-8: the record is skipped, as the CLI does
                    usable[error.index] = False
                    texts = pa.array([t if ok else "" for t, ok in zip(texts.to_pylist(), usable)], pa.string())
            n = len(usable)
            fingerprints = sketches.fingerprints.view(np.int64)
            bands = sketches.band_keys.view(np.int64)
            width = bands.shape[1]
            keys = pa.ListArray.from_arrays(pa.array(np.arange(0, n * width + 1, width, dtype=np.int32)),
                                            pa.array(bands.reshape(-1)))
            if lines:
                offsets, values = line_fingerprints(texts, threads=settings.threads, **keywords)
                line_lists = pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), pa.array(values.view(np.int64)))
            else:
                line_lists = pa.nulls(n, pa.list_(pa.int64()))
            yield pa.RecordBatch.from_arrays(
                [batch.column(batch.schema.get_field_index("_mono")), pa.array(usable),
                 batch.column(batch.schema.get_field_index("id")), batch.column(batch.schema.get_field_index("_file")),
                 pa.array(fingerprints[:, 0]), pa.array(fingerprints[:, 1]),
                 pa.array(sketches.word_counts), keys, line_lists],
                names=["_mono", "usable", "id", "_file", "fp_high", "fp_low", "words", "bands", "lines"])

    return run


SKETCH_SCHEMA = ("_mono long, usable boolean, id string, _file int, fp_high long, fp_low long, words long, "
                 "bands array<long>, lines array<long>")


def _details_task(settings: DedupSettings, boilerplate):
    """mapInArrow body: canonical texts (for documents sharing a fingerprint)
    and verification sets (for documents in candidate pairs: shingle sets
    without the boilerplate lines, a broadcast array of their fingerprints) of the rows asked."""

    def run(batches):
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        from ._sketches import canonical_texts, verification_sets

        options = settings.sketch_options()
        keywords = settings.library_keywords()
        lines = boilerplate.value
        for batch in batches:
            texts, _ = _texts_of(batch)
            want_canonical = batch.column(batch.schema.get_field_index("want_canonical")).to_numpy(zero_copy_only=False)
            want_shingles = batch.column(batch.schema.get_field_index("want_shingles")).to_numpy(zero_copy_only=False)
            canonical = [None] * len(texts)
            rows = np.flatnonzero(want_canonical)
            if len(rows):
                made = canonical_texts(pc.take(texts, pa.array(rows)), shingle_size=options["shingle_size"],
                                       preset=options["preset"], threads=settings.threads)
                for row, value in zip(rows.tolist(), made):
                    canonical[row] = value
            rows = np.flatnonzero(want_shingles)
            offsets = np.zeros(len(texts) + 1, dtype=np.int32)
            values = np.zeros(0, dtype=np.int64)
            valid = np.zeros(len(texts), dtype=bool)
            if len(rows):
                set_offsets, set_values = verification_sets(pc.take(texts, pa.array(rows)), lines,
                                                            threads=settings.threads, **keywords)
                lengths = np.zeros(len(texts), dtype=np.int64)
                lengths[rows] = np.diff(set_offsets)
                offsets[1:] = np.cumsum(lengths)
                values = set_values.view(np.int64)
                valid[rows] = True
            shingles = pa.ListArray.from_arrays(pa.array(offsets), pa.array(values),
                                                mask=pa.array(~valid))
            yield pa.RecordBatch.from_arrays(
                [batch.column(batch.schema.get_field_index("position")), pa.array(canonical, pa.binary()), shingles],
                names=["position", "canonical", "shingles"])

    return run


DETAILS_SCHEMA = "position long, canonical binary, shingles array<long>"


def _verify_task(settings: DedupSettings):
    """mapInArrow body: each candidate pair (a < b, their verification sets) verified by the
    library's test, one native call per batch: the shingles shared, the sets' sizes and the
    relation (0 unrelated, 1 near, 2 contained)."""

    def run(batches):
        import numpy as np
        import pyarrow as pa

        from ._sketches import verify_pairs

        keywords = settings.library_keywords()
        for batch in batches:
            a = batch.column(batch.schema.get_field_index("set_a"))
            b = batch.column(batch.schema.get_field_index("set_b"))
            offsets_a, offsets_b = a.offsets.to_numpy().astype(np.int64), b.offsets.to_numpy().astype(np.int64)
            shared, relations = verify_pairs(offsets_a, a.values.to_numpy(), offsets_b, b.values.to_numpy(),
                                             threads=settings.threads, **keywords)
            yield pa.RecordBatch.from_arrays(
                [batch.column(batch.schema.get_field_index("a")), batch.column(batch.schema.get_field_index("b")),
                 pa.array(shared), pa.array(np.diff(offsets_a)), pa.array(np.diff(offsets_b)),
                 pa.array(relations.astype(np.int32))],
                names=["a", "b", "shared", "size_a", "size_b", "relation"])

    return run


VERIFY_SCHEMA = "a long, b long, shared long, size_a long, size_b long, relation int"


def _group_task(settings: DedupSettings):
    """mapInArrow body over a partition holding whole connected components (of exact copies and
    related pairs): their members (position, head, words) and related pairs (a, b, shared, size_a,
    size_b), one native call (`group_verified`: the library's star or center grouping,
    representatives, roles and kept set) for all of them, numbered in input order. Each member's
    cluster root is the first member of its group (itself when it has none)."""

    def run(batches):
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        from ._duplicates import REMOVALS, ROLES
        from ._sketches import group_verified

        batches = [batch for batch in batches if batch.num_rows]
        if not batches:
            return
        table = pa.Table.from_batches(batches)
        members = table.filter(pc.is_valid(table.column("position")))
        pairs = table.filter(pc.is_valid(table.column("a")))

        def column(frame, name):
            return frame.column(name).to_numpy().astype(np.int64)

        order = np.argsort(column(members, "position"), kind="stable")
        positions = column(members, "position")[order]

        def local(values):
            return np.searchsorted(positions, values)

        found = group_verified(
            local(column(members, "head")[order]), column(members, "words")[order], local(column(pairs, "a")),
            local(column(pairs, "b")), column(pairs, "shared"), column(pairs, "size_a"), column(pairs, "size_b"),
            **settings.library_keywords())
        root = positions.copy()
        grouped = found.group >= 0
        if grouped.any():
            first = np.full(found.group_count, np.iinfo(np.int64).max, dtype=np.int64)
            np.minimum.at(first, found.group[grouped], positions[grouped])
            root[grouped] = first[found.group[grouped]]
        has_copy = found.copy_of >= 0
        contained = found.removal_codes == REMOVALS.index("contained")
        yield pa.RecordBatch.from_arrays(
            [pa.array(positions), pa.array(positions[found.representative]), pa.array(root),
             pa.array(ROLES, pa.string()).take(pa.array(found.role_codes.astype(np.int32))),
             pa.array(found.similarity), pa.array(found.containment),
             pa.array(REMOVALS, pa.string()).take(pa.array(found.removal_codes.astype(np.int32))),
             pa.array(np.where(has_copy, positions[np.maximum(found.copy_of, 0)], 0), mask=~has_copy),
             pa.array(found.copy_similarity, mask=~has_copy), pa.array(found.copy_containment, mask=~contained)],
            names=["position", "rep", "root", "role", "similarity", "containment", "removed_as", "copy_position",
                   "copy_similarity", "copy_containment"])

    return run


GROUP_SCHEMA = ("position long, rep long, root long, role string, similarity double, containment double, "
                "removed_as string, copy_position long, copy_similarity double, copy_containment double")


def _jaccard_task(batches):
    """mapInArrow body: the exact Jaccard similarity of each row's two shingle sets, one native call per
    batch, and their containment (the share of the smaller set inside the other), from the similarity
    and the sets' sizes: shared = J (|A| + |B|) / (1 + J), an integer recovered exactly by rounding."""
    import numpy as np
    import pyarrow as pa

    from ._sketches import jaccard_pairs

    for batch in batches:
        a = batch.column(batch.schema.get_field_index("set_a"))
        b = batch.column(batch.schema.get_field_index("set_b"))
        offsets_a, offsets_b = a.offsets.to_numpy().astype(np.int64), b.offsets.to_numpy().astype(np.int64)
        similarities = jaccard_pairs(offsets_a, a.values.to_numpy(), offsets_b, b.values.to_numpy())
        sizes_a, sizes_b = np.diff(offsets_a), np.diff(offsets_b)
        shared = np.rint(similarities * (sizes_a + sizes_b) / (1 + similarities))
        with np.errstate(divide="ignore", invalid="ignore"):
            containments = shared / np.minimum(sizes_a, sizes_b)
        yield pa.RecordBatch.from_arrays(
            [batch.column(batch.schema.get_field_index("a")), batch.column(batch.schema.get_field_index("b")),
             pa.array(similarities), pa.array(containments)], names=["a", "b", "similarity", "containment"])


JACCARD_SCHEMA = "a long, b long, similarity double, containment double"


def _kept_task(representative: str):
    """mapInArrow body over a partition holding whole groups: their members
    (position, head, words, rep) and verified pairs (a, b, similarity), one
    native call (`kept_selection`) for all of them, numbered in input order."""

    def run(batches):
        import numpy as np
        import pyarrow as pa

        from ._sketches import kept_selection

        batches = [batch for batch in batches if batch.num_rows]
        if not batches:
            return
        table = pa.Table.from_batches(batches)
        column = {name: table.column(name) for name in table.column_names}
        is_member = column["position"].is_valid().to_numpy(zero_copy_only=False)
        positions = column["position"].to_numpy(zero_copy_only=False)
        order = np.argsort(positions[is_member], kind="stable")
        members = positions[is_member][order].astype(np.int64)

        def local(values):
            return np.searchsorted(members, np.asarray(values, dtype=np.int64))

        heads = local(column["head"].to_numpy(zero_copy_only=False)[is_member][order])
        words = column["words"].to_numpy(zero_copy_only=False)[is_member][order].astype(np.int64)
        representatives = local(np.unique(column["rep"].to_numpy(zero_copy_only=False)[is_member]))
        is_pair = ~is_member
        first = local(column["a"].to_numpy(zero_copy_only=False)[is_pair])
        second = local(column["b"].to_numpy(zero_copy_only=False)[is_pair])
        similarity = column["similarity"].to_numpy(zero_copy_only=False)[is_pair].astype(np.float64)
        chosen = kept_selection(heads, words, representatives, first, second, similarity,
                                representative=representative)
        removed = chosen.removal_codes
        names = pa.array([None, "exact", "near", "archive"], pa.string())
        has_copy = chosen.copy_of >= 0
        yield pa.RecordBatch.from_arrays(
            [pa.array(members), names.take(pa.array(removed.astype(np.int32))),
             pa.array(np.where(has_copy, members[np.maximum(chosen.copy_of, 0)], 0), mask=~has_copy),
             pa.array(chosen.copy_similarity, mask=~has_copy)],
            names=["position", "removed_as", "copy_position", "copy_similarity"])

    return run


KEPT_SCHEMA = "position long, removed_as string, copy_position long, copy_similarity double"


# ---------------------------------------------------------------- connected components

def connected_components(edges, *, max_rounds: int = 100, stats: dict | None = None):
    """The connected components of an undirected graph given as a DataFrame of
    edges (`src`, `dst`, longs; self-loops ignored), by alternating large-star
    and small-star steps (Kiveris et al., SoCC 2014) until every component is
    a star around its smallest node. Returns (`node`, `component`) for every
    node of an edge, `component` being the smallest node of its component.
    - Cost: O(log n) rounds in practice, each a few shuffles of the edges."""
    from pyspark.sql import functions as F

    current = (edges.where(F.col("src") != F.col("dst"))
               .select(F.greatest("src", "dst").alias("hi"), F.least("src", "dst").alias("lo"))
               .distinct().localCheckpoint(eager=True))
    rounds = 0
    while True:
        rounds += 1
        if rounds > max_rounds:
            raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")
        # Large-star: each node links its larger neighbours to the smallest node of its neighbourhood (itself included).
        both = current.select(F.col("hi").alias("u"), F.col("lo").alias("v")).unionByName(
            current.select(F.col("lo").alias("u"), F.col("hi").alias("v")))
        smallest = both.groupBy("u").agg(F.min("v").alias("m"))
        large = (both.join(smallest, "u").where(F.col("v") > F.col("u"))
                 .select(F.col("v").alias("hi"), F.least("u", "m").alias("lo")))
        # Small-star: each node links itself and its smaller neighbours to the smallest of them.
        smallest = large.groupBy("hi").agg(F.min("lo").alias("m"))
        small = (large.join(smallest, "hi").where(F.col("lo") != F.col("m"))
                 .select(F.col("lo").alias("hi"), F.col("m").alias("lo"))
                 .unionByName(smallest.select("hi", F.col("m").alias("lo"))))
        following = small.distinct().localCheckpoint(eager=True)
        # Converged (stars) when no node links down to two nodes and no node linked to from above also links down.
        roles = following.select(F.col("hi").alias("node"), F.lit(1).alias("down"), F.lit(0).alias("up")).unionByName(
            following.select(F.col("lo").alias("node"), F.lit(0).alias("down"), F.lit(1).alias("up")))
        unfinished = (roles.groupBy("node").agg(F.sum("down").alias("down"), F.max("up").alias("up"))
                      .where((F.col("down") > 1) | ((F.col("down") == 1) & (F.col("up") == 1))).limit(1).count())
        current = following
        if unfinished == 0:
            break
    if stats is not None:
        stats["components_rounds"] = rounds
    nodes = current.select(F.col("hi").alias("node"), F.col("lo").alias("component")).unionByName(
        current.select(F.col("lo").alias("node"), F.col("lo").alias("component"))).distinct()
    return nodes


# ---------------------------------------------------------------- the job

@dataclass
class DedupResult:
    """What `find_duplicates` found: `records` (one row per usable document,
    ordered by `position`: position and the fields of RECORD_FIELDS), `kept`
    (positions of the documents a deduplicated corpus keeps, as `arabic-text
    dedup --write-unique`), counts and per-stage wall times in `stats`."""

    records: object
    kept: object
    stats: dict
    cached: list = field(default_factory=list)

    def release(self) -> None:
        """Frees what the job kept in the executors' memory and disks (after the records are written)."""
        for frame in self.cached:
            frame.unpersist()
        self.cached.clear()


def _timed(stats: dict, name: str, started: float) -> float:
    now = time.perf_counter()
    stats.setdefault("seconds", {})[name] = round(now - started, 3)
    return now


def _filter_positions(frame, positions, count: int):
    """The rows of `frame` whose position is in `positions` (a one-column frame), broadcast when small enough."""
    from pyspark.sql import functions as F

    if count <= BROADCAST_LIMIT:
        positions = F.broadcast(positions)
    return frame.join(positions, "position", "left_semi")


def find_duplicates(documents: Documents, settings: DedupSettings = DedupSettings(), *, progress=None) -> DedupResult:
    """Exact and near-duplicate documents, with the records of `arabic-text dedup`
    at the same settings (its defaults: star grouping, containment, boilerplate
    lines). See the module's description for the stages."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql import Window

    context = documents.spark.sparkContext

    def say(step: str) -> None:
        # Jobs carry their step as description (event logs and listeners group their figures by it).
        context.setJobDescription(f"arabictext dedup: {step}")
        if progress:
            progress(step)

    stats: dict = {}
    started = time.perf_counter()
    threshold = settings.effective_threshold
    cached: list = []

    def cache(frame):
        persisted = frame.persist(StorageLevel.MEMORY_AND_DISK)
        cached.append(persisted)
        return persisted

    # 1-2. Sketches, then positions from the count of records per read partition.
    say("sketching")
    raw = documents.frame().select("_mono", "_file", F.col("_text").alias("text"), F.col("_id").alias("id"))
    minimum_documents = settings.effective_boilerplate_documents
    sketched = raw.mapInArrow(_sketch_task(settings, minimum_documents > 0), SKETCH_SCHEMA).transform(cache)
    per_partition = dict(sketched.groupBy(F.shiftright("_mono", POSITION_BITS).alias("p"))
                         .agg(F.max(F.col("_mono").bitwiseAND((1 << POSITION_BITS) - 1)).alias("last"))
                         .select("p", "last").collect())
    partitions = documents.read().rdd.getNumPartitions()
    offsets, total = [], 0
    for partition in range(partitions):
        offsets.append(total)
        total += per_partition.get(partition, -1) + 1
    documents.offsets = offsets
    documents.read()  # the first read partition of each file, for ids made from positions
    sketches = (sketched.withColumn("position", documents.position_column())
                .withColumn("_part", F.shiftright("_mono", POSITION_BITS).cast("int")).drop("_mono"))
    sketches = sketches.withColumn("id", _id_column(documents)).transform(cache)
    usable_count = sketches.where("usable").count()
    stats.update(records=total, documents=usable_count, skipped=total - usable_count, read_partitions=partitions)
    started = _timed(stats, "sketch", started)

    # Boilerplate lines: each document's distinct line fingerprints counted over the corpus (Spark
    # combines the counts in each task before the shuffle); those of enough documents, broadcast.
    boilerplate = []
    if minimum_documents > 0:
        say("boilerplate lines")
        counted = (sketches.where("usable").select(F.explode("lines").alias("line")).groupBy("line")
                   .agg(F.count(F.lit(1)).alias("documents")).where(F.col("documents") >= minimum_documents))
        boilerplate = sorted(row["line"] for row in counted.collect())
        started = _timed(stats, "boilerplate", started)
    stats["boilerplate_lines"] = len(boilerplate)
    import numpy as np

    boilerplate_lines = context.broadcast(np.array(boilerplate, dtype=np.int64))
    docs = sketches.where("usable").drop("usable", "lines")

    # 3. Exact copies: fingerprint groups; their first document; the members to confirm word for word.
    say("exact copies")
    by_fingerprint = docs.groupBy("fp_high", "fp_low").agg(
        F.min("position").alias("fp_head"), F.count(F.lit(1)).alias("fp_size"))
    docs = docs.join(by_fingerprint, ["fp_high", "fp_low"]).transform(cache)
    shared = docs.where(F.col("fp_size") > 1).select("position", "fp_high", "fp_low")

    # 4. Candidates: the first document of each fingerprint with words, in its (band, key) buckets.
    say("candidate pairs")
    banded = docs.where((F.col("position") == F.col("fp_head")) & (F.col("words") > 0))
    entries = banded.select("position", F.posexplode("bands").alias("band", "key"))
    buckets = (entries.groupBy("band", "key").agg(F.array_sort(F.collect_list("position")).alias("m"))
               .where(F.size("m") > 1))
    pairs = (buckets.select(F.explode(F.expr(
        "flatten(transform(m, (x, i) -> transform(slice(m, i + 2, size(m)), y -> named_struct('a', x, 'b', y))))"
    )).alias("pair")).select("pair.a", "pair.b").distinct().transform(cache))
    candidate_count = pairs.count()
    stats["candidate_pairs"] = candidate_count
    started = _timed(stats, "candidates", started)

    # 3 and 5: canonical texts of shared fingerprints, shingle sets of candidates: one pass over the input.
    say("canonical texts and shingle sets")
    in_pairs = pairs.select(F.col("a").alias("position")).unionByName(pairs.select(F.col("b").alias("position"))).distinct()
    wanted = (shared.select("position", F.lit(True).alias("want_canonical"))
              .join(in_pairs.withColumn("want_shingles", F.lit(True)), "position", "full_outer")
              .fillna(False, ["want_canonical", "want_shingles"]).transform(cache))
    wanted_count = wanted.count()
    stats["documents_reread"] = wanted_count
    texts = documents.frame().select("position", F.col("_text").alias("text"))
    chosen = wanted if wanted_count > BROADCAST_LIMIT else F.broadcast(wanted)
    details = (texts.join(chosen, "position", "inner")
               .mapInArrow(_details_task(settings, boilerplate_lines), DETAILS_SCHEMA).transform(cache))
    details.count()
    started = _timed(stats, "details", started)

    # 3 (end). Each member of a shared fingerprint points to the first document with the same canonical text.
    say("confirming exact copies")
    canonical = shared.join(details.where(F.col("canonical").isNotNull()).select("position", "canonical"), "position")
    heads = canonical.withColumn("head", F.min("position").over(
        Window.partitionBy("fp_high", "fp_low", "canonical"))).select("position", "head").transform(cache)
    exact_edges = heads.where(F.col("position") != F.col("head")).select(
        F.col("position").alias("src"), F.col("head").alias("dst"))

    sets = details.where(F.col("shingles").isNotNull()).select("position", "shingles")
    joined = (pairs.join(sets.select(F.col("position").alias("a"), F.col("shingles").alias("set_a")), "a")
              .join(sets.select(F.col("position").alias("b"), F.col("shingles").alias("set_b")), "b"))
    head_of = docs.select("position", "words", "id").join(heads, "position", "left").withColumn(
        "head", F.coalesce("head", "position"))
    if settings.grouping == "connected":
        # 5. Verification of every candidate pair, in the tasks.
        say("verifying candidate pairs")
        verified = (joined.select("a", "b", "set_a", "set_b").mapInArrow(_jaccard_task, JACCARD_SCHEMA)
                    .where(F.col("similarity") >= F.lit(threshold)).transform(cache))
        stats["similar_pairs"] = verified.count()
        started = _timed(stats, "verify", started)

        # 6. Groups: connected components of the exact and verified edges.
        say("connected components")
        edges = exact_edges.unionByName(verified.select(F.col("a").alias("src"), F.col("b").alias("dst")))
        members = connected_components(edges, stats=stats).transform(cache)
        stats["grouped_documents"] = members.count()
        started = _timed(stats, "components", started)

        # 7. Representatives, roles and similarities to the representative.
        say("representatives")
        grouped = members.withColumnRenamed("node", "position").join(head_of, "position")
        if settings.representative == "longest":
            best = grouped.groupBy("component").agg(
                F.max(F.struct("words", (-F.col("position")).alias("negative"))).alias("best"))
            chosen_rep = best.select("component", (-F.col("best.negative")).alias("rep"))
        else:
            chosen_rep = grouped.select("component", F.col("component").alias("rep")).distinct()
        rep_info = chosen_rep.join(head_of.select(F.col("position").alias("rep"), F.col("head").alias("rep_head"),
                                                  F.col("id").alias("rep_id")), "rep")
        grouped = grouped.join(rep_info, "component")
        near = grouped.where(F.col("head") != F.col("rep_head")).select(
            F.col("head").alias("a"), F.col("rep_head").alias("b")).distinct()
        near_similarity = (near.join(sets.select(F.col("position").alias("a"), F.col("shingles").alias("set_a")), "a")
                           .join(sets.select(F.col("position").alias("b"), F.col("shingles").alias("set_b")), "b")
                           .select("a", "b", "set_a", "set_b").mapInArrow(_jaccard_task, JACCARD_SCHEMA))
        grouped = cache(grouped.join(near_similarity.select(F.col("a").alias("head"), F.col("b").alias("rep_head"),
                                                            "similarity", "containment"), ["head", "rep_head"], "left")
                        .select("position", "component", "rep", "rep_id",
                                F.when(F.col("position") == F.col("rep"), F.lit(ROLE_REPRESENTATIVE))
                                .when(F.col("head") == F.col("rep_head"), F.lit(ROLE_EXACT))
                                .otherwise(F.lit(ROLE_NEAR)).alias("role"),
                                F.when(F.col("head") == F.col("rep_head"), F.lit(1.0))
                                .otherwise(F.col("similarity")).alias("similarity"),
                                F.when(F.col("head") == F.col("rep_head"), F.lit(1.0))
                                .otherwise(F.col("containment")).alias("containment")))
        grouped.count()
        started = _timed(stats, "representatives", started)

        # 8. The kept set of `--write-unique` (KeptSelection), decided group by group in the tasks: a
        # group's decision depends on its members and pairs only, so each task decides whole groups.
        say("kept set")
        member_rows = grouped.select("component", "position", "rep").join(
            head_of.select("position", "head", "words"), "position").select(
            "component", "position", "head", "words", "rep",
            *[F.lit(None).cast(kind).alias(name) for name, kind in (("a", "long"), ("b", "long"), ("similarity", "double"))])
        pair_rows = verified.join(members.select(F.col("node").alias("a"), "component"), "a").select(
            "component", *[F.lit(None).cast("long").alias(name) for name in ("position", "head", "words", "rep")],
            "a", "b", "similarity")
        selection_partitions = max(1, int(documents.spark.conf.get("spark.sql.shuffle.partitions")))
        selection = (member_rows.unionByName(pair_rows).repartition(selection_partitions, "component")
                     .mapInArrow(_kept_task(settings.representative), KEPT_SCHEMA))
        selection = cache(selection.join(docs.select(F.col("position").alias("copy_position"),
                                                     F.col("id").alias("copy_of")), "copy_position", "left")
                          .select("position", "removed_as", "copy_of", "copy_similarity"))
        removed = {row["removed_as"]: row["n"] for row in
                   selection.groupBy("removed_as").agg(F.count(F.lit(1)).alias("n")).collect()}
        stats["removed_exact"] = removed.get("exact", 0)
        stats["removed_near"] = removed.get("near", 0)
        stats["removed_contained"] = 0
        stats["kept"] = usable_count - stats["removed_exact"] - stats["removed_near"]
        started = _timed(stats, "kept set", started)
        everything = (docs.select("position", "id", "_part").join(grouped, "position", "left")
                      .join(selection, "position", "left")
                      .select("position", "id", "_part", F.coalesce("component", "position").alias("root"),
                              F.col("component").isNotNull().alias("grouped"), "role", "similarity", "containment",
                              F.when(F.col("rep").isNotNull() & (F.col("rep") != F.col("position")),
                                     F.col("rep_id")).alias("duplicate_of"),
                              "removed_as", "copy_of", "copy_similarity",
                              F.lit(None).cast("double").alias("copy_containment")))

    else:
        # 5. Verification of every candidate pair by the library's test (near, or contained), in the tasks.
        say("verifying candidate pairs")
        verified = (joined.select("a", "b", "set_a", "set_b").mapInArrow(_verify_task(settings), VERIFY_SCHEMA)
                    .where(F.col("relation") > 0).transform(cache))
        relations = {row["relation"]: row["n"] for row in
                     verified.groupBy("relation").agg(F.count(F.lit(1)).alias("n")).collect()}
        stats["similar_pairs"] = relations.get(1, 0)
        stats["contained_pairs"] = relations.get(2, 0)
        started = _timed(stats, "verify", started)

        # 6. Connected components of the exact copies and related pairs: groups never cross them.
        say("connected components")
        edges = exact_edges.unionByName(verified.select(F.col("a").alias("src"), F.col("b").alias("dst")))
        members = connected_components(edges, stats=stats).transform(cache)
        stats["grouped_documents"] = members.count()
        started = _timed(stats, "components", started)

        # 7-8. Each component's members and related pairs in one task, where one native call runs the
        # library's star (or center) grouping, representative rule, roles and kept set.
        say("groups and kept set")
        member_rows = members.select(F.col("node").alias("position"), "component").join(
            head_of.select("position", "head", "words"), "position").select(
            "component", "position", "head", "words",
            *[F.lit(None).cast("long").alias(name) for name in ("a", "b", "shared", "size_a", "size_b")])
        pair_rows = verified.join(members.select(F.col("node").alias("a"), "component"), "a").select(
            "component", *[F.lit(None).cast("long").alias(name) for name in ("position", "head", "words")],
            "a", "b", "shared", "size_a", "size_b")
        group_partitions = max(1, int(documents.spark.conf.get("spark.sql.shuffle.partitions")))
        grouped = (member_rows.unionByName(pair_rows).repartition(group_partitions, "component")
                   .mapInArrow(_group_task(settings), GROUP_SCHEMA))
        ids = docs.select("position", "id")
        grouped = cache(grouped
                        .join(ids.select(F.col("position").alias("rep"), F.col("id").alias("rep_id")), "rep", "left")
                        .join(ids.select(F.col("position").alias("copy_position"), F.col("id").alias("copy_of")),
                              "copy_position", "left"))
        removed = {row["removed_as"]: row["n"] for row in
                   grouped.groupBy("removed_as").agg(F.count(F.lit(1)).alias("n")).collect()}
        for reason in ("exact", "near", "contained"):
            stats[f"removed_{reason}"] = removed.get(reason, 0)
        stats["kept"] = usable_count - sum(n for reason, n in removed.items() if reason is not None)
        started = _timed(stats, "groups and kept set", started)
        everything = (docs.select("position", "id", "_part").join(grouped, "position", "left")
                      .select("position", "id", "_part", F.coalesce("root", "position").alias("root"),
                              (F.col("role").isNotNull() & (F.col("role") != ROLE_UNIQUE)).alias("grouped"),
                              "role", "similarity", "containment",
                              F.when(F.col("rep") != F.col("position"), F.col("rep_id")).alias("duplicate_of"),
                              "removed_as", "copy_of", "copy_similarity", "copy_containment"))

    # Clusters: numbered from 1 in order of their first document, singletons included; each read
    # partition (a run of positions) numbers its own roots, after the roots of the partitions before it.
    everything = cache(everything)
    is_root = F.col("root") == F.col("position")
    per_part = {row["_part"]: (row["roots"], row["groups"]) for row in everything.where(is_root).groupBy("_part").agg(
        F.count(F.lit(1)).alias("roots"), F.sum(F.col("grouped").cast("long")).alias("groups")).collect()}
    starts, total_roots = [], 0
    for part in range(partitions):
        starts.append(total_roots)
        total_roots += per_part.get(part, (0, 0))[0]
    stats["clusters"] = total_roots
    stats["groups"] = sum(groups or 0 for _, groups in per_part.values())
    start_array = F.array(*[F.lit(start).cast("long") for start in starts])
    numbered = everything.where(is_root).select(
        F.col("position").alias("root"),
        (F.element_at(start_array, F.col("_part") + 1)
         + F.row_number().over(Window.partitionBy("_part").orderBy("position"))).alias("cluster"))
    records = everything.join(numbered, "root").select(
        "position", "id", "cluster",
        F.coalesce("role", F.lit(ROLE_UNIQUE)).alias("role"),
        F.coalesce("similarity", F.lit(1.0)).alias("similarity"),
        F.coalesce("containment", F.lit(1.0)).alias("containment"),
        "duplicate_of", F.col("removed_as").isNull().alias("kept"), "removed_as", "copy_of", "copy_similarity",
        "copy_containment",
    ).withColumn("representative", F.col("role").isin(ROLE_UNIQUE, ROLE_REPRESENTATIVE))
    kept = records.where("kept").select("position")
    _timed(stats, "clusters", started)
    return DedupResult(records, kept, stats, cached)


# ---------------------------------------------------------------- output

def _json_string(text: str) -> str:
    """A JSON string literal as the toolkit writes it (JSONText.string): only
    `"`, `\\` and control characters escaped."""
    out = []
    for character in text:
        code = ord(character)
        if character == '"':
            out.append('\\"')
        elif character == "\\":
            out.append("\\\\")
        elif character == "\n":
            out.append("\\n")
        elif character == "\r":
            out.append("\\r")
        elif character == "\t":
            out.append("\\t")
        elif code < 0x20:
            out.append(f"\\u{code:04x}")
        else:
            out.append(character)
    return '"' + "".join(out) + '"'


def _round_half_away(value: float) -> float:
    """Rounds to an integer, halves away from zero (Swift's `rounded()`), exactly."""
    if value < 0:
        return -_round_half_away(-value)
    whole = math.floor(value)
    return float(whole + 1) if value - whole >= 0.5 else float(whole)


def json_number(value: float, digits: int = 6) -> str:
    """A number as the toolkit writes it (JSONNumber.format): rounded to `digits`
    decimals (halves away from zero), integers without a fraction, else the
    shortest text that reads back the same."""
    if not math.isfinite(value):
        return "null"
    scale = 1.0
    for _ in range(digits):
        scale *= 10
    rounded = _round_half_away(value * scale) / scale
    if rounded == math.floor(rounded) and abs(rounded) < 1e15:
        return str(int(rounded))
    return repr(rounded)


RECORD_FIELDS = ("id", "cluster", "representative", "similarity", "containment", "role", "duplicate_of", "kept",
                 "removed_as", "copy_of", "copy_similarity", "copy_containment")
"""The fields of a document record of `arabic-text dedup --format jsonl` (without an archive), in order."""


def record_line(id_: str, cluster: int, representative: bool, similarity: float, containment: float, role: str,
                duplicate_of: str | None, kept: bool, removed_as: str | None, copy_of: str | None,
                copy_similarity: float | None, copy_containment: float | None = None) -> str:
    """One line of `arabic-text dedup --format jsonl`."""

    def text(value):
        return "null" if value is None else _json_string(value)

    return (f'{{"id": {_json_string(id_)}, "cluster": {cluster}, "representative": {"true" if representative else "false"}, '
            f'"similarity": {json_number(similarity)}, "containment": {json_number(containment)}, '
            f'"role": "{role}", "duplicate_of": {text(duplicate_of)}, '
            f'"kept": {"true" if kept else "false"}, "removed_as": {text(removed_as)}, "copy_of": {text(copy_of)}, '
            f'"copy_similarity": {"null" if copy_similarity is None else json_number(copy_similarity)}, '
            f'"copy_containment": {"null" if copy_containment is None else json_number(copy_containment)}}}')


def _lines_task(batches):
    import pyarrow as pa

    for batch in batches:
        columns = {name: batch.column(k).to_pylist() for k, name in enumerate(batch.schema.names)}
        lines = [record_line(*row) for row in zip(*(columns[name] for name in RECORD_FIELDS))]
        yield pa.RecordBatch.from_arrays([pa.array(lines, pa.string())], names=["value"])


def _id_column(documents: Documents):
    """The record's id, or where the CLI would say it is: `path:line` (`path:#row` for Parquet)."""
    from pyspark.sql import functions as F

    # The first position of each file: the offset of its first read partition.
    firsts = [documents.offsets[p] if p < len(documents.offsets) else 0 for p in documents.file_first_partition]
    separator = ":#" if documents.input_format == "parquet" else ":"
    names = F.array(*[F.lit(path) for path in documents.files])
    first = F.array(*[F.lit(value).cast("long") for value in firsts])
    fallback = F.concat(F.element_at(names, F.col("_file") + 1), F.lit(separator),
                        (F.col("position") - F.element_at(first, F.col("_file") + 1) + 1).cast("string"))
    return F.coalesce(F.col("id"), fallback)


def write_records(records, path: str, output_format: str = "jsonl") -> None:
    """Writes one record per document in document order: JSON Lines exactly as
    `arabic-text dedup --format jsonl` (a folder of part files to read in name
    order), or Parquet with the same columns."""
    ordered = records.orderBy("position")
    columns = ordered.select(*[F_col(name).cast("long").alias(name) if name == "cluster" else name
                               for name in RECORD_FIELDS])
    if output_format == "parquet":
        columns.write.mode("errorifexists").parquet(path)
    elif output_format == "jsonl":
        columns.mapInArrow(_lines_task, "value string").write.mode("errorifexists").text(path)
    else:
        raise ValueError(f"format must be 'jsonl' or 'parquet', not {output_format!r}")


def F_col(name: str):
    from pyspark.sql import functions as F

    return F.col(name)


def write_unique(documents: Documents, kept, path: str, kept_count: int) -> None:
    """Writes the kept records (as `arabic-text dedup --write-unique` keeps
    them: every removed document has a kept exact or near copy) with all their fields, in input order: the original lines of
    JSON Lines input, the original columns of Parquet input."""
    frame = _filter_positions(documents.frame(), kept, kept_count).orderBy("position")
    if documents.input_format == "parquet":
        drop = ["_mono", "_file", "position", "_text", "_id"]
        original = [name for name in frame.columns if name not in drop]
        frame.select(*[F_col(f"`{name}`") for name in original]).write.mode("errorifexists").parquet(path)
    else:
        frame.select(F_col("raw").alias("value")).write.mode("errorifexists").text(path)


def dedup(spark, input_path: str, output: str, *, text_field: str = "text", id_field: str | None = None,
          settings: DedupSettings = DedupSettings(), output_format: str = "jsonl", unique: bool = False,
          input_format: str = "auto", partitions: int | None = None, progress=None) -> dict:
    """The whole job: reads `input_path`, finds the duplicates, writes the
    records to `output` (and with `unique`, the kept records to `output`/unique
    and the records to `output`/records). Returns the counts and stage times."""
    documents = read_documents(spark, input_path, text_field=text_field, id_field=id_field,
                               input_format=input_format, partitions=partitions)
    result = find_duplicates(documents, settings, progress=progress)
    started = time.perf_counter()
    documents.spark.sparkContext.setJobDescription("arabictext dedup: writing")
    records = result.records
    records_path = os.path.join(output, "records") if unique else output
    write_records(records, records_path, output_format)
    if unique:
        write_unique(documents, result.kept, os.path.join(output, "unique"), result.stats["kept"])
    result.release()
    documents.spark.sparkContext.setJobDescription(None)
    _timed(result.stats, "write", started)
    return result.stats


# ---------------------------------------------------------------- command line

def local_cores(master: str) -> int:
    """The cores of a local master: local (1), local[N], local[*] (every processor), local[N,F]."""
    if not master.startswith("local["):
        return 1
    cores = master[len("local["):].rstrip("]").split(",")[0]
    if cores == "*":
        return os.cpu_count() or 1
    return max(1, int(cores)) if cores.isdigit() else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m arabictext.spark", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dedup_parser = commands.add_parser("dedup", help="exact and near-duplicate documents, as `arabic-text dedup`")
    dedup_parser.add_argument("--input", required=True, help="a JSON Lines or Parquet file, a folder of them, or a glob")
    dedup_parser.add_argument("--input-format", choices=["auto", "jsonl", "parquet"], default="auto")
    dedup_parser.add_argument("--text-field", default="text", help="the field that holds the text (default: text)")
    dedup_parser.add_argument("--id-field", help="the field that holds the id (default: path:line)")
    dedup_parser.add_argument("--output", required=True, help="the output folder (must not exist)")
    dedup_parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", dest="output_format")
    dedup_parser.add_argument("--write-unique", action="store_true",
                              help="also write the kept records (OUT/unique; the records go to OUT/records)")
    dedup_parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[2])")
    dedup_parser.add_argument("--partitions", type=int, help="read partitions (file splits); results do not depend on it")
    dedup_parser.add_argument("--shuffle-partitions", type=int, help="spark.sql.shuffle.partitions")
    dedup_parser.add_argument("--threshold", type=float, help="Jaccard similarity of near duplicates (default 0.5)")
    dedup_parser.add_argument("--shingle-size", type=int, help="words per shingle (default 3)")
    dedup_parser.add_argument("--hash-count", type=int, help="MinHash values per signature (default 128)")
    dedup_parser.add_argument("--seed", type=int, help="hash seed")
    dedup_parser.add_argument("--sketch", choices=["one-permutation", "classic"], default="one-permutation")
    dedup_parser.add_argument("--preset", default="search", help="normalization preset (default: search)")
    dedup_parser.add_argument("--bands", type=int)
    dedup_parser.add_argument("--rows", type=int)
    dedup_parser.add_argument("--representative", choices=["longest", "first"], default="longest")
    dedup_parser.add_argument("--grouping", choices=list(GROUPINGS), default="star",
                              help="how related pairs make groups (default star; connected needs --no-containment)")
    dedup_parser.add_argument("--containment", type=float,
                              help="share of the smaller shingle set inside the larger for `contained_in` (default 0.8)")
    dedup_parser.add_argument("--no-containment", action="store_true", help="near duplicates only")
    dedup_parser.add_argument("--boilerplate-documents", type=int,
                              help="lines of at least this many documents are left out of the comparison "
                                   "(default 10; 0: none)")
    dedup_parser.add_argument("--threads", type=int, default=1, help="native threads per task call (default 1)")
    dedup_parser.add_argument("--stats", help="write the counts and stage times as JSON to this file")
    dedup_parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                              help="a Spark setting (repeatable)")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.no_containment and arguments.containment is not None:
        print("arabictext.spark: give --containment or --no-containment, not both", file=sys.stderr)
        return 2
    if arguments.partitions is not None and arguments.partitions < 1:
        print(f"arabictext.spark: --partitions must be at least 1, not {arguments.partitions}", file=sys.stderr)
        return 2
    if os.path.exists(arguments.output):
        print(f"arabictext.spark: the output {arguments.output} exists; choose a new folder", file=sys.stderr)
        return 2
    conf = {}
    for item in arguments.conf:
        key, separator, value = item.partition("=")
        if not separator:
            print(f"arabictext.spark: --conf expects KEY=VALUE, not {item!r}", file=sys.stderr)
            return 2
        conf[key] = value
    try:
        settings = DedupSettings(
            threshold=arguments.threshold, shingle_size=arguments.shingle_size, hash_count=arguments.hash_count,
            seed=arguments.seed, sketch=arguments.sketch, preset=arguments.preset, bands=arguments.bands,
            rows=arguments.rows, representative=arguments.representative, grouping=arguments.grouping,
            containment=False if arguments.no_containment else arguments.containment,
            boilerplate_documents=arguments.boilerplate_documents, threads=arguments.threads)
        if not has_scheme(arguments.input):  # URIs are listed once the session exists
            input_files(arguments.input, arguments.input_format)
    except (ValueError, TypeError, FileNotFoundError) as error:
        print(f"arabictext.spark: {error}", file=sys.stderr)
        return 2
    # Under spark-submit (which starts this interpreter with a gateway port), its master applies.
    master = arguments.master or (None if "PYSPARK_GATEWAY_PORT" in os.environ else "local[2]")
    loopback = bool(master and master.startswith("local"))
    shuffle_partitions = arguments.shuffle_partitions
    if shuffle_partitions is None and loopback:
        # local[N]: a few shuffle partitions per core rather than Spark's 200 (N = "*": every processor).
        shuffle_partitions = 4 * local_cores(master)
    spark = make_session(master, shuffle_partitions=shuffle_partitions, conf=conf, loopback=loopback)
    started = time.perf_counter()
    try:
        stats = dedup(spark, arguments.input, arguments.output, text_field=arguments.text_field,
                      id_field=arguments.id_field, settings=settings, output_format=arguments.output_format,
                      unique=arguments.write_unique, input_format=arguments.input_format,
                      partitions=arguments.partitions,
                      progress=lambda message: print(f"arabictext.spark: {message}", file=sys.stderr, flush=True))
    except FileNotFoundError as error:  # a URI input without files (local inputs are checked before the session)
        print(f"arabictext.spark: {error}", file=sys.stderr)
        spark.stop()
        return 2
    finally:
        wall = time.perf_counter() - started
    stats["wall_seconds"] = round(wall, 3)
    summary = (f"{stats['documents']} documents ({stats['skipped']} records skipped), {stats['groups']} groups, "
               f"{stats['clusters']} clusters, {stats['candidate_pairs']} candidate pairs, "
               f"{stats['similar_pairs']} similar pairs, {wall:.1f} s")
    print(f"arabictext.spark: {summary}", file=sys.stderr)
    if arguments.stats:
        Path(arguments.stats).write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
