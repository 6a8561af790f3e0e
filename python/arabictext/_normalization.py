"""Normalization rules and presets, as the native library names them.

Rules are read from the library at import (`tashkeel`, `daggerAlef`, ...)
and offered to Python in snake_case (`tashkeel`, `dagger_alef`, ...).
"""

from __future__ import annotations

import ctypes
import re

from ._native import check, lib


def _snake_case(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


RULE_BITS: dict[str, int] = {
    _snake_case(lib.at_normalization_rule_name(index).decode()): lib.at_normalization_rule_bit(index)
    for index in range(lib.at_normalization_rule_count())
}
"""Every normalization rule's bit, by its snake_case name."""

PRESETS = ("search", "lucene", "light", "none")
"""The named rule sets: `search` (the default for matching), `lucene`, `light` and `none`."""


def preset_bits(preset: str) -> int:
    """The rule bits of a preset."""
    if not isinstance(preset, str):
        raise TypeError(f"preset must be a string ({', '.join(PRESETS)}), not {type(preset).__name__}")
    bits = ctypes.c_uint32()
    check(lib.at_normalization_preset(preset.encode(), ctypes.byref(bits)))
    return bits.value


def rule_bits(preset: str = "search", rules: dict[str, bool] | None = None) -> int:
    """The bits of `preset` with each rule of `rules` switched on (True) or off (False)."""
    bits = preset_bits(preset)
    for name, enabled in (rules or {}).items():
        bit = RULE_BITS.get(name)
        if bit is None:
            raise TypeError(f"unknown normalization rule {name!r}; rules: {', '.join(RULE_BITS)}")
        if not isinstance(enabled, bool):
            raise TypeError(f"rule {name} must be True or False, not {enabled!r}")
        bits = bits | bit if enabled else bits & ~bit
    return bits


def rules_of(bits: int) -> list[str]:
    """The names of the rules whose bits are set."""
    return [name for name, bit in RULE_BITS.items() if bits & bit]
