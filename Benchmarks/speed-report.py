#!/usr/bin/env python3
"""Our own speed figures, all from one run of the suite, for BENCHMARKS.md.

    Benchmarks/speed-report.py run [--documents N|all] [--filter REGEX] [--page PATH]
        runs the whole suite (swift package benchmark, release build) on
        SaudiNewsNet (all 31,030 articles unless --documents says otherwise),
        writes Benchmarks/Results/latest.json (every benchmark's percentiles,
        the machine, the date, the commit), then renders as below
    Benchmarks/speed-report.py render [--page PATH]
        from Benchmarks/Results/latest.json only: writes the chart
        Benchmarks/Results/speed.svg and replaces the page's block between
        <!-- speed-report:begin --> and <!-- speed-report:end --> with the
        run's conditions and table (the page: BENCHMARKS.md at the root of
        the checkout unless --page says otherwise)

`Benchmarks/compare/run` runs it as one of its steps, so that the page's
figures, ours and the peers', come from one run.

Nothing is typed by hand: the chart and the table are computed from the
results file, which a run writes. Exit status: 0 done, 1 the run failed or a
file is missing or malformed, 2 usage.
"""

import argparse
import datetime
import html
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS = os.path.join(HERE, 'Results', 'latest.json')
CHART = os.path.join(HERE, 'Results', 'speed.svg')
PAGE = os.path.join(ROOT, 'BENCHMARKS.md')
BEGIN, END = '<!-- speed-report:begin -->', '<!-- speed-report:end -->'

# What each benchmark measures, in the page's words; the order of the table.
STAGES = [
    ('TextBenchmarks', 'utf8-validation', 'UTF-8 validation of the corpus text', 1),
    ('TextBenchmarks', 'normalize.search', 'normalization, search preset', 1),
    ('TextBenchmarks', 'normalize.lucene', 'normalization, Lucene preset', 1),
    ('TextBenchmarks', 'normalize.light', 'normalization, light preset', 1),
    ('TextBenchmarks', 'normalize.none', 'normalization with no rule (validation and copy)', 1),
    ('TextBenchmarks', 'tokenize', 'tokenization (tokens with byte offsets)', 1),
    ('TextBenchmarks', 'read.jsonl', 'reading the JSON Lines file into documents', 2),
    ('TextBenchmarks', 'read.jsonl.1-thread', 'reading the JSON Lines file into documents', 1),
    ('StemmingBenchmarks', 'stem.lucene', 'Lucene light stemming (with its normalizer), every Arabic word', 1),
    ('StemmingBenchmarks', 'stem.snowball', 'Snowball Arabic stemming, every Arabic word', 1),
    ('StemmingBenchmarks', 'stem.isri', 'ISRI stemming, every Arabic word', 1),
    ('StemmingBenchmarks', 'analyze.search-lucene', 'analysis chain: tokenize, normalize, stop words, stem', 1),
    ('FeatureBenchmarks', 'ngrams.word-1-2', 'word (1,2) n-grams of the analysed terms', 1),
    ('FeatureBenchmarks', 'ngrams.char_wb-3-5', 'char_wb (3,5) n-grams of the terms', 1),
    ('FeatureBenchmarks', 'tfidf.fit.word-1-2', 'TF-IDF fit, word (1,2), analysis included', 2),
    ('FeatureBenchmarks', 'tfidf.transform.word-1-2', 'TF-IDF transform, word (1,2)', 2),
    ('FeatureBenchmarks', 'tfidf.fit.char_wb-3-5', 'TF-IDF fit, char_wb (3,5)', 2),
    ('FeatureBenchmarks', 'tfidf.transform.char_wb-3-5', 'TF-IDF transform, char_wb (3,5)', 2),
    ('FeatureBenchmarks', 'tfidf.fit-transform.word-1-2', 'TF-IDF fit and transform in one call, word (1,2)', 2),
    ('FeatureBenchmarks', 'tfidf.fit-transform.char_wb-3-5', 'TF-IDF fit and transform in one call, char_wb (3,5)', 2),
    ('FeatureBenchmarks', 'allpairs.cosine-0.5', 'all pairs with cosine >= 0.5, word (1,2) matrix', 2),
    ('DuplicateBenchmarks', 'minhash.signatures.1-thread', 'MinHash signatures, 5-shingles, 128 values', 1),
    ('DuplicateBenchmarks', 'minhash.signatures.2-threads', 'MinHash signatures, 5-shingles, 128 values', 2),
    ('DuplicateBenchmarks', 'lsh.query', 'LSH index lookups (2,000 documents against the corpus)', 1),
    ('DuplicateBenchmarks', 'dedup.j0.8-5-shingles', 'texts to verified duplicate groups, J 0.8, 5-shingles', 2),
    ('DuplicateBenchmarks', 'dedup.defaults', 'texts to verified duplicate groups, defaults', 2),
    ('DuplicateBenchmarks', 'repeated-lines', 'exact and near repeated lines', 2),
    ('ClusterBenchmarks', 'cluster.texts.average', 'clustering from texts, `cluster` defaults', 2),
    ('ClusterBenchmarks', 'cluster.linkage.average', 'average linkage alone, from the cosine graph', 2),
    ('ClusterBenchmarks', 'cluster.linkage.components', 'connected components alone, from the graph', 2),
]
BASELINES = [
    ('TextBenchmarks', 'baseline.memcpy', 'memcpy of the corpus text (baseline)'),
    ('TextBenchmarks', 'baseline.icu-nfkc', 'ICU NFKC normalization (baseline)'),
    ('TextBenchmarks', 'baseline.icu-word-break', 'ICU word break (baseline)'),
]
THROUGHPUT_UNITS = ('MB/s', 'tokens/s', 'terms/s', 'documents/s', 'queries/s')


