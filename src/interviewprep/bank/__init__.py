"""The question bank: models, YAML loading and validation with FILE:LINE errors."""

from __future__ import annotations

from pathlib import Path

from .. import locations
from .loader import Bank, load_bank, yaml_files
from .models import (
    CATEGORIES,
    CATEGORY_NAMES,
    CONTRACT_ELEMENTS,
    LEVELS,
    NO_MODEL_ANSWER,
    SPECIALIZATIONS,
    Element,
    ElementRef,
    Question,
)
from .yamlsource import BankError

__all__ = [
    "Bank",
    "BankError",
    "CATEGORIES",
    "CATEGORY_NAMES",
    "CONTRACT_ELEMENTS",
    "Element",
    "ElementRef",
    "LEVELS",
    "NO_MODEL_ANSWER",
    "Question",
    "SPECIALIZATIONS",
    "default_bank_paths",
    "load_app_bank",
    "load_bank",
    "validate_paths",
    "yaml_files",
]


def default_bank_paths(extra: list[Path] | None = None) -> list[Path]:
    """The bundled bank, then the user bank folder (if it exists), then any extra paths."""
    paths = [locations.bundled_bank_dir()]
    user = locations.user_bank_dir()
    if user.is_dir():
        paths.append(user)
    return paths + list(extra or [])


def load_app_bank(extra: list[Path] | None = None) -> tuple[Bank, list[BankError]]:
    """The bank the app uses: bundled + user folder + extra paths, with all problems."""
    return load_bank(default_bank_paths(extra))


def validate_paths(paths: list[Path]) -> tuple[Bank, list[BankError]]:
    """Validate files or folders. With no paths, the banks the app loads.

    Given paths are checked against the bundled element library and question ids, so a user
    file that reuses a bundled id or names an unknown element is caught before the app loads it.
    """
    if not paths:
        return load_app_bank()
    given, missing = yaml_files(paths)
    given_set = {p.resolve() for p in given}
    bundled, _ = yaml_files([locations.bundled_bank_dir()])
    base_files = [p for p in bundled if p.resolve() not in given_set]
    base, _ = load_bank(base_files)
    bank, errors = load_bank(given, base=base)
    return bank, missing + errors
