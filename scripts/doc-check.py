#!/usr/bin/env python3
"""Checks the library's public API documentation.

Every public (or @_spi public) declaration in Sources/ArabicText has a `///`
comment, and every public function and initializer says its cost with a
`- Complexity:` line. Prints what is missing; exit status 1 if anything is.
"""
import os, re, sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "Sources", "ArabicText")
declaration = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*public\s+(?:(?:static|final|mutating|nonmutating|override|convenience|required|indirect)\s+)*(func|init|var|let|struct|enum|class|protocol|typealias|subscript|case)\b")
missing = []
for folder, _, files in os.walk(ROOT):
    for name in sorted(files):
        if not name.endswith(".swift"):
            continue
        path = os.path.join(folder, name)
        lines = open(path, encoding="utf-8").read().split("\n")
        for number, line in enumerate(lines):
            match = declaration.match(line)
            if not match or line.strip().startswith("//"):
                continue
            kind = match.group(1)
            # The doc comment: the `///` lines above, skipping attributes.
            k = number - 1
            while k >= 0 and lines[k].strip().startswith("@"):
                k -= 1
            comment = []
            while k >= 0 and lines[k].strip().startswith("///"):
                comment.insert(0, lines[k].strip())
                k -= 1
            where = f"{os.path.relpath(path, ROOT)}:{number + 1}: {line.strip()[:90]}"
            if not comment:
                missing.append(f"{where}  (no doc comment)")
            elif kind in ("func", "init", "subscript") and not any("- Complexity:" in c for c in comment):
                missing.append(f"{where}  (no - Complexity:)")
for entry in missing:
    print(entry)
print(f"{len(missing)} problem(s)", file=sys.stderr)
sys.exit(1 if missing else 0)
