"""Writes a pdm project that depends on the given requirements, with the corpus as its only source.

    pdm_project.py WHEELS_DIR REQUIRES_PYTHON PROJECT_DIR [REQUIREMENT ...]

The source is named "pypi" so it replaces the default index (pdm then never tries the network), and
is a find-links source over the corpus wheel directory. With requirements, the project is locked, so
`pdm sync` measures installing rather than resolving. REQUIRES_PYTHON pins the lock to the corpus
interpreter's version: pdm locks for every Python the project allows, and the corpus only holds the
wheels (and backports) one interpreter needed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def main(argv) -> int:
    wheels, requires_python, project, requirements = argv[0], argv[1], argv[2], argv[3:]
    os.makedirs(project, exist_ok=True)
    for stale in ("pdm.lock", ".pdm.toml", ".pdm-python"):
        if os.path.exists(os.path.join(project, stale)):
            os.remove(os.path.join(project, stale))
    lines = ['[project]', 'name = "bench"', 'version = "0"', "requires-python = %s" % json.dumps(requires_python),
             "dependencies = [%s]" % ", ".join(json.dumps(r) for r in requirements), "",
             "[[tool.pdm.source]]", 'name = "pypi"',
             "url = %s" % json.dumps("file://" + os.path.abspath(wheels)),
             'type = "find_links"', "verify_ssl = false", ""]
    with open(os.path.join(project, "pyproject.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    # pdm's own last line says why a lock failed; the harness shows it, so no traceback here.
    return subprocess.call(["pdm", "lock"], cwd=project) if requirements else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
