"""BENCHMARKS.md and its charts, from one run's measurements and checks."""
import os

import measure

STATUS_MARK = {'same': '✅ same', 'differs': '❌ differs', 'n/a': 'n/a', 'not run': '—'}


def _seconds(value):
    if value is None:
        return '—'
    if value >= 100:
        return f'{value:.0f} s'
    if value >= 10:
        return f'{value:.1f} s'
    if value >= 1:
        return f'{value:.2f} s'
    return f'{value * 1000:.0f} ms'


def _ratio(value):
    if value is None:
        return '—'
    return f'{value:.0f}×' if value >= 100 else f'{value:.1f}×' if value >= 10 else f'{value:.2f}×'


def _memory(mb):
    if mb is None:
        return '—'
    return f'{mb / 1024:.1f} GB' if mb >= 1024 else f'{mb:.0f} MB'


def _throughput(task, amount, seconds):
    if not seconds:
        return None
    return amount / task.scale / seconds


def _format_throughput(value, unit):
    if value is None:
        return '—'
    digits = 0 if value >= 100 else 1 if value >= 10 else 2 if value >= 1 else 3
    return f'{value:.{digits}f} {unit}'


def ratios(task, series, runner):
    """(process ratio, kernel ratio): the peer's median process time and its median
    kernel time, each over the median process time of the ours runner it is compared to."""
    base = series.get(runner.baseline)
    mine = series.get(runner.key)
    if not base or not base.samples or not mine or not mine.samples:
        return None, None
    reference = base.median_wall()
    kernel = mine.median_kernel()
    return mine.median_wall() / reference, (kernel / reference if kernel is not None else None)


def headline(task, series):
    """The smallest kernel ratio over this task's peers (ours against its closest peer), and that peer."""
    best = None
    for runner in task.runners:
        if runner.side != 'peer':
            continue
        process, kernel = ratios(task, series, runner)
        value = kernel if kernel is not None else process
        if value is not None and (best is None or value < best[0]):
            best = (value, runner)
    return best


def table(task, series, skipped, outcome):
    lines = [
        '| runner | input | wall time, median (min–max) | throughput | kernel time | peak memory '
        '| × ours (process) | × ours (kernel) | same result |',
        '|---|---|---|---|---|---|---|---|---|',
    ]
    for runner in task.runners:
        label = f'**{runner.label}**' if runner.side == 'ours' and not runner.single_thread else runner.label
        if runner.key in skipped:
            lines.append(f'| {label} | {runner.input_label} | skipped: {skipped[runner.key]} | | | | | | |')
            continue
        run = series.get(runner.key)
        if not run or not run.samples:
            reason = run.error.splitlines()[0] if run and run.error else 'not run'
            lines.append(f'| {label} | {runner.input_label} | failed: {reason} | | | | | | |')
            continue
        walls = run.wall()
        wall = f'{_seconds(run.median_wall())} ({_seconds(min(walls))}–{_seconds(max(walls))}), {len(walls)} runs'
        throughput = _format_throughput(_throughput(task, runner.amount, run.median_wall()), task.unit)
        kernel = _seconds(run.median_kernel()) if run.median_kernel() is not None else '—'
        process, kernel_ratio = ratios(task, series, runner) if runner.baseline else (None, None)
        status, summary = outcome.statuses.get(runner.key, (None, '')) if outcome else (None, '')
        same = f'{STATUS_MARK.get(status, "")}: {summary}' if status and summary else STATUS_MARK.get(status, '')
        if runner.side == 'ours':
            same = same or 'reference'
        if run.error:
            same += f' (a later run failed: {run.error.splitlines()[0]})'
        lines.append(f'| {label} | {runner.input_label} | {wall} | {throughput} | {kernel} | '
                     f'{_memory(run.peak_mb())} | {_ratio(process)} | {_ratio(kernel_ratio)} | {same} |')
    return '\n'.join(lines)


