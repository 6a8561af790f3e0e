"""The venv's peers (installed from PyPI at pinned versions, one by one so
that a failure is recorded for that peer alone), our CLI's release build,
and the facts about the machine that BENCHMARKS.md states.
"""
import importlib.metadata
import os
import platform
import subprocess
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Package:
    """One distribution to install: its PyPI name, pinned version and why it is here."""
    name: str
    version: str
    role: str
    pip_options: tuple = ()


# Order matters: numpy and scipy first, so every peer shares one build of them.
PACKAGES = [
    Package('numpy', '2.4.6', 'arrays for scikit-learn, sparse_dot_topn and the checks'),
    Package('scipy', '1.17.1', 'sparse matrices'),
    Package('scikit-learn', '1.9.1', 'TfidfVectorizer, HashingVectorizer, DBSCAN, AgglomerativeClustering'),
    # camel-tools 1.6.0 requires torch, transformers and camel-kenlm (a C++ build),
    # gigabytes that its normalization and tokenization functions never import:
    # the package itself is installed without dependencies, plus the three
    # modules those functions do import (regex, emoji, six).
    Package('camel-tools', '1.6.0', 'CAMeL Tools (utils.dediac, utils.normalize, tokenizers.word only)',
            ('--no-deps',)),
    Package('regex', '2026.11.19', 'needed by camel_tools.tokenizers.word'),
    Package('emoji', '2.16.0', 'needed by camel_tools.utils.charsets'),
    Package('six', '1.17.0', 'needed by camel_tools.utils.stringutils'),
    Package('PyArabic', '0.6.15', 'PyArabic'),
    Package('PyICU', '2.17', 'ICU NFKC and word break (builds against the system ICU: libicu-dev, pkg-config)'),
    Package('stringzilla', '5.3.2', 'StringZilla'),
    Package('PyStemmer', '3.1.0', 'Snowball Arabic in C'),
    Package('snowballstemmer', '3.1.1', 'Snowball Arabic in pure Python'),
    Package('nltk', '3.10.4', 'ISRI stemmer'),
    Package('datasketch', '2.0.0', 'MinHash + MinHashLSH'),
    Package('rensa', '0.5.0', 'RMinHash + RMinHashLSH (Rust)'),
    Package('sparse-dot-topn', '1.2.0', 'sparse matrix product with a threshold'),
    Package('matplotlib', '3.11.2', 'charts'),
]


def installed_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def install(packages, log):
    """Installs each package at its pinned version unless it is already there.
    Returns {name: None if installed, else the reason it is not}."""
    status = {}
    for package in packages:
        if installed_version(package.name) == package.version:
            status[package.name] = None
            continue
        log(f'installing {package.name}=={package.version}')
        command = [sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check', '--quiet',
                   *package.pip_options, f'{package.name}=={package.version}']
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode == 0 and installed_version(package.name) == package.version:
            status[package.name] = None
        else:
            lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
            reason = lines[-1] if lines else f'pip exited with {result.returncode}'
            status[package.name] = f'pip install {package.name}=={package.version} failed: {reason}'
            log(status[package.name])
    return status


def install_ours(root, log):
    """Installs our Python package from the checkout's `python/` into this venv
    (`pip install --no-deps --force-reinstall`, so that it is always this
    checkout's code; its build backend compiles the native library in release
    mode). numpy and scipy, its dependencies, are pinned above. Returns None
    when it is installed and importable, else the reason it is not."""
    log('installing arabictext from python/ (release build of the native library)')
    command = [sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '--no-deps',
               '--force-reinstall', os.path.join(root, 'python')]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
        return f'pip install ./python failed: {lines[-1] if lines else f"pip exited with {result.returncode}"}'
    check = subprocess.run([sys.executable, '-c', 'import arabictext; print(arabictext.__version__)'],
                           capture_output=True, text=True, cwd=os.path.dirname(os.path.abspath(__file__)))
    if check.returncode != 0:
        lines = [line for line in check.stderr.splitlines() if line.strip()]
        return f'arabictext was installed but does not import: {lines[-1] if lines else "?"}'
    return None


def build_cli(root, log):
    """`swift build -c release` in the checkout; returns the path of arabic-text."""
    log('building arabic-text (swift build -c release)')
    result = subprocess.run(['swift', 'build', '-c', 'release', '--product', 'arabic-text'], cwd=root,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f'swift build -c release failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}')
    binary = os.path.join(root, '.build', 'release', 'arabic-text')
    if not os.access(binary, os.X_OK):
        raise RuntimeError(f'swift build succeeded but {binary} is missing')
    return binary


def _first_line(command, cwd=None):
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=60)
        text = (result.stdout or result.stderr).strip()
        return text.splitlines()[0] if text else '?'
    except (OSError, subprocess.TimeoutExpired):
        return '?'


def _cpu_model():
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or '?'


def _memory_gib():
    try:
        with open('/proc/meminfo', encoding='utf-8') as f:
            for line in f:
                if line.startswith('MemTotal:'):
                    return f'{int(line.split()[1]) / 1024 / 1024:.1f} GiB'
    except OSError:
        pass
    return '?'


def _os_name():
    try:
        with open('/etc/os-release', encoding='utf-8') as f:
            for line in f:
                if line.startswith('PRETTY_NAME='):
                    return line.split('=', 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def load_average():
    try:
        return os.getloadavg()
    except OSError:
        return None


def machine(root, binary):
    """Facts about the machine, toolchain and checkout, for the report."""
    commit = _first_line(['git', 'rev-parse', '--short=12', 'HEAD'], cwd=root)
    dirty = subprocess.run(['git', 'status', '--porcelain', '--untracked-files=no'], cwd=root,
                           capture_output=True, text=True).stdout.strip()
    return {
        'cpu': _cpu_model(),
        'cores': os.cpu_count(),
        'memory': _memory_gib(),
        'os': _os_name(),
        'kernel': platform.release(),
        'swift': _first_line(['swift', '--version']),
        'python': sys.version.split()[0],
        'arabic-text': _first_line([binary, '--version']),
        'commit': commit + (' (with uncommitted changes)' if dirty else ''),
    }


def versions(packages):
    return {package.name: installed_version(package.name) for package in packages}
