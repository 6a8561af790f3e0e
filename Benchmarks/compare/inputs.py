"""The inputs every side reads, made once per run before anything is timed.

All of them come from SaudiNewsNet's JSON Lines file:
  * documents.jsonl: the first N articles as {"id", "content"} (the input of
    every task that starts from text);
  * words.txt: the Arabic words of those articles, one per line, in order
    (the stemmers' input), cut to a word budget;
  * terms-*.jsonl: our analysis of the documents (`arabic-text terms`), the
    input that makes scikit-learn's features identical to ours;
  * dedup-words.txt: the words our `dedup` shingles (the text normalized
    with the search preset, then tokenized, punctuation dropped), one
    document per line, for the kernel-only duplicate runs;
  * the first articles up to a cap (with their terms), for the tasks whose
    peers are too slow or too big for the whole corpus (TF-IDF: minutes per
    run in scikit-learn's Python analyzers; AgglomerativeClustering: a dense
    n x n matrix), and a sample for the TF-IDF weight check.
"""
import json
import os
import re
import subprocess
from dataclasses import dataclass, field

ARABIC_WORD = re.compile('[\u0621-\u064A\u064B-\u065F\u0670-\u06D3\u0640]+')


class InputError(Exception):
    """The corpus is missing or unreadable."""


@dataclass
class Inputs:
    """Paths and sizes of the prepared inputs."""
    folder: str
    documents: str = ''
    document_count: int = 0
    text_bytes: int = 0
    words: str = ''
    word_count: int = 0
    terms: dict = field(default_factory=dict)
    dedup_words: str = ''
    capped: dict = field(default_factory=dict)
    sample: dict = field(default_factory=dict)

    def path(self, name):
        return os.path.join(self.folder, name)


def default_corpus(root):
    """$SAUDINEWSNET_DIR/saudinewsnet.jsonl, else ../shared/corpora/saudinewsnet/ next to the checkout."""
    folder = os.environ.get('SAUDINEWSNET_DIR') or os.path.join(root, '..', 'shared', 'corpora', 'saudinewsnet')
    return os.path.normpath(os.path.join(folder, 'saudinewsnet.jsonl'))


def _write_documents(path, records):
    with open(path, 'w', encoding='utf-8') as out:
        for identifier, content in records:
            out.write(json.dumps({'id': identifier, 'content': content}, ensure_ascii=False) + '\n')


def _run(binary, arguments, output_path):
    with open(output_path, 'wb') as out:
        result = subprocess.run([binary] + arguments, stdout=out, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise InputError(f'arabic-text {" ".join(arguments)} failed: {result.stderr.decode(errors="replace")[-800:]}')


def read_corpus(path, limit):
    """[(id, content)] of the first `limit` articles (all when None)."""
    if not os.path.isfile(path):
        raise InputError(f'SaudiNewsNet not found at {path} (set SAUDINEWSNET_DIR or pass --corpus); nothing measured')
    records = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if limit is not None and len(records) >= limit:
                break
            try:
                record = json.loads(line)
                records.append((str(record['id']), str(record['content'])))
            except (ValueError, KeyError) as error:
                raise InputError(f'{path}:{number}: not an article with "id" and "content": {error}')
    if not records:
        raise InputError(f'{path}: no articles')
    return records


def terms_arguments(stemmer=None):
    """`arabic-text terms` arguments for our default analysis (or another stemmer)."""
    arguments = ['terms', '--format', 'jsonl', '--text-field', 'content', '--id-field', 'id']
    if stemmer:
        arguments += ['--stemmer', stemmer]
    return arguments


def prepare(folder, corpus, binary, documents_limit, word_budget, cap, check_documents):
    """Writes every input into `folder` and returns their description."""
    os.makedirs(folder, exist_ok=True)
    inputs = Inputs(folder=folder)
    records = read_corpus(corpus, documents_limit)
    inputs.documents = inputs.path('documents.jsonl')
    _write_documents(inputs.documents, records)
    inputs.document_count = len(records)
    inputs.text_bytes = sum(len(content.encode('utf-8')) for _, content in records)

    words = []
    for _, content in records:
        words.extend(ARABIC_WORD.findall(content))
        if len(words) >= word_budget:
            break
    words = words[:word_budget]
    inputs.words = inputs.path('words.txt')
    with open(inputs.words, 'w', encoding='utf-8') as out:
        out.write('\n'.join(words) + '\n')
    inputs.word_count = len(words)

    for name, stemmer in (('word', None), ('unstemmed', 'none')):
        path = inputs.path(f'terms-{name}.jsonl')
        _run(binary, terms_arguments(stemmer) + [inputs.documents], path)
        inputs.terms[name] = path

    inputs.dedup_words = inputs.path('dedup-words.txt')
    normalized = inputs.path('dedup-normalized.jsonl')
    _run(binary, ['normalize', '--preset', 'search', '--text-field', 'content', '--id-field', 'id',
                  inputs.documents], normalized)
    tokens = inputs.path('dedup-tokens.txt')
    _run(binary, ['tokenize', '--text-field', 'content', '--id-field', 'id', normalized], tokens)
    with open(tokens, encoding='utf-8') as f, open(inputs.dedup_words, 'w', encoding='utf-8') as out:
        documents = split_token_output(f.read(), len(records))
        for token_list in documents:
            out.write(' '.join(t for t in token_list if any(c.isalnum() for c in t)) + '\n')
    os.remove(tokens)
    os.remove(normalized)

    count = min(cap, len(records))
    inputs.capped = {'count': count, 'documents': inputs.path('capped-documents.jsonl'), 'terms': {},
                     'text_bytes': sum(len(content.encode('utf-8')) for _, content in records[:count])}
    _write_documents(inputs.capped['documents'], records[:count])
    for name, stemmer in (('word', None), ('unstemmed', 'none')):
        path = inputs.path(f'capped-terms-{name}.jsonl')
        _run(binary, terms_arguments(stemmer) + [inputs.capped['documents']], path)
        inputs.capped['terms'][name] = path

    step = max(1, len(records) // check_documents)
    sample = records[::step][:check_documents]
    inputs.sample = {'count': len(sample), 'step': step, 'documents': inputs.path('sample-documents.jsonl'),
                     'terms': {}}
    _write_documents(inputs.sample['documents'], sample)
    for name, stemmer in (('word', None), ('unstemmed', 'none')):
        path = inputs.path(f'sample-terms-{name}.jsonl')
        _run(binary, terms_arguments(stemmer) + [inputs.sample['documents']], path)
        inputs.sample['terms'][name] = path
    return inputs


def split_token_output(text, document_count):
    """Token lists per document from `arabic-text tokenize` text output (one
    token per line, an empty line between documents)."""
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    documents = [[]]
    for line in lines:
        if line == '':
            documents.append([])
        else:
            documents[-1].append(line)
    while len(documents) < document_count:
        documents.append([])
    return documents