def write_markdown(path, context, tasks, series_by_task, skipped_by_task, outcomes, charts, stages=False):
    machine = context.machine
    lines = [
        '# Benchmarks: ArabicText next to the tools people use today',
        '',
        f'Written by `{context.command_line}` on {context.started} '
        f'(the whole run, installs and build included, took {context.total_minutes:.1f} minutes). '
        'Every figure on this page comes from that one run on one machine; rerun the command to reproduce it '
        '(see `Benchmarks/compare/README.md`).',
        '',
        '## Machine',
        '',
        '| | |',
        '|---|---|',
        f'| CPU | {machine["cpu"]}, {machine["cores"]} cores |',
        f'| memory | {machine["memory"]} |',
        f'| system | {machine["os"]}, Linux {machine["kernel"]} |',
        f'| Swift | {machine["swift"]} |',
        f'| Python | {machine["python"]} |',
        f'| ours | {machine["arabic-text"]}, commit {machine["commit"]}, `swift build -c release` |',
        f'| load average (1 min) at start / end | {context.load_start} / {context.load_end} |',
        '',
        'The machine is shared: other work ran during the measurements, which is why every runner runs '
        'several times, alternating with the others of its task, and medians are shown with their range.',
        '',
        '## Versions',
        '',
        '| package | version | used for |',
        '|---|---|---|',
    ]
    for package in context.packages:
        version = context.versions.get(package.name)
        failure = context.install_status.get(package.name)
        shown = f'**not installed**: {failure}' if failure else (version or '**missing**')
        lines.append(f'| {package.name} | {shown} | {package.role} |')
    python_package = (f'{context.ours_python_version or "?"}, from this checkout\'s `python/`' if context.ours_python
                      else f'**not installed**: {context.ours_python_failure or "?"} (its rows are skipped)')
    lines += [f'| arabictext (ours, Python) | {python_package} | the "ours (Python)" rows |', '']
    if context.failed_installs:
        lines += ['**Peers that failed to install:** ' + '; '.join(context.failed_installs), '']
    lines += [
        '## How it is measured',
        '',
        f'* Input: the first {context.inputs.document_count:,} articles of SaudiNewsNet '
        f'({context.inputs.text_bytes / 1e6:.1f} MB of article text as UTF-8), written once as JSON Lines '
        '{"id", "content"}; every runner of a task reads the same file (or a file derived from it by '
        'our CLI before any timing: words, terms, normalized words).',
        f'* Each runner is its own child process: {context.repeats} run{"s" if context.repeats > 1 else ""} per '
        'runner, the runners of a task '
        'taking turns (run 1 of each, then run 2 of each, ...). Wall time is the whole process: start-up, '
        'reading, the work, writing its output.',
        f'* Peak memory is the child\'s maximum resident set size from the operating system: '
        f'{measure.MEMORY_SOURCE}.',
        '* Kernel time (Python peers): the peer\'s own work on data already in memory, without interpreter '
        'start-up, imports, reading or writing.',
        '* Ratios: a peer\'s median over the median of the ours row it is compared to (same input); above 1 '
        'ours is faster. "process" compares whole processes; "kernel" compares the peer\'s kernel time with '
        'our whole process (reading and writing included), which favours the peer.',
        f'* Ours uses all {machine["cores"]} cores by default; the "1 thread" rows show it on one core '
        '(most peers use one core; sparse_dot_topn and DBSCAN are given 2 threads).',
        '',
    ]
    summary = ['## Summary', '', '| task | ours | closest peer | × ours (kernel) | same result |',
               '|---|---|---|---|---|']
    for task in tasks:
        series = series_by_task[task.key]
        best = headline(task, series)
        ours = next((r for r in task.runners if r.side == 'ours' and not r.single_thread), None)
        ours_run = series.get(ours.key) if ours else None
        ours_cell = _format_throughput(_throughput(task, ours.amount, ours_run.median_wall()), task.unit) \
            if ours_run and ours_run.samples else '—'
        outcome = outcomes.get(task.key)
        states = [s for s, _ in outcome.statuses.values()] if outcome else []
        checked = f'{states.count("same")} same, {states.count("differs")} differ, {states.count("n/a")} n/a'
        if best:
            summary.append(f'| [{task.title}](#{_anchor(task.title)}) | {ours_cell} | {best[1].label} | '
                           f'{_ratio(best[0])} | {checked} |')
        else:
            summary.append(f'| {task.title} | {ours_cell} | — | — | {checked} |')
    lines += summary + ['']
    for chart in charts:
        lines += [f'![{chart[1]}]({os.path.basename(chart[0])})', '']
    for task in tasks:
        lines += [f'## {task.title}', '', task.description, '',
                  table(task, series_by_task[task.key], skipped_by_task[task.key], outcomes.get(task.key)), '']
        outcome = outcomes.get(task.key)
        if outcome and outcome.details:
            lines += [f'* {detail}' for detail in outcome.details] + ['']
    if stages:
        # Filled by `Benchmarks/speed-report.py render --page` from the suite's run in this same command.
        lines += ['## Our own stages', '',
                  'Each stage of the library alone, measured in this same run by the package-benchmark suite in '
                  '`Benchmarks/` (`Benchmarks/speed-report.py run`; single thread unless the table says 2), with '
                  'memcpy and ICU as baselines on the same input. Every stage has stored thresholds that a '
                  'regression gate checks (`Benchmarks/gate`, `Benchmarks/check-mallocs`; see '
                  '`Benchmarks/README.md`).', '',
                  '<!-- speed-report:begin -->', '<!-- speed-report:end -->', '']
    with open(path, 'w', encoding='utf-8') as out:
        out.write('\n'.join(lines))


