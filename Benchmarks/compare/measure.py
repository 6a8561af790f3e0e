"""Running one measured thing in its own child process.

Every runner (our CLI, or one peer inside a fresh Python interpreter) is a
child process started here; its wall time is taken around the whole process
and its peak memory is the operating system's maximum resident set size of
that process, as `/usr/bin/time -f %M` reads it from `wait4` (getrusage of
the child). The small `time` process stands between the driver and the
child because Linux carries a parent's resident size over into a child's
maximum through fork and exec: measured straight from the driver, a 5 MB
child would show the driver's 200 MB. Without /usr/bin/time the driver's
own `wait4` is used and the report says so.
A Python peer also reports, in a small JSON file, the seconds of its kernel
(the work on data already in memory, without reading and writing files).
"""
import json
import os
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field

TIME = '/usr/bin/time'
HAS_TIME = os.access(TIME, os.X_OK)
MEMORY_SOURCE = ('/usr/bin/time -f %M (wait4 of the child)' if HAS_TIME
                 else "the driver's wait4 (includes the driver's own size: install GNU time for exact figures)")


@dataclass
class Sample:
    """One run of one runner."""
    wall_seconds: float
    peak_mb: float
    kernel_seconds: float | None
    info: dict


@dataclass
class Series:
    """Every run of one runner in a task, in the order they ran."""
    samples: list = field(default_factory=list)
    error: str | None = None

    def wall(self):
        return [s.wall_seconds for s in self.samples]

    def kernel(self):
        return [s.kernel_seconds for s in self.samples if s.kernel_seconds is not None]

    def median_wall(self):
        return statistics.median(self.wall()) if self.samples else None

    def median_kernel(self):
        values = self.kernel()
        return statistics.median(values) if values else None

    def peak_mb(self):
        return max(s.peak_mb for s in self.samples) if self.samples else None

    def last_info(self):
        return self.samples[-1].info if self.samples else {}


class RunFailed(Exception):
    """A child exited with a non-zero status or was killed."""


def run_child(command, stdout_path, report_path=None, cwd=None, env=None, timeout=None):
    """Runs `command` with standard output to `stdout_path`; returns a Sample.

    Standard error is kept and shown if the child fails. `report_path`, when
    given, is a JSON file the child writes ({"kernel_seconds": ..., ...}).
    """
    if report_path and os.path.exists(report_path):
        os.remove(report_path)
    memory_path = stdout_path + '.maxrss'
    if HAS_TIME:
        command = [TIME, '-f', '%M', '-o', memory_path, '--'] + list(command)
    with open(stdout_path, 'wb') as out, open(stdout_path + '.stderr', 'wb') as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env, start_new_session=True)
        # On timeout the whole process group goes (the time wrapper and the runner under it).
        timer = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL)) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if timeout and wall >= timeout:
        raise RunFailed(f'timed out after {timeout:.0f} s: {" ".join(command)}')
    if process.returncode != 0:
        with open(stdout_path + '.stderr', encoding='utf-8', errors='replace') as f:
            tail = f.read()[-2000:]
        raise RunFailed(f'exit status {process.returncode}: {" ".join(command)}\n{tail}')
    peak_mb = usage.ru_maxrss / 1024
    if HAS_TIME:
        try:
            with open(memory_path, encoding='utf-8') as f:
                peak_mb = int(f.read().split()[-1]) / 1024
        except (OSError, ValueError, IndexError) as error:
            raise RunFailed(f'no memory figure from /usr/bin/time: {error}')
    info = {}
    kernel = None
    if report_path:
        try:
            with open(report_path, encoding='utf-8') as f:
                info = json.load(f)
        except (OSError, ValueError) as error:
            raise RunFailed(f'no report from {" ".join(command)}: {error}')
        kernel = info.pop('kernel_seconds', None)
    return Sample(wall_seconds=wall, peak_mb=peak_mb, kernel_seconds=kernel, info=info)
