"""The fixed cast of personas (built by tests/conftest.py), and the parameters of a test that
asks each of them the same thing."""

from __future__ import annotations

import pytest

# In the order the tables of expected answers list them.
PERSONAS = (
    "board",
    "secretariat",
    "deputy_staff",
    "member_staff",
    "other_bloc_staff",
    "other_province_staff",
    "other_province_board",
    "national",
)


def by_persona(statuses: tuple[int, ...], personas: tuple[str, ...] = PERSONAS) -> list:
    """Return (persona, status) parameters: what each persona gets."""
    return [
        pytest.param(persona, status, id=f"{persona} {status}")
        for persona, status in zip(personas, statuses, strict=True)
    ]


def matrix(table: dict, personas: tuple[str, ...] = PERSONAS) -> list:
    """Return (name, persona, status) parameters from a table of what each persona gets, by
    page or action."""
    return [
        pytest.param(name, persona, status, id=f"{persona} {name}")
        for name, statuses in table.items()
        for persona, status in zip(personas, statuses, strict=True)
    ]