def _anchor(title):
    keep = ''.join(c for c in title.lower() if c.isalnum() or c in ' -')
    return keep.replace(' ', '-')


def _chart_label(runner, usual_input):
    """A runner's label cut to fit, keeping what tells rows apart: "1 thread" and a different input."""
    suffix = ', 1 thread' if runner.single_thread else ''
    if runner.input_label != usual_input:
        suffix += f' [{runner.input_label}]'
    base = runner.label[:-len(', 1 thread')] if runner.single_thread else runner.label
    return _short(base, 62 - len(suffix)) + suffix


def _short(text, width):
    return text if len(text) <= width else text[:width - 1] + '…'


def write_charts(folder, prefix, tasks, series_by_task, skipped_by_task):
    """Two SVG charts: throughput of every runner per task (log scale), and
    our speed-up over every peer (kernel ratio, log scale). Returns [(path, title)]."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
    plt.rcParams['svg.fonttype'] = 'none'

    def log_axis(axis):
        axis.set_xscale('log')
        axis.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f'{value:g}'))
        axis.xaxis.set_minor_formatter(NullFormatter())
        axis.grid(axis='x', which='both', alpha=0.3)
    plt.rcParams['font.size'] = 8

    panels = []
    for task in tasks:
        series, skipped = series_by_task[task.key], skipped_by_task[task.key]
        rows = []
        for runner in task.runners:
            run = series.get(runner.key)
            if runner.key in skipped or not run or not run.samples:
                continue
            wall = _throughput(task, runner.amount, run.median_wall())
            kernel = _throughput(task, runner.amount, run.median_kernel()) if run.median_kernel() else None
            rows.append((runner, wall, kernel))
        if rows:
            panels.append((task, rows))
    paths = []
    if not panels:
        return paths
    height = sum(0.28 * len(rows) + 0.7 for _, rows in panels)
    figure, axes = plt.subplots(len(panels), 1, figsize=(9, height),
                                gridspec_kw={'height_ratios': [len(r) + 1.5 for _, r in panels]})
    if len(panels) == 1:
        axes = [axes]
    for axis, (task, rows) in zip(axes, panels):
        labels = [_chart_label(r, task.runners[0].input_label) for r, _, _ in rows]
        colors = ['#1f6f43' if r.side == 'ours' else '#7fb08f' if r.side == 'ours-python' else '#8a8a8a'
                  for r, _, _ in rows]
        positions = range(len(rows))
        axis.barh(positions, [w for _, w, _ in rows], color=colors)
        kernel_points = [(i, k) for i, (_, _, k) in enumerate(rows) if k]
        if kernel_points:
            axis.scatter([k for _, k in kernel_points], [i for i, _ in kernel_points], marker='|', s=120,
                         color='black', label='peer kernel only', zorder=3)
        axis.set_yticks(list(positions), labels)
        axis.invert_yaxis()
        log_axis(axis)
        axis.set_title(f'{task.title}, {task.unit}', loc='left', fontsize=9)
    figure.suptitle('Throughput, log scale: bars for the whole process, | for a Python peer\'s kernel alone '
                    '(dark green: ours)', x=0.01, ha='left', fontsize=9)
    figure.tight_layout(rect=(0, 0, 1, 1 - 0.4 / height))  # room for the title above the first panel
    path = os.path.join(folder, f'{prefix}-throughput.svg')
    figure.savefig(path, format='svg')
    plt.close(figure)
    paths.append((path, 'Throughput of every runner per task'))

    bars = []
    for task in tasks:
        series, skipped = series_by_task[task.key], skipped_by_task[task.key]
        for runner in task.runners:
            if runner.side != 'peer' or runner.key in skipped:
                continue
            process, kernel = ratios(task, series, runner)
            value = kernel if kernel is not None else process
            if value:
                bars.append((f'{task.title.split(" (")[0]}: {_short(runner.label, 55)}', value))
    if bars:
        height = 0.26 * len(bars) + 1.2
        figure, axis = plt.subplots(figsize=(9, height))
        labels = [b[0] for b in bars]
        axis.barh(range(len(bars)), [b[1] for b in bars],
                  color=['#1f6f43' if b[1] >= 1 else '#b04a3a' for b in bars])
        axis.set_yticks(range(len(bars)), labels)
        axis.invert_yaxis()
        log_axis(axis)
        axis.set_xlim(min(0.5, min(b[1] for b in bars) / 1.5), max(b[1] for b in bars) * 3)
        axis.axvline(1, color='black', linewidth=0.8)
        for i, (_, value) in enumerate(bars):
            axis.text(value, i, f' {_ratio(value)}', va='center', fontsize=7)
        figure.suptitle('How many times faster ours is: the peer\'s kernel time over our whole process '
                        '(log scale; below 1 the peer is faster)', x=0.01, ha='left', fontsize=9)
        figure.tight_layout(rect=(0, 0, 1, 1 - 0.3 / height))
        path = os.path.join(folder, f'{prefix}-ratios.svg')
        figure.savefig(path, format='svg')
        plt.close(figure)
        paths.insert(0, (path, 'How many times faster ours is than each peer'))
    return paths


README_BEGIN, README_END = '<!-- compare:begin -->', '<!-- compare:end -->'


def _peer_name(runner):
    """A peer's label without its parenthesised detail, for the README's table."""
    return runner.label.split(' (')[0]


def readme_block(context, tasks, series_by_task, skipped_by_task, outcomes, charts):
    """The README's speed table, between README_BEGIN and README_END: per task,
    our median whole-process time, every peer's with its process ratio (and its
    kernel ratio for Python peers), the Python package's row, and the checks;
    all from this run."""
    machine = context.machine
    lines = [
        README_BEGIN,
        '',
        f'From one run of `{context.command_line}` on {context.started} '
        f'({context.total_minutes:.1f} minutes in all), commit {machine["commit"]}, '
        f'{machine["cpu"]}, {machine["cores"]} cores, load average {context.load_start} at the start and '
        f'{context.load_end} at the end. Times are medians of {context.repeats} runs of each whole '
        'process (start-up, reading and writing included); × is the peer\'s time over ours, and for a Python peer '
        'the second × compares its kernel alone (data already in memory) with our whole process.',
        '',
    ]
    for path, title in charts[:1]:
        lines += [f'![{title}]({os.path.basename(path)})', '']
    lines += ['| task | ours | peers: median (× ours) | ours from Python | same result |', '|---|---|---|---|---|']
    for task in tasks:
        series, skipped = series_by_task[task.key], skipped_by_task[task.key]
        ours = next((r for r in task.runners if r.side == 'ours' and not r.single_thread), None)
        ours_run = series.get(ours.key) if ours else None
        if not ours_run or not ours_run.samples:
            lines.append(f'| {task.title} | failed or skipped | | | |')
            continue
        ours_cell = f'{_seconds(ours_run.median_wall())}, {_memory(ours_run.peak_mb())}'
        peers, python = [], []
        for runner in task.runners:
            run = series.get(runner.key)
            if runner.key in skipped:
                if runner.side == 'peer':
                    peers.append(f'{_peer_name(runner)}: skipped ({skipped[runner.key]})')
                continue
            if not run or not run.samples:
                if runner.side != 'ours':
                    peers.append(f'{_peer_name(runner)}: failed')
                continue
            process, kernel = ratios(task, series, runner) if runner.baseline else (None, None)
            if runner.side == 'peer':
                kernel_text = f', kernel {_ratio(kernel)}' if kernel is not None else ''
                # A peer run on other input (a subset) is compared with ours on that input: say so.
                subset = f' on {runner.input_label}' if runner.input_label != ours.input_label else ''
                peers.append(f'{_peer_name(runner)}{subset} {_seconds(run.median_wall())} ({_ratio(process)}{kernel_text})')
            elif runner.side == 'ours-python':
                python.append(f'{_seconds(run.median_wall())}')
        outcome = outcomes.get(task.key)
        states = [s for s, _ in outcome.statuses.values()] if outcome else []
        checked = f'{states.count("same")} same, {states.count("differs")} differ' + \
            (f', {states.count("n/a")} n/a' if states.count('n/a') else '')
        lines.append(f'| [{task.title}](BENCHMARKS.md#{_anchor(task.title)}) | {ours_cell} | {"; ".join(peers)} '
                     f'| {", ".join(python) or "—"} | {checked} |')
    lines += ['', README_END]
    return '\n'.join(lines)


def write_readme_block(readme, block):
    """Replaces the README's block between README_BEGIN and README_END with
    `block`; a README without exactly one such block is left as it is and
    False returned."""
    with open(readme, encoding='utf-8') as source:
        text = source.read()
    if text.count(README_BEGIN) != 1 or text.count(README_END) != 1:
        return False
    start, end = text.index(README_BEGIN), text.index(README_END) + len(README_END)
    temporary = readme + '.tmp'
    with open(temporary, 'w', encoding='utf-8') as out:
        out.write(text[:start] + block + text[end:])
    os.replace(temporary, readme)
    return True
