"""Deterministic wheel writing shared by the real-corpus builder and the synthetic generator.

Standard library only, Python 3.8+. The same inputs always give the same bytes: entries are written
in a fixed order with a fixed timestamp, fixed permissions and a fixed compression level, so the
corpus can be rebuilt and compared byte for byte.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import zipfile
from typing import Iterable, List, NamedTuple, Sequence

# The zip epoch: the earliest time a zip entry can carry. Any fixed value works; this one is the
# conventional "no real timestamp" value (SOURCE_DATE_EPOCH tooling uses it too).
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6


class WheelFile(NamedTuple):
    """One member of a wheel: its path inside the archive, its bytes, and whether it is executable."""

    arcname: str
    data: bytes
    executable: bool = False


def record_hash(data: bytes) -> str:
    """The RECORD form of a digest: sha256=<urlsafe base64 without padding>."""
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def wheel_name_component(name: str) -> str:
    """A distribution name as it appears in a wheel filename (runs of -_. become one underscore)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def wheel_version_component(version: str) -> str:
    # A hyphen would split the filename's fields; the binary distribution format escapes it.
    return version.replace("-", "_")


def compressed_tag(tags: Sequence[str]) -> str:
    """The compressed tag set for a filename (py2.py3-none-any) from the WHEEL file's Tag lines.

    A filename can only say "every combination of these interpreters, ABIs and platforms", so the
    tags must form exactly such a product; otherwise this raises ValueError.
    """
    if not tags:
        raise ValueError("WHEEL has no Tag lines")
    parts: List[List[str]] = [[], [], []]
    for tag in tags:
        fields = tag.split("-")
        if len(fields) != 3:
            raise ValueError("malformed tag %r in WHEEL" % tag)
        for i, field in enumerate(fields):
            if field not in parts[i]:
                parts[i].append(field)
    product = {"%s-%s-%s" % (p, a, f) for p in parts[0] for a in parts[1] for f in parts[2]}
    if product != set(tags):
        raise ValueError("tags %s are not a product of interpreter, ABI and platform sets" % ", ".join(tags))
    return "-".join(".".join(p) for p in parts)


def wheel_filename(name: str, version: str, tags: Sequence[str]) -> str:
    return "%s-%s-%s.whl" % (wheel_name_component(name), wheel_version_component(version), compressed_tag(tags))


def ordered_members(files: Iterable[WheelFile], dist_info: str) -> List[WheelFile]:
    """Package files first, then .data, then the .dist-info files with RECORD last (where readers look)."""

    def key(f: WheelFile):
        top = f.arcname.split("/", 1)[0]
        group = 2 if top == dist_info else (1 if top.endswith(".data") else 0)
        return (group, f.arcname)

    return sorted(files, key=key)


def build_record(files: Sequence[WheelFile], record_arcname: str) -> bytes:
    lines = []
    for f in files:
        field = f.arcname
        if any(c in field for c in ',"\r\n'):
            field = '"' + field.replace('"', '""') + '"'
        lines.append("%s,%s,%d" % (field, record_hash(f.data), len(f.data)))
    lines.append("%s,," % record_arcname)
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_wheel(path: str, files: Iterable[WheelFile], dist_info: str) -> None:
    """Writes a wheel at `path` with a freshly computed RECORD; `files` must not contain RECORD.

    Written to a temporary name and renamed, so a crash never leaves a truncated wheel behind.
    """
    record_arcname = dist_info + "/RECORD"
    members = ordered_members(files, dist_info)
    names = [m.arcname for m in members]
    if record_arcname in names:
        raise ValueError("RECORD is generated; do not pass it in")
    if len(set(names)) != len(names):
        raise ValueError("duplicate member names in %s" % os.path.basename(path))
    members.append(WheelFile(record_arcname, build_record(members, record_arcname)))
    tmp = path + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for m in members:
            info = zipfile.ZipInfo(m.arcname, date_time=FIXED_ZIP_TIME)
            info.create_system = 3  # Unix, so the permission bits below are honoured
            mode = 0o755 if m.executable else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, m.data, compresslevel=COMPRESS_LEVEL)
    os.replace(tmp, path)
