#!/usr/bin/env python3
"""Checks what `arabic-text dedup --write-unique` keeps, independently of its grouping.

Runs the dedup, then:
  1. every written record is an input record with all its fields, in input order, once;
  2. every removed document is an exact copy of a kept document (same words),
     or has a kept document at or above the threshold by the exact Jaccard
     similarity of their word-shingle sets, or is contained in a kept document:
     at least --containment of its shingles are in the kept one, which is at
     least as large, and they share at least 10 shingles. Shingles are computed
     here from the words `arabic-text terms` gives for each line (the same
     normalization, no stemming, no stop words, every token kind) as tuples of
     words (no hashing), after leaving out every line whose words are a line of
     --boilerplate-documents or more documents (all lines when fewer than 10
     shingles would be left): the rule `dedup` verifies with.

The best kept match of each removed document is found through an inverted
index of the kept documents' shingles, so the check is exact over all kept
documents, not only the one the tool names.

Usage:
  scripts/check-write-unique.py [--binary PATH] [--threshold 0.5] [--shingle-size 3]
      [--containment 0.8 | --containment 0] [--boilerplate-documents 10]
      --text-field content --id-field id INPUT... [-- EXTRA DEDUP OPTIONS]
(--containment 0 runs dedup with --no-containment and checks near copies only;
--boilerplate-documents 0 keeps every line.)
Inputs: JSON Lines, JSON arrays, or zip files of them (read here with zipfile to compare fields).
Exit status 0 when both checks pass, 1 otherwise.
"""
import argparse
import collections
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile


def records_of(path):
    """The JSON records of a JSON Lines file, a JSON array file, or a zip of them, in order."""
    def parse(name, data):
        text = data.decode("utf-8-sig")
        stripped = text.lstrip()
        if stripped.startswith("["):
            return json.loads(stripped)
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    if path.endswith(".zip"):
        out = []
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    out += parse(info.filename, archive.read(info))
        return out
    with open(path, "rb") as f:
        return parse(path, f.read())


