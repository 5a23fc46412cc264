#!/usr/bin/env python3
"""Writes the tiny example wheels the README's demo installs (no network, standard library only).

greet 1.0 and 1.1 (a console script `greet`) depend on colorize; rebuilding gives identical bytes.
"""
import base64, hashlib, pathlib, sys, zipfile

OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent / "wheels")

def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

def wheel(name, version, files, requires=(), entry_points=None):
    dist_info = f"{name}-{version}.dist-info"
    meta = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
            f"Summary: envtool example package {name}", "Requires-Python: >=3.8"]
    meta += [f"Requires-Dist: {r}" for r in requires]
    files = dict(files)
    files[f"{dist_info}/METADATA"] = "\n".join(meta) + "\n"
    files[f"{dist_info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: envtool-examples\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if entry_points:
        files[f"{dist_info}/entry_points.txt"] = entry_points
    record = []
    path = OUT / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, text in sorted(files.items()):
            data = text.encode()
            info = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
            record.append(f"{member},{record_hash(data)},{len(data)}")
        record.append(f"{dist_info}/RECORD,,")
        info = zipfile.ZipInfo(f"{dist_info}/RECORD", date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        z.writestr(info, "\n".join(record) + "\n")
    print(path)

OUT.mkdir(parents=True, exist_ok=True)
wheel("colorize", "2.0", {
    "colorize/__init__.py": '__version__ = "2.0"\n\ndef bold(text):\n    return "\\033[1m" + text + "\\033[0m"\n',
})
for version, word in (("1.0", "Hello"), ("1.1", "Hello again")):
    wheel("greet", version, {
        "greet/__init__.py": f'__version__ = "{version}"\n',
        "greet/cli.py": (
            "import sys\nfrom colorize import bold\nimport greet\n\n"
            "def main():\n"
            f"    who = sys.argv[1] if len(sys.argv) > 1 else 'world'\n"
            f"    print(bold('{word}') + ', ' + who + '! (greet ' + greet.__version__ + ')')\n"
            "    return 0\n"),
    }, requires=["colorize>=2"], entry_points="[console_scripts]\ngreet = greet.cli:main\n")
