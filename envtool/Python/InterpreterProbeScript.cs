namespace EnvTool.Python;

/// <summary>
/// The script <see cref="InterpreterProbe"/> runs inside the interpreter. It must compile under
/// Python 2 (so an old interpreter can say what it is instead of failing with a SyntaxError) and
/// run on 3.6 through 3.13, importing only cheap modules: its cost is paid once per interpreter.
/// It prints one JSON object as its last line of output.
/// </summary>
internal static class InterpreterProbeScript
{
    public const string Source = """
import sys
# -c puts the working directory first on sys.path; a stray json.py there must not answer for us.
if sys.path and sys.path[0] == '':
    del sys.path[0]
if sys.version_info < (3, 6):
    sys.stdout.write('\n{"unsupported": "%d.%d.%d"}\n' % tuple(sys.version_info[:3]))
    sys.exit(0)
import json, os, platform, struct, sysconfig
try:
    from _frozen_importlib_external import MAGIC_NUMBER
except ImportError:
    from importlib.util import MAGIC_NUMBER

def format_full_version(info):
    version = '%d.%d.%d' % (info.major, info.minor, info.micro)
    if info.releaselevel != 'final':
        version += info.releaselevel[0] + str(info.serial)
    return version

def venv_layout():
    # What `python -m venv` of this very version lays out, relative to the environment root.
    root = os.path.join(os.sep, 'envtool-venv-root')
    if 'venv' in sysconfig.get_scheme_names():
        names = {'purelib': 'purelib', 'include': 'include', 'scripts': 'scripts'}
        base = {'base': root, 'platbase': root, 'installed_base': root, 'installed_platbase': root}
        return dict((k, os.path.relpath(sysconfig.get_path(v, scheme='venv', vars=base), root)) for k, v in names.items())
    if sys.platform == 'win32':
        return {'purelib': os.path.join('Lib', 'site-packages'), 'include': 'Include', 'scripts': 'Scripts'}
    return {'purelib': os.path.join('lib', 'python%d.%d' % sys.version_info[:2], 'site-packages'),
            'include': 'include', 'scripts': 'bin'}

def home():
    # What pyvenv.cfg calls home: the base interpreter's directory, even when asked from inside a venv.
    if sys.prefix != sys.base_prefix:
        try:
            with open(os.path.join(sys.prefix, 'pyvenv.cfg')) as cfg:
                for line in cfg:
                    key, sep, value = line.partition('=')
                    if sep and key.strip().lower() == 'home':
                        return value.strip()
        except OSError:
            pass
    executable = getattr(sys, '_base_executable', None) or sys.executable
    return os.path.dirname(os.path.abspath(executable))

def glibc_version():
    try:
        text = os.confstr('CS_GNU_LIBC_VERSION')
    except (AttributeError, OSError, ValueError):
        return None
    parts = (text or '').split()
    return parts[1] if len(parts) == 2 else None

def mac_version():
    if sys.platform != 'darwin':
        return None
    found = platform.mac_ver()[0]
    if found == '10.16':
        # Python built against an old SDK sees the compatibility version; ask again without it.
        import subprocess
        found = subprocess.run([sys.executable, '-sS', '-c', 'import platform; print(platform.mac_ver()[0])'],
                               check=True, env={'SYSTEM_VERSION_COMPAT': '0'},
                               stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
    return found or None

config_names = ['SOABI', 'EXT_SUFFIX', 'Py_DEBUG', 'WITH_PYMALLOC', 'Py_UNICODE_SIZE', 'Py_GIL_DISABLED',
                'py_version_nodot', 'MULTIARCH', 'LDVERSION']
config = {}
for name in config_names:
    value = sysconfig.get_config_var(name)
    config[name] = None if value is None else str(value)

layout = venv_layout()
result = {
    'sys_executable': sys.executable,
    'real_executable': os.path.realpath(sys.executable) if sys.executable else '',
    'implementation': sys.implementation.name,
    'version_info': list(sys.version_info[:3]),
    'full_version': platform.python_version(),
    'cache_tag': sys.implementation.cache_tag,
    'magic_number': ''.join('%02x' % b for b in MAGIC_NUMBER),
    'markers': {
        'implementation_name': sys.implementation.name,
        'implementation_version': format_full_version(sys.implementation.version),
        'os_name': os.name,
        'platform_machine': platform.machine(),
        'platform_release': platform.release(),
        'platform_system': platform.system(),
        'platform_version': platform.version(),
        'python_full_version': platform.python_version(),
        'platform_python_implementation': platform.python_implementation(),
        'python_version': '.'.join(platform.python_version_tuple()[:2]),
        'sys_platform': sys.platform,
    },
    'config_vars': config,
    'sysconfig_platform': sysconfig.get_platform(),
    'pointer_bits': struct.calcsize('P') * 8,
    'has_total_refcount': hasattr(sys, 'gettotalrefcount'),
    'glibc_version': glibc_version(),
    'mac_version': mac_version(),
    'base_prefix': sys.base_prefix,
    'prefix': sys.prefix,
    'home': home(),
    'site_packages': layout['purelib'],
    'include': layout['include'],
    'scripts': layout['scripts'],
}
sys.stdout.write('\n' + json.dumps(result) + '\n')
""";

    /// <summary>
    /// Short digest of <see cref="Source"/>: cached answers from an older script are not trusted.
    /// Written out rather than computed: hashing the 5 KB script cost every start 30 µs. A test holds
    /// it equal to the digest of <see cref="Source"/> and names the new value when the script changes.
    /// </summary>
    public const string Digest = "388a763165533c2c";
}
