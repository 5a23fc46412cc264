#!/usr/bin/env python3
"""Runs the scenario table (scenarios.py) side by side and writes results.json, RESULTS.md and the SVG.

    bench.py --envtool BIN --corpus DIR --work DIR [--quick] [--only KEY ...]

Called by benchmarks/run, which builds envtool and the corpus first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import machine  # noqa: E402
import report  # noqa: E402
from scenarios import SCENARIOS, Scenario  # noqa: E402
from timing import CommandFailed, Prepared, alternate, run_untimed  # noqa: E402

QUICK_SET_SIZE = 30  # wheels in the "largest set" under --quick ...
QUICK_MAX_WHEEL = 1 << 20  # ... each under 1 MiB, so botocore, sympy and moto do not dominate it


def clean_env(work: str) -> Dict[str, str]:
    """The environment every command runs in: no user pip/Python settings, caches inside the work dir."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PYTHON", "PDM_", "VIRTUALENV_", "VIRTUAL_ENV", "UV_"))}
    env.update({
        "PIP_CONFIG_FILE": os.devnull,  # ignore /etc/pip.conf and user config: only the flags given count
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
        "PDM_CHECK_UPDATE": "false",  # otherwise pdm asks the network for a newer pdm on every call
        "PDM_CACHE_DIR": os.path.join(work, "cache", "pdm"),
        "VIRTUALENV_OVERRIDE_APP_DATA": os.path.join(work, "cache", "virtualenv"),
        "NO_COLOR": "1",
    })
    return env


def fill(line: str, values: Dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), line)


def envtool_has(envtool: str, words: List[str], env: Dict[str, str]) -> bool:
    """Whether envtool has this (sub)command, asked of the binary itself (nothing is hard-coded).

    `envtool WORDS --help` must exit 0 and its usage line must name WORDS: for an unknown word the
    command-line parser prints the root command's help, also with exit code 0.
    """
    if not os.access(envtool, os.X_OK):
        return False
    argv = [envtool] + list(words) + (["--help"] if words else ["--version"])
    done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        return False
    usage = " ".join(["envtool"] + list(words))
    return not words or any(line.strip().startswith(usage) for line in done.stdout.decode("utf-8", "replace").splitlines())


def prepared(label: str, kind: str, c, values: Dict[str, str]) -> Prepared:
    """A table row (Command or Envtool) with its placeholders filled in."""
    return Prepared(label, kind, fill(c.run, values), fill(c.prepare, values) if c.prepare else None,
                    [fill(line, values) for line in c.setup], c.run, getattr(c, "note", None))


