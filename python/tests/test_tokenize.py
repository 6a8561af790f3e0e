"""tokenize() equals `arabic-text tokenize`; character offsets slice the text."""

from __future__ import annotations

import json

import numpy as np

import arabictext as at


def test_equals_the_command_line(reference):
    for path in sorted((reference / "normalize-inputs").iterdir()):
        text = path.read_text(encoding="utf-8")
        expected = [json.loads(line) for line in (reference / f"tokenize-{path.name}.jsonl").read_text(encoding="utf-8").splitlines()]
        tokens = at.tokenize(text)
        ours = [
            {"token": t.text, "start": t.byte_start, "end": t.byte_end, "kind": t.kind, **({"tag": t.tag} if t.tag else {})}
            for t in tokens
        ]
        assert ours == expected, path.name


def test_offsets_slice_back(seeds):
    texts = seeds + ["", "  ", "مُحَمَّد 😀 G20 ١٢٣٫٥٪ e\u0301t\u00e9 #وسم_ok user@mail.com www.x.org/ab"]
    for text, tokens in zip(texts, at.tokenize(texts)):
        encoded = text.encode()
        previous = 0
        for token in tokens:
            assert text[token.start:token.end] == token.text
            assert encoded[token.byte_start:token.byte_end].decode() == token.text
            assert token.start >= previous
            previous = token.end


def test_kinds_and_tags():
    tokens = at.tokenize("مرحبا Hello 2024 ! #وسم @user https://a.b/c a@b.co Привет")
    assert [(t.text, t.kind, t.tag) for t in tokens] == [
        ("مرحبا", "arabic", None), ("Hello", "latin", None), ("2024", "number", None), ("!", "punct", None),
        ("#وسم", "arabic", "hashtag"), ("@user", "latin", "mention"), ("https://a.b/c", "other", "url"),
        ("a@b.co", "other", "email"), ("Привет", "other", None),
    ]
    plain = at.tokenize("#وسم https://a.b", hashtags=False, urls=False)
    assert [t.tag for t in plain] == [None] * len(plain) and len(plain) > 2
    assert [t.text for t in at.tokenize("G20", join_digits=False)] == ["G", "20"]


def test_arrays_match_tokens(seeds):
    arrays = at.tokenize_arrays(seeds)
    tokens = at.tokenize(seeds)
    assert arrays.document_offsets.tolist()[-1] == sum(map(len, tokens))
    for document, document_tokens in enumerate(tokens):
        begin, end = arrays.document_offsets[document], arrays.document_offsets[document + 1]
        assert arrays.starts[begin:end].tolist() == [t.start for t in document_tokens]
        assert arrays.byte_ends[begin:end].tolist() == [t.byte_end for t in document_tokens]
        assert [at.KINDS[k] for k in arrays.kinds[begin:end]] == [t.kind for t in document_tokens]
    assert at.tokenize_arrays([]).document_offsets.tolist() == [0]
    assert isinstance(arrays.starts, np.ndarray)
