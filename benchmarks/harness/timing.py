"""Times the commands of one scenario side by side, alternating them run by run.

hyperfine runs all of one command's runs before the next command's, so a slow drift of the machine
(other jobs, page cache, file system write-back) lands on one command more than another. Here every
round runs each command once, in an order rotated from round to round, so consecutive samples of
different commands are neighbours in time and the per-round ratio cancels most of the drift.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

# Shell syntax in a command line; without it the command is executed directly (no /bin/sh start-up
# in the measurement, which matters for millisecond commands such as `/bin/true`).
_SHELL_SYNTAX = re.compile(r"[;&|<>$*`()\"']|\bcd\b")


class Prepared(NamedTuple):
    """One command to time: its label, the line to run, the untimed line that resets its state
    before every run, and the untimed lines that set it up once."""

    label: str
    kind: str  # "envtool", "peer" or "floor"
    run: str
    prepare: Optional[str]
    setup: Sequence[str]
    template: str  # `run` before its placeholders were filled in: what the report shows
    note: Optional[str] = None  # shown when the command fails: why that is expected


class CommandFailed(Exception):
    """A command exited non-zero; `reason` is the line of its output that says why."""

    def __init__(self, line: str, code: int, reason: str, log: str):
        super().__init__("`%s` exited with %d: %s (log: %s)" % (_short(line), code, reason, log))
        self.code, self.reason, self.log = code, reason, log


_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def _argv(line: str, env: Dict[str, str]) -> Tuple[List[str], Dict[str, str]]:
    """The argv to exec and its environment. Leading NAME=value words set variables without a shell,
    so a row like `TMPDIR=... envtool run` times envtool alone, not an extra /bin/sh."""
    if _SHELL_SYNTAX.search(line):
        return ["/bin/sh", "-c", line], env
    words = line.split()
    overrides = {}
    while words and _ASSIGNMENT.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        overrides[name] = value
    return words, ({**env, **overrides} if overrides else env)


def run_untimed(line: str, env: Dict[str, str], log: str) -> None:
    run_timed(line, env, log)


def run_timed(line: str, env: Dict[str, str], log: str) -> float:
    """Runs one command line with its output appended to `log`; returns the wall-clock seconds."""
    argv, env = _argv(line, env)
    with open(log, "ab") as out:
        out.write(("$ %s\n" % line).encode())
        out.flush()
        offset = out.tell()
        start = time.perf_counter()
        try:
            code = subprocess.call(argv, env=env, stdout=out, stderr=out, stdin=subprocess.DEVNULL)
        except OSError as missing:  # a peer that is not installed fails its row, not the run
            out.write(("%s\n" % missing).encode())
            out.flush()
            code = 127
        elapsed = time.perf_counter() - start
    if code != 0:
        raise CommandFailed(line, code, _reason(log, offset), log)
    return elapsed


def _short(line: str) -> str:
    return line if len(line) < 100 else line[:97] + "..."


def _reason(log: str, offset: int) -> str:
    """The line of the failed command's output that most likely says why (its last error line)."""
    with open(log, "rb") as f:
        f.seek(offset)
        lines = [l.strip() for l in f.read().decode("utf-8", "replace").splitlines() if l.strip()]
    errors = [l for l in lines if re.search(r"^\[\w+\]|error|not found|no such", l, re.IGNORECASE)]
    return (errors or lines or ["no output"])[-1][:200]


def _log(log_dir: str, cmd: Prepared) -> str:
    return os.path.join(log_dir, re.sub(r"[^A-Za-z0-9]+", "_", cmd.label).strip("_") + ".log")


MIN_RUNS_UNDER_BUDGET = 2


def alternate(commands: List[Prepared], runs: int, warmup: int, env: Dict[str, str],
              log_dir: str, budget: Optional[float] = None) -> Dict[str, dict]:
    """Times every command `runs` times in alternating rounds, after `warmup` untimed rounds.

    With a `budget` (seconds), no new round starts once the last one says it would end past the
    budget, provided MIN_RUNS_UNDER_BUDGET timed rounds are done: the heavy rows (pip installing 94
    wheels takes half a minute a round) then keep the whole run inside its time limit, at the cost of
    fewer rounds for them.

    Returns, per label, {"kind", "command", "times": [seconds per round]}, plus "error", "log" and
    "note" for a command that failed (it is dropped from later rounds; the others go on).
    """
    results: Dict[str, dict] = {c.label: {"kind": c.kind, "command": c.template, "times": []} for c in commands}
    live = []
    for cmd in commands:
        try:
            for line in cmd.setup:
                run_untimed(line, env, _log(log_dir, cmd))
            live.append(cmd)
        except CommandFailed as failed:
            results[cmd.label].update(error="setup failed, exit %d: %s" % (failed.code, failed.reason),
                                      log=failed.log, note=cmd.note)
    started = time.monotonic()
    for round_index in range(warmup + runs):
        timed_rounds = round_index - warmup
        if budget is not None and round_index > 0 and timed_rounds >= MIN_RUNS_UNDER_BUDGET:
            elapsed = time.monotonic() - started
            if elapsed + elapsed / round_index > budget:
                break
        shift = round_index % max(1, len(live))
        for cmd in live[shift:] + live[:shift]:
            log = _log(log_dir, cmd)
            try:
                if cmd.prepare:
                    run_untimed(cmd.prepare, env, log)
                # Every command starts from a file system with nothing dirty: a command that syncs
                # (envtool publishes with syncfs and fsyncs the directory it switches) would
                # otherwise also write back what the previous one left behind (cp -al's 46,000
                # links, gc's deletions), and pay for the other command's work.
                os.sync()
                seconds = run_timed(cmd.run, env, log)
            except CommandFailed as failed:
                results[cmd.label].update(error="exit %d: %s" % (failed.code, failed.reason), log=failed.log,
                                          note=cmd.note)
                continue
            if round_index >= warmup:
                results[cmd.label]["times"].append(seconds)
        live = [c for c in live if "error" not in results[c.label]]
    return results
