"""PEP 517 build backend of the `arabictext` Python package.

`build_wheel` runs the release Swift build of the `ArabicTextC` product (the
C interface, libArabicTextC.so) with the Swift runtime linked statically, then
packs the library, its header and the Python modules into a platform wheel
(`py3-none-<platform>`: the bindings use ctypes, so one wheel serves every
Python 3.10+ on the platform).

The Swift package is found at `..` (a source checkout: python/ inside the
repository) or at `./swift` (an sdist made by `build_sdist`).

Settings (environment variables, or `--config-settings KEY=VALUE` with the
lower-case names):
  ARABICTEXT_SWIFT         the `swift` executable (default: `swift` on PATH)
  ARABICTEXT_SCRATCH_PATH  SwiftPM's build folder (default: <package>/.build-python)
  ARABICTEXT_SWIFT_FLAGS   extra arguments for `swift build`, split on spaces
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PYTHON_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "arabictext"
LIBRARY = "libArabicTextC.so"
HEADER = Path("Sources/ArabicTextC/include/arabictext.h")

# What the sdist carries of the Swift package (what its Package.swift needs).
SWIFT_PACKAGE_ITEMS = ["Package.swift", "Sources", "Tests", "seeds", "LICENSE", "README.md"]
# What the sdist carries of python/.
PYTHON_ITEMS = ["pyproject.toml", "README.md", PACKAGE, "build_backend", "tests", "scripts"]

# Linker flags of the release build: the Swift runtime inside the library
# (-static-stdlib, which on Linux also keeps its symbols local), only the
# at_* functions exported, symbol tables stripped.
EXPORTS_MAP = "{\n  global: at_*;\n  local: *;\n};\n"


# ---------------------------------------------------------------- settings

def _setting(config_settings: dict | None, name: str) -> str | None:
    if config_settings and config_settings.get(name.lower()):
        return str(config_settings[name.lower()])
    return os.environ.get(name.upper()) or None


def _log(message: str) -> None:
    print(f"arabictext build: {message}", file=sys.stderr, flush=True)


def _swift_package_root() -> Path:
    for candidate in (PYTHON_ROOT / "swift", PYTHON_ROOT.parent):
        if (candidate / "Package.swift").is_file() and (candidate / "Sources" / "ArabicTextC").is_dir():
            return candidate
    raise RuntimeError(
        f"cannot find the ArabicText Swift package next to {PYTHON_ROOT} "
        "(expected ../Package.swift in a checkout or ./swift/Package.swift in an sdist)"
    )


def _project() -> dict:
    with open(PYTHON_ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]


def _version() -> str:
    """The toolkit's version: `ArabicTextVersion.string` in the Swift sources (`arabic-text --version`)."""
    pattern = re.compile(r'enum\s+ArabicTextVersion\b[^}]*?static\s+let\s+string\s*=\s*"([^"]+)"', re.S)
    sources = _swift_package_root() / "Sources"
    for path in sorted(sources.rglob("*.swift")):
        match = pattern.search(path.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    raise RuntimeError(f"no `enum ArabicTextVersion {{ static let string = \"...\" }}` under {sources}")


def _platform_tag() -> str:
    return re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())


# ---------------------------------------------------------------- metadata

def _metadata() -> str:
    project = _project()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {_version()}",
        f"Summary: {project.get('description', '')}",
    ]
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    license = project.get("license")
    if isinstance(license, dict) and "text" in license:
        lines.append(f"License: {license['text']}")
    elif isinstance(license, str):
        lines.append(f"License: {license}")
    for url_name, url in project.get("urls", {}).items():
        lines.append(f"Project-URL: {url_name}, {url}")
    for classifier in project.get("classifiers", []):
        lines.append(f"Classifier: {classifier}")
    for requirement in project.get("dependencies", []):
        lines.append(f"Requires-Dist: {requirement}")
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        for requirement in requirements:
            marker = f'extra == "{extra}"'
            if ";" in requirement:
                requirement, existing = requirement.split(";", 1)
                marker = f"({existing.strip()}) and {marker}"
            lines.append(f"Requires-Dist: {requirement.strip()}; {marker}")
    readme = project.get("readme")
    body = ""
    if isinstance(readme, str) and (PYTHON_ROOT / readme).is_file():
        lines.append("Description-Content-Type: text/markdown")
        body = (PYTHON_ROOT / readme).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n\n" + body


def _dist_info_name() -> str:
    return f"{PACKAGE}-{_version()}.dist-info"


def _wheel_file() -> str:
    return (
        "Wheel-Version: 1.0\n"
        "Generator: arabictext_build\n"
        "Root-Is-Purelib: false\n"
        f"Tag: py3-none-{_platform_tag()}\n"
    )


# ---------------------------------------------------------------- Swift build

