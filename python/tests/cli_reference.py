"""What the `arabic-text` command line says on the test inputs: the reference
the Python package must equal.

    python3 cli_reference.py --cli /path/to/arabic-text --out DIR

writes the inputs (the seed articles and a deterministic set of exact and
near copies of them) and the command's outputs into DIR. The tests read DIR
(environment variable ARABICTEXT_REFERENCE), or make it themselves when
ARABICTEXT_CLI names the command. Only the standard library is used, so the
reference can be made before the wheel's environment exists.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

_PYTHON_ROOT = Path(__file__).resolve().parents[1]
# The Swift package: the repository around python/, or swift/ inside an sdist.
REPOSITORY = _PYTHON_ROOT / "swift" if (_PYTHON_ROOT / "swift" / "Package.swift").is_file() else _PYTHON_ROOT.parent
SEEDS = REPOSITORY / "seeds"

# The connected settings (arabictext.spark.CONNECTED_CLI_OPTIONS): the groups before star grouping was the default.
CONNECTED = ["--grouping", "connected", "--no-containment", "--boilerplate-documents", "0"]

# (output name, extra arguments of `arabic-text dedup --format jsonl`)
DEDUP_RUNS = [
    ("dedup-default", []),
    ("dedup-lines", ["--lines"]),
    ("dedup-threshold-0.8", ["--threshold", "0.8"]),
    ("dedup-center-first", ["--grouping", "center", "--representative", "first", "--threshold", "0.4"]),
    ("dedup-small-sketch", ["--shingle-size", "2", "--hash-count", "64", "--seed", "7"]),
    ("dedup-classic-bands", ["--sketch", "classic", "--bands", "20", "--rows", "4", "--threshold", "0.6"]),
    ("dedup-light", ["--preset", "light", "--threshold", "0.7"]),
    ("dedup-connected", CONNECTED),
    ("dedup-connected-threshold-0.8", [*CONNECTED, "--threshold", "0.8"]),
    ("dedup-connected-small-sketch", [*CONNECTED, "--shingle-size", "2", "--hash-count", "64", "--seed", "7"]),
    ("dedup-connected-classic-bands", [*CONNECTED, "--sketch", "classic", "--bands", "20", "--rows", "4",
                                       "--threshold", "0.6"]),
    ("dedup-connected-light", [*CONNECTED, "--preset", "light", "--threshold", "0.7"]),
]

# (output name, extra arguments of `arabic-text tfidf --format jsonl --top 12` on the seeds,
#  keyword arguments of arabictext.TfidfVectorizer that ask for the same)
TFIDF_RUNS = [
    ("tfidf-default", [], {"ngram_range": (1, 2)}),
    ("tfidf-char-wb", ["--analyzer", "char_wb"], {"analyzer": "char_wb", "ngram_range": (3, 5)}),
    ("tfidf-snowball-sublinear", ["--stemmer", "snowball", "--sublinear-tf", "--no-smooth-idf", "--norm", "l1",
                                  "--stop-words", "arabic"],
     {"ngram_range": (1, 2), "stemmer": "snowball", "sublinear_tf": True, "smooth_idf": False, "norm": "l1",
      "stop_words": "arabic"}),
    ("tfidf-light-cross", ["--preset", "light", "--cross-sentences", "--ngram-range", "1,3", "--stemmer", "isri"],
     {"ngram_range": (1, 3), "preset": "light", "cross_sentences": True, "stemmer": "isri"}),
]

# (output name, extra arguments of `arabic-text cluster --format jsonl` on the dedup corpus,
#  keyword arguments of arabictext.cluster)
CLUSTER_RUNS = [
    ("cluster-default", [], {}),
    ("cluster-components-0.3", ["--method", "components", "--threshold", "0.3"], {"method": "components", "threshold": 0.3}),
    ("cluster-bigrams-0.2", ["--ngram-range", "1,2", "--threshold", "0.2", "--stemmer", "snowball"],
     {"ngram_range": (1, 2), "threshold": 0.2, "stemmer": "snowball"}),
]

# The archive runs: documents of the dedup corpus added first, then the rest matched against them.
ARCHIVE_FIRST = ["d00", "d01", "d02", "d03", "d04", "d13"]

# (output name, normalize arguments, Python keyword arguments of arabictext.normalize)
NORMALIZE_RUNS = [
    ("search", [], {}),
    ("lucene", ["--preset", "lucene"], {"preset": "lucene"}),
    ("light", ["--preset", "light"], {"preset": "light"}),
    ("search-some-off", ["--no-tatweel", "--no-digits", "--no-collapse-whitespace"],
     {"tatweel": False, "digits": False, "collapse_whitespace": False}),
    ("light-some-on", ["--preset", "light", "--hamza-tasheel", "--nfkc", "--lowercase"],
     {"preset": "light", "hamza_tasheel": True, "nfkc": True, "lowercase": True}),
]

# Characters the normalizer rewrites, mixed into a test document.
MIXED = (
    "ﻻ ﷲ ﺍﻟﺴﻼﻡ عليكم — إِنَّ الـــكتابَ مُفيدٌ\u00a0جداً؛ ٢٠٢٤ و۱۴۰۳ ٣٫٥٪\n"
    "\u200fمی\u200cخواهم پژوهش گزارش ڤيديو ئ ؤ أ إ آ ٱ ى ة\u200b\ufeff\tHELLO   World\u2028ok\n"
    "ۖ ۗ ۘ ٰ ٓ ٔ ٕ ؟ ، ؛ ۔  ｆｕｌｌ ①\r\n"
)


def seed_texts() -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]


def dedup_documents() -> list[dict]:
    """The seeds and copies of them: exact (diacritics, tatweel, spacing), near
    (words dropped or replaced, truncated) and a chain of overlapping parts."""
    rng = random.Random(13)
    seeds = [text for _, text in seed_texts()]
    documents = []

    def add(text: str) -> None:
        documents.append({"id": f"d{len(documents):02d}", "text": text})

    for text in seeds:
        add(text)
    words0 = seeds[0].split(" ")
    add(" ".join(word + "\u064e" if k % 5 == 0 else word for k, word in enumerate(words0)))  # harakat: exact copy
    add(seeds[0].replace("ال", "الـ").replace("\n", "\n\n"))  # tatweel and blank lines: exact copy
    words1 = seeds[1].split()
    add(" ".join(word for word in words1 if rng.random() > 0.06))  # a few words dropped
    add(" ".join(word if rng.random() > 0.08 else "كلمة" for word in seeds[2].split()))  # words replaced
    words3 = seeds[3].split()
    add(" ".join(words3[: len(words3) * 2 // 3]))  # the first two thirds
    words4 = seeds[4].split()
    n = len(words4)
    add(" ".join(words4[: n * 3 // 4]))  # a chain: head, middle, tail of seed 4
    add(" ".join(words4[n // 8: n * 7 // 8]))
    add(" ".join(words4[n // 4:]))
    add("نص قصير لا يشبه غيره")
    add("Un texte en français, sans rapport avec les autres documents du lot.")
    add(seeds[1].split("\n")[0] + "\n" + "سطر جديد هنا لا يتكرر في أي مكان آخر من النصوص" + "\n" + seeds[2].split("\n")[0])
    return documents


def run(cli: str, arguments: list[str]) -> bytes:
    completed = subprocess.run([cli, *arguments], capture_output=True)
    if completed.returncode != 0:
        raise SystemExit(f"{cli} {' '.join(arguments)} failed ({completed.returncode}): {completed.stderr.decode()}")
    return completed.stdout


def make(cli: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    documents = dedup_documents()
    corpus = out / "dedup-input.jsonl"
    corpus.write_text("".join(json.dumps(document, ensure_ascii=False) + "\n" for document in documents), encoding="utf-8")
    for name, arguments in DEDUP_RUNS:
        (out / f"{name}.jsonl").write_bytes(
            run(cli, ["dedup", "--format", "jsonl", "--id-field", "id", "--threads", "2", *arguments, str(corpus)]))
    inputs = [*seed_texts(), ("mixed.txt", MIXED)]
    (out / "normalize-inputs").mkdir(exist_ok=True)
    for file_name, text in inputs:
        path = out / "normalize-inputs" / file_name
        path.write_text(text, encoding="utf-8")
        for name, arguments, _ in NORMALIZE_RUNS:
            (out / f"normalize-{name}-{file_name}").write_bytes(run(cli, ["normalize", *arguments, str(path)]))
        (out / f"tokenize-{file_name}.jsonl").write_bytes(run(cli, ["tokenize", "--format", "jsonl", str(path)]))
    seeds = [str(path) for path in sorted(SEEDS.glob("*.txt"))]
    for name, arguments, _ in TFIDF_RUNS:
        save = ["--save-model", str(out / f"{name}.atfidf")] if name == "tfidf-default" else []
        (out / f"{name}.jsonl").write_bytes(
            run(cli, ["tfidf", "--format", "jsonl", "--top", "12", "--threads", "2", *save, *arguments, *seeds]))
    (out / "terms-seeds.jsonl").write_bytes(run(cli, ["terms", "--format", "jsonl", *seeds]))
    for name, arguments, _ in CLUSTER_RUNS:
        (out / f"{name}.jsonl").write_bytes(
            run(cli, ["cluster", "--format", "jsonl", "--id-field", "id", "--threads", "2", *arguments, str(corpus)]))
    first = [document for document in documents if document["id"] in ARCHIVE_FIRST]
    rest = [document for document in documents if document["id"] not in ARCHIVE_FIRST]
    for part, items in (("first", first), ("rest", rest)):
        (out / f"archive-{part}.jsonl").write_text(
            "".join(json.dumps(document, ensure_ascii=False) + "\n" for document in items), encoding="utf-8")
    archive = out / "archive.adedup"
    archive.unlink(missing_ok=True)
    for part in ("first", "rest"):
        (out / f"dedup-archive-{part}.jsonl").write_bytes(run(cli, [
            "dedup", "--format", "jsonl", "--id-field", "id", "--threads", "2", "--index", str(archive),
            "--threshold", "0.6", str(out / f"archive-{part}.jsonl")]))
        (out / f"archive-after-{part}.adedup").write_bytes(archive.read_bytes())
    (out / "version.txt").write_bytes(run(cli, ["--version"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="the arabic-text executable")
    parser.add_argument("--out", required=True, type=Path, help="folder for the inputs and outputs")
    arguments = parser.parse_args()
    make(arguments.cli, arguments.out)
    print(f"reference written to {arguments.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
