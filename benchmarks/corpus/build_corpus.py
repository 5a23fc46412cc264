#!/usr/bin/env python3
"""Rebuilds the original wheels of the distributions installed in a Python, plus a static index.

    build_corpus.py --out DIR [--python PATH] [--only NAME ...] [--no-debian]

Every `*.dist-info` with a RECORD is turned back into the wheel it was installed from:

* RECORD lists the files; each one is re-hashed and a distribution whose files no longer match
  (or that has no RECORD, is an .egg-info, or is an editable install) is skipped with a line
  saying why;
* WHEEL keeps the tags, which name the output file (compressed tag set when there are several);
* `__pycache__`/`.pyc`, INSTALLER, REQUESTED, direct_url.json and the console/GUI script wrappers
  that entry_points.txt regenerates are left out;
* other files installed to bin/ go back under NAME-VER.data/scripts/ with their `#!python`
  shebang restored; headers and data files installed outside site-packages go back under
  .data/headers and .data/data;
* RECORD is rewritten for the wheel; the zip is deterministic, so re-runs give identical bytes.

Debian's wheels in /usr/share/python-wheels are copied as they are. Then OUT/simple is written
(see simple_index.py).

Without --python, the interpreter with the most rebuildable distributions among
~/.pyenv/versions/*/bin/python3 and /usr/bin/python3 is used (on the development machine that is
~/.pyenv/versions/3.11.7/bin/python3, with about 95 distributions including compiled ones).

Standard library only, Python 3.8+.
"""

from __future__ import annotations

import argparse
import configparser
import csv
import email.parser
import fnmatch
import glob
import json
import os
import re
import shutil
import subprocess
import sys
from typing import List, NamedTuple, Optional, Sequence, Set

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from simple_index import canonical_name, write_index  # noqa: E402
from wheel_writer import WheelFile, record_hash, wheel_filename, write_wheel  # noqa: E402

DEBIAN_WHEELS = "/usr/share/python-wheels"
# Files the installer writes into .dist-info; they were never part of the wheel.
INSTALLER_FILES = {"INSTALLER", "REQUESTED", "direct_url.json", "RECORD"}

# Run inside the target interpreter: where its install scheme puts each kind of file.
_SCHEME_PROBE = r"""
import json, sys, sysconfig
paths = sysconfig.get_paths()
print(json.dumps({"version": sys.version.split()[0], "executable": sys.executable,
                  "prefix": sys.prefix, "purelib": paths["purelib"], "platlib": paths["platlib"],
                  "scripts": paths["scripts"], "include": paths["include"], "data": paths["data"]}))
"""


class Scheme(NamedTuple):
    version: str
    executable: str
    prefix: str
    purelib: str
    platlib: str
    scripts: str
    include: str
    data: str


class Skipped(Exception):
    """A distribution that cannot be rebuilt faithfully; the message says why."""


def probe_scheme(python: str) -> Scheme:
    out = subprocess.run([python, "-I", "-c", _SCHEME_PROBE], check=True, stdout=subprocess.PIPE).stdout
    raw = json.loads(out)
    return Scheme(**{k: (os.path.realpath(v) if k not in ("version", "executable") else v) for k, v in raw.items()})


def site_dirs(scheme: Scheme) -> List[str]:
    return sorted({scheme.purelib, scheme.platlib})


def installed_metadata_dirs(scheme: Scheme) -> List[str]:
    found = []
    for site in site_dirs(scheme):
        found += glob.glob(os.path.join(site, "*.dist-info")) + glob.glob(os.path.join(site, "*.egg-info"))
    return sorted(found)


def rebuildable_count(python: str) -> int:
    try:
        scheme = probe_scheme(python)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return -1
    return sum(1 for d in installed_metadata_dirs(scheme)
               if d.endswith(".dist-info") and os.path.isfile(os.path.join(d, "RECORD")))


