"""Summarizes RNNRT_DEBUG_GRAPHS=1 logs: per log, whether some graph was
replayed with rewritten pointers, and the most captures of one graph set
(or why a graph set was not relocated)."""
import collections
import os
import re
import sys

for path in sys.argv[1:]:
    text = open(path).read()
    captures = collections.Counter(
        re.findall(r"rnnrt: capture \d+ \(replays \d+\) of graph set (\S+):", text))
    refused = re.findall(r"rnnrt: graph set \S+ is not relocated: (.*)", text)
    relocated = "rnnrt: relocation" in text
    most = max(captures.values()) if captures else 0
    name = os.path.basename(path)
    if refused:
        print(f"{name}: not relocated: {refused[0]}")
    elif not relocated:
        print(f"{name}: never relocated ({most} captures of one graph set)")
    elif most > 2:
        print(f"{name}: relocated, but {most} captures of one graph set")
    else:
        print(f"{name}: relocated, at most 2 captures per graph set")
