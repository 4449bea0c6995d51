"""The codebase's own rules, measured on the source: short functions, configuration without process state,
no work when the definitions load, tests apart from the benchmarks."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_FUNCTION_LINES = 60


def _modules(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1)
            for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_no_function_over_60_lines():
    long = [(name, n) for p in _modules("ingestion", "orchestration", "expectations") for name, n in _functions(p)
            if n > MAX_FUNCTION_LINES]
    assert long == []


def _environ_writes(path: Path) -> list[str]:
    """Lines that change the process environment: os.environ[...] = / del, its mutating methods, os.putenv."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else []
        if any(isinstance(t, ast.Subscript) and ast.unparse(t.value) == "os.environ" for t in targets):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner, name = ast.unparse(node.func.value), node.func.attr
            if (owner == "os.environ" and name in {"setdefault", "update", "pop", "clear", "popitem"}) or (
                    owner == "os" and name in {"putenv", "unsetenv"}):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_environment_is_written_only_by_the_cli():
    writes = [w for p in _modules("ingestion", "orchestration", "expectations") for w in _environ_writes(p)]
    assert writes == []


def test_the_rule_sees_an_environment_write(tmp_path):
    """The scan above can fail: it finds each form of write."""
    sample = ROOT / "tests" / "fixtures" / "_environ_sample.py"
    sample.write_text('import os\nos.environ["A"] = "1"\nos.environ.setdefault("B", "2")\nos.putenv("C", "3")\n'
                      'x = os.environ.get("D")\n', encoding="utf-8")
    try:
        assert [w.rsplit(":", 1)[1] for w in _environ_writes(sample)] == ["2", "3", "4"]
    finally:
        sample.unlink()


def test_loading_the_definitions_starts_no_process():
    """Importing the code location runs no dbt (no `dbt parse`: the manifest is prepared before), even when the
    project looks edited since (a libraries' own probes, such as platform's `file`, are let through)."""
    code = ("import subprocess\n"
            "popen = subprocess.Popen.__init__\n"
            "def guard(self, args, *a, **k):\n"
            "    assert 'dbt' not in str(args), f'dbt at import: {args}'\n"
            "    popen(self, args, *a, **k)\n"
            "subprocess.Popen.__init__ = guard\n"
            "import os, pathlib\n"
            "from orchestration.defs.dbt_project import dbt_project\n"
            "m = dbt_project.manifest_path; st = m.stat(); os.utime(m, (st.st_atime, 0))\n"
            "try:\n"
            "    from orchestration.definitions import defs\n"
            "finally:\n"
            "    os.utime(m, ns=(st.st_atime_ns, st.st_mtime_ns))\n"
            "from orchestration.definitions import defs\n"
            "print(len(list(defs.assets or [])))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT / "warehouse")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout.split()[-1]) == 7


def test_tests_import_no_benchmark_helper():
    """Shared helpers live in tests/support; a test reaches into benchmarks/ only to test a benchmark itself."""
    imports = {}
    for path in _modules("tests"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("benchmarks"):
                imports[path.name] = node.module
    assert imports == {"test_synthetic_accuracy.py": "benchmarks.accuracy", "test_benchmarks.py": "benchmarks.accuracy"}