def run_scenario(s: Scenario, values: Dict[str, str], env: Dict[str, str], quick: bool,
                 envtool: str, scratch: str) -> dict:
    t = os.path.join(scratch, s.key)
    remove_tree(t)
    os.makedirs(t)
    # Marked as envtool marks its staging directory (chattr +T: ext4 spreads the directories made in
    # it over block groups). On ext4 without a journal, directories made where many inodes were just
    # freed are slow to allocate, and each round of a floor removes what the last one copied: unmarked,
    # `cp -al` of the largest set slowed from 1.0 to 6.0 s over ten rounds. Best effort elsewhere.
    if shutil.which("chattr"):
        subprocess.run(["chattr", "+T", t], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    values = dict(values, t=t, scratch=scratch)
    runs = s.quick_runs if quick else s.runs
    # Rows that take seconds per run get no warm-up round: it would cost as much as a timed one.
    warmup = 0 if s.heavy else s.warmup
    result: dict = {"key": s.key, "title": s.title, "runs": runs, "warmup": warmup, "commands": {}}
    log = os.path.join(t, "setup.log")
    try:
        for line in s.setup:
            run_untimed(fill(line, values), env, log)
    except CommandFailed as failed:
        result["error"] = "setup failed: %s" % failed
        return result

    commands: List[Prepared] = []
    if s.envtool is not None:
        if envtool_has(envtool, list(s.envtool.probe), env):
            commands.append(prepared("envtool", "envtool", s.envtool, values))
        else:
            missing = " ".join(s.envtool.probe) or "--version"
            result["envtool_na"] = "envtool %s does not exist yet; the row will run `%s`" % (missing, s.envtool.run)
    for kind, group in (("peer", s.peers), ("floor", s.floors)):
        for c in group:
            commands.append(prepared(c.label, kind, c, values))
    started = time.time()
    result["commands"] = alternate(commands, runs, warmup, env, t, s.budget)
    result["seconds"] = round(time.time() - started, 1)
    # A time budget may have cut the rounds short: report the rounds that ran.
    result["runs"] = max((len(c["times"]) for c in result["commands"].values()), default=0)
    if s.disk:
        result["disk"] = [disk_use(label, fill(path, values)) for label, path in s.disk]
    leave_only_logs(t)
    return result


def remove_tree(path: str) -> None:
    """Removes a directory a scenario made, stores included: envtool seals published trees (chattr +i
    where the file system has it), which rmtree cannot remove until the flag is cleared."""
    shutil.rmtree(path, ignore_errors=True)
    if os.path.lexists(path) and shutil.which("chattr"):
        subprocess.run(["chattr", "-R", "-i", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        shutil.rmtree(path, ignore_errors=True)


def leave_only_logs(t: str) -> None:
    """Removes what a scenario made but its logs: an environment left behind would keep its tree in
    the store, and a later scenario building the same set would time reusing it instead of a build."""
    for name in os.listdir(t):
        path = os.path.join(t, name)
        if name.endswith(".log") and os.path.isfile(path):
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            remove_tree(path)
        else:
            os.remove(path)


def disk_use(label: str, path: str) -> dict:
    """Bytes on disk (each hard-linked inode once, as `du` counts) and apparent bytes under `path`."""
    def du(*flags: str) -> Optional[int]:
        out = subprocess.run(["du", "-s", "-B1", *flags, path], capture_output=True, text=True)
        return int(out.stdout.split()[0]) if out.returncode == 0 and out.stdout else None
    return {"label": label, "disk_bytes": du(), "apparent_bytes": du("--apparent-size")}


def largest_set(corpus: dict, wheels: str, quick: bool) -> List[str]:
    """Every wheel rebuilt from the corpus interpreter (one version per project, so co-installable)."""
    names = sorted(corpus["rebuilt"])
    if quick:
        names = [n for n in names if os.path.getsize(os.path.join(wheels, n)) < QUICK_MAX_WHEEL]
        # An even spread, not the first N alphabetically.
        step = max(1, len(names) // QUICK_SET_SIZE)
        names = names[::step][:QUICK_SET_SIZE]
    return [os.path.join(wheels, n) for n in names]


def project_name(wheel_path: str) -> str:
    return os.path.basename(wheel_path).split("-", 1)[0]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--envtool", required=True)
    parser.add_argument("--corpus", required=True, help="directory written by corpus/build_corpus.py")
    parser.add_argument("--work", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="+", metavar="KEY", help="run only these scenarios")
    parser.add_argument("--results-md", required=True)
    parser.add_argument("--results-svg", required=True)
    args = parser.parse_args(argv)

    work = os.path.abspath(args.work)
    corpus_dir = os.path.abspath(args.corpus)
    with open(os.path.join(corpus_dir, "corpus.json"), encoding="utf-8") as f:
        corpus = json.load(f)
    env = clean_env(work)
    wheels = os.path.join(corpus_dir, "wheels")
    py = corpus["python"]
    scratch = os.path.join(work, "scratch")
    the_set = largest_set(corpus, wheels, args.quick)
    values = {
        "envtool": os.path.abspath(args.envtool), "py": py, "wheels": wheels,
        "index": "file://" + os.path.join(corpus_dir, "simple"),
        "set": " ".join(the_set), "set_names": " ".join(project_name(w) for w in the_set),
        "pdm_project": "%s %s %s ==%s.*" % (sys.executable, os.path.join(HERE, "pdm_project.py"), wheels,
                                              ".".join(corpus["python_version"].split(".")[:2])),
    }

    # Reference trees are shared by the scenarios of one run (see scenarios.reference_tree), never across runs.
    # Whatever an earlier run left in a scenario's directory (one interrupted before it could clean up,
    # or a scenario this run skips) goes too: its environments would keep their trees in the store, and
    # a scenario building the same set would time reusing that tree instead of a build.
    for name in os.listdir(scratch) if os.path.isdir(scratch) else []:
        path = os.path.join(scratch, name)
        if name.startswith("reference-"):
            remove_tree(path) if os.path.isdir(path) else os.remove(path)
        elif os.path.isdir(path) and not os.path.islink(path):
            leave_only_logs(path)
    load_before = os.getloadavg()[0]
    started = time.time()
    selected = [s for s in SCENARIOS if not args.only or s.key in args.only]
    results = []
    for s in selected:
        print("scenario %s ..." % s.key, file=sys.stderr, flush=True)
        results.append(run_scenario(s, values, env, args.quick, values["envtool"], scratch))
        print("  %s" % report.one_line(results[-1]), file=sys.stderr, flush=True)

    tools = {"envtool": [values["envtool"], "--version"], "python (corpus)": [py, "--version"],
             "pip": [py, "-m", "pip", "--version"], "virtualenv": ["virtualenv", "--version"],
             "pdm": ["pdm", "--version"], "unzip": ["unzip", "-v"], "cp (coreutils)": ["cp", "--version"]}
    facts = machine.describe(work, tools, env)
    facts["mode"] = "quick" if args.quick else "full"
    facts["largest set"] = "%d wheels from %s (Python %s)" % (len(the_set), py, corpus["python_version"])
    facts["run"] = "%.1f minutes; load average %.1f before, %.1f after" % (
        (time.time() - started) / 60, load_before, os.getloadavg()[0])
    facts["placeholders"] = {"{py}": py, "{wheels}": wheels, "{envtool}": values["envtool"],
                             "{t}": os.path.join(scratch, "<scenario>"),
                             "{set}": "the %d wheel paths of the largest set (results.json)" % len(the_set),
                             "{set_names}": values["set_names"],
                             "{pdm_project}": "harness/pdm_project.py (writes and locks a pdm project)"}
    for r in results:
        for c in r["commands"].values():
            if "log" in c:
                c["log"] = os.path.relpath(c["log"], os.path.dirname(work))
    document = {"machine": facts, "scenarios": results}
    with open(os.path.join(work, "results.json"), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
    report.write(document, args.results_md, args.results_svg)
    print("wrote %s, %s and %s" % (args.results_md, args.results_svg, os.path.join(work, "results.json")),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
