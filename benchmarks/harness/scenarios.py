"""The benchmark scenarios: one table, one row per scenario. Add rows here.

Every command line may use these placeholders (filled in by bench.py):

    {envtool}   the NativeAOT envtool binary       {py}       the corpus interpreter (CPython 3.11)
    {wheels}    the corpus wheel directory          {index}    file:// URL of the corpus simple index
    {t}         this scenario's scratch directory   {scratch}  the run's scratch directory (shared)
    {set}       wheel paths of the largest set      {set_names} project names of the largest set
    {pdm_project} DIR REQ...  writes a pdm project in DIR that depends on REQ... with the corpus as
                its only (find-links) source, and locks it

envtool rows name the subcommand words that must exist (`probe`): bench.py runs
`envtool <probe...> --help` and, if that fails, reports the row as "envtool n/a" while the peers and
floors are still measured. When a command lands, its row lights up with no edit here, provided the
command line below matches the shape it ships with; adjust the line if the CLI differs.
"""

from __future__ import annotations

import hashlib

from typing import List, NamedTuple, Optional, Sequence, Tuple


class Command(NamedTuple):
    label: str
    run: str
    prepare: Optional[str] = None  # untimed, before every run (warm-up runs included)
    setup: Sequence[str] = ()  # untimed, once; if it fails, only this command is reported failed
    note: Optional[str] = None  # why a failure of this command is expected, for the report


class Envtool(NamedTuple):
    probe: Sequence[str]  # subcommand words; [] means the root command (`envtool --version`)
    run: str
    prepare: Optional[str] = None
    setup: Sequence[str] = ()  # run only when envtool has the command


class Scenario(NamedTuple):
    key: str
    title: str
    envtool: Optional[Envtool]
    peers: List[Command]
    floors: List[Command]
    setup: Sequence[str] = ()  # untimed, once, before the first round; shared by every command
    runs: int = 10  # full run; --quick uses quick_runs
    quick_runs: int = 3
    warmup: int = 1  # --quick uses no warm-up round for scenarios that take seconds per run
    heavy: bool = True  # seconds per run: --quick skips its warm-up round
    budget: Optional[float] = None  # seconds: no new round starts past it (after 2 timed rounds)
    disk: Sequence[Tuple[str, str]] = ()  # (label, directory): `du` of each after the last round


# pip runs from the corpus interpreter into a fresh venv without pip (`pip --python`), so resetting
# the venv before each run does not copy pip's own 1,600 files, and pip's files are not in the tree.
FRESH_VENV = "rm -rf {t}/pip && {py} -m venv --without-pip {t}/pip"
PIP = "{py} -m pip --python {t}/pip/bin/python install -q --no-index --find-links {wheels}"
PDM_SYNC = "cd {t}/pdm && pdm sync --no-self"
# pdm 2.2 locks for every platform and Python version at once and has no option to narrow that, so
# it needs wheels this machine never installed (ipython -> appnope on macOS): offline, from this
# corpus, it cannot lock a set that has such dependencies.
PDM_CROSS_PLATFORM = ("pdm locks for every platform at once; the corpus only holds the wheels this machine "
                      "installed (not appnope for macOS or pywin32 for Windows), so offline locking of this set fails")
FRESH_PDM_VENV = "rm -rf {t}/pdm/.venv && cd {t}/pdm && pdm venv create {py} >/dev/null"


def reference_dir(requirements: str) -> str:
    """Where the pip-made tree of `requirements` lives: shared by the scenarios that install the same set."""
    return "{scratch}/reference-" + hashlib.sha256(requirements.encode()).hexdigest()[:12]


def reference_tree(requirements: str) -> List[str]:
    """Setup lines that install `requirements` into its reference directory (once per run): the tree the copy floors copy."""
    ref = reference_dir(requirements)
    install = (" && {py} -m pip --python %s/bin/python install -q --no-index --find-links {wheels} %s" % (ref, requirements)
               if requirements else "")
    return ["[ -e %s.done ] || { rm -rf %s && {py} -m venv --without-pip %s%s && touch %s.done; }" % (ref, ref, ref, install, ref)]


