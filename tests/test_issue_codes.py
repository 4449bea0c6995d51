"""The issue-code catalogue (ingestion/issue_codes.py) is exactly the set of codes the code raises."""

import re

from ingestion.issue_codes import ISSUE_CODES
from tests.conftest import ROOT

# a code where an issue or a quarantine is made: issue("code", …), unplaced("code", …), UnreadableInput("code", …),
# quarantined(name, "code", …), and the ingest's own quarantine reasons (a dict of messages by code)
RAISED = re.compile(r'(?:issue|unplaced|UnreadableInput)\(\s*"([a-z0-9_]+)"|quarantined\([^,]+,\s*"([a-z0-9_]+)"'
                    r'|^\s*"([a-z0-9_]+)": f?"[^"]*",?$', re.M)


def _raised() -> set[str]:
    found = set()
    for path in [*(ROOT / "ingestion").rglob("*.py"), *(ROOT / "orchestration" / "warehouse").glob("*.py")]:
        if path.name == "issue_codes.py":
            continue
        for m in RAISED.finditer(path.read_text(encoding="utf-8")):
            found.add(next(g for g in m.groups() if g))
    return found


def test_every_raised_code_is_catalogued_and_every_catalogued_code_is_raised():
    raised = _raised()
    assert raised - set(ISSUE_CODES) == set()
    assert set(ISSUE_CODES) - raised == set()


def test_reconstructed_codes_are_catalogued_cell_codes():
    from ingestion.issue_codes import RECONSTRUCTED

    assert {ISSUE_CODES[code][0] for code in RECONSTRUCTED} == {"cells"}
