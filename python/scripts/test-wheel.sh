#!/usr/bin/env bash
# Builds the arabictext wheel, installs it into a fresh virtual environment
# with the Swift toolchain removed from PATH and LD_LIBRARY_PATH, and runs the
# Python tests against the installed package.
#
#   python/scripts/test-wheel.sh [pytest arguments...]
#
# Environment:
#   PYTHON          the interpreter for the venvs (default: python3)
#   ARABICTEXT_CLI  an arabic-text executable for the reference outputs
#                   (default: a release build of the same sources, with the
#                   Swift runtime linked statically, in .build-python)
#   KEEP_WORK=1     keep the temporary folder (wheel, venvs, reference)
set -euo pipefail

python_dir=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$python_dir/.." && pwd)
python=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')
work=$(mktemp -d "${TMPDIR:-/tmp}/arabictext-wheel.XXXXXX")
if [[ "${KEEP_WORK:-0}" != 1 ]]; then trap 'rm -rf "$work"' EXIT; fi
say() { printf '\n== %s\n' "$*" >&2; }

say "building the wheel (pip wheel $python_dir) in a fresh venv"
started=$SECONDS
"$python" -m venv "$work/build-venv"
"$work/build-venv/bin/pip" wheel --quiet --no-deps --wheel-dir "$work/dist" "$python_dir"
wheel=$(ls "$work"/dist/arabictext-*.whl)
say "$(basename "$wheel"): $(du -k "$wheel" | cut -f1) KiB, built in $((SECONDS - started)) s"

say "the command-line reference"
cli=${ARABICTEXT_CLI:-}
if [[ -z "$cli" ]]; then
    build=(swift build -c release --product arabic-text --scratch-path "$root/.build-python" -Xswiftc -static-stdlib)
    (cd "$root" && "${build[@]}" >&2)
    cli="$(cd "$root" && "${build[@]}" --show-bin-path)/arabic-text"
fi
"$python" "$python_dir/tests/cli_reference.py" --cli "$cli" --out "$work/reference"

# PATH without the toolchain: no entry that holds a swift executable or names swift.
clean_path=""
IFS=: read -r -a entries <<< "$PATH"
for entry in "${entries[@]}"; do
    [[ -z "$entry" || "$entry" == *swift* || -x "$entry/swift" ]] && continue
    clean_path="${clean_path:+$clean_path:}$entry"
done
isolated=(env -i "HOME=$HOME" "PATH=$clean_path" "LANG=C.UTF-8" "PYTHONDONTWRITEBYTECODE=1"
          ${PIP_INDEX_URL:+"PIP_INDEX_URL=$PIP_INDEX_URL"} ${PIP_FIND_LINKS:+"PIP_FIND_LINKS=$PIP_FIND_LINKS"})
if "${isolated[@]}" sh -c 'command -v swift' >/dev/null; then
    echo "test-wheel.sh: swift is still on the cleaned PATH ($clean_path)" >&2
    exit 1
fi

say "installing the wheel into a fresh venv (no Swift on PATH, no LD_LIBRARY_PATH)"
"${isolated[@]}" "$python" -m venv "$work/test-venv"
"${isolated[@]}" "$work/test-venv/bin/pip" install --quiet "$wheel" pytest pyarrow scikit-learn

say "pytest against the installed wheel"
cd "$work"
"${isolated[@]}" "PATH=$work/test-venv/bin:$clean_path" \
    "ARABICTEXT_REFERENCE=$work/reference" "ARABICTEXT_EXPECT_INSTALLED=1" \
    "$work/test-venv/bin/pytest" -p no:cacheprovider --rootdir "$work" "$python_dir/tests" "$@"
