#!/usr/bin/env bash
# The peers' virtual environment for bench.py (python/benchmarks/.venv, git-ignored):
# the versions the README's table was measured with. CAMeL Tools brings torch
# (about 200 MB); pass --no-camel to leave it out (bench.py then skips it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"${PYTHON:-python3}" -m venv "$here/.venv"
peers=(numpy==2.4.6 scipy==1.17.1 pyarrow==26.0.1 scikit-learn==1.9.1 datasketch==2.0.0 rensa==0.5.0
       PyArabic==0.6.15 PyStemmer==3.1.0 nltk==3.10.4 pytest)
[[ "${1:-}" == --no-camel ]] || peers+=(camel-tools==1.6.0)
"$here/.venv/bin/pip" install --quiet "${peers[@]}"
echo "peers installed in $here/.venv; run: ARABICTEXT_LIBRARY=/path/to/libArabicTextC.so $here/.venv/bin/python $here/bench.py" >&2
