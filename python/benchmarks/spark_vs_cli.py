#!/usr/bin/env python3
"""`python -m arabictext.spark dedup --write-unique` against `arabic-text dedup
--write-unique` on one corpus: the differences in the records (groups, roles,
representatives, similarities, the kept set; 0 expected) and in the kept
records, wall time, peak memory of each side's processes
(sampled with psutil over the whole process tree: the Spark JVM, the Python
driver and the Python workers, which /usr/bin/time on the Python process
would not count), shuffle bytes and per-step task time (from Spark's event
log).

    python benchmarks/spark_vs_cli.py --input /work/shared/corpora/saudinewsnet/saudinewsnet.jsonl \\
        --text-field content --id-field id --cli /path/to/arabic-text --work /tmp/spark-vs-cli

Run it with the Python that has pyspark, psutil and arabictext (setup-spark.sh's venv).
The Spark output and event log are deleted afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil

from arabictext.spark import CONNECTED_CLI_OPTIONS  # --connected: the connected settings on both sides


class TreeSampler:
    """Samples the resident memory of a process and all its descendants, by kind, every `interval` seconds."""

    def __init__(self, process: psutil.Popen, interval: float = 0.2):
        self.process = process
        self.interval = interval
        self.peaks: dict[str, int] = defaultdict(int)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def kind(process: psutil.Process) -> str:
        try:
            name = process.name()
            command = " ".join(process.cmdline())
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return "gone"
        if name == "java" or command.startswith("java ") or "/java " in command:
            return "jvm"
        if "pyspark.daemon" in command or "pyspark.worker" in command or "pyspark/daemon" in command:
            return "python workers"
        if "arabic-text" in command:
            return "cli"
        return "python driver"

    def _run(self):
        while not self._stop.is_set():
            try:
                processes = [self.process] + self.process.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            totals: dict[str, int] = defaultdict(int)
            for process in processes:
                try:
                    rss = process.memory_info().rss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                totals[self.kind(process)] += rss
            totals["all"] = sum(value for key, value in totals.items() if key != "gone")
            for key, value in totals.items():
                self.peaks[key] = max(self.peaks[key], value)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_measured(command: list[str], stdout=None, env=None) -> dict:
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=stdout, stderr=subprocess.PIPE, env=env)
    with TreeSampler(process) as sampler:
        _, stderr = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr.decode(errors='replace')[-4000:]}")
    return {"wall_seconds": round(wall, 2), "peak_rss_mb": {k: round(v / 2**20) for k, v in sampler.peaks.items() if k != "gone"},
            "stderr_tail": stderr.decode(errors="replace").strip().splitlines()[-3:]}


def event_log_figures(folder: Path) -> dict:
    """Shuffle bytes, spills and task time from Spark's event log, in total and by job description (the job's step)."""
    # Spark 4 writes a folder per application (rolling logs); the job runs with them uncompressed.
    files = [p for p in folder.rglob("*") if p.is_file() and p.name.startswith("events") or
             p.is_file() and p.parent == folder and not p.name.startswith(".")]
    if not files:
        return {}
    stage_step: dict[int, str] = {}
    per_step: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    totals: dict[str, float] = defaultdict(float)
    for path in files:
        with open(path, encoding="utf-8") as file:
            for line in file:
                event = json.loads(line)
                kind = event.get("Event")
                if kind == "SparkListenerJobStart":
                    description = (event.get("Properties") or {}).get("spark.job.description") or "other"
                    step = description.replace("arabictext dedup: ", "")
                    for stage in event.get("Stage IDs", []):
                        stage_step[stage] = step
                elif kind == "SparkListenerTaskEnd":
                    metrics = event.get("Task Metrics") or {}
                    step = stage_step.get(event.get("Stage ID"), "other")
                    write = (metrics.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
                    read_metrics = metrics.get("Shuffle Read Metrics") or {}
                    read = read_metrics.get("Remote Bytes Read", 0) + read_metrics.get("Local Bytes Read", 0)
                    figures = {
                        "shuffle_write_bytes": write, "shuffle_read_bytes": read,
                        "task_seconds": metrics.get("Executor Run Time", 0) / 1000,
                        "task_cpu_seconds": metrics.get("Executor CPU Time", 0) / 1e9,
                        "input_bytes": (metrics.get("Input Metrics") or {}).get("Bytes Read", 0),
                        "spilled_disk_bytes": metrics.get("Disk Bytes Spilled", 0),
                        "tasks": 1,
                    }
                    for key, value in figures.items():
                        per_step[step][key] += value
                        totals[key] += value
    round_all = lambda d: {k: round(v, 2) if isinstance(v, float) else v for k, v in d.items()}  # noqa: E731
    return {"total": round_all(totals), "by_step": {step: round_all(values) for step, values in per_step.items()}}


def projection(documents: int, event_log: dict, sizes=(100_000_000, 1_000_000_000), cores=(160, 1600)) -> dict:
    """Linear projection of the measured per-document task time (core-seconds:
    executor run time, the Python workers' time included) and shuffle bytes,
    step by step, to `sizes` documents: core-hours, hours on `cores` cores,
    shuffle terabytes. Steps whose cost grows with the number of duplicate
    pairs assume the measured pairs per document; the components step takes
    O(log n) rounds, so it is scaled by log(n) / log(measured n)."""
    import math

    by_step = event_log.get("by_step") or {}
    if not documents or not by_step:
        return {}
    projected = {}
    for size in sizes:
        factor = size / documents
        seconds = 0.0
        shuffle = 0.0
        for step, figures in by_step.items():
            rounds = math.log(size) / math.log(documents) if step == "connected components" else 1.0
            seconds += figures.get("task_seconds", 0) * factor * rounds
            shuffle += figures.get("shuffle_write_bytes", 0) * factor * rounds
        projected[f"{size:,}"] = {
            "core_hours": round(seconds / 3600, 1),
            **{f"hours_on_{c}_cores": round(seconds / 3600 / c, 2) for c in cores},
            "shuffle_write_tb": round(shuffle / 1e12, 2),
        }
    return {"per_document": {"task_ms": round(sum(f.get("task_seconds", 0) for f in by_step.values()) / documents * 1000, 3),
                             "shuffle_bytes": round(sum(f.get("shuffle_write_bytes", 0) for f in by_step.values()) / documents)},
            "projected": projected}


def records_of(lines) -> dict[str, dict]:
    records = {}
    for line in lines:
        if line.strip():
            record = json.loads(line)
            if "cluster" in record:
                records[record["id"]] = record
    return records


def compare(cli_lines: list[str], spark_lines: list[str], limit: int = 20) -> dict:
    """Differences between the two record sets: documents missing on a side, and
    documents whose record differs in any field (cluster, role, representative
    flag, representative, similarity, kept, removed_as, copy_of, copy_similarity)."""
    cli, spark = records_of(cli_lines), records_of(spark_lines)
    missing = sorted(set(cli) ^ set(spark))
    different = []
    for identifier in cli.keys() & spark.keys():
        a, b = cli[identifier], spark[identifier]
        if a != b:
            different.append({"id": identifier, "cli": a, "spark": b})
    different.sort(key=lambda item: item["id"])
    return {
        "documents": len(cli), "byte_identical": cli_lines == spark_lines,
        "missing_on_one_side": len(missing), "differences": len(different),
        "examples": different[:limit] + [{"id": i, "missing": True} for i in missing[:limit]],
        "groups_cli": sum(1 for r in cli.values() if r["role"] == "representative"),
        "groups_spark": sum(1 for r in spark.values() if r["role"] == "representative"),
        "kept_cli": sum(1 for r in cli.values() if r.get("kept")),
        "kept_spark": sum(1 for r in spark.values() if r.get("kept")),
    }


def read_parts(folder: Path) -> list[str]:
    """The lines of a Spark text output folder, part files in name order."""
    lines = []
    for part in sorted(folder.glob("part-*")):
        lines += part.read_text(encoding="utf-8").splitlines()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--text-field", default="content")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--cli", required=True, help="the arabic-text executable (a release build of the same sources)")
    parser.add_argument("--cli-threads", type=int, default=2)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, help="read partitions of the Spark job")
    parser.add_argument("--shuffle-partitions", type=int)
    parser.add_argument("--driver-memory", default="6g", help="spark.driver.memory (local mode: the executor's too)")
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--connected", action="store_true",
                        help="both sides at " + " ".join(CONNECTED_CLI_OPTIONS) + " (default: the defaults)")
    parser.add_argument("--work", required=True, type=Path, help="a folder for the outputs (emptied first)")
    parser.add_argument("--results", type=Path, help="write the figures as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the Spark output and event log")
    parser.add_argument("--skip-cli", action="store_true",
                        help="reuse WORK/cli.jsonl and WORK/cli-unique.jsonl from an earlier run")
    arguments = parser.parse_args()

    work = arguments.work
    work.mkdir(parents=True, exist_ok=True)
    for name in ("spark-out", "events") + (() if arguments.skip_cli else ("cli-unique.jsonl",)):
        shutil.rmtree(work / name, ignore_errors=True) if (work / name).is_dir() else (work / name).unlink(missing_ok=True)
    (work / "events").mkdir()
    settings = ["--threshold", str(arguments.threshold)] if arguments.threshold is not None else []
    if arguments.connected:
        settings += list(CONNECTED_CLI_OPTIONS)
    size = sum(p.stat().st_size for p in Path(arguments.input).rglob("*") if p.is_file()) \
        if Path(arguments.input).is_dir() else Path(arguments.input).stat().st_size
    results = {"input": arguments.input, "input_bytes": size, "master": arguments.master, "settings": settings,
               "machine": {"cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30),
                           "load_average_at_start": os.getloadavg()}}

    cli_output = work / "cli.jsonl"
    if not arguments.skip_cli:
        print("== arabic-text dedup", file=sys.stderr, flush=True)
        with open(cli_output, "wb") as out:
            results["cli"] = run_measured(
                [arguments.cli, "dedup", "--format", "jsonl", "--text-field", arguments.text_field,
                 "--id-field", arguments.id_field, "--threads", str(arguments.cli_threads),
                 "--write-unique", str(work / "cli-unique.jsonl"), *settings, arguments.input],
                stdout=out)
        print(f"   {results['cli']['wall_seconds']} s, peak {results['cli']['peak_rss_mb']} MB", file=sys.stderr)

    print(f"== python -m arabictext.spark dedup ({arguments.master})", file=sys.stderr, flush=True)
    command = [sys.executable, "-m", "arabictext.spark", "dedup", "--input", arguments.input,
               "--text-field", arguments.text_field, "--id-field", arguments.id_field,
               "--output", str(work / "spark-out"), "--write-unique", "--master", arguments.master,
               "--stats", str(work / "stats.json"),
               "--conf", "spark.eventLog.enabled=true", "--conf", f"spark.eventLog.dir={(work / 'events').resolve()}",
               "--conf", "spark.eventLog.compress=false", "--conf", "spark.eventLog.rolling.enabled=false",
               "--conf", f"spark.driver.memory={arguments.driver_memory}", *settings]
    if arguments.partitions:
        command += ["--partitions", str(arguments.partitions)]
    if arguments.shuffle_partitions:
        command += ["--shuffle-partitions", str(arguments.shuffle_partitions)]
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
    results["spark"] = run_measured(command, env=env)
    results["spark"]["job"] = json.loads((work / "stats.json").read_text())
    results["spark"]["event_log"] = event_log_figures(work / "events")
    results["projection"] = projection(results["spark"]["job"].get("documents", 0), results["spark"]["event_log"])
    print(f"   {results['spark']['wall_seconds']} s, peak {results['spark']['peak_rss_mb']} MB", file=sys.stderr)

    spark_lines = read_parts(work / "spark-out" / "records")
    cli_lines = cli_output.read_text(encoding="utf-8").splitlines()
    results["comparison"] = compare(cli_lines, spark_lines)
    kept_spark = read_parts(work / "spark-out" / "unique")
    kept_cli = (work / "cli-unique.jsonl").read_text(encoding="utf-8").splitlines() \
        if (work / "cli-unique.jsonl").is_file() else None
    results["comparison"]["kept_records_identical"] = None if kept_cli is None else kept_spark == kept_cli
    results["comparison"]["kept_records"] = len(kept_spark)
    if not arguments.keep:
        shutil.rmtree(work / "spark-out", ignore_errors=True)
        shutil.rmtree(work / "events", ignore_errors=True)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    if arguments.results:
        arguments.results.write_text(text + "\n", encoding="utf-8")
    print(text)
    comparison = results["comparison"]
    print(f"\n{comparison['documents']} documents: {comparison['differences']} differences, "
          f"{comparison['missing_on_one_side']} missing on one side, byte-identical: {comparison['byte_identical']}, "
          f"kept records identical: {comparison['kept_records_identical']} ({comparison['kept_records']})",
          file=sys.stderr)
    same = comparison["differences"] == 0 and comparison["missing_on_one_side"] == 0
    return 0 if same and comparison["kept_records_identical"] is not False else 1


if __name__ == "__main__":
    sys.exit(main())
