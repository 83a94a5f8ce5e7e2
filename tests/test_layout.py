"""The shape rules: pure stages never import Kafka/Faust; modules stay small."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "streams"


def test_only_the_pipeline_package_imports_faust_or_aiokafka():
    offenders = []
    for path in PKG.rglob("*.py"):
        if "pipeline" in path.relative_to(PKG).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in {"faust", "aiokafka", "mode"}]
    assert offenders == []


def test_no_module_over_400_lines():
    big = [f"{p}: {n}" for p in PKG.rglob("*.py") if (n := len(p.read_text().splitlines())) > 400]
    assert big == []
