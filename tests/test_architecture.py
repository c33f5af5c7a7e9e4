"""Dependencies point one way: core ← units ← blocs ← meetings ← awards ← demo."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["core", "units", "blocs", "meetings", "awards", "demo"]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_no_app_above_it(app):
    above = set(LAYERS[LAYERS.index(app) + 1 :])
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & above)
        for path in (ROOT / app).rglob("*.py")
        if imported_apps(path) & above
    }

    assert offenders == {}