COPY_NAMES = {"al": "cp -al (hardlinks)", "as": "cp -as (symlinks)", "a": "cp -a (copy)"}


def copy_floor(way: str, requirements: str) -> Command:
    """Copy the finished tree of `requirements` (hard links, symlinks or copies): the floor of making it.

    The largest set is copied into a new, uniquely named directory each round, as envtool builds each
    tree in a new staging directory: ext4 starts the directories of a marked parent (chattr +T, see
    run_scenario) in a block group picked from the new directory's name, so a fixed name lands every
    round where the last copy was just removed, and on ext4 without a journal allocating among freshly
    freed inodes slows round after round (cp -al of this set: 1.2 s to 5.6 s over ten rounds). The
    smaller sets keep a plain `cp` (no shell start-up in a millisecond measurement)."""
    source = reference_dir(requirements)
    if requirements == LARGEST:
        return Command(COPY_NAMES[way], "cp -%s %s \"$(mktemp -d {t}/floor.XXXXXX)/tree\"" % (way, source), "rm -rf {t}/floor.*")
    return Command(COPY_NAMES[way], "cp -%s %s {t}/floor" % (way, source), "rm -rf {t}/floor")


def copy_floors(requirements: str, ways: Sequence[str] = ("al", "as", "a")) -> List[Command]:
    """The floor of any "make an environment" scenario: copy the finished tree (hard links, symlinks, copies)."""
    return [copy_floor(w, requirements) for w in ways]


def install_scenario(key: str, title: str, requirements: str, pdm_requirements: str, runs: int,
                     quick_runs: int, budget: float) -> Scenario:
    """Install `requirements` into a fresh environment: envtool vs pip (with and without bytecode) vs pdm."""
    return Scenario(
        key=key, title=title,
        # A warm store builds a NEW tree each round: the `keeper` environment (copy mode: another tree
        # key) keeps the wheels' entries and bytecode alive, and gc drops the tree the last round built,
        # so the row times resolution + linking a fresh tree, not the one-symlink reuse ("second" does that).
        envtool=Envtool(["create"], "{envtool} create {t}/envtool --python {py} --no-index --find-links {wheels} "
                        + requirements,
                        "rm -f {t}/envtool && {envtool} store gc --grace 0s >/dev/null",
                        ["{envtool} create {t}/keeper --link-mode copy --python {py} --no-index --find-links {wheels} "
                         + requirements]),
        peers=[Command("pip", "%s %s" % (PIP, requirements), FRESH_VENV),
               Command("pip --no-compile", "%s --no-compile %s" % (PIP, requirements), FRESH_VENV),
               Command("pdm sync", PDM_SYNC, FRESH_PDM_VENV, ["{pdm_project} {t}/pdm " + pdm_requirements],
                       PDM_CROSS_PLATFORM)],
        floors=copy_floors(requirements), setup=reference_tree(requirements), runs=runs, quick_runs=quick_runs, budget=budget)


LARGEST = "--no-deps {set}"