def _swift_build(config_settings: dict | None) -> Path:
    """Runs the release build of ArabicTextC; returns the path of the library."""
    root = _swift_package_root()
    swift = _setting(config_settings, "ARABICTEXT_SWIFT") or shutil.which("swift")
    if not swift:
        raise RuntimeError(
            "building arabictext needs the Swift toolchain (6.1 or later): `swift` is not on PATH "
            "(or set ARABICTEXT_SWIFT to the swift executable)"
        )
    scratch = Path(_setting(config_settings, "ARABICTEXT_SCRATCH_PATH") or root / ".build-python")
    scratch.mkdir(parents=True, exist_ok=True)
    exports = scratch / "arabictext-exports.map"
    if not exports.is_file() or exports.read_text() != EXPORTS_MAP:
        exports.write_text(EXPORTS_MAP)
    base = [swift, "build", "-c", "release", "--product", "ArabicTextC", "--scratch-path", str(scratch)]
    flags = [
        "-Xswiftc", "-static-stdlib",
        "-Xlinker", f"--version-script={exports}",
        "-Xlinker", "--strip-all",
    ]
    extra = (_setting(config_settings, "ARABICTEXT_SWIFT_FLAGS") or "").split()
    command = base + flags + extra
    _log("running " + " ".join(command))
    started = time.monotonic()
    # Swift's output goes to stderr so that pip shows it with -v and on failure.
    completed = subprocess.run(command, cwd=root, stdout=sys.stderr, stderr=sys.stderr)
    if completed.returncode != 0:
        raise RuntimeError(f"`swift build` failed with exit code {completed.returncode}")
    _log(f"swift build took {time.monotonic() - started:.1f} s")
    bin_path = subprocess.run(
        base + flags + extra + ["--show-bin-path"], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip().splitlines()[-1]
    library = Path(bin_path) / LIBRARY
    if not library.is_file():
        raise RuntimeError(f"the build did not produce {library}")
    return library


# ---------------------------------------------------------------- wheel

class _WheelWriter:
    """A zip with a RECORD of every file's sha256 and size."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.records: list[str] = []

    def add(self, name: str, data: bytes, executable: bool = False) -> None:
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.external_attr = ((0o755 if executable else 0o644) | 0o100000) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self.records.append(f"{name},sha256={digest},{len(data)}")

    def close(self, record_name: str) -> None:
        self.records.append(f"{record_name},,")
        info = zipfile.ZipInfo(record_name, date_time=(2024, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, "\n".join(self.records) + "\n")
        self.zip.close()


def _python_modules() -> list[Path]:
    package = PYTHON_ROOT / PACKAGE
    return sorted(
        path for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".typed")
    )


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    library = _swift_build(config_settings)
    root = _swift_package_root()
    name = f"{PACKAGE}-{_version()}-py3-none-{_platform_tag()}.whl"
    path = Path(wheel_directory) / name
    writer = _WheelWriter(path)
    for module in _python_modules():
        writer.add(module.relative_to(PYTHON_ROOT).as_posix(), module.read_bytes())
    writer.add(f"{PACKAGE}/{LIBRARY}", library.read_bytes(), executable=True)
    writer.add(f"{PACKAGE}/include/arabictext.h", (root / HEADER).read_bytes())
    dist_info = _dist_info_name()
    writer.add(f"{dist_info}/METADATA", _metadata().encode())
    writer.add(f"{dist_info}/WHEEL", _wheel_file().encode())
    writer.add(f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode())
    if (root / "LICENSE").is_file():
        writer.add(f"{dist_info}/LICENSE", (root / "LICENSE").read_bytes())
    writer.close(f"{dist_info}/RECORD")
    _log(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return name


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    dist_info = Path(metadata_directory) / _dist_info_name()
    dist_info.mkdir(parents=True, exist_ok=True)
    (dist_info / "METADATA").write_text(_metadata(), encoding="utf-8")
    (dist_info / "WHEEL").write_text(_wheel_file(), encoding="utf-8")
    return dist_info.name


def get_requires_for_build_wheel(config_settings=None):
    return []


# ---------------------------------------------------------------- sdist

def _add_tree(archive: tarfile.TarFile, source: Path, name: str) -> None:
    """Adds a file or folder, leaving out build folders, caches and hidden files."""
    if source.name.startswith(".") or source.name in ("__pycache__", "dist", "build"):
        return
    if source.is_dir():
        for child in sorted(source.iterdir()):
            _add_tree(archive, child, f"{name}/{child.name}")
    elif source.is_file():
        info = archive.gettarinfo(str(source), arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = 1704067200
        with open(source, "rb") as file:
            archive.addfile(info, file)


def build_sdist(sdist_directory, config_settings=None):
    root = _swift_package_root()
    base = f"{PACKAGE}-{_version()}"
    path = Path(sdist_directory) / f"{base}.tar.gz"
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as archive:
        for item in PYTHON_ITEMS:
            if (PYTHON_ROOT / item).exists():
                _add_tree(archive, PYTHON_ROOT / item, f"{base}/{item}")
        for item in SWIFT_PACKAGE_ITEMS:
            if (root / item).exists():
                _add_tree(archive, root / item, f"{base}/swift/{item}")
        pkg_info = _metadata().encode()
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(pkg_info)
        info.mtime = 1704067200
        archive.addfile(info, io.BytesIO(pkg_info))
    return path.name


def get_requires_for_build_sdist(config_settings=None):
    return []
