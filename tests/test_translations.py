"""The Vietnamese catalogue is complete, and the committed .mo matches the .po.

The .po is parsed here with a tiny parser (standard library only), so the tests run on a
machine without GNU gettext. "Compiling in memory" means building the msgid -> msgstr mapping
that msgfmt would put in the .mo; the committed .mo is then read with
``gettext.GNUTranslations`` and must give the same translation for every msgid.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

# %(name)s, %(n)d … as Django's gettext and {% blocktranslate %} use them.
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +\-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def parse_po(path: Path) -> list[Entry]:
    """Parse a .po file into its entries (the header included, obsolete ones left out)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    pending_flags: set[str] = set()
    target: tuple[str, int | None] | None = None  # which field continuation lines extend

    def finish() -> None:
        nonlocal entry
        if entry is not None:
            entries.append(entry)
        entry = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        if line.startswith("#~"):  # obsolete entry: not compiled
            continue
        if line.startswith("#,"):
            finish()
            pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            if entry is not None and target is not None and target[0] == "msgstr":
                finish()
            continue
        if line.startswith('"'):
            assert entry is not None and target is not None, f"{path}:{number}: stray string"
            name, index = target
            value = ast.literal_eval(line)
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, (getattr(entry, name) or "") + value)
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest.strip())
        if keyword in ("msgctxt", "msgid") and (
            entry is None or (target is not None and target[0] == "msgstr")
        ):
            finish()
            entry = Entry(flags=pending_flags, line=number)
            pending_flags = set()
        assert entry is not None, f"{path}:{number}: {keyword} outside an entry"
        if keyword.startswith("msgstr"):
            match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)
            assert match, f"{path}:{number}: unknown keyword {keyword}"
            index = int(match.group(1) or 0)
            entry.msgstr[index] = value
            target = ("msgstr", index)
        elif keyword in ("msgid", "msgctxt", "msgid_plural"):
            setattr(entry, keyword, value)
            target = (keyword, None)
        else:
            raise AssertionError(f"{path}:{number}: unknown keyword {keyword}")
    finish()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = next(entry for entry in entries if entry.is_header)
    fields = {}
    for line in header.msgstr[0].splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def catalog_key(entry: Entry) -> str:
    """The key under which msgfmt stores the entry (context joined by EOT)."""
    return entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po(PO_PATH)


@pytest.fixture(scope="module")
def messages(entries) -> list[Entry]:
    return [entry for entry in entries if not entry.is_header]


@pytest.fixture(scope="module")
def compiled() -> gettext.GNUTranslations:
    assert MO_PATH.exists(), f"{MO_PATH} is missing: run compilemessages"
    with MO_PATH.open("rb") as fp:
        return gettext.GNUTranslations(fp)


def test_catalogue_is_not_empty(messages):
    assert len(messages) > 50


def test_header(entries):
    fields = header_fields(entries)
    assert fields["Language"] == "vi"
    assert "charset=UTF-8" in fields["Content-Type"]
    assert fields["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"


def test_no_entry_is_fuzzy(entries):
    fuzzy = [entry.label for entry in entries if "fuzzy" in entry.flags]
    assert fuzzy == []


def test_every_entry_is_translated(messages):
    untranslated = [entry.label for entry in messages if not entry.msgstr.get(0, "").strip()]
    assert untranslated == []


def test_plural_entries_have_one_form(messages):
    """Vietnamese has a single plural form: msgstr[0] only."""
    wrong = [
        entry.label
        for entry in messages
        if entry.msgid_plural is not None and sorted(entry.msgstr) != [0]
    ]
    assert wrong == []


def test_placeholders_are_kept(messages):
    mismatched = []
    for entry in messages:
        expected = set(NAMED_PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural is not None:
            expected |= set(NAMED_PLACEHOLDER.findall(entry.msgid_plural))
        found = set(NAMED_PLACEHOLDER.findall(entry.msgstr.get(0, "")))
        if found != expected:
            mismatched.append(f"{entry.label}: expected {sorted(expected)}, got {sorted(found)}")
    assert mismatched == []


def test_mo_translates_every_msgid_of_the_po(messages, compiled):
    """The .mo is compiled from the current .po: each msgid gives its msgstr through it."""
    stale = []
    for entry in messages:
        if entry.msgid_plural is not None:
            for n in (1, 2, 5):
                got = (
                    compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    if entry.msgctxt is not None
                    else compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                )
                if got != entry.msgstr[0]:
                    stale.append(f"{entry.label} (n={n}): .mo gives {got!r}")
        else:
            got = (
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt is not None
                else compiled.gettext(entry.msgid)
            )
            if got != entry.msgstr[0]:
                stale.append(f"{entry.label}: .mo gives {got!r}")
    assert stale == [], "the .mo is older than the .po: run compilemessages"


def test_mo_has_the_same_msgids_as_the_po(messages, compiled):
    """No msgid missing from the .mo (a msgstr equal to its msgid would hide it) or left over."""
    in_po = {catalog_key(entry) for entry in messages}
    # GNUTranslations keeps plural forms as (msgid, index) keys and the header as "".
    in_mo = {key[0] if isinstance(key, tuple) else key for key in compiled._catalog} - {""}
    assert sorted(in_po - in_mo) == [], "msgids missing from the .mo: run compilemessages"
    assert sorted(in_mo - in_po) == [], "msgids only in the .mo: run compilemessages"


def test_mo_header_is_vietnamese(compiled):
    assert compiled.info().get("language") == "vi"
    assert compiled.plural(1) == compiled.plural(7) == 0


def test_django_uses_the_catalogue():
    with translation.override("vi"):
        assert translation.gettext("Log in") == "Đăng nhập"
        assert translation.gettext("Log out") == "Đăng xuất"