def shingles(words, size):
    if not words:
        return frozenset()
    if len(words) < size:
        return frozenset([tuple(words)])
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "arabic-text"))
    parser.add_argument("--threshold", type=float, default=0.5)  # the tool's defaults
    parser.add_argument("--shingle-size", type=int, default=3)
    parser.add_argument("--containment", type=float, default=0.8)
    parser.add_argument("--boilerplate-documents", type=int, default=10)
    parser.add_argument("--text-field", required=True)
    parser.add_argument("--id-field", help="the records' id field; without it (records that have no id, such as"
                        " SaudiNewsNet's daily zips) records are matched by their position and contents")
    parser.add_argument("inputs", nargs="+")
    arguments, extra = parser.parse_known_args()
    extra = [e for e in extra if e != "--"]
    binary = os.path.abspath(arguments.binary)
    fields = ["--text-field", arguments.text_field]
    if arguments.id_field:
        fields += ["--id-field", arguments.id_field]

    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "clean.jsonl")
        run = subprocess.run(
            [binary, "dedup", *fields, "--threshold", str(arguments.threshold), "--shingle-size",
             str(arguments.shingle_size), "--write-unique", output, "--format", "jsonl",
             *(["--containment", str(arguments.containment)] if arguments.containment > 0 else ["--no-containment"]),
             "--boilerplate-documents", str(arguments.boilerplate_documents), *extra, *arguments.inputs],
            capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"dedup failed ({run.returncode}): {run.stderr}")
        print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "(no summary)")
        with open(output, encoding="utf-8") as f:
            written = [json.loads(line) for line in f]
        # The words of every line of every input record, from one `terms` run over the lines.
        inputs = []
        for path in arguments.inputs:
            inputs += records_of(path)
        split = os.path.join(folder, "lines.jsonl")
        with open(split, "w", encoding="utf-8") as f:
            for position, record in enumerate(inputs):
                key = str(record.get(arguments.id_field)) if arguments.id_field else str(position)
                text = record.get(arguments.text_field)
                for number, line in enumerate((text if isinstance(text, str) else "").split("\n"), 1):
                    f.write(json.dumps({"id": f"{key}\t{number}", "text": line},
                                       ensure_ascii=False) + "\n")
        terms = subprocess.run(
            [binary, "terms", "--text-field", "text", "--id-field", "id", "--format", "jsonl", "--stemmer", "none",
             "--stop-words", "none", "--token-kinds", "all", split], capture_output=True, text=True, check=True)
        line_words = collections.defaultdict(list)
        for line in terms.stdout.splitlines():
            record = json.loads(line)
            key, number = record["id"].rsplit("\t", 1)
            line_words[key].append((int(number), record["terms"]))
        lines_of = {key: [w for _, w in sorted(found) if w] for key, found in line_words.items()}
        words = {key: [w for line in lines for w in line] for key, lines in lines_of.items()}

    # 1. Written records: input records with every field, in input order, once.
    by_id = {}
    order = {}
    for position, record in enumerate(inputs):
        key = str(record.get(arguments.id_field)) if arguments.id_field else str(position)
        by_id.setdefault(key, record)
        order.setdefault(key, position)
    problems = 0
    seen = set()
    last = -1
    cursor = 0  # without ids: the next input record a written one may be
    for record in written:
        if arguments.id_field:
            key = str(record.get(arguments.id_field))
        else:
            while cursor < len(inputs) and inputs[cursor] != record:
                cursor += 1
            key = str(cursor) if cursor < len(inputs) else "(no equal input record after the last match)"
            cursor += 1
        original = by_id.get(key)
        if original is None:
            problems += 1
            print(f"written record {key!r} is not an input record")
            continue
        if key in seen:
            problems += 1
            print(f"record {key!r} written twice")
        seen.add(key)
        if set(record) != set(original):
            problems += 1
            print(f"record {key!r}: fields {sorted(record)} instead of {sorted(original)}")
        if order[key] < last:
            problems += 1
            print(f"record {key!r} out of input order")
        last = order[key]
    field_names = sorted({name for record in written for name in record})

    # 2. Every removed document has a kept exact copy, near copy or container, on the sets without boilerplate lines.
    kept_ids = [key for key in words if key in seen]
    removed_ids = [key for key in words if key not in seen]
    size = arguments.shingle_size
    line_documents = collections.Counter()
    for lines in lines_of.values():
        for line in {tuple(line) for line in lines}:
            line_documents[line] += 1
    minimum = arguments.boilerplate_documents

    def compared_set(key):
        if minimum > 0:
            kept_lines = [w for line in lines_of[key] if line_documents[tuple(line)] < minimum for w in line]
            if len(kept_lines) < len(words[key]):
                filtered = shingles(kept_lines, size)
                if len(filtered) >= 10:
                    return filtered
        return shingles(words[key], size)

    kept_sets = {key: compared_set(key) for key in kept_ids}
    kept_sequences = {tuple(words[key]) for key in kept_ids}
    postings = collections.defaultdict(list)
    for key, shingle_set in kept_sets.items():
        for shingle in shingle_set:
            postings[shingle].append(key)
    without_copy = []
    exact = near = contained = 0
    for key in removed_ids:
        sequence = tuple(words[key])
        if sequence in kept_sequences:
            exact += 1
            continue
        mine = compared_set(key)
        shared = collections.Counter()
        for shingle in mine:
            for other in postings.get(shingle, ()):
                shared[other] += 1
        best = max((count / (len(mine) + len(kept_sets[other]) - count) for other, count in shared.items()), default=0.0)
        inside = max((count / len(mine) for other, count in shared.items()
                      if count >= 10 and len(mine) <= len(kept_sets[other])), default=0.0)
        if best >= arguments.threshold:
            near += 1
        elif arguments.containment > 0 and inside >= arguments.containment:
            contained += 1
        else:
            without_copy.append((key, best, inside))
    print(f"inputs: {len(inputs)} records; written: {len(written)} ({len(seen)} distinct), fields: {', '.join(field_names)}")
    print(f"removed: {len(removed_ids)}: {exact} exact copies of a kept document, {near} with a kept near copy "
          f"(exact Jaccard >= {arguments.threshold}), {contained} contained in a kept document "
          f"(>= {arguments.containment} of its shingles, 10 or more), {len(without_copy)} without a kept copy")
    for key, best, inside in without_copy[:20]:
        print(f"  {key}: best kept Jaccard {best:.4f}, containment {inside:.4f}")
    print(f"record problems: {problems}")
    sys.exit(1 if problems or without_copy else 0)


if __name__ == "__main__":
    main()
