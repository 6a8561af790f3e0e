"""normalize() equals `arabic-text normalize` and follows its rules."""

from __future__ import annotations

import numpy as np
import pytest

import arabictext as at
import cli_reference


@pytest.mark.parametrize("name, arguments, keywords", cli_reference.NORMALIZE_RUNS, ids=[r[0] for r in cli_reference.NORMALIZE_RUNS])
def test_equals_the_command_line(reference, name, arguments, keywords):
    inputs = sorted((reference / "normalize-inputs").iterdir())
    texts = [path.read_text(encoding="utf-8") for path in inputs]
    expected = [(reference / f"normalize-{name}-{path.name}").read_text(encoding="utf-8") for path in inputs]
    assert at.normalize(texts, **keywords) == expected
    # One text at a time gives the same.
    assert [at.normalize(text, **keywords) for text in texts] == expected


def test_examples():
    assert at.normalize("إِنَّ الـــكتابَ") == "ان الكتاب"
    assert at.normalize("إِنَّ الـــكتابَ", preset="light") == "إن الكتاب"
    assert at.normalize("إِنَّ الـــكتابَ", preset="none") == "إِنَّ الـــكتابَ"
    assert at.normalize("٢٠٢٤", digits=False) == "٢٠٢٤"
    assert at.normalize("ABC", preset="none", lowercase=True) == "abc"


def test_batch_shapes(seeds):
    assert at.normalize([]) == []
    assert at.normalize(["", "", ""]) == ["", "", ""]
    assert at.normalize(tuple(seeds)) == at.normalize(seeds)
    as_bytes = at.normalize([text.encode() for text in seeds])
    assert as_bytes == at.normalize(seeds)
    array = at.normalize(np.array(seeds))
    assert isinstance(array, np.ndarray) and array.tolist() == at.normalize(seeds)
    assert at.normalize(iter(seeds)) == at.normalize(seeds)


def test_normalizing_twice_changes_nothing(seeds):
    once = at.normalize(seeds + [cli_reference.MIXED])
    assert at.normalize(once) == once


def test_rules_and_presets():
    assert "dagger_alef" in at.RULES and "collapse_whitespace" in at.RULES
    search = at.rule_bits("search")
    assert "nfkc" not in at.rules_of(search) and "tatweel" in at.rules_of(search)
    assert at.rules_of(at.rule_bits("lucene")) == ["tashkeel", "tatweel", "alef_hamza", "alef_maksura", "teh_marbuta"]
    assert at.rule_bits("none") == 0
    with pytest.raises(ValueError, match='unknown normalization preset "searchh"'):
        at.normalize(["x"], preset="searchh")
    with pytest.raises(TypeError, match="unknown normalization rule 'tatweal'"):
        at.normalize(["x"], tatweal=False)
    with pytest.raises(TypeError, match="must be True or False"):
        at.normalize(["x"], tatweel=1)