def fail(message):
    print(f'speed-report: {message}', file=sys.stderr)
    sys.exit(1)


def command_output(arguments, cwd=ROOT):
    try:
        return subprocess.run(arguments, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine():
    """The facts of this machine and checkout that a reader needs to weigh the figures."""
    cpu = 'unknown CPU'
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as file:
            for line in file:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    memory = None
    try:
        with open('/proc/meminfo', encoding='utf-8') as file:
            memory = int(file.readline().split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    system = platform.platform()
    try:
        with open('/etc/os-release', encoding='utf-8') as file:
            fields = dict(line.rstrip('\n').split('=', 1) for line in file if '=' in line)
        system = fields.get('PRETTY_NAME', system).strip('"') + ', Linux ' + platform.release()
    except OSError:
        pass
    swift = command_output(['swift', '--version']) or ''
    return {
        'cpu': cpu,
        'processors': os.cpu_count(),
        'memory_bytes': memory,
        'system': system,
        'swift': swift.splitlines()[0] if swift else 'unknown',
        'commit': command_output(['git', 'rev-parse', '--short=12', 'HEAD']),
        'uncommitted_changes': bool(command_output(['git', 'status', '--porcelain', '--', 'Sources', 'Benchmarks/Benchmarks', 'Benchmarks/Sources'])),
    }


def split_metric(header):
    """(metric, unit) of a percentile file's header such as 'Malloc (total) (K) *'
    (package-benchmark marks some metrics with '*'; K, M, G scale counts)."""
    header = re.sub(r'\s*\*$', '', header)
    match = re.match(r'^(.*) \((ns|μs|us|ms|s|K|M|G)\)$', header)
    return (match.group(1), match.group(2)) if match else (header, '')


SCALE = {'': 1, 'K': 1e3, 'M': 1e6, 'G': 1e9}


def parse_percentiles(folder):
    """Every `<baseline>.<Target>.<name>.<metric>.histogram.percentiles.tsv`
    that package-benchmark wrote: {(target, name): {metric: {unit, p0, p50, p90, p100}}}."""
    results = {}
    pattern = re.compile(r'^[^.]+\.(\w+Benchmarks)\.(.+)\.([^.]+)\.histogram\.percentiles\.tsv$')
    for file_name in sorted(os.listdir(folder)):
        match = pattern.match(file_name)
        if not match:
            continue
        target, name, _ = match.groups()
        with open(os.path.join(folder, file_name), encoding='utf-8') as file:
            lines = file.read().splitlines()
        metric, unit = split_metric(lines[0].split('\t', 1)[1])
        values = {int(p): float(v) for p, v in (line.split('\t') for line in lines[1:])}
        results.setdefault((target, name), {})[metric] = {
            'unit': unit, 'p0': values[0], 'p50': values[50], 'p90': values[90], 'p100': values[100],
        }
    return results


def run(arguments):
    environment = dict(os.environ)
    environment['ARABICTEXT_BENCH_DOCUMENTS'] = arguments.documents
    environment.pop('ARABICTEXT_BENCH_MALLOCS_ONLY', None)
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        command = ['swift', 'package', '--allow-writing-to-package-directory', 'benchmark', 'run',
                   '--format', 'histogramPercentiles', '--path', folder, '--no-progress']
        if arguments.filter:
            command += ['--filter', arguments.filter]
        print('speed-report: ' + ' '.join(command), file=sys.stderr)
        completed = subprocess.run(command, cwd=HERE, env=environment, capture_output=True, text=True)
        corpus_lines = sorted(set(re.findall(r'^corpus: .* documents, \d+ bytes of text$', completed.stdout, re.M)))
        if completed.returncode != 0:
            sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
            fail(f'the benchmark run failed (exit status {completed.returncode})')
        results = parse_percentiles(folder)
    if not results:
        fail('the run wrote no results')
    finished = datetime.datetime.now(datetime.timezone.utc)
    sizes = {(int(d), int(b)) for d, b in re.findall(r'(\d+) documents, (\d+) bytes of text', ' '.join(corpus_lines))}
    if len(sizes) != 1:
        fail(f'the benchmarks did not agree on one corpus: {corpus_lines}')
    (document_count, text_bytes), = sizes
    document = {
        'command': 'Benchmarks/speed-report.py run' + (f' --documents {arguments.documents}' if arguments.documents != 'all' else '')
                   + (f' --filter {arguments.filter}' if arguments.filter else ''),
        'started': started.strftime('%Y-%m-%d %H:%M UTC'),
        'minutes': round((finished - started).total_seconds() / 60, 1),
        'load_average_start_end': [round(load_before, 1), round(os.getloadavg()[0], 1)],
        'corpus': corpus_lines,
        'corpus_documents': document_count,
        'corpus_text_bytes': text_bytes,
        'machine': machine(),
        'benchmarks': [
            {'target': target, 'name': name, 'metrics': metrics}
            for (target, name), metrics in sorted(results.items())
        ],
    }
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    temporary = RESULTS + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as file:
        json.dump(document, file, indent=1, sort_keys=True, ensure_ascii=False)
        file.write('\n')
    os.replace(temporary, RESULTS)
    print(f'speed-report: wrote {os.path.relpath(RESULTS, ROOT)} ({len(results)} benchmarks, '
          f'{document["minutes"]} minutes)', file=sys.stderr)
    render(arguments.page)


def load_results():
    try:
        with open(RESULTS, encoding='utf-8') as file:
            document = json.load(file)
        benchmarks = {(b['target'], b['name']): b['metrics'] for b in document['benchmarks']}
        document['machine']['cpu']
    except (OSError, ValueError, KeyError, TypeError) as error:
        fail(f'cannot read {RESULTS}: {error} (run "Benchmarks/speed-report.py run" first)')
    return document, benchmarks


def throughput_of(metrics):
    """The benchmark's throughput metric: (name, median in its unit)."""
    for unit in THROUGHPUT_UNITS:
        if unit in metrics:
            scale = SCALE.get(metrics[unit]['unit'])
            if scale is None:
                fail(f'unknown scale {metrics[unit]["unit"]!r} of {unit}')
            return unit, metrics[unit]['p50'] * scale
    fail('a benchmark has no throughput metric: ' + ', '.join(metrics))


def wall_seconds(metrics):
    """The wall clock's median, min and max in seconds."""
    wall = metrics.get('Time (wall clock)')
    if not wall:
        fail('a benchmark has no wall clock')
    scale = {'ns': 1e-9, 'μs': 1e-6, 'us': 1e-6, 'ms': 1e-3, 's': 1}.get(wall['unit'])
    if scale is None:
        fail(f'unknown wall clock unit {wall["unit"]!r}')
    return tuple(wall[p] * scale for p in ('p50', 'p0', 'p100'))


def human_time(seconds):
    if seconds < 1e-3:
        return f'{seconds * 1e6:.0f} µs'
    if seconds < 1:
        return f'{seconds * 1e3:.3g} ms'
    return f'{seconds:.3g} s'


def human_rate(value, unit):
    for scale, prefix in ((1e9, 'G'), (1e6, 'M'), (1e3, 'K')):
        if unit != 'MB/s' and value >= scale:
            return f'{value / scale:.3g} {prefix} {unit}'
    if unit == 'MB/s' and value >= 1000:
        return f'{value / 1000:.3g} GB/s'
    return f'{value:.3g} {unit}'


def memory_text(metrics):
    memory = metrics.get('Memory (resident peak)')
    if not memory or memory['unit'] not in SCALE:
        return '—'
    return f'{memory["p50"] * SCALE[memory["unit"]] / 1e6:,.0f} MB'


def malloc_text(metrics):
    """The median malloc count of a full run (the peak-memory sampler's included), as it was recorded."""
    mallocs = metrics.get('Malloc (total)')
    if not mallocs or mallocs['unit'] not in SCALE:
        return '—'
    return f'{mallocs["p50"]:,.0f}' + (f' {mallocs["unit"]}' if mallocs['unit'] else '')


def rows(benchmarks):
    """(label, threads, median s, min s, max s, rate, unit, mallocs, memory, is baseline) per benchmark run."""
    table = []
    for target, name, label, threads in STAGES:
        metrics = benchmarks.get((target, name))
        if metrics is None:
            continue
        unit, rate = throughput_of(metrics)
        table.append((f'`{name}`', label, threads, *wall_seconds(metrics), rate, unit,
                      malloc_text(metrics), memory_text(metrics), False))
    for target, name, label in BASELINES:
        metrics = benchmarks.get((target, name))
        if metrics is None:
            continue
        unit, rate = throughput_of(metrics)
        table.append((f'`{name}`', label, 1, *wall_seconds(metrics), rate, unit, '—', memory_text(metrics), True))
    missing = [f'{t}.{n}' for t, n, _, _ in STAGES if (t, n) not in benchmarks]
    if missing:
        print('speed-report: not in this run: ' + ', '.join(missing), file=sys.stderr)
    return table


def chart(document, table):
    """A horizontal bar chart, log scale: the corpus text's megabytes over each
    stage's median wall time, ours in blue, the baselines in grey."""
    corpus_bytes = document.get('corpus_text_bytes')
    entries = [(r[0].strip('`'), r[3], r[10]) for r in table if not r[0].startswith('`lsh.')]
    bars = [(name, corpus_bytes / 1e6 / seconds, baseline) for name, seconds, baseline in entries if seconds > 0]
    bars.sort(key=lambda bar: -bar[1])
    width, left, right, top, row = 760, 230, 90, 64, 20
    height = top + row * len(bars) + 40
    low = 10 ** math.floor(math.log10(min(b[1] for b in bars)))
    high = 10 ** math.ceil(math.log10(max(b[1] for b in bars)))
    span = math.log10(high) - math.log10(low)

    def x(value):
        return left + (width - left - right) * (math.log10(value) - math.log10(low)) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="10" y="20" font-size="14" font-weight="bold">ArabicText, each stage over SaudiNewsNet '
        f'({corpus_bytes / 1e6:.0f} MB of text): MB of text per second</text>',
        f'<text x="10" y="38" fill="#555">{html.escape(document["started"])}, {html.escape(document["machine"]["cpu"])}, '
        f'{document["machine"]["processors"]} processors; median of each benchmark; log scale; grey: baselines that are not ours</text>',
    ]
    decade = low
    while decade <= high * 1.0001:
        position = x(decade)
        parts.append(f'<line x1="{position:.1f}" y1="{top - 6}" x2="{position:.1f}" y2="{top + row * len(bars)}" stroke="#ddd"/>')
        label = f'{decade:g}' if decade < 1e4 else f'{decade:.0e}'.replace('e+0', 'e')
        parts.append(f'<text x="{position:.1f}" y="{top + row * len(bars) + 16}" text-anchor="middle" fill="#555">{label}</text>')
        decade *= 10
    for index, (name, value, baseline) in enumerate(bars):
        y = top + row * index
        colour = '#9a9a9a' if baseline else '#2f6db5'
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{html.escape(name)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{max(1.0, x(value) - left):.1f}" height="{row - 6}" fill="{colour}"/>')
        parts.append(f'<text x="{x(value) + 4:.1f}" y="{y + 13}" fill="#333">{value:,.0f}</text>')
    parts.append(f'<text x="10" y="{height - 6}" fill="#555">MB of corpus text / median wall time; '
                 'Benchmarks/speed-report.py from Benchmarks/Results/latest.json</text>')
    parts.append('</svg>')
    return '\n'.join(parts) + '\n'


def corpus_text(document):
    """The input in words: which articles and how much text."""
    match = re.search(r'corpus: (\S+?),', ' '.join(document.get('corpus', [])))
    name = match.group(1) if match else 'unknown'
    source = 'SaudiNewsNet articles' if name.startswith('saudinewsnet') else 'repeated seed articles'
    first = 'the first ' if '-first-' in name else ''
    return (f'{first}{document["corpus_documents"]:,} {source}, '
            f'{document["corpus_text_bytes"] / 1e6:.1f} MB of text (corpus `{name}`)')


def markdown(document, table):
    machine = document['machine']
    memory = f', {machine["memory_bytes"] / 2**30:.1f} GiB' if machine.get('memory_bytes') else ''
    dirty = ' with uncommitted changes' if machine.get('uncommitted_changes') else ''
    load = document.get('load_average_start_end') or ['?', '?']
    lines = [
        BEGIN,
        '',
        f'One run of `{document["command"]}` on {document["started"]} ({document["minutes"]} minutes): '
        f'{machine["cpu"]}, {machine["processors"]} processors{memory}, {machine["system"]}, {machine["swift"]}, '
        f'commit {machine["commit"]}{dirty}; load average {load[0]} at the start and {load[1]} at the end '
        f'(the machine is shared). Input: {corpus_text(document)}.',
        '',
        '![Each stage of ArabicText over SaudiNewsNet, MB of text per second](Benchmarks/Results/speed.svg)',
        '',
        '| benchmark | what | threads | wall time, median (min–max) | throughput (median) | mallocs (median)¹ | peak memory |',
        '|---|---|---|---|---|---|---|',
    ]
    for name, label, threads, median, low, high, rate, unit, mallocs, memory_cell, _ in table:
        lines.append(f'| {name} | {label} | {threads} | {human_time(median)} ({human_time(low)}–{human_time(high)}) '
                     f'| {human_rate(rate, unit)} | {mallocs} | {memory_cell} |')
    lines += ['', '¹ In a full run the count includes package-benchmark\'s peak-memory sampler (about one malloc a '
              'millisecond); the exact counts of the gate come from malloc-only runs: `Benchmarks/check-mallocs`.',
              '', END]
    return '\n'.join(lines)


def render(page):
    document, benchmarks = load_results()
    table = rows(benchmarks)
    if not table:
        fail("none of the page's benchmarks is in the results")
    if not isinstance(document.get('corpus_text_bytes'), int) or document['corpus_text_bytes'] <= 0:
        fail('the results do not give the corpus size (corpus_text_bytes)')
    with open(CHART, 'w', encoding='utf-8') as file:
        file.write(chart(document, table))
    if not page:
        print(f'speed-report: wrote {os.path.relpath(CHART, ROOT)}', file=sys.stderr)
        return
    try:
        with open(page, encoding='utf-8') as file:
            text = file.read()
    except OSError as error:
        fail(f'cannot read {page}: {error}')
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        fail(f'{page} must hold one {BEGIN} ... {END} block')
    start, end = text.index(BEGIN), text.index(END) + len(END)
    temporary = page + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as file:
        file.write(text[:start] + markdown(document, table) + text[end:])
    os.replace(temporary, page)
    print(f'speed-report: wrote {os.path.relpath(CHART, ROOT)} and the speed table of {os.path.relpath(page)}',
          file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    commands = parser.add_subparsers(dest='command', required=True)
    run_parser = commands.add_parser('run')
    run_parser.add_argument('--documents', default='all')
    run_parser.add_argument('--filter')
    render_parser = commands.add_parser('render')
    for sub in (run_parser, render_parser):
        sub.add_argument('--page', default=PAGE, help='the Markdown page whose speed-report block is replaced '
                                                      '(default: BENCHMARKS.md at the root of the checkout; '
                                                      'an empty string: the chart only)')
    arguments = parser.parse_args()
    if arguments.command == 'run':
        if arguments.documents != 'all' and not re.fullmatch(r'[1-9][0-9]*', arguments.documents):
            parser.error(f"--documents must be a positive whole number or 'all', not {arguments.documents!r}")
        run(arguments)
    else:
        render(arguments.page)


if __name__ == '__main__':
    main()
