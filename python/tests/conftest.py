"""Shared fixtures: the repository's seeds and fixtures, and the command-line reference.

The reference outputs of `arabic-text` come from ARABICTEXT_REFERENCE (a
folder written by cli_reference.py) or are made at the start of the session
when ARABICTEXT_CLI names the executable; without either, the tests that need
them are skipped with a message saying so.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cli_reference  # noqa: E402

REPOSITORY = cli_reference.REPOSITORY
FIXTURES = REPOSITORY / "Tests" / "ArabicTextTests" / "Fixtures"


@pytest.fixture(scope="session")
def seeds() -> list[str]:
    texts = [text for _, text in cli_reference.seed_texts()]
    assert len(texts) == 5, f"expected the 5 seed articles in {cli_reference.SEEDS}"
    return texts


@pytest.fixture(scope="session")
def reference(tmp_path_factory) -> Path:
    folder = os.environ.get("ARABICTEXT_REFERENCE")
    if folder:
        path = Path(folder)
        if not (path / "version.txt").is_file():
            pytest.fail(f"ARABICTEXT_REFERENCE={folder} has no reference (run cli_reference.py)")
        return path
    cli = os.environ.get("ARABICTEXT_CLI")
    if not cli:
        pytest.skip("no command-line reference: set ARABICTEXT_CLI (the arabic-text executable) or ARABICTEXT_REFERENCE")
    path = tmp_path_factory.mktemp("cli-reference")
    cli_reference.make(cli, path)
    return path


@pytest.fixture(scope="session")
def dedup_corpus(reference) -> list[dict]:
    lines = (reference / "dedup-input.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
