#!/usr/bin/env bash
# Sets up what `arabictext.spark` needs on one machine, as a user would:
# Java (Debian's openjdk-17-jre-headless, installed with apt-get when no Java
# 17+ is on PATH) and a virtual environment with pyspark, pyarrow, psutil and
# pytest, plus the arabictext package built from this checkout.
#
#   python/scripts/setup-spark.sh [VENV]      (default: <repository>/.build-spark/venv)
#
# Prints the venv's python on its last line.
#
# Environment:
#   PYTHON             the interpreter the venv is made from (default: python3)
#   PYSPARK_VERSION    the pyspark to install (default below)
#   ARABICTEXT_NO_INSTALL=1  do not install arabictext into the venv (tests
#                      then point ARABICTEXT_LIBRARY and PYTHONPATH at a build)
#   ARABICTEXT_SCRATCH_PATH  SwiftPM's build folder for the package build
#                      (default: <repository>/.build-python, shared with test-wheel.sh)
set -euo pipefail

python_dir=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$python_dir/.." && pwd)
venv=${1:-$root/.build-spark/venv}
pyspark_version=${PYSPARK_VERSION:-4.0.1}
say() { printf '== %s\n' "$*" >&2; }

java_major() {
    command -v java >/dev/null 2>&1 || { echo 0; return; }
    # `java -version` prints: openjdk version "17.0.15" 2025-04-15 (to stderr)
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

major=$(java_major)
if [[ -z "$major" || "$major" -lt 17 ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "setup-spark.sh: Java 17 or later is needed; run as root to install openjdk-17-jre-headless, or install it" >&2
        exit 1
    fi
    say "installing Java (openjdk-17-jre-headless)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q openjdk-17-jre-headless >&2
    major=$(java_major)
    [[ -n "$major" && "$major" -ge 17 ]] || { echo "setup-spark.sh: java is still missing after apt-get" >&2; exit 1; }
fi
say "Java $major: $(command -v java)"

if [[ ! -x "$venv/bin/python" ]]; then
    say "making the venv $venv"
    "${PYTHON:-python3}" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check --quiet)
if ! "$venv/bin/python" -c "import pyspark, pandas, pyarrow, psutil, pytest, sys; sys.exit(pyspark.__version__ != '$pyspark_version')" 2>/dev/null; then
    say "installing pyspark $pyspark_version, pyarrow, pandas (mapInArrow needs it), psutil, pytest (pip)"
    "${pip[@]}" install "pyspark==$pyspark_version" "pyarrow>=11" "pandas>=2" "psutil>=5" "pytest>=7" "numpy>=1.22" "scipy>=1.8" >&2
fi

if [[ "${ARABICTEXT_NO_INSTALL:-0}" != 1 ]]; then
    say "installing arabictext from $python_dir (release build of the native library)"
    export ARABICTEXT_SCRATCH_PATH=${ARABICTEXT_SCRATCH_PATH:-$root/.build-python}
    "${pip[@]}" install --no-deps --force-reinstall "$python_dir" >&2
fi
echo "$venv/bin/python"