SCENARIOS: List[Scenario] = [
    Scenario(
        key="startup", title="Start-up: `envtool --version` (the NativeAOT start-up figure)",
        envtool=Envtool([], "{envtool} --version"),
        peers=[Command("python3 -c pass", "{py} -c pass"), Command("python3 -S -c pass", "{py} -S -c pass")],
        floors=[Command("/bin/true", "/bin/true")],
        runs=100, quick_runs=30, warmup=3, heavy=False),
    Scenario(
        key="empty", title="Empty environment",
        envtool=Envtool(["create"], "{envtool} create {t}/envtool --python {py}", "rm -rf {t}/envtool"),
        peers=[Command("python -m venv --without-pip", "{py} -m venv --without-pip {t}/venv", "rm -rf {t}/venv"),
               Command("virtualenv --no-seed", "virtualenv -q --no-seed --no-periodic-update -p {py} {t}/virtualenv",
                       "rm -rf {t}/virtualenv"),
               Command("pdm venv create", "cd {t}/pdm && pdm venv create {py}", "rm -rf {t}/pdm/.venv",
                       ["{pdm_project} {t}/pdm"])],
        floors=copy_floors(""),
        setup=reference_tree(""),
        # A round costs under a second, and the ratio to venv is a goal that a few milliseconds of the
        # file system's drift move: 30 rounds give its median room.
        runs=30, quick_runs=3, heavy=False),
    install_scenario("flask", "Flask with its dependencies into a fresh environment", "flask", "flask",
                     runs=10, quick_runs=3, budget=45),
    install_scenario("boto3", "boto3 with its dependencies into a fresh environment", "boto3", "boto3",
                     runs=5, quick_runs=2, budget=60),
    install_scenario("largest", "The largest co-installable set (every corpus wheel of one Python, no deps)",
                     LARGEST, "{set_names}", runs=3, quick_runs=2, budget=120),
    Scenario(
        key="tree", title="A new tree of the largest set against its hard-link copy (the tree-build goal, more rounds than \"largest\")",
        # The same envtool command and keeper as "largest", without the peers that take half a minute
        # a round there: enough rounds for a median that the file system's drift does not decide.
        envtool=Envtool(["create"], "{envtool} create {t}/envtool --python {py} --no-index --find-links {wheels} " + LARGEST,
                        "rm -f {t}/envtool && {envtool} store gc --grace 0s >/dev/null",
                        ["{envtool} create {t}/keeper --link-mode copy --python {py} --no-index --find-links {wheels} " + LARGEST]),
        peers=[],
        floors=copy_floors(LARGEST, ("al",)),
        setup=reference_tree(LARGEST), runs=10, quick_runs=3, budget=100),
    Scenario(
        key="second", title="A second environment with the same (largest) set",
        envtool=Envtool(["create"], "{envtool} create {t}/envtool2 --python {py} --no-index --find-links {wheels} "
                        + LARGEST, "rm -rf {t}/envtool2",
                        ["{envtool} create {t}/envtool --python {py} --no-index --find-links {wheels} " + LARGEST]),
        # pip has nothing to reuse: its second environment is its first, the "pip --no-compile" row of
        # "largest" (the same command line). Timing it again here cost half a minute a round and left
        # envtool's figure (a goal, under 10 ms) five samples on a file system that drifts tenfold;
        # without it a round takes about a second (the copy floor), and the median has thirty.
        peers=[Command("pdm sync (install.cache)", PDM_SYNC, FRESH_PDM_VENV,
                       ["{pdm_project} {t}/pdm {set_names}",
                        "cd {t}/pdm && pdm config --local install.cache true && pdm venv create {py} >/dev/null "
                        "&& pdm sync --no-self"], PDM_CROSS_PLATFORM)],
        # Only the hard-link floor here: "largest" measures all three on this same tree.
        floors=copy_floors(LARGEST, ("al",)), setup=reference_tree(LARGEST), runs=30, quick_runs=3, budget=150),
    Scenario(
        key="clone", title="A second environment cloned from one with the largest set (`create --clone`)",
        envtool=Envtool(["create"], "{envtool} create {t}/copy --clone {t}/envtool", "rm -f {t}/copy",
                        ["{envtool} create {t}/envtool --python {py} --no-index --find-links {wheels} " + LARGEST]),
        # No peer clones a venv (virtualenv-clone and conda's --clone are not installed here): the
        # floors are copying the pip-made tree with hard links, and the one symlink envtool makes.
        peers=[],
        floors=[copy_floor("al", LARGEST),
                Command("ln -s (one symlink)", "ln -s {t}/envtool {t}/link", "rm -f {t}/link")],
        setup=reference_tree(LARGEST), runs=10, quick_runs=3, heavy=False, budget=60),
    Scenario(
        key="rollback", title="Roll back: undo adding requests (and its 4 dependencies) to a Flask environment",
        envtool=Envtool(["rollback"], "{envtool} rollback --env {t}/envtool",
                        "{envtool} install --env {t}/envtool --no-index --find-links {wheels} requests",
                        ["{envtool} create {t}/envtool --python {py} --no-index --find-links {wheels} flask"]),
        peers=[Command("pip uninstall", "{py} -m pip --python {t}/pip/bin/python uninstall -y -q requests urllib3 "
                       "idna charset-normalizer certifi", "%s requests" % PIP,
                       [FRESH_VENV, "%s flask" % PIP])],
        floors=[Command("symlink swap (ln -s + rename)", "ln -sfn {t}/a {t}/link.new && mv -T {t}/link.new {t}/link",
                        None, ["mkdir -p {t}/a"])],
        runs=10, quick_runs=3, heavy=False),
    Scenario(
        key="warm-run", title="Warm script run: a PEP 723 script that imports Flask, environment already built",
        envtool=Envtool(["run"], "{envtool} run --python {py} --no-index --find-links {wheels} {t}/script.py"),
        peers=[Command("pdm run", "cd {t}/pdm && pdm run python {t}/script.py", None,
                       ["{pdm_project} {t}/pdm flask",
                        "cd {t}/pdm && pdm venv create {py} >/dev/null && pdm sync --no-self"])],
        floors=[Command("venv python script.py", "{t}/venv/bin/python {t}/script.py", None,
                        ["rm -rf {t}/venv && {py} -m venv --without-pip {t}/venv",
                         "{py} -m pip --python {t}/venv/bin/python install -q --no-index --find-links {wheels} flask"])],
        setup=["printf '# /// script\\n# dependencies = [\"flask\"]\\n# ///\\nimport flask\\n' > {t}/script.py"],
        runs=20, quick_runs=5, warmup=2, heavy=False),
    Scenario(
        key="warm-hello", title="Warm `envtool run hello.py`: the overhead of run itself (symlink and tree exist)",
        envtool=Envtool(["run"], "TMPDIR={t}/tmp {envtool} run --python {py} {t}/hello.py", None,
                        ["mkdir -p {t}/tmp && TMPDIR={t}/tmp {envtool} run --python {py} {t}/hello.py"]),
        peers=[],
        floors=[Command("python hello.py (base)", "{py} {t}/hello.py"),
                Command("venv python hello.py", "{t}/venv/bin/python {t}/hello.py", None,
                        ["rm -rf {t}/venv && {py} -m venv --without-pip {t}/venv"])],
        setup=["printf 'print(\"hello\")\\n' > {t}/hello.py"],
        runs=30, quick_runs=10, warmup=3, heavy=False),
    Scenario(
        key="cold-run-5", title="Script run, warm store: requests and its 4 dependencies resolved from find-links "
                                "(no symlink, no record; wheels and tree already in the store)",
        envtool=Envtool(["run"], "TMPDIR={t}/tmp {envtool} run --python {py} --no-index --find-links {wheels} {t}/five.py",
                        "rm -rf {t}/tmp && mkdir {t}/tmp && {py} -c \"import os, sqlite3; db = os.path.join(os.environ.get("
                        "'ENVTOOL_STORE') or os.path.expanduser('~/.local/share/envtool'), 'catalog.db'); c = sqlite3.connect(db); "
                        "c.execute('DELETE FROM ephemeral_keys'); c.commit()\"",
                        ["mkdir -p {t}/tmp && TMPDIR={t}/tmp {envtool} run --python {py} --no-index --find-links {wheels} {t}/five.py"]),
        peers=[Command("pip install into a fresh venv + python", "%s requests && {t}/pip/bin/python {t}/five.py" % PIP, FRESH_VENV)],
        floors=[],
        setup=["printf '# /// script\\n# dependencies = [\"requests\"]\\n# ///\\nimport requests\\n' > {t}/five.py"],
        runs=10, quick_runs=3, warmup=1, heavy=False),
    Scenario(
        key="store-import", title="Store import: every wheel of the largest set unpacked once",
        envtool=Envtool(["store", "add"], "{envtool} store add --store {t}/store {set}", "chattr -R -i {t}/store 2>/dev/null; rm -rf {t}/store"),
        peers=[],
        floors=[Command("unzip -q", "for w in {set}; do unzip -q -o \"$w\" -d {t}/unzip || exit 1; done",
                        "rm -rf {t}/unzip && mkdir {t}/unzip")],
        runs=3, quick_runs=2, budget=45),
    Scenario(
        key="ci-cache",
        title="CI job with a restored cache: unpack the cache into a fresh directory, then install the largest set "
              "(8 sequential jobs)",
        # envtool: the job restores `store export --lock`'s archive (made once, in setup, from a store that
        # installed the lock) into a new store and creates the environment from the lock. pip: the job
        # restores the same wheels as its cache (a tar.zst of the wheel files: with local wheels pip has
        # nothing else to cache) and installs them into a fresh venv. Both run under one /bin/sh.
        envtool=Envtool(["store", "import"],
                        "{envtool} --store {t}/job/store store import {t}/cache.tar.zst >/dev/null && "
                        "{envtool} --store {t}/job/store create {t}/job/env --lock {t}/pylock.toml --python {py} >/dev/null",
                        "chattr -R -i {t}/job 2>/dev/null; rm -rf {t}/job",
                        ["{envtool} --store {t}/seed lock --python {py} --no-index --find-links {wheels} "
                         "-o {t}/pylock.toml {set_names} >/dev/null",
                         "{envtool} --store {t}/seed create {t}/seed-env --lock {t}/pylock.toml --python {py} >/dev/null",
                         "{envtool} --store {t}/seed store export --lock {t}/pylock.toml -o {t}/cache.tar.zst >/dev/null"]),
        peers=[Command("pip, wheels restored as its cache",
                       "tar -xf {t}/pip-cache.tar.zst -C {t}/pipjob/cache && {py} -m venv --without-pip {t}/pipjob/venv && "
                       "{py} -m pip --python {t}/pipjob/venv/bin/python install -q --no-index --find-links {t}/pipjob/cache "
                       "--no-deps {set_names}",
                       "rm -rf {t}/pipjob && mkdir -p {t}/pipjob/cache",
                       ["rm -rf {t}/pipseed && mkdir {t}/pipseed && cp {set} {t}/pipseed/ && "
                        "tar --zstd -cf {t}/pip-cache.tar.zst -C {t}/pipseed ."])],
        floors=[],
        runs=8, quick_runs=3, warmup=0, budget=150,  # a round is ~60 s: the full run keeps its 15 minutes
        disk=[("envtool job (store + environment)", "{t}/job"), ("pip job (cache + venv)", "{t}/pipjob"),
              ("envtool cache archive", "{t}/cache.tar.zst"), ("pip cache archive", "{t}/pip-cache.tar.zst")]),
    Scenario(
        key="resolve", title="Resolution of the largest set (no install): `envtool lock` writing pylock.toml",
        envtool=Envtool(["lock"], "{envtool} lock --python {py} --no-index --find-links {wheels} -o {t}/pylock.toml {set_names}",
                        "rm -f {t}/pylock.toml"),
        peers=[Command("pip --dry-run --report", "{py} -m pip install -q --dry-run --ignore-installed --report - "
                       "--no-index --find-links {wheels} {set_names} >/dev/null"),
               Command("pdm lock", "cd {t}/pdm && pdm lock", "rm -f {t}/pdm/pdm.lock",
                       ["{pdm_project} {t}/pdm {set_names}"], PDM_CROSS_PLATFORM)],
        floors=[], runs=5, quick_runs=2, budget=45),
]
