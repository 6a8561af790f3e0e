"""The stored thresholds of the benchmark gate (Benchmarks/gate), one JSON
file per benchmark, `<Target>.<name>.p90.json`, as package-benchmark reads
them: {"wallClock": nanoseconds, "mallocCountTotal": count}, each the p90 of
the run that stored it.

    python3 thresholds.py merge FRESH STORED METRICS
        copy METRICS (comma-separated) from the files package-benchmark wrote
        in FRESH into those in STORED, keeping the other gated metric; prints
        each change
    python3 thresholds.py coverage LOG STORED METRICS
        exit 1, naming them, when a benchmark the check in LOG ran has no
        stored value for one of METRICS (package-benchmark skips those silently)

Baselines that are not ours (`baseline.*`: memcpy, ICU) are never stored.
Exit status: 0 done, 1 a missing threshold or unreadable file, 2 usage.
"""

import json
import os
import re
import sys

GATED = ('wallClock', 'mallocCountTotal')
SUFFIX = '.p90.json'


def is_ours(benchmark):
    """Whether `Target.name` is one of our stages rather than a baseline."""
    return not benchmark.split('.', 1)[1].startswith('baseline.')


def load(path):
    try:
        with open(path, encoding='utf-8') as file:
            values = json.load(file)
    except (OSError, ValueError) as error:
        sys.exit(f'thresholds: cannot read {path}: {error}')
    if not isinstance(values, dict) or not all(isinstance(v, int) for v in values.values()):
        sys.exit(f'thresholds: {path} is not an object of whole numbers')
    return values


def describe(metric, value):
    if value is None:
        return 'none'
    return f'{value / 1e6:.1f} ms' if metric == 'wallClock' else f'{value:,}'


def merge(fresh, stored, metrics):
    names = sorted(n for n in os.listdir(fresh) if n.endswith(SUFFIX) and is_ours(n[:-len(SUFFIX)]))
    if not names:
        sys.exit(f'thresholds: the run wrote no threshold files in {fresh}')
    for name in names:
        counts = load(os.path.join(fresh, name))
        path = os.path.join(stored, name)
        merged = {k: v for k, v in (load(path) if os.path.exists(path) else {}).items() if k in GATED}
        changes = []
        for metric in metrics:
            if metric not in counts:
                sys.exit(f'thresholds: {name} in the run has no {metric}')
            before = merged.get(metric)
            merged[metric] = counts[metric]
            change = '' if not before else f' ({100 * counts[metric] / before - 100:+.1f}%)'
            changes.append(f'{metric} {describe(metric, before)} -> {describe(metric, counts[metric])}{change}')
        temporary = path + '.tmp'
        with open(temporary, 'w', encoding='utf-8') as file:
            json.dump(merged, file, indent=2, sort_keys=True)
            file.write('\n')
        os.replace(temporary, path)
        print(f'  {name[:-len(SUFFIX)]}: ' + '; '.join(changes))


def coverage(log, stored, metrics):
    with open(log, encoding='utf-8', errors='replace') as file:
        text = file.read()
    listed = re.search(r'Checking \[(.*?)\]', text, re.S)
    if not listed:
        print('thresholds: the check did not list its benchmarks', file=sys.stderr)
        return 1
    missing = []
    for entry in re.findall(r'"([^"]+)"', listed.group(1)):
        target, _, name = entry.partition(':')
        benchmark = f'{target}.{name}'
        if not is_ours(benchmark):
            continue
        path = os.path.join(stored, benchmark + SUFFIX)
        values = load(path) if os.path.exists(path) else {}
        missing += [f'{benchmark} ({metric})' for metric in metrics if metric not in values]
    if missing:
        print('thresholds: no stored threshold for ' + ', '.join(missing), file=sys.stderr)
        return 1
    return 0


def main(arguments):
    if len(arguments) != 4 or arguments[0] not in ('merge', 'coverage'):
        print(__doc__, file=sys.stderr)
        return 2
    command, first, stored, metrics = arguments
    metrics = metrics.split(',')
    if any(m not in GATED for m in metrics):
        print(f'thresholds: the gated metrics are {", ".join(GATED)}', file=sys.stderr)
        return 2
    if command == 'merge':
        merge(first, stored, metrics)
        return 0
    return coverage(first, stored, metrics)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
