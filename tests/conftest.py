import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "sample"
EXPECTED = ROOT / "tests" / "expected"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLES


def expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def load_expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
