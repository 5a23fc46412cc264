#!/usr/bin/env python3
"""Generates a synthetic wheel corpus for scale, with the same static index as build_corpus.py.

    synthetic.py --out DIR [--packages 500] [--files 100000] [--seed 1]

Packages are pure-Python `synth-NNNN` 1.0.0 wheels whose dependencies only point at packages with a
lower number (so every set is installable), plus `synth-all`, which requires every package: resolving
or installing it is the "largest set" at scale. File counts per package are skewed (a few big
packages, many small ones, like a real environment), file sizes are spread from tens of bytes to
tens of kilobytes, and some files (licenses, vendored helpers) are byte-identical across packages so
deduplication has something to find. The same arguments always give the same bytes.

Standard library only, Python 3.8+.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
from typing import List

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from simple_index import write_index  # noqa: E402
from wheel_writer import WheelFile, wheel_filename, write_wheel  # noqa: E402

VERSION = "1.0.0"
TAG = "py3-none-any"
SHARED_FILE_SHARE = 0.1  # fraction of files whose bytes also appear in other packages

_WORDS = ("value", "items", "result", "config", "handler", "request", "buffer", "index", "token",
          "parse", "render", "cache", "state", "node", "source", "target", "record", "field")


def text_pool(rng: random.Random, size: int) -> str:
    """Python-looking source to slice file bodies from (compresses like real code does)."""
    lines: List[str] = []
    total = 0
    while total < size:
        a, b, c = rng.choice(_WORDS), rng.choice(_WORDS), rng.choice(_WORDS)
        line = rng.choice((
            "def %s_%s(%s):\n" % (a, b, c),
            "    %s = %s.%s(%d)\n" % (a, b, c, rng.randrange(1000)),
            "    return %s_%s\n" % (a, c),
            "class %s%s:\n" % (a.title(), b.title()),
            "# %s the %s before the %s\n" % (a, b, c),
            "\n",
        ))
        lines.append(line)
        total += len(line)
    return "".join(lines)


def file_sizes(rng: random.Random, count: int) -> List[int]:
    # Log-uniform from 40 B to 64 KiB: most files small, a long tail of large ones.
    return [int(40 * (1600 ** rng.random())) for _ in range(count)]


def split_files(rng: random.Random, packages: int, files: int) -> List[int]:
    """A skewed split of `files` over `packages` (each gets at least one)."""
    weights = [rng.paretovariate(1.2) for _ in range(packages)]
    total = sum(weights)
    counts = [max(1, int(files * w / total)) for w in weights]
    counts[0] += max(0, files - sum(counts))
    return counts


def metadata(name: str, requires: List[str]) -> bytes:
    lines = ["Metadata-Version: 2.1", "Name: %s" % name, "Version: %s" % VERSION,
             "Summary: synthetic package for envtool benchmarks", "Requires-Python: >=3.8"]
    lines += ["Requires-Dist: %s>=1.0" % r for r in requires]
    return ("\n".join(lines) + "\n\n").encode("utf-8")


def wheel_file() -> bytes:
    return ("Wheel-Version: 1.0\nGenerator: envtool-synthetic\nRoot-Is-Purelib: true\nTag: %s\n" % TAG).encode()


def write_package(out_wheels: str, name: str, requires: List[str], members: List[WheelFile],
                  console_script: bool) -> None:
    dist_info = "%s-%s.dist-info" % (name.replace("-", "_"), VERSION)
    members = list(members)
    members.append(WheelFile(dist_info + "/METADATA", metadata(name, requires)))
    members.append(WheelFile(dist_info + "/WHEEL", wheel_file()))
    module = name.replace("-", "_")
    if console_script:
        members.append(WheelFile(dist_info + "/entry_points.txt",
                                 ("[console_scripts]\n%s = %s:main\n" % (name, module)).encode()))
    write_wheel(os.path.join(out_wheels, wheel_filename(name, VERSION, [TAG])), members, dist_info)


def generate(out_dir: str, packages: int, files: int, seed: int) -> None:
    rng = random.Random(seed)
    pool = text_pool(rng, 1 << 20)
    out_wheels = os.path.join(out_dir, "wheels")
    for sub in ("wheels", "simple"):
        shutil.rmtree(os.path.join(out_dir, sub), ignore_errors=True)
    os.makedirs(out_wheels)
    shared: List[bytes] = []  # bodies that reappear byte for byte in later packages
    names = ["synth-%04d" % i for i in range(packages)]
    for index, (name, count) in enumerate(zip(names, split_files(rng, packages, files))):
        module = name.replace("-", "_")
        members = [WheelFile(module + "/__init__.py",
                             ("def main():\n    print(%r)\n" % name).encode())]
        for n, size in enumerate(file_sizes(rng, count - 1)):
            if shared and rng.random() < SHARED_FILE_SHARE:
                body = rng.choice(shared)
            else:
                start = rng.randrange(len(pool) - size) if size < len(pool) else 0
                body = ("# %s file %d\n" % (name, n) + pool[start:start + size]).encode()
                if rng.random() < 0.02:
                    shared.append(body)
            members.append(WheelFile("%s/sub%d/mod%d.py" % (module, n % 16, n), body))
        requires = sorted(rng.sample(names[:index], min(index, rng.randrange(4))))
        write_package(out_wheels, name, requires, members, console_script=rng.random() < 0.2)
    write_package(out_wheels, "synth-all", names, [WheelFile("synth_all/__init__.py", b"")], False)
    write_index(out_dir)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="output directory (wheels/ and simple/ are replaced)")
    parser.add_argument("--packages", type=int, default=500)
    parser.add_argument("--files", type=int, default=100000, help="total files over all packages")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.packages < 1 or args.files < args.packages:
        parser.error("need at least one package and at least one file per package")
    generate(args.out, args.packages, args.files, args.seed)
    print("%d synthetic packages (+ synth-all), about %d files, in %s"
          % (args.packages, args.files, args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
