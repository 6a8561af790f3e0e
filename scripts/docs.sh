#!/usr/bin/env bash
# Builds the documentation catalog with DocC and fails on any warning
# (broken symbol links, undocumented parameters). Output: .build/docs.
set -euo pipefail
cd "$(dirname "$0")/.."
graphs=.build/symbol-graphs
rm -rf "$graphs" && mkdir -p "$graphs"
swift build --target ArabicText -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" >/dev/null
docc convert Sources/ArabicText/ArabicText.docc --additional-symbol-graph-dir "$graphs" \
    --output-path .build/docs --fallback-display-name ArabicText --fallback-bundle-identifier org.arabictext.ArabicText \
    --warnings-as-errors
echo "documentation: .build/docs"
