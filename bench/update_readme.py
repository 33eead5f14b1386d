#!/usr/bin/env python3
"""Pastes the latest benchmark tables and plots into README.md.

    python3 bench/update_readme.py [--results bench/results] [--readme README.md] [--sets cpu]

For every set named in --sets (default: cpu) it replaces the lines
between `<!-- BENCH:<SET>:BEGIN -->` and `<!-- BENCH:<SET>:END -->` in the
README with <results>/<set>.md, image links rewritten to be relative to the README.
A README (or a set) without the markers is left alone: the script prints what
it would insert and exits 0.
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
IMAGE = re.compile(r"(!\[[^\]]*\]\()([^)\s/]+\.png)(\))")


def block_for(md_path, readme_dir):
    with open(md_path) as f:
        text = f.read().strip("\n")
    results_dir = os.path.dirname(os.path.abspath(md_path))
    rel = os.path.relpath(results_dir, readme_dir)
    return IMAGE.sub(lambda m: m.group(1) + os.path.join(rel, m.group(2)).replace(os.sep, "/") + m.group(3), text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--results", default=os.path.join(HERE, "results"))
    p.add_argument("--readme", default=os.path.join(REPO, "README.md"))
    p.add_argument("--sets", default="cpu",
                   help="comma-separated sets whose <set>.md to paste (default: cpu; the GPU block is "
                        "pasted only when asked, e.g. --sets cpu,gpu)")
    args = p.parse_args()

    sets = [s for s in args.sets.split(",") if s]
    missing = [s for s in sets if not os.path.isfile(os.path.join(args.results, f"{s}.md"))]
    if missing:
        print(f"update_readme: no {', '.join(m + '.md' for m in missing)} in {args.results}; "
              "run bench/run.py first", file=sys.stderr)
        return 1
    readme_dir = os.path.dirname(os.path.abspath(args.readme))
    readme = None
    if os.path.isfile(args.readme):
        with open(args.readme) as f:
            readme = f.read()

    changed = False
    for name in sets:
        tag = name.upper()
        begin, end = f"<!-- BENCH:{tag}:BEGIN -->", f"<!-- BENCH:{tag}:END -->"
        block = block_for(os.path.join(args.results, f"{name}.md"), readme_dir)
        pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
        if readme is None or not pattern.search(readme):
            where = "no README" if readme is None else f"no {begin} ... {end} markers"
            print(f"update_readme: {args.readme}: {where}; would insert:\n{begin}\n{block}\n{end}\n")
            continue
        readme = pattern.sub(lambda _m: f"{begin}\n{block}\n{end}", readme, count=1)
        changed = True
        print(f"update_readme: replaced the {tag} block of {args.readme}")
    if changed:
        with open(args.readme, "w") as f:
            f.write(readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
