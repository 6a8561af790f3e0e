"""Same results at any thread count, from concurrent Python threads, and after fork;
the GIL is released while the library works."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import arabictext as at


@pytest.fixture(scope="module")
def corpus(seeds):
    """The seeds, their lines, and copies with a tenth of each line's words
    dropped: exact and near duplicates and repeated lines, over many chunks per thread."""
    rng = np.random.default_rng(5)
    texts = list(seeds)
    for text in seeds:
        texts += [line for line in text.split("\n") if line.strip()]
        for _ in range(12):
            lines = []
            for line in text.split("\n"):
                words = line.split(" ")
                keep = rng.random(len(words)) > 0.1
                lines.append(" ".join(w for w, k in zip(words, keep) if k))
            texts.append("\n".join(lines))
    return texts


def run_all(texts, threads):
    words = [w for text in texts[:50] for w in text.split()]
    duplicates = at.find_duplicates(texts, threads=threads)
    return (
        at.normalize(texts, threads=threads),
        at.stem(words, algorithm="snowball", threads=threads),
        at.tokenize_arrays(texts, threads=threads).byte_ends.tolist(),
        at.minhash(texts, threads=threads).tolist(),
        duplicates.records(),
        at.repeated_lines(texts, threads=threads),
    )


def test_thread_counts_agree(corpus):
    one = run_all(corpus, 1)
    assert {"exact", "near"} <= {r["role"] for r in one[4]}
    assert {"exact", "near"} <= {line.kind for group in one[5] for line in group}
    for threads in (2, 3, 8):
        assert run_all(corpus, threads) == one, f"threads={threads}"


def test_concurrent_python_threads(corpus):
    expected = run_all(corpus, 2)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: run_all(corpus, 2), range(8)))
    assert all(result == expected for result in results)


def test_errors_stay_on_their_thread():
    def fail(index):
        texts = ["ok"] * index + [b"\xff"]
        try:
            at.normalize(texts)
        except at.InvalidItemError as error:
            return error.index, str(error)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(fail, range(40)))
    assert results == [(i, f"item {i}: invalid UTF-8 at byte 0 (byte that never appears in UTF-8)") for i in range(40)]


def test_the_gil_is_released(corpus):
    """While one thread is in the library, another keeps running Python code."""
    big = corpus * 20
    done = threading.Event()
    ticks = 0

    def work():
        for _ in range(3):
            at.find_duplicates(big, threads=1)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks += 1
    worker.join()
    assert ticks > 10_000


def _child(texts):
    return at.find_duplicates(texts, threads=2).records()


def test_after_fork(corpus):
    expected = at.find_duplicates(corpus, threads=2).records()  # the parent's threads exist before the fork
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        assert pool.map(_child, [corpus, corpus]) == [expected, expected]
