#!/usr/bin/env bash
# The Spark test: sets up Java and pyspark as a user would (setup-spark.sh),
# installs arabictext from this checkout into that venv, makes the
# command-line reference (a release `arabic-text` of the same sources) and
# runs python/tests/test_spark.py on local[2], bound to the loopback interface.
#
#   python/scripts/test-spark.sh [pytest arguments...]
#
# Environment:
#   ARABICTEXT_SPARK_VENV  the venv (default: <repository>/.build-spark/venv; kept between runs)
#   ARABICTEXT_CLI         an arabic-text executable for the reference (default: a release build
#                          in .build-python, where test-wheel.sh builds it too)
set -euo pipefail

python_dir=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$python_dir/.." && pwd)
started=$SECONDS
say() { printf '\n== %s (%d s)\n' "$*" $((SECONDS - started)) >&2; }

say "Java and pyspark (setup-spark.sh), arabictext from this checkout"
python=$("$python_dir/scripts/setup-spark.sh" "${ARABICTEXT_SPARK_VENV:-$root/.build-spark/venv}" | tail -n 1)

say "the command-line reference"
cli=${ARABICTEXT_CLI:-}
if [[ -z "$cli" ]]; then
    build=(swift build -c release --product arabic-text --scratch-path "$root/.build-python" -Xswiftc -static-stdlib)
    (cd "$root" && "${build[@]}" >&2)
    cli="$(cd "$root" && "${build[@]}" --show-bin-path)/arabic-text"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/arabictext-spark.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$python" "$python_dir/tests/cli_reference.py" --cli "$cli" --out "$work/reference" >&2

say "pytest tests/test_spark.py (local[2], loopback)"
cd "$work"
env SPARK_LOCAL_IP=127.0.0.1 ARABICTEXT_REFERENCE="$work/reference" ARABICTEXT_CLI="$cli" \
    ARABICTEXT_EXPECT_SPARK=1 PYTHONDONTWRITEBYTECODE=1 \
    "$python" -m pytest -p no:cacheprovider --rootdir "$work" "$python_dir/tests/test_spark.py" "$@"
say "done"
