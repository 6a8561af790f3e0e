#!/usr/bin/env python3
"""Which source folders of Sources/ArabicText use types declared in which others.

Prints one line per folder with the folders it depends on, and any cycle.
Exit status 1 when a folder uses one that comes later in LAYERS (a
dependency that does not flow one way), or uses a folder it may not.
"""
import os, re, sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "Sources", "ArabicText")
# Each folder may use the folders before it in this order (Support and Bytes are the base).
LAYERS = ["Support", "Bytes", "Normalization", "Tokenization", "Stemming", "Analysis", "Features",
          "Vectors", "Weighting", "Similarity", "Clustering", "Duplicates", "Corpus", "Output", "Workflows"]

declared = {}   # type name -> folder
sources = {}    # folder -> text with comments and strings removed
decl = re.compile(r"^(?:@[\w()\s,:.\"]+\s+)*(?:(?:public|package|internal|fileprivate|private|final|indirect|nonisolated)\s+)*(?:struct|enum|class|protocol|actor|typealias)\s+([A-Z]\w*)", re.M)
ext = re.compile(r"^\s*(?:(?:public|package|internal|fileprivate|private)\s+)*extension\s+([A-Z]\w*)", re.M)

def strip(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r'"""(.*?)"""', '""', text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    return text

for folder in sorted(os.listdir(ROOT)):
    path = os.path.join(ROOT, folder)
    if not os.path.isdir(path) or folder.endswith(".docc"):
        continue
    chunks = []
    for dirpath, _, files in os.walk(path):
        for name in files:
            if name.endswith(".swift"):
                chunks.append(strip(open(os.path.join(dirpath, name), encoding="utf-8").read()))
    text = "\n".join(chunks)
    sources[folder] = text
    for name in decl.findall(text):
        declared.setdefault(name, folder)

uses = {folder: {} for folder in sources}
for folder, text in sources.items():
    words = set(re.findall(r"\b[A-Z]\w*\b", text))
    for word in words:
        owner = declared.get(word)
        if owner and owner != folder:
            uses[folder].setdefault(owner, []).append(word)

status = 0
for folder in sorted(uses, key=lambda f: LAYERS.index(f) if f in LAYERS else 99):
    deps = uses[folder]
    line = f"{folder}: " + ", ".join(f"{d} ({', '.join(sorted(deps[d])[:4])}{'…' if len(deps[d]) > 4 else ''})" for d in sorted(deps))
    print(line)
    if folder not in LAYERS:
        print(f"  ! {folder} is not in the layer list"); status = 1; continue
    for d in deps:
        if d not in LAYERS or LAYERS.index(d) >= LAYERS.index(folder):
            print(f"  ! {folder} uses {d}: {', '.join(sorted(deps[d]))}"); status = 1
sys.exit(status)
