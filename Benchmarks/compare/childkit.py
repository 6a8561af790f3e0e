"""What every measured Python child shares: its job, a registry of runners,
and the readers and writers of the benchmark's files.

A child is started as `python child.py RUNNER JOB.json`; the job names its
inputs, its output file and its settings. The runner writes its output and
returns a dict holding at least `kernel_seconds`; the child writes that dict
as JSON to the job's report file for the driver.
"""
import json
from dataclasses import dataclass

RUNNERS = {}


def register(name):
    """Decorator: makes a function the runner called `name`."""
    def add(function):
        if name in RUNNERS:
            raise ValueError(f'runner {name} registered twice')
        RUNNERS[name] = function
        return function
    return add


@dataclass
class Job:
    """What one child is asked to do."""
    inputs: dict
    output: str
    report: str
    settings: dict

    def input(self, name):
        return self.inputs[name]

    def setting(self, name, default=None):
        return self.settings.get(name, default)


def load_documents(path):
    """[(id, content)] from a JSON Lines file of {"id", "content"} objects."""
    documents = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            record = json.loads(line)
            documents.append((record['id'], record['content']))
    return documents


def write_documents(path, documents):
    """Writes [(id, content)] as JSON Lines, as `arabic-text normalize` does."""
    with open(path, 'w', encoding='utf-8') as out:
        for identifier, text in documents:
            out.write(json.dumps({'id': identifier, 'content': text}, ensure_ascii=False))
            out.write('\n')


def load_lines(path):
    """The lines of a UTF-8 text file, without their line feeds."""
    with open(path, encoding='utf-8') as f:
        return f.read().split('\n')[:-1]


def load_term_documents(path):
    """[(id, terms joined by spaces)] from `arabic-text terms --format jsonl` output."""
    documents = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            record = json.loads(line)
            documents.append((record['id'], ' '.join(record['terms'])))
    return documents


def write_labels(path, labels):
    """One group label per line, in document order (for duplicate groups and clusters)."""
    with open(path, 'w', encoding='utf-8') as out:
        out.write('\n'.join(str(int(label)) for label in labels))
        out.write('\n')


def groups_from_pairs(count, pairs):
    """Connected components of the graph on `count` nodes with edges `pairs`:
    one label per node, the smallest node of its component."""
    parent = list(range(count))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(count)]
