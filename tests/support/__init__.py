"""Helpers shared by the tests (plain modules, not test modules; fixtures live in conftest.py)."""
