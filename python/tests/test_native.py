"""The native library: its header, its exports, its dependencies, its version."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import arabictext as at
import cli_reference
from arabictext import _native

LIBRARY = Path(_native._library_path())
INSTALLED_HEADER = Path(at.__file__).parent / "include" / "arabictext.h"
SOURCE_HEADER = cli_reference.REPOSITORY / "Sources" / "ArabicTextC" / "include" / "arabictext.h"
HEADER = INSTALLED_HEADER if INSTALLED_HEADER.is_file() else SOURCE_HEADER

# What the library may need: the C and C++ runtimes, ICU, and libarchive with the compression
# libraries it links (the Swift library reads archives and compressed inputs through it);
# nothing of the Swift toolchain.
ALLOWED = {"linux-vdso.so.1", "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2",
           "libicuuc.so", "libicudata.so", "libpthread.so.0", "libdl.so.2", "librt.so.1",
           "libarchive.so", "libz.so", "libbz2.so", "liblzma.so", "libzstd.so", "liblz4.so", "libxml2.so",
           "libacl.so", "libnettle.so", "libcrypto.so", "libattr.so", "libb2.so"}


def header_functions() -> list[str]:
    return re.findall(r"^[a-z_0-9 *]+?\b(at_[a-z_0-9]+)\(", HEADER.read_text(), re.M)


def test_every_header_function_is_exported():
    functions = header_functions()
    assert len(functions) == 69, functions
    for name in functions:
        assert hasattr(_native.lib, name), name


def test_only_the_interface_is_exported():
    nm = shutil.which("nm")
    if not nm:
        pytest.skip("nm is not installed")
    output = subprocess.run([nm, "-D", "--defined-only", str(LIBRARY)], capture_output=True, text=True, check=True).stdout
    exported = {line.split()[-1] for line in output.splitlines() if line.split()[1] in "TDB"}
    assert exported == set(header_functions())


def test_dependencies():
    ldd = shutil.which("ldd")
    if not ldd:
        pytest.skip("ldd is not installed")
    output = subprocess.run([ldd, str(LIBRARY)], capture_output=True, text=True, check=True).stdout
    names = {Path(line.split()[0]).name for line in output.splitlines() if line.strip()}
    unexpected = {n for n in names if not any(n == a or n.startswith(a + ".") for a in ALLOWED)}
    assert not unexpected, output
    assert "not found" not in output


def test_no_swift_runtime_is_mapped():
    maps = Path("/proc/self/maps").read_text()
    assert str(LIBRARY.resolve()) in maps or LIBRARY.name in maps
    assert "libswiftCore" not in maps and "libdispatch.so" not in maps


def test_header_compiles_and_runs(tmp_path):
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not compiler:
        pytest.skip("no C compiler")
    program = tmp_path / "smoke.c"
    program.write_text(r'''
#include "arabictext.h"
#include <stdio.h>
#include <string.h>
int main(void) {
    const char *text = "\xd8\xa5\xd9\x90\xd9\x86\xd9\x91\xd9\x8e\xff";   /* "inna" with harakat, then a bad byte */
    int64_t offsets[3] = {0, 8, 9};
    at_batch batch = {AT_LAYOUT_OFFSETS64, 2, (const uint8_t *)text, 9, offsets, NULL, NULL, NULL, 0};
    at_texts out = {0};
    uint32_t rules = 0;
    if (at_abi_version() != AT_ABI_VERSION) return 1;
    if (at_normalization_preset("search", &rules) != AT_OK) return 2;
    if (at_normalize(&batch, rules, 0, &out) != AT_ERROR_INVALID_UTF8 || at_last_error_item() != 1) return 3;
    batch.count = 1;
    if (at_normalize(&batch, rules, 1, &out) != AT_OK) return 4;
    if (out.count != 1 || out.offsets[1] != 4 || memcmp(out.data, "\xd8\xa7\xd9\x86", 4) != 0) return 5;
    at_texts_free(&out);
    at_texts_free(&out);
    at_duplicate_options options;
    at_duplicate_options_init(&options);
    options.threshold = 2;
    uint32_t signature[128];
    if (at_minhash(&batch, &options, 0, signature, 128) != AT_ERROR_ARGUMENT) return 6;
    char message[200];
    snprintf(message, sizeof message, "%s", at_last_error());

    /* TF-IDF from C: a model handle, a CSR matrix, then a freed handle refused. */
    const char *words = "ab cd ab" "cd ef";
    int64_t word_offsets[3] = {0, 8, 13};
    at_batch documents = {AT_LAYOUT_OFFSETS64, 2, (const uint8_t *)words, 13, word_offsets, NULL, NULL, NULL, 0};
    at_analysis_options analysis;
    at_analysis_options_init(&analysis, AT_ANALYZER_WORD);
    analysis.style = AT_ANALYSIS_SKLEARN;
    at_tfidf_options weighting;
    at_tfidf_options_init(&weighting);
    weighting.ngram_max = 1;
    weighting.feature_order = AT_ORDER_BYTES;
    at_tfidf_model *model = NULL;
    at_csr matrix = {0};
    if (at_tfidf_fit(&documents, &analysis, &weighting, AT_FLOAT64, 1, &model, &matrix) != AT_OK) return 7;
    if (matrix.row_count != 2 || matrix.column_count != 3 || matrix.nonzero_count != 4) return 8;
    if (matrix.indptr[1] != 2 || matrix.indices[0] != 0 || matrix.indices[1] != 1) return 9;
    at_csr_free(&matrix);
    at_csr_free(&matrix);
    at_tfidf_free(model);
    if (at_tfidf_transform(model, &documents, AT_FLOAT64, 1, &matrix) != AT_ERROR_ARGUMENT) return 10;
    at_tfidf_free(model);
    printf("%s|%s\n", at_version(), message);
    return 0;
}
''')
    executable = tmp_path / "smoke"
    subprocess.run([compiler, "-std=c11", "-Wall", "-Werror", f"-I{HEADER.parent}", str(program), str(LIBRARY),
                    f"-Wl,-rpath,{LIBRARY.parent}", "-o", str(executable)], check=True)
    completed = subprocess.run([str(executable)], capture_output=True, text=True)
    assert completed.returncode == 0, completed
    assert completed.stdout == f"{at.__version__}|the threshold must be in (0, 1], not 2.0\n"


def test_version(reference):
    assert (reference / "version.txt").read_text().strip() == at.__version__


def test_installed_wheel():
    """In the wheel's environment (test-wheel.sh): the installed package, no Swift anywhere in sight."""
    if os.environ.get("ARABICTEXT_EXPECT_INSTALLED") != "1":
        pytest.skip("not testing an installed wheel (set ARABICTEXT_EXPECT_INSTALLED=1)")
    assert Path(at.__file__).resolve().is_relative_to(Path(sys.prefix).resolve())
    assert LIBRARY.resolve() == (Path(at.__file__).parent / "libArabicTextC.so").resolve()
    assert importlib.metadata.version("arabictext") == at.__version__
    assert shutil.which("swift") is None and shutil.which("swiftc") is None
    for variable in ("PATH", "LD_LIBRARY_PATH"):
        assert "swift" not in os.environ.get(variable, "").lower(), variable
