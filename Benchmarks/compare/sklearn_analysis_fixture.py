#!/usr/bin/env python3
"""Writes the fixtures of ScikitLearnAnalysisTests: what Python 3.11 and
scikit-learn make of text, for our byte-level re-implementation to equal.

    python3 -m venv /tmp/sk && /tmp/sk/bin/pip install scikit-learn
    /tmp/sk/bin/python Benchmarks/compare/sklearn_analysis_fixture.py \
        [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl]

Writes into Tests/ArabicTextTests/Fixtures:

* sklearn-analysis-properties.tsv.gz: every code point (surrogates aside) as
  ranges with the same properties: `start end word space sigma lower`, hex
  start and end (inclusive); word: `c.isalnum() or c == "_"` (what `re`'s
  `\\w` matches); space: `c.isspace()` (`\\s`, `str.split()`); sigma: how the
  code point counts in the Final_Sigma context of `str.lower()`, `i` case
  ignorable, `c` cased (and not ignorable), `-` neither; lower: `=` when
  `c.lower() == c`, `+d`/`-d` for one code point at distance d, or the code
  points of a longer lowercase, hex, separated by `.`.
* sklearn-analysis-texts.jsonl.gz: random texts mixing Arabic, Latin with
  accents, Greek (final sigma), Cyrillic, Cherokee, Georgian, CJK, digits of
  many scripts, combining marks, format characters, every kind of white
  space, characters assigned after Unicode 14 (unassigned for Python 3.11),
  and lines of SaudiNewsNet when the corpus is present (else the seeds'
  lines). Each line: {"text", "lower": text.lower(), "word": the
  token_pattern's tokens, "wb_words": the words char_wb pads, "char_text":
  the text char n-grams run over, "ngram_digests": a fingerprint of the
  multiset of n-grams of scikit-learn's analyzers "word_1_2", "char_1_3" and
  "char_wb_2_4" (CountVectorizer(...).build_analyzer()), and for texts of
  40 characters or fewer "ngrams", the n-grams themselves}.
"""

import argparse
import gzip
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

from sklearn.feature_extraction.text import CountVectorizer

FIXTURES = Path("Tests/ArabicTextTests/Fixtures")


def sigma_class(c: str) -> str:
    """How `c` counts around a capital sigma, measured through str.lower() itself."""
    alone = (c + "\u03a3").lower()[-1] == "\u03c2"
    after_cased = ("A" + c + "\u03a3").lower()[-1] == "\u03c2"
    if alone:
        return "c"
    return "i" if after_cased else "-"


def properties(v: int) -> tuple:
    c = chr(v)
    lower = c.lower()
    if lower == c:
        mapping = "="
    elif len(lower) == 1:
        mapping = "%+d" % (ord(lower) - v)
    else:
        mapping = ".".join("%x" % ord(x) for x in lower)
    return (int(c.isalnum() or c == "_"), int(c.isspace()), sigma_class(c), mapping)


def write_properties(path: Path) -> None:
    rows = []
    for low, high in ((0, 0xD7FF), (0xE000, 0x10FFFF)):
        start, current = low, properties(low)
        for v in range(low + 1, high + 2):
            value = properties(v) if v <= high else None
            if value != current:
                rows.append("%x\t%x\t%d\t%d\t%s\t%s" % (start, v - 1, *current))
                start, current = v, value
    write_gzip(path, "\n".join(rows) + "\n")
    print(f"{path}: {len(rows)} ranges", file=sys.stderr)


