#!/usr/bin/env python3
"""Side-by-side comparison of ArabicText with the tools people use today.

Started by `Benchmarks/compare/run` inside its own venv: installs the peers
at pinned versions, builds our CLI in release mode, prepares the inputs from
SaudiNewsNet, runs every task's runners alternately several times (each in
its own child process), checks that the results agree, and writes
BENCHMARKS.md with its charts. See README.md next to this file.
"""
import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import time
from dataclasses import asdict

import checks
import environment
import inputs as inputs_module
import measure
import ours_python
import report
import tasks as tasks_module

HERE = os.path.dirname(os.path.abspath(__file__))


def log(message):
    print(f'[{datetime.datetime.now():%H:%M:%S}] {message}', file=sys.stderr, flush=True)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog='Benchmarks/compare/run', description=__doc__.split('\n\n')[0])
    parser.add_argument('--quick', action='store_true',
                        help='development mode: 1,500 articles, 2 runs, 100,000 words; writes to .work/quick/')
    parser.add_argument('--repeats', type=int, help='runs per runner (default 3, quick 2)')
    parser.add_argument('--documents', type=int, help='articles to use (default all, quick 1500)')
    parser.add_argument('--stem-words', type=int, help='words for the stemmers (default 300,000, quick 100,000; the pure-Python stemmers take about '
                             '10 s per 100,000)')
    parser.add_argument('--capped-documents', type=int,
                        help='articles for TF-IDF and the dense AgglomerativeClustering (default 8000; '
                             'AgglomerativeClustering on all 31,030 needs about 22 GB and 140 s, and one '
                             'scikit-learn TF-IDF run minutes)')
    parser.add_argument('--check-documents', type=int, help='articles in the TF-IDF weight check (default 2000)')
    parser.add_argument('--tasks', help='comma-separated task keys to run (default all)')
    parser.add_argument('--corpus', help='SaudiNewsNet JSON Lines file (default $SAUDINEWSNET_DIR/saudinewsnet.jsonl '
                                         'or ../shared/corpora/saudinewsnet/saudinewsnet.jsonl next to the checkout)')
    parser.add_argument('--binary', help='use this arabic-text instead of building one (development only)')
    parser.add_argument('--skip-install', action='store_true', help='do not install anything; use what the venv has')
    parser.add_argument('--no-single-thread', action='store_true', help='leave out the "ours, 1 thread" rows')
    parser.add_argument('--no-stages', action='store_true',
                        help='leave out our own stages (the package-benchmark suite through '
                             'Benchmarks/speed-report.py; always left out with --quick)')
    parser.add_argument('--stages-documents', default='4000',
                        help="articles for our own stages (default 4000; 'all' for the whole corpus)")
    parser.add_argument('--timeout', type=float, default=1800, help='seconds before one run is stopped (default 1800)')
    parser.add_argument('--output-dir', help='where BENCHMARKS.md and its charts go (default: the checkout root; '
                                             'quick: Benchmarks/compare/.work/quick)')
    parser.add_argument('--root', default=os.path.normpath(os.path.join(HERE, '..', '..')), help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    quick = arguments.quick
    defaults = {'repeats': 2 if quick else 3, 'documents': 1500 if quick else None,
                'stem_words': 100_000 if quick else 300_000, 'capped_documents': 1500 if quick else 8000,
                'check_documents': 300 if quick else 2000}
    for name, value in defaults.items():
        if getattr(arguments, name) is None:
            setattr(arguments, name, value)
    for name in ('repeats', 'stem_words', 'capped_documents', 'check_documents'):
        if getattr(arguments, name) < 1:
            parser.error(f'--{name.replace("_", "-")} must be at least 1')
    if arguments.documents is not None and arguments.documents < 2:
        parser.error('--documents must be at least 2')
    if arguments.stages_documents != 'all' and not arguments.stages_documents.isdigit():
        parser.error("--stages-documents must be a whole number or 'all'")
    if arguments.output_dir is None:
        arguments.output_dir = os.path.join(HERE, '.work', 'quick') if quick else arguments.root
    return arguments


class Context:
    """What the checks and the report need to know about the run."""


def skip_reason(runner, install_status, has_ours_python):
    if runner.side == 'ours-python' and not has_ours_python:
        return 'the `arabictext` Python package is not installed (see the versions table)'
    for package in runner.packages:
        failure = install_status.get(package)
        if failure:
            return f'{package} failed to install'
        if environment.installed_version(package) is None:
            return f'{package} is not installed'
    return None


def run_task(task, context, arguments, series, skipped):
    folder = os.path.join(context.work, 'outputs', task.key)
    os.makedirs(folder, exist_ok=True)
    active = []
    for runner in task.runners:
        reason = skip_reason(runner, context.install_status, context.ours_python)
        if reason:
            skipped[runner.key] = reason
            log(f'{task.key}/{runner.key}: skipped, {reason}')
        else:
            active.append(runner)
            series[runner.key] = measure.Series()
    outputs = {}
    for repeat in range(arguments.repeats):
        for runner in active:
            run = series[runner.key]
            if run.error:
                continue
            output = os.path.join(folder, runner.key + '.out')
            report_path = None
            if runner.command is not None:
                command = [context.binary] + runner.command
            else:
                report_path = os.path.join(folder, runner.key + '.report.json')
                job_path = os.path.join(folder, runner.key + '.job.json')
                with open(job_path, 'w', encoding='utf-8') as out:
                    json.dump({'inputs': runner.inputs, 'output': output, 'report': report_path,
                               'settings': runner.settings}, out)
                command = [sys.executable, os.path.join(HERE, 'child.py'), runner.child, job_path]
            try:
                sample = measure.run_child(command, output, report_path, cwd=HERE, timeout=arguments.timeout)
            except measure.RunFailed as failure:
                run.error = str(failure)
                log(f'{task.key}/{runner.key}: FAILED: {failure}')
                continue
            run.samples.append(sample)
            outputs[runner.key] = output
            kernel = f', kernel {sample.kernel_seconds:.2f} s' if sample.kernel_seconds is not None else ''
            log(f'{task.key}/{runner.key} run {repeat + 1}: {sample.wall_seconds:.2f} s{kernel}, '
                f'{sample.peak_mb:.0f} MB')
    return outputs


SPEED_REPORT = os.path.join(HERE, '..', 'speed-report.py')


def run_stages(arguments, corpus):
    """Our own stages, measured by the package-benchmark suite in the same
    run (Benchmarks/speed-report.py run); True when its results are written."""
    log(f'our own stages: Benchmarks/speed-report.py run --documents {arguments.stages_documents}')
    environment_ = dict(os.environ)
    environment_['SAUDINEWSNET_DIR'] = os.path.dirname(os.path.abspath(corpus))
    # The page is written later; the results file and chart now.
    completed = subprocess.run([sys.executable, SPEED_REPORT, 'run', '--documents', arguments.stages_documents,
                                '--page', ''], env=environment_)
    if completed.returncode != 0:
        log(f'our own stages failed (exit status {completed.returncode}); the page leaves them out')
        return False
    return True


def main(argv):
    started = time.perf_counter()
    arguments = parse_arguments(argv)
    context = Context()
    context.started = datetime.datetime.now().strftime('%Y-%m-%d %H:%M')
    context.command_line = 'Benchmarks/compare/run' + ''.join(' ' + shlex.quote(a) for a in argv)
    context.packages = environment.PACKAGES
    if arguments.skip_install:
        context.install_status = {p.name: None if environment.installed_version(p.name) else 'not installed'
                                  for p in environment.PACKAGES}
    else:
        context.install_status = environment.install(environment.PACKAGES, log)
    context.failed_installs = [f'{name} ({reason})' for name, reason in context.install_status.items() if reason]
    context.versions = environment.versions(environment.PACKAGES)
    if arguments.skip_install:
        context.ours_python_failure = None if ours_python.available() else 'not installed (--skip-install)'
    else:
        context.ours_python_failure = environment.install_ours(arguments.root, log)
        if context.ours_python_failure:
            log(context.ours_python_failure)
    context.ours_python = context.ours_python_failure is None and ours_python.available()
    context.ours_python_version = environment.installed_version('arabictext')
    try:
        context.binary = os.path.abspath(arguments.binary) if arguments.binary else \
            environment.build_cli(arguments.root, log)
    except RuntimeError as error:
        log(str(error))
        return 1
    context.machine = environment.machine(arguments.root, context.binary)
    load = environment.load_average()
    context.load_start = f'{load[0]:.1f}' if load else '?'

    context.work = os.path.join(HERE, '.work', 'quick' if arguments.quick else 'full')
    corpus = arguments.corpus or inputs_module.default_corpus(arguments.root)
    log(f'preparing inputs from {corpus}')
    try:
        context.inputs = inputs_module.prepare(os.path.join(context.work, 'inputs'), corpus, context.binary,
                                               arguments.documents, arguments.stem_words,
                                               arguments.capped_documents, arguments.check_documents)
    except (inputs_module.InputError, OSError) as error:
        log(str(error))
        return 1
    context.check_folder = os.path.join(context.work, 'checks')
    os.makedirs(context.check_folder, exist_ok=True)
    context.repeats = arguments.repeats

    tasks = tasks_module.build(context.inputs, single_thread_rows=not arguments.no_single_thread)
    if arguments.tasks:
        wanted = arguments.tasks.split(',')
        unknown = [w for w in wanted if w not in {t.key for t in tasks}]
        if unknown:
            log(f'unknown task(s) {", ".join(unknown)}; tasks: {", ".join(t.key for t in tasks)}')
            return 2
        tasks = [t for t in tasks if t.key in wanted]

    all_series, all_skipped, outcomes = {}, {}, {}
    for task in tasks:
        log(f'task {task.key}')
        series, skipped = {}, {}
        outputs = run_task(task, context, arguments, series, skipped)
        try:
            outcomes[task.key] = task.check(task, outputs, context)
        except Exception as error:  # a failed check is reported on the page, not hidden
            outcome = checks.Outcome()
            outcome.details.append(f'the check itself failed: {type(error).__name__}: {error}')
            outcomes[task.key] = outcome
            log(f'{task.key}: check failed: {error!r}')
        for key, (status, summary) in outcomes[task.key].statuses.items():
            log(f'{task.key}/{key}: {status}: {summary}')
        all_series[task.key], all_skipped[task.key] = series, skipped

    stages = not arguments.no_stages and not arguments.quick
    if stages:
        stages = run_stages(arguments, corpus)

    load = environment.load_average()
    context.load_end = f'{load[0]:.1f}' if load else '?'
    context.total_minutes = (time.perf_counter() - started) / 60
    os.makedirs(arguments.output_dir, exist_ok=True)
    charts = report.write_charts(arguments.output_dir, 'BENCHMARKS', tasks, all_series, all_skipped) \
        if environment.installed_version('matplotlib') else []
    page = os.path.join(arguments.output_dir, 'BENCHMARKS.md')
    report.write_markdown(page, context, tasks, all_series, all_skipped, outcomes, charts, stages=stages)
    if stages:
        rendered = subprocess.run([sys.executable, SPEED_REPORT, 'render', '--page', page])
        if rendered.returncode != 0:
            log('the stage table could not be written into the page')
            return 1
    if not arguments.quick and os.path.samefile(arguments.output_dir, arguments.root):
        readme = os.path.join(arguments.root, 'README.md')
        block = report.readme_block(context, tasks, all_series, all_skipped, outcomes, charts)
        if report.write_readme_block(readme, block):
            log(f'wrote the speed table of {readme}')
        else:
            log(f'{readme} has no {report.README_BEGIN} ... {report.README_END} block; left as it is')
    with open(os.path.join(context.work, 'results.json'), 'w', encoding='utf-8') as out:
        json.dump({f'{task}/{key}': {'samples': [asdict(s) for s in run.samples], 'error': run.error}
                   for task, runs in all_series.items() for key, run in runs.items()}, out, indent=1)
    log(f'wrote {page} and {len(charts)} chart(s) in {context.total_minutes:.1f} minutes')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
