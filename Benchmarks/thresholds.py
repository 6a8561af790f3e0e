"""The stored thresholds of the benchmark gate (Benchmarks/gate), per corpus
folder Thresholds/<corpus>/:

* malloc counts: one JSON file per benchmark, `<Target>.<name>.p90.json`,
  as package-benchmark's `thresholds check` reads them:
  {"mallocCountTotal": count}, the p90 of the run that stored it;
* times: `speed.json`, {"<Target>.<name>": wall clock of the fastest
  iteration, in microseconds}. The fastest iteration, not the p90: on a
  shared machine other work only ever adds time, so the minimum moves least
  between runs while a slower kernel still moves it (see README.md, "The gate").

    python3 thresholds.py merge FRESH STORED METRICS
        copy METRICS (comma-separated) from the files package-benchmark wrote
        in FRESH into those in STORED, keeping the other gated metric; prints
        each change
    python3 thresholds.py coverage LOG STORED METRICS
        exit 1, naming them, when a benchmark the check in LOG ran has no
        stored value for one of METRICS (package-benchmark skips those silently)
    python3 thresholds.py speed-update FRESH STORED
    python3 thresholds.py speed-check FRESH STORED TOLERANCE
        from the percentile files package-benchmark wrote in FRESH
        (--format histogramPercentiles): store each benchmark's fastest wall
        clock in STORED/speed.json, or compare with it and exit 1 when one is
        more than TOLERANCE percent slower or has no stored time

Baselines that are not ours (`baseline.*`: memcpy, ICU) are never stored.
Exit status: 0 done, 1 a missing threshold or unreadable file, 2 usage.
"""

import json
import os
import re
import sys

GATED = ('mallocCountTotal',)
SPEED_FILE = 'speed.json'
WALL_CLOCK_FILE = re.compile(r'^[^.]+\.(\w+Benchmarks)\.(.+)\.wallClock\.histogram\.percentiles\.tsv$')
UNITS = {'ns': 1e-3, 'μs': 1, 'us': 1, 'ms': 1e3, 's': 1e6}
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


def describe(value):
    return 'none' if value is None else f'{value:,}'


def merge(fresh, stored, metrics):
    names = sorted(n for n in os.listdir(fresh) if n.endswith(SUFFIX) and is_ours(n[:-len(SUFFIX)]))
    if not names:
        sys.exit(f'thresholds: the run wrote no threshold files in {fresh}'
                 ' (a --filter must match a whole benchmark name, as in \'minhash.*\')')
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
            changes.append(f'{metric} {describe(before)} -> {describe(counts[metric])}{change}')
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


def fastest_wall_clocks(fresh):
    """{"Target.name": wall clock of the fastest iteration in microseconds} of our benchmarks in FRESH."""
    times = {}
    for file_name in sorted(os.listdir(fresh)):
        match = WALL_CLOCK_FILE.match(file_name)
        if not match or not is_ours(f'{match.group(1)}.{match.group(2)}'):
            continue
        with open(os.path.join(fresh, file_name), encoding='utf-8') as file:
            lines = file.read().splitlines()
        unit = re.search(r'\((ns|μs|us|ms|s)\)', lines[0])
        scale = UNITS.get(unit.group(1) if unit else '')
        if scale is None or len(lines) < 2 or not lines[1].startswith('0\t'):
            sys.exit(f'thresholds: cannot read the wall clock of {file_name}: {lines[:2]}')
        times[f'{match.group(1)}.{match.group(2)}'] = round(float(lines[1].split('\t')[1]) * scale)
    if not times:
        sys.exit(f'thresholds: the run wrote no wall clock percentiles in {fresh}')
    return times


def load_speed(stored):
    path = os.path.join(stored, SPEED_FILE)
    if not os.path.exists(path):
        return {}
    return load(path)


def speed_update(fresh, stored):
    times = fastest_wall_clocks(fresh)
    speeds = load_speed(stored)
    for name, micros in sorted(times.items()):
        before = speeds.get(name)
        change = f' ({100 * micros / before - 100:+.1f}%)' if before else ''
        print(f'  {name}: fastest {before / 1e3 if before else 0:.2f} ms -> {micros / 1e3:.2f} ms{change}')
        speeds[name] = micros
    path = os.path.join(stored, SPEED_FILE)
    with open(path + '.tmp', 'w', encoding='utf-8') as file:
        json.dump(speeds, file, indent=2, sort_keys=True)
        file.write('\n')
    os.replace(path + '.tmp', path)


def speed_check(fresh, stored, tolerance):
    times = fastest_wall_clocks(fresh)
    speeds = load_speed(stored)
    failed = []
    print(f'{"benchmark":<48} {"stored":>10} {"this run":>10} {"change":>8}  (fastest iteration, ms)')
    for name, micros in sorted(times.items()):
        before = speeds.get(name)
        if not before:
            print(f'{name:<48} {"none":>10} {micros / 1e3:>10.2f} {"":>8}  NO STORED TIME')
            failed.append(name)
            continue
        change = 100 * micros / before - 100
        verdict = 'SLOWER' if change > tolerance else ('faster' if change < -tolerance else 'ok')
        print(f'{name:<48} {before / 1e3:>10.2f} {micros / 1e3:>10.2f} {change:>+7.1f}%  {verdict}')
        if change > tolerance:
            failed.append(name)
    return 1 if failed else 0


def main(arguments):
    if len(arguments) in (3, 4) and arguments[0] in ('speed-update', 'speed-check'):
        if arguments[0] == 'speed-update' and len(arguments) == 3:
            speed_update(arguments[1], arguments[2])
            return 0
        if arguments[0] == 'speed-check' and len(arguments) == 4:
            try:
                tolerance = float(arguments[3])
            except ValueError:
                tolerance = -1
            if tolerance < 0:
                print('thresholds: TOLERANCE must be a percentage', file=sys.stderr)
                return 2
            return speed_check(arguments[1], arguments[2], tolerance)
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
