"""Writes a static package index over a directory of wheels.

Layout under OUT/ (everything relative, so the tree works from `python -m http.server` run in OUT/
and as a file:// URL):

    wheels/<file>.whl             the artifacts
    wheels/<file>.whl.metadata    the wheel's METADATA (PEP 658: served at file URL + ".metadata")
    simple/index.html             PEP 503 project list
    simple/index.json             PEP 691 project list (api-version 1.1)
    simple/<project>/index.html   PEP 503 file list with #sha256= fragments, data-requires-python,
                                  data-core-metadata and data-dist-info-metadata (PEP 714)
    simple/<project>/index.json   PEP 691/700 file list: hashes, requires-python, core-metadata, size

Standard library only, Python 3.8+.
"""

from __future__ import annotations

import email.parser
import hashlib
import html
import json
import os
import re
import zipfile
from typing import Dict, List, NamedTuple, Optional

API_VERSION = "1.1"


class IndexedFile(NamedTuple):
    filename: str
    project: str  # the name as METADATA spells it
    version: str
    sha256: str
    size: int
    requires_python: Optional[str]
    metadata_sha256: str


def canonical_name(name: str) -> str:
    """PEP 503 normalized project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_metadata(path: str) -> bytes:
    """The bytes of the wheel's top-level <name>-<version>.dist-info/METADATA."""
    with zipfile.ZipFile(path) as zf:
        candidates = [n for n in zf.namelist()
                      if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        if len(candidates) != 1:
            raise ValueError("%s: expected one .dist-info/METADATA, found %d" % (path, len(candidates)))
        return zf.read(candidates[0])


def _describe(wheels_dir: str, filename: str) -> IndexedFile:
    path = os.path.join(wheels_dir, filename)
    with open(path, "rb") as f:
        data = f.read()
    metadata = wheel_metadata(path)
    with open(path + ".metadata", "wb") as f:
        f.write(metadata)
    headers = email.parser.BytesParser().parsebytes(metadata, headersonly=True)
    name, version = headers.get("Name"), headers.get("Version")
    if not name or not version:
        raise ValueError("%s: METADATA lacks Name or Version" % filename)
    requires_python = headers.get("Requires-Python")
    return IndexedFile(
        filename=filename,
        project=str(name).strip(),
        version=str(version).strip(),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        requires_python=str(requires_python).strip() if requires_python else None,
        metadata_sha256=hashlib.sha256(metadata).hexdigest(),
    )


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def _json(value) -> str:
    return json.dumps(value, indent=1, sort_keys=True) + "\n"


def _project_html(project: str, files: List[IndexedFile]) -> str:
    lines = ["<!DOCTYPE html>", "<html><head><meta name=\"pypi:repository-version\" content=\"%s\">"
             "<title>Links for %s</title></head><body>" % (API_VERSION, html.escape(project)),
             "<h1>Links for %s</h1>" % html.escape(project)]
    for f in files:
        attrs = ['href="../../wheels/%s#sha256=%s"' % (html.escape(f.filename), f.sha256)]
        if f.requires_python:
            attrs.append('data-requires-python="%s"' % html.escape(f.requires_python, quote=True))
        attrs.append('data-core-metadata="sha256=%s"' % f.metadata_sha256)
        attrs.append('data-dist-info-metadata="sha256=%s"' % f.metadata_sha256)
        lines.append("<a %s>%s</a><br>" % (" ".join(attrs), html.escape(f.filename)))
    lines.append("</body></html>")
    return "\n".join(lines) + "\n"


def _project_json(project: str, files: List[IndexedFile]) -> str:
    entries = []
    for f in files:
        entry: Dict[str, object] = {
            "filename": f.filename,
            "url": "../../wheels/" + f.filename,
            "hashes": {"sha256": f.sha256},
            "core-metadata": {"sha256": f.metadata_sha256},
            "dist-info-metadata": {"sha256": f.metadata_sha256},
            "size": f.size,
        }
        if f.requires_python:
            entry["requires-python"] = f.requires_python
        entries.append(entry)
    versions = sorted({f.version for f in files})
    return _json({"meta": {"api-version": API_VERSION}, "name": canonical_name(project),
                  "files": entries, "versions": versions})


def write_index(out_dir: str) -> Dict[str, List[IndexedFile]]:
    """Indexes every wheel in OUT/wheels into OUT/simple; returns the files grouped by project."""
    wheels_dir = os.path.join(out_dir, "wheels")
    by_project: Dict[str, List[IndexedFile]] = {}
    for filename in sorted(os.listdir(wheels_dir)):
        if filename.endswith(".whl"):
            described = _describe(wheels_dir, filename)
            by_project.setdefault(canonical_name(described.project), []).append(described)
    simple = os.path.join(out_dir, "simple")
    names = sorted(by_project)
    for name in names:
        files = by_project[name]
        _write(os.path.join(simple, name, "index.html"), _project_html(name, files))
        _write(os.path.join(simple, name, "index.json"), _project_json(name, files))
    root_html = ["<!DOCTYPE html>", "<html><head><meta name=\"pypi:repository-version\" content=\"%s\">"
                 "<title>Simple index</title></head><body>" % API_VERSION]
    root_html += ['<a href="%s/">%s</a><br>' % (n, html.escape(n)) for n in names]
    root_html.append("</body></html>")
    _write(os.path.join(simple, "index.html"), "\n".join(root_html) + "\n")
    _write(os.path.join(simple, "index.json"),
           _json({"meta": {"api-version": API_VERSION}, "projects": [{"name": n} for n in names]}))
    return by_project
