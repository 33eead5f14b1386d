"""Summarizes RNNRT_DEBUG_GRAPHS=1 logs: per log, whether some graph was
replayed with rewritten pointers ("no new pointers" when every call had
the first call's), and whether any graph set was captured more than
twice (or why a graph set was not relocated)."""
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
    elif most > 2:
        print(f"{name}: {most} captures of one graph set")
    elif relocated:
        print(f"{name}: relocated, at most 2 captures per graph set")
    else:
        print(f"{name}: no new pointers, at most 2 captures per graph set")