def write_gzip(path: Path, text: str) -> None:
    """Gzipped with no time stamp, so that the same input gives the same bytes."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as file:
        file.write(text.encode("utf-8"))


def pool(*ranges, unassigned: bool = False) -> list[str]:
    """Characters of strings and (first, last) code point ranges; unassigned
    code points (for Python 3.11) are left out unless `unassigned`."""
    chars = []
    for r in ranges:
        codes = [ord(c) for c in r] if isinstance(r, str) else range(r[0], r[1] + 1)
        chars.extend(chr(v) for v in codes if unassigned or unicodedata.category(chr(v)) != "Cn")
    return chars


POOLS = {
    "arabic": pool((0x0621, 0x064A), "ـ", (0x067E, 0x067E), "چگیکۀ", (0xFB50, 0xFB60), (0xFEF5, 0xFEFC)),
    "harakat": pool((0x064B, 0x0652), "\u0670\u0653\u0654\u0655\u06D6\u06E1"),
    "latin": pool((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xFF), (0x100, 0x17F), (0x180, 0x24F),
                  "ǅǈǋǲẞſKÅﬀﬁﬆ", (0x1E00, 0x1E20), (0xFF21, 0xFF3A), (0x10570, 0x1057A), (0x1DF00, 0x1DF05)),
    "marks": pool((0x0300, 0x036F), "\u0345\u20DD\u0489"),
    "greek": pool((0x0386, 0x03CE), "ΣΣΣΣσς", (0x1F00, 0x1F20), (0x1F80, 0x1FBC), "ϐϑϕϖϰϱϲϳϴϵ"),
    "cyrillic": pool((0x0400, 0x04FF), (0x0500, 0x052F), (0x1C80, 0x1C88)),
    "other_cased": pool((0x13A0, 0x13F5), (0xAB70, 0xAB7F), (0x1C90, 0x1CBA), (0x10400, 0x1040F),
                        (0x24B6, 0x24C0), (0x2160, 0x216F), (0x1E900, 0x1E90A)),
    "cjk": pool((0x4E00, 0x4E40), "一二三四五六七八九十百千万億兆〇", (0x3041, 0x3060), (0x30A1, 0x30C0), (0xAC00, 0xAC10)),
    "digits": pool("0123456789", (0x0660, 0x0669), (0x06F0, 0x06F9), (0x0966, 0x096F), (0x09E6, 0x09EF),
                   (0x0E50, 0x0E59), (0x0F20, 0x0F33), (0xFF10, 0xFF19), "²³¹¼½¾⁰⁴₅①⑩⓪Ⅻ٫٬", (0x1D7CE, 0x1D7D8)),
    "format": pool("\u200b\u200c\u200d\u200e\u200f\u061c\u00ad\ufeff\u2060\u2061\u2066\u2069\u202a\u202e\u180e",
                   "\U000E0001\U000E0041\U000E007F\u034f\ufe0f"),
    "space": pool(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000"),
    "punctuation": pool(".,;:!?'\"-_()[]{}/\\@#%&*+=<>|~^`$", "،؛؟«»—–…‘’‚“”·׳٪", "\u02bc\u02bb"),
    "symbols": pool("😀👍🏽🇸🇦❤️©®™°±§¶", (0x1F3FB, 0x1F3FF)),
    "unassigned_in_14": pool((0x1E030, 0x1E03A), "\U00011F04\U00031350\uA7CB\uA7CC\u1C89\u1C8A\U0001E4D0", unassigned=True),
}


def random_word(rng: random.Random) -> str:
    script = rng.choice(["arabic", "arabic", "latin", "latin", "greek", "cyrillic", "other_cased", "cjk", "digits"])
    chars = []
    for _ in range(rng.randint(1, 8)):
        chars.append(rng.choice(POOLS[script]))
        roll = rng.random()
        if roll < 0.12:
            chars.append(rng.choice(POOLS["marks"] if script != "arabic" else POOLS["harakat"]))
        elif roll < 0.16:
            chars.append(rng.choice(POOLS["format"]))
        elif roll < 0.19:
            chars.append(rng.choice(POOLS["unassigned_in_14"] + POOLS["digits"] + POOLS["symbols"]))
        elif roll < 0.22:
            chars.append(rng.choice("_'’.·\u0345"))
    if script == "greek" and rng.random() < 0.5:
        chars.append(rng.choice(["Σ", "Σ'", "Σ\u0301", "Σ.", "ΣΑ", "Σ\u0345"]))
    return "".join(chars)


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 30)):
        parts.append(random_word(rng))
        roll = rng.random()
        if roll < 0.6:
            parts.append(" ")
        elif roll < 0.8:
            parts.append("".join(rng.choice(POOLS["space"]) for _ in range(rng.randint(1, 3))))
        else:
            parts.append(rng.choice(POOLS["punctuation"] + POOLS["symbols"]) + rng.choice(["", " ", "\n"]))
    text = "".join(parts)
    if rng.random() < 0.2:
        text = rng.choice(POOLS["space"]) + text + rng.choice(POOLS["space"])
    return text


# Cases worth pinning whatever the random draw.
EDGE_CASES = [
    "", " ", "  ", "\n", " \t\n", "a", "ab", "a b", "_", "__", "a_b", "İstanbul İ", "ΑΣ ΣΑ Σ ΌΣΟΣ ὈΔΥΣΣΕΎΣ",
    "ΑΣ' ΑΣ.Β ΑΣ\u0345 Σ\u0301Α AΣ ΑΣ\u00ad ΑΣ\U000E0041", "ǅǈǋǲ ǄǇǊǱ", "ẞ ß ﬀ ﬃ ﬆ", "K Å Ω", "Ⅻ ⅻ ① ½ ²",
    "ℌ ℑ ℜ ℭ", "ﷲ ﷺ ﻻ", "١٢٣ ۱۲۳ १२३", "\U0001E030\U0001E031 \uA7CB\u0264", "𐐀𐐁 Ꭰ ꭰ Ა ა",
    "word\u200cword \u200d\u200c", "x\x1cy\x1dz\x1ew\x1fv", "a\x85b\u2028c\u2029d", "tab\tand\x0bvertical\x0cfeed\rcr",
    "  many   spaces\n\n\nand\u3000\u3000ideographic  ", "🇸🇦👍🏽 emoji", "Ⓐⓑ ⓐ", "ǰ ŉ ΐ ΰ",
]


def analyzers():
    return {
        "word_1_2": CountVectorizer(analyzer="word", ngram_range=(1, 2)).build_analyzer(),
        "char_1_3": CountVectorizer(analyzer="char", ngram_range=(1, 3)).build_analyzer(),
        "char_wb_2_4": CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)).build_analyzer(),
    }


def digest(grams: list[str]) -> str:
    """FNV-1a (64 bits) over the n-grams sorted by code point, each as a
    4-byte little-endian length and its UTF-8 bytes: a multiset fingerprint."""
    value = 0xCBF29CE484222325
    for gram in sorted(grams):
        encoded = gram.encode("utf-8")
        for byte in len(encoded).to_bytes(4, "little") + encoded:
            value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % value


def record(text: str, built) -> dict:
    lower = text.lower()
    ngrams = {name: analyzer(text) for name, analyzer in built.items()}
    result = {
        "text": text,
        "lower": lower,
        "word": re.findall(r"(?u)\b\w\w+\b", lower),
        "wb_words": re.sub(r"\s\s+", " ", lower).split(),
        "char_text": re.sub(r"\s\s+", " ", lower),
        "ngram_digests": {name: digest(grams) for name, grams in ngrams.items()},
    }
    if len(text) <= 40:
        result["ngrams"] = ngrams
    return result


def corpus_lines(path: Path, rng: random.Random, count: int) -> list[str]:
    if path.is_file():
        with open(path, encoding="utf-8") as file:
            articles = [json.loads(line) for _, line in zip(range(3000), file)]
        lines = [line for article in articles for line in (article.get("title") or "", *(article.get("content") or "").split("\n")) if line.strip()]
        print(f"{len(lines)} SaudiNewsNet lines to draw from", file=sys.stderr)
    else:
        print(f"{path} is absent: using the seeds' lines instead of SaudiNewsNet", file=sys.stderr)
        lines = [line for seed in sorted(Path("seeds").glob("*.txt")) for line in seed.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [line[:300] for line in rng.sample(lines, min(count, len(lines)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpora/saudinewsnet/saudinewsnet.jsonl"))
    parser.add_argument("--random-texts", type=int, default=250)
    parser.add_argument("--corpus-lines", type=int, default=40)
    arguments = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"the fixtures pin Python 3.11 (Unicode {unicodedata.unidata_version}); this is {sys.version}")
    write_properties(FIXTURES / "sklearn-analysis-properties.tsv.gz")
    rng = random.Random(20240611)
    texts = EDGE_CASES + [random_text(rng) for _ in range(arguments.random_texts)]
    texts += corpus_lines(arguments.corpus, rng, arguments.corpus_lines)
    built = analyzers()
    path = FIXTURES / "sklearn-analysis-texts.jsonl.gz"
    write_gzip(path, "".join(json.dumps(record(text, built), ensure_ascii=False) + "\n" for text in texts))
    print(f"{path}: {len(texts)} texts", file=sys.stderr)


if __name__ == "__main__":
    main()
