#!/usr/bin/env python3
"""A large synthetic Arabic corpus with known duplicates, made from real
articles (SaudiNewsNet's by default): deterministic for a seed, written as it
is made (JSON Lines), so a million documents need little memory.

    python3 Benchmarks/scale/make_corpus.py --count 1000000 --out /work/scale-data/corpus-1m.jsonl
    python3 Benchmarks/scale/make_corpus.py --count 500 --base seeds/ --out small.jsonl

Each document is one of (shares in `KINDS`):
  * original: a base article as it is (the first time it is drawn; later
    draws of the same article are exact copies of it, by chance);
  * splice: an unrelated document made of 2 to 4 runs of 30 to 150 words,
    each from a random base article;
  * near: a recent document (among the last `--window`) with seeded random
    word edits (deletions, replacements by a word of the corpus, insertions)
    at a rate drawn from `EDIT_RATES`: from 1% (clearly near) to 30% (mostly
    below the default threshold of 0.5);
  * exact: a recent document with its form changed but not its words:
    diacritics and tatweel added, spacing and line breaks changed,
    punctuation added; the library's normalization sees the same words.

Records: {"id", "content", "kind", "source" (the id of the document it was
made from, or null), "edit_rate" (near copies, else null)}.
Only the standard library is used.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import deque
from pathlib import Path

DEFAULT_BASE = Path("/work/shared/corpora/saudinewsnet/saudinewsnet.jsonl")
KINDS = (("original", 0.15), ("splice", 0.45), ("near", 0.28), ("exact", 0.12))
EDIT_RATES = (0.01, 0.03, 0.05, 0.1, 0.2, 0.3)
HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0652", "\u0651"]
TATWEEL = "\u0640"
PUNCTUATION = ["،", "؛", ".", "!", "؟", ":"]


def read_base(path: Path, text_field: str = "content", limit: int | None = None) -> list[str]:
    """The base articles: the `text_field` of a JSON Lines file, or the *.txt files of a folder."""
    if path.is_dir():
        texts = [file.read_text(encoding="utf-8") for file in sorted(path.glob("*.txt"))]
        return texts[:limit] if limit else texts
    texts = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            if not line.strip():
                continue
            text = json.loads(line).get(text_field)
            if isinstance(text, str) and text.strip():
                texts.append(text)
                if limit and len(texts) == limit:
                    break
    return texts


def _with_form_changed(text: str, rng: random.Random) -> str:
    """The same words in another form: harakat and tatweel inside Arabic words,
    spaces doubled, lines joined or split at word boundaries, punctuation added."""
    words = text.split()
    out = []
    for word in words:
        if rng.random() < 0.15 and any("\u0621" <= c <= "\u064a" for c in word):
            position = rng.randrange(1, len(word) + 1)
            mark = rng.choice(HARAKAT) if rng.random() < 0.7 else TATWEEL
            if mark == TATWEEL and (position == len(word) or position == 0):
                mark = rng.choice(HARAKAT)
            word = word[:position] + mark + word[position:]
        out.append(word)
        if rng.random() < 0.03:
            out.append(rng.choice(PUNCTUATION))
    pieces = []
    for k, word in enumerate(out):
        if k:
            roll = rng.random()
            pieces.append("\n" if roll < 0.02 else "  " if roll < 0.08 else " ")
        pieces.append(word)
    return "".join(pieces)


def _with_edits(text: str, rate: float, vocabulary: list[str], rng: random.Random) -> str:
    """Word edits at `rate` per word: a third deletions, a third replacements, a third insertions."""
    out = []
    for word in text.split():
        if rng.random() < rate:
            roll = rng.random()
            if roll < 1 / 3:
                continue
            if roll < 2 / 3:
                out.append(rng.choice(vocabulary))
                continue
            out.append(word)
            out.append(rng.choice(vocabulary))
            continue
        out.append(word)
    return " ".join(out)


def _splice(base_words: list[list[str]], rng: random.Random) -> str:
    runs = []
    for _ in range(rng.randint(2, 4)):
        words = base_words[rng.randrange(len(base_words))]
        length = min(len(words), rng.randint(30, 150))
        start = rng.randrange(0, len(words) - length + 1)
        runs.append(" ".join(words[start:start + length]))
    return "\n\n".join(runs)


def generate(base: list[str], count: int, seed: int = 1, window: int = 20000):
    """Yields `count` records (see the module's description), the same ones for the same base and seed."""
    if not base:
        raise ValueError("no base articles")
    rng = random.Random(seed)
    base_words = [text.split() for text in base]
    base_words = [words for words in base_words if words]
    vocabulary_rng = random.Random(seed + 1)
    vocabulary = [vocabulary_rng.choice(words) for words in base_words for _ in range(20)]
    order = list(range(len(base)))
    rng.shuffle(order)
    original_id: dict[int, str] = {}
    recent: deque[tuple[str, str]] = deque(maxlen=window)
    kinds = [kind for kind, _ in KINDS]
    weights = [weight for _, weight in KINDS]
    next_original = 0
    for number in range(count):
        identifier = f"g{number:08d}"
        kind = rng.choices(kinds, weights)[0] if recent else "original"
        source = None
        rate = None
        if kind == "original":
            article = order[next_original % len(order)]
            next_original += 1
            text = base[article]
            source = original_id.get(article)
            original_id.setdefault(article, identifier)
        elif kind == "splice":
            text = _splice(base_words, rng)
        elif kind == "near":
            source, parent = recent[rng.randrange(len(recent))]
            rate = rng.choice(EDIT_RATES)
            text = _with_edits(parent, rate, vocabulary, rng)
        else:
            source, parent = recent[rng.randrange(len(recent))]
            text = _with_form_changed(parent, rng)
        recent.append((identifier, text))
        yield {"id": identifier, "content": text, "kind": kind, "source": source, "edit_rate": rate}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=DEFAULT_BASE, help="JSON Lines articles or a folder of .txt files")
    parser.add_argument("--text-field", default="content", help="the base records' text field (default: content)")
    parser.add_argument("--count", type=int, required=True, help="documents to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--window", type=int, default=20000, help="how far back copies reach (documents)")
    parser.add_argument("--out", required=True, help="the JSON Lines file to write ('-': standard output)")
    arguments = parser.parse_args()
    if arguments.count < 0:
        parser.error(f"--count must not be negative, not {arguments.count}")
    if arguments.window < 1:
        parser.error(f"--window must be at least 1, not {arguments.window}")
    if not arguments.base.exists():
        print(f"make_corpus.py: no base articles at {arguments.base}", file=sys.stderr)
        return 1
    base = read_base(arguments.base, arguments.text_field)
    if not base:
        print(f"make_corpus.py: {arguments.base} holds no article with a {arguments.text_field!r} text", file=sys.stderr)
        return 1
    output = sys.stdout if arguments.out == "-" else open(arguments.out, "w", encoding="utf-8")
    try:
        written = 0
        for record in generate(base, arguments.count, arguments.seed, arguments.window):
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += len(record["content"])
    finally:
        if output is not sys.stdout:
            output.close()
    print(f"make_corpus.py: {arguments.count} documents, {written / 1e6:.1f} M characters of content", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
