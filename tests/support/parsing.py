"""The parser's public contract as the tests check it: `gongkai parse --json`'s form of a parse."""

from pathlib import Path

from ingestion import parse


def parse_bytes(name: str, data: bytes, path: Path | None = None) -> dict:
    return parse.parse_bytes(name, data, path).to_json()


def parse_file(path: Path) -> dict:
    return parse.parse_file(path).to_json()
