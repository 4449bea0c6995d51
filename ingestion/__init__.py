"""Reading, decoding, normalising and parsing disclosure reports. Pure Python, no Dagster."""

PARSER_VERSION = "0.5.0"
