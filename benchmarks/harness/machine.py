"""What the numbers were measured on: the machine, its file system, and every tool's version."""

from __future__ import annotations

import os
import platform
import subprocess
from typing import Dict, List


def _first_line(argv: List[str], env: Dict[str, str]) -> str:
    try:
        out = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return "unavailable (%s)" % e.__class__.__name__
    lines = out.stdout.decode("utf-8", "replace").strip().splitlines()
    if out.returncode != 0:
        return "unavailable (exit %d)" % out.returncode
    return lines[0].strip() if lines else ""


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return "%.1f GiB" % (int(line.split()[1]) / (1024 * 1024))
    except OSError:
        pass
    return "unknown"


def _file_system(path: str) -> str:
    # findmnt names the mount and its type; df is the fallback where util-linux is missing.
    out = _first_line(["findmnt", "-n", "-o", "FSTYPE,SOURCE,TARGET", "-T", path], dict(os.environ))
    return out if not out.startswith("unavailable") else _first_line(["stat", "-f", "-c", "%T", path], dict(os.environ))


def describe(work: str, tools: Dict[str, List[str]], env: Dict[str, str]) -> Dict[str, object]:
    return {
        "cpu": "%s, %d logical cores" % (_cpu_model(), os.cpu_count() or 0),
        "memory": _memory(),
        "kernel": "%s %s" % (platform.system(), platform.release()),
        "file system": "%s (work dir %s)" % (_file_system(work), work),
        "tools": {name: _first_line(argv, env) for name, argv in tools.items()},
    }
