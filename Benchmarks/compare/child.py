#!/usr/bin/env python3
"""Entry point of a measured Python child: `python child.py RUNNER JOB.json`.

Runs one registered runner (a peer, or our own Python package) on the job's
inputs and writes its report; see childkit.py. Started only by the driver.
"""
import json
import sys

import childkit
import ours_python  # noqa: F401  (registers its runners)
import peers_dedup  # noqa: F401
import peers_text  # noqa: F401
import peers_vectors  # noqa: F401


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in childkit.RUNNERS:
        print(f'usage: child.py RUNNER JOB.json; runners: {", ".join(sorted(childkit.RUNNERS))}', file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[2], encoding='utf-8') as f:
        job = childkit.Job(**json.load(f))
    report = childkit.RUNNERS[sys.argv[1]](job)
    with open(job.report, 'w', encoding='utf-8') as out:
        json.dump(report, out)


if __name__ == '__main__':
    main()
