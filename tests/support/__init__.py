"""Helpers the tests share (and the benchmarks reuse): the report generator, Chromium, PDF reading order,
cell scoring and the loopback collection site."""