def default_python() -> str:
    """The candidate interpreter with the most rebuildable distributions (newest wins ties)."""
    candidates = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/*/bin/python3")))
    if os.path.exists("/usr/bin/python3"):
        candidates.append("/usr/bin/python3")
    if not candidates:
        raise SystemExit("no Python found; pass --python PATH")

    def version_key(path: str):
        m = re.search(r"/versions/(\d+)\.(\d+)\.(\d+)/", path)
        return tuple(int(x) for x in m.groups()) if m else (0,)

    counted = [(rebuildable_count(p), version_key(p), p) for p in candidates]
    for count, _, path in counted:
        print("candidate %s: %d distributions with RECORD" % (path, max(count, 0)), file=sys.stderr)
    best = max(counted)
    print("using %s (most distributions)" % best[2], file=sys.stderr)
    return best[2]


def parse_metadata(path: str):
    with open(path, "rb") as f:
        return email.parser.BytesParser().parse(f, headersonly=True)


def wrapper_script_names(dist_info: str) -> Set[str]:
    """Script names the installer generates from entry_points.txt (console and GUI scripts)."""
    path = os.path.join(dist_info, "entry_points.txt")
    if not os.path.isfile(path):
        return set()
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # entry point names are case-sensitive
    parser.read(path, encoding="utf-8")
    names: Set[str] = set()
    for section in ("console_scripts", "gui_scripts"):
        if parser.has_section(section):
            names.update(k.strip() for k in parser.options(section))
    return names


def is_wrapper(script: str, wrappers: Set[str]) -> bool:
    if script in wrappers:
        return True
    # pip also writes versioned copies (pip3, pip3.11) of its own and easy_install's wrappers.
    unversioned = re.sub(r"-?\d+(\.\d+)?$", "", script)
    return unversioned != script and unversioned in wrappers


def restore_shebang(data: bytes, scheme: Scheme) -> bytes:
    """Undoes the installer's rewrite of `#!python` to the interpreter's absolute path.

    Scripts whose shebang names something else (#!/bin/sh, #!/usr/bin/env python) were installed
    unchanged and are returned unchanged.
    """
    newline = data.find(b"\n")
    first = data[: newline if newline >= 0 else len(data)]
    rest = data[len(first):]
    # Long interpreter paths are written as a /bin/sh trampoline that re-execs the interpreter.
    trampoline = re.match(rb"#!/bin/sh\n'''exec' .*\n' '''\n", data)
    if trampoline:
        return b"#!python\n" + data[trampoline.end():]
    if not first.startswith(b"#!"):
        return data
    program = first[2:].strip().split(b" ")[0].decode("utf-8", "replace")
    bin_dirs = {os.path.realpath(scheme.scripts), os.path.realpath(os.path.dirname(scheme.executable))}
    if os.path.basename(program).startswith("python") and os.path.realpath(os.path.dirname(program)) in bin_dirs:
        return b"#!python" + rest
    return data


def _within(path: str, directory: str) -> Optional[str]:
    rel = os.path.relpath(path, directory)
    return None if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def _is_bytecode(rel: str) -> bool:
    return rel.endswith((".pyc", ".pyo")) or "__pycache__" in rel.split("/")


def rebuild(dist_info: str, scheme: Scheme, out_wheels: str, allow_modified: Sequence[str] = ()) -> str:
    """Writes the wheel of one installed distribution into out_wheels; returns its filename.

    A file that no longer matches RECORD makes the distribution Skipped, unless its RECORD path
    matches one of the `allow_modified` glob patterns: then it is taken as installed (and noted).
    """
    if dist_info.endswith(".egg-info"):
        raise Skipped("egg-info install (no RECORD to rebuild a wheel from)")
    record_path = os.path.join(dist_info, "RECORD")
    if not os.path.isfile(record_path):
        raise Skipped("no RECORD")
    direct_url = os.path.join(dist_info, "direct_url.json")
    if os.path.isfile(direct_url):
        with open(direct_url, encoding="utf-8") as f:
            if json.load(f).get("dir_info", {}).get("editable"):
                raise Skipped("editable install")
    meta = parse_metadata(os.path.join(dist_info, "METADATA"))
    name, version = str(meta["Name"]).strip(), str(meta["Version"]).strip()
    wheel_meta = parse_metadata(os.path.join(dist_info, "WHEEL"))
    tags = [str(t).strip() for t in wheel_meta.get_all("Tag") or []]
    try:
        filename = wheel_filename(name, version, tags)
    except ValueError as e:
        raise Skipped(str(e))

    site = os.path.dirname(dist_info)
    dist_info_name = os.path.basename(dist_info)
    data_dir = dist_info_name[: -len(".dist-info")] + ".data"
    wrappers = wrapper_script_names(dist_info)
    headers_root = os.path.realpath(scheme.include)
    members: List[WheelFile] = []
    with open(record_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    for row in rows:
        if not row:
            continue
        if len(row) != 3:
            raise Skipped("malformed RECORD row %r" % row)
        rel, digest, size = row
        if _is_bytecode(rel):
            continue
        if rel.startswith(dist_info_name + "/") and rel[len(dist_info_name) + 1:] in INSTALLER_FILES:
            continue
        absolute = os.path.realpath(os.path.join(site, rel))
        if not digest:
            raise Skipped("%s has no hash in RECORD" % rel)
        try:
            with open(absolute, "rb") as fh:
                data = fh.read()
            executable = bool(os.stat(absolute).st_mode & 0o111)
        except OSError:
            raise Skipped("%s is missing" % rel)
        if record_hash(data) != digest or (size and int(size) != len(data)):
            if not any(fnmatch.fnmatchcase(rel, pattern) for pattern in allow_modified):
                raise Skipped("%s was modified after installation (hash or size differs from RECORD)" % rel)
            print("note %s: %s differs from RECORD; taken as installed (--allow-modified)"
                  % (dist_info_name, rel), file=sys.stderr)

        in_site = next((r for r in (_within(absolute, s) for s in site_dirs(scheme)) if r is not None), None)
        in_scripts = _within(absolute, os.path.realpath(scheme.scripts))
        in_headers = _within(absolute, headers_root)
        in_data = _within(absolute, os.path.realpath(scheme.data))
        if in_site is not None:
            arcname = in_site
        elif in_scripts is not None:
            if is_wrapper(in_scripts, wrappers):
                continue
            arcname, data = data_dir + "/scripts/" + in_scripts, restore_shebang(data, scheme)
        elif in_headers is not None:
            # The headers scheme path ends in the distribution's own directory; the wheel's does not.
            first, _, remainder = in_headers.partition(os.sep)
            if remainder and canonical_name(first) == canonical_name(name):
                in_headers = remainder
            arcname = data_dir + "/headers/" + in_headers
        elif in_data is not None:
            arcname = data_dir + "/data/" + in_data
        else:
            raise Skipped("%s is installed outside the interpreter's install scheme" % rel)
        members.append(WheelFile(arcname.replace(os.sep, "/"), data, executable))

    write_wheel(os.path.join(out_wheels, filename), members, dist_info_name)
    return filename


def copy_debian_wheels(out_wheels: str) -> List[str]:
    copied = []
    for path in sorted(glob.glob(os.path.join(DEBIAN_WHEELS, "*.whl"))):
        shutil.copyfile(path, os.path.join(out_wheels, os.path.basename(path)))
        copied.append(os.path.basename(path))
    return copied


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="output directory (wheels/ and simple/ are replaced)")
    parser.add_argument("--python", help="interpreter whose distributions to rebuild "
                        "(default: the one with the most distributions)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="rebuild only these distributions")
    parser.add_argument("--allow-modified", action="append", default=[], metavar="GLOB",
                        help="take files whose RECORD path matches GLOB as installed even if they no longer "
                        "match RECORD (e.g. '*/cacert.pem' where a CA bundle was patched locally)")
    parser.add_argument("--no-debian", action="store_true", help="do not add %s" % DEBIAN_WHEELS)
    args = parser.parse_args(argv)

    python = args.python or default_python()
    scheme = probe_scheme(python)
    out_wheels = os.path.join(args.out, "wheels")
    for sub in ("wheels", "simple"):
        shutil.rmtree(os.path.join(args.out, sub), ignore_errors=True)
    os.makedirs(out_wheels)

    only = {canonical_name(n) for n in args.only} if args.only else None
    built, skipped = [], []
    for dist_info in installed_metadata_dirs(scheme):
        label = os.path.basename(dist_info)
        if only is not None:
            stem = label.rsplit(".", 1)[0].rsplit("-", 1)[0]
            if canonical_name(stem) not in only:
                continue
        try:
            built.append(rebuild(dist_info, scheme, out_wheels, args.allow_modified))
        except Skipped as why:
            skipped.append(label)
            print("skip %s: %s" % (label, why), file=sys.stderr)
    debian = [] if args.no_debian or only is not None else copy_debian_wheels(out_wheels)
    projects = write_index(args.out)

    summary = {"python": python, "python_version": scheme.version, "rebuilt": sorted(built),
               "skipped": skipped, "debian": debian, "projects": len(projects)}
    with open(os.path.join(args.out, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
        f.write("\n")
    print("%d wheels rebuilt from %s (Python %s), %d skipped, %d Debian wheels; %d projects indexed in %s"
          % (len(built), python, scheme.version, len(skipped), len(debian), len(projects),
             os.path.join(args.out, "simple")), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
