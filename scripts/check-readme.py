#!/usr/bin/env python3
"""The README's library example is Examples/Sources/readme/main.swift, verbatim."""
import os, re, sys
root = os.path.join(os.path.dirname(__file__), "..")
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
section = readme[readme.index("## The library"):]
block = re.search(r"```swift\n(.*?)```", section, re.S).group(1)
example = open(os.path.join(root, "Examples/Sources/readme/main.swift"), encoding="utf-8").read()
if block != example:
    sys.exit("README.md's library example differs from Examples/Sources/readme/main.swift")
print("README library example: same as Examples/Sources/readme/main.swift")
