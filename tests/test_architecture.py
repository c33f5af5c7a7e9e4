"""The floors of the code: core ← units ← blocs ← meetings ← awards ← demo.

A lower app knows nothing of a higher one: it imports none of its modules, and its templates
neither load a higher app's tag library nor reverse a higher app's URLs (a higher app fills the
lower app's slots instead, core.slots). No app imports the project (config). Every app has the
same shape: subjects as modules inside packages, no code in a package's __init__.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["core", "units", "blocs", "meetings", "awards", "demo"]
# Template folders of the project that belong to an app though they are not named after it.
TEMPLATE_FOLDERS = {"documents": "meetings"}
PACKAGES = ("services", "selectors", "forms", "views", "documents")


def python_files(app: str) -> list[Path]:
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names


def above(app: str) -> set[str]:
    return set(LAYERS[LAYERS.index(app) + 1 :])


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_no_app_above_it_nor_the_project(app):
    forbidden = above(app) | {"config"}
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & forbidden)
        for path in python_files(app)
        if imported_apps(path) & forbidden
    }

    assert offenders == {}


def tag_libraries() -> dict[str, str]:
    """Return each template tag library with the app that defines it."""
    return {
        path.stem: app
        for app in LAYERS
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def templates_of(app: str) -> list[Path]:
    folders = [app] + [folder for folder, owner in TEMPLATE_FOLDERS.items() if owner == app]
    return [path for folder in folders for path in (ROOT / "templates" / folder).rglob("*.html")]


LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
URL = re.compile(r"""{%\s*url\s+["'](\w+):""")


@pytest.mark.parametrize("app", LAYERS)
def test_a_template_of_an_app_uses_no_tag_library_or_url_of_an_app_above_it(app):
    libraries, higher = tag_libraries(), above(app)
    offenders = {}
    for path in templates_of(app):
        text = path.read_text(encoding="utf-8")
        loaded = {name for names in LOAD.findall(text) for name in names.split()}
        wrong = sorted(
            {f"load {name}" for name in loaded if libraries.get(name) in higher}
            | {f"url {ns}:" for ns in URL.findall(text) if ns in higher}
        )
        if wrong:
            offenders[str(path.relative_to(ROOT))] = wrong

    assert offenders == {}


def test_the_template_check_finds_what_it_looks_for():
    """The check above would see a load or a URL of a higher app (guards its patterns)."""
    text = "{% load i18n documents %}<a href=\"{% url 'awards:score_list' 1 2020 %}\">"

    assert {n for names in LOAD.findall(text) for n in names.split()} == {"i18n", "documents"}
    assert URL.findall(text) == ["awards"]
    assert tag_libraries()["documents"] == "meetings"


@pytest.mark.parametrize("app", LAYERS)
def test_a_package_init_holds_no_code(app):
    offenders = []
    for path in (ROOT / app).rglob("__init__.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A models package names its models so that Django finds them: imports and __all__.
        code = [
            node
            for node in tree.body
            if not isinstance(node, ast.Import | ast.ImportFrom)
            and not (
                isinstance(node, ast.Assign)
                and [getattr(t, "id", None) for t in node.targets] == ["__all__"]
            )
        ]
        if code or (tree.body and path.parent.name != "models"):
            offenders.append(str(path.relative_to(ROOT)))

    assert offenders == []


# The domain apps; core's helpers are one module each, and the demo is data and one loader.
DOMAIN_APPS = ["units", "blocs", "meetings", "awards"]


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_an_app_keeps_its_subjects_in_packages_not_in_suffixed_siblings(app):
    siblings = [
        path.name
        for path in (ROOT / app).glob("*.py")
        if re.fullmatch(r"(views|forms|services|selectors|urls|models)_\w+\.py", path.name)
    ]
    flat = [name for name in PACKAGES if (ROOT / app / f"{name}.py").exists()]

    assert siblings == []
    assert flat == []


# What the tests share, each defined in one module.
SHARED_IN_TESTS = {
    r"^PERSONAS = ": "tests/personas.py",
    r"^def (by_persona|matrix)\(": "tests/personas.py",
    r"^def (pdf_text|page_texts|flat|text_of)\(": "tests/pdfs.py",
    r"^STALE = ": "tests/checks.py",
}


def test_the_tests_define_their_shared_helpers_once():
    found = {}
    for path in (ROOT / "tests").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        for pattern, home in SHARED_IN_TESTS.items():
            if where == home:
                continue
            if re.search(pattern, text, flags=re.M):
                found.setdefault(where, []).append(pattern)

    assert found == {}
