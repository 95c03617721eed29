"""The security test list (docs/security-tests.md) names only tests that exist.

Read by AST, not by import: a listed test must exist as written, and checking it must not
start Qt or a server.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import security_tests  # noqa: E402 - a script, not a package


def _tests_defined(source: Path) -> set[str]:
    """``test_x`` for module-level tests, ``TestY::test_x`` for methods of test classes."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: set[str] = set()
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in tree.body:
        if isinstance(node, functions):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.update(f"{node.name}::{item.name}" for item in node.body if isinstance(item, functions))
    return names


def test_the_list_names_tests_under_every_heading():
    text = security_tests.LIST_FILE.read_text(encoding="utf-8")
    sections = text.split("\n## ")[1:]
    assert len(sections) >= 8
    for section in sections:
        heading = section.splitlines()[0]
        assert security_tests.listed_node_ids(section), f"no test listed under {heading!r}"


def test_every_listed_file_and_test_exists():
    node_ids = security_tests.listed_node_ids()
    assert node_ids
    missing = []
    for node_id in node_ids:
        file_name, _, test_name = node_id.partition("::")
        path = ROOT / file_name
        if not path.is_file():
            missing.append(f"{file_name}: no such file")
            continue
        defined = _tests_defined(path)
        if test_name and test_name not in defined:
            missing.append(f"{node_id}: no such test")
        elif not test_name and not any(name.rpartition("::")[2].startswith("test") for name in defined):
            missing.append(f"{file_name}: holds no test")
    assert not missing, "docs/security-tests.md names what does not exist:\n" + "\n".join(missing)


def test_the_script_runs_exactly_the_listed_node_ids(capsys):
    assert security_tests.main(["--list"]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == security_tests.listed_node_ids()
    command = security_tests.pytest_command(printed, ["-x"])
    assert command[1:4] == ["-m", "pytest", "-x"] and command[4:] == printed


@pytest.mark.parametrize(("row", "expected"), [
    ("| `tests/a.py` | whole file |", ["tests/a.py"]),
    ("| `tests/b/c.py::test_d` and `tests/b/c.py::TestE::test_f` | two |", ["tests/b/c.py::test_d", "tests/b/c.py::TestE::test_f"]),
    ("Prose naming `tests/not_a_row.py` is not a row.", []),
    ("| `scripts/x.py` | not a test |", []),
])
def test_node_ids_are_read_from_table_rows_only(row, expected):
    assert security_tests.listed_node_ids(row) == expected
