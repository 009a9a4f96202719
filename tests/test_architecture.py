"""The layers of the package import one way (docs/architecture.md):

    nncourse.utils        what the lessons import; imports no other layer
    nncourse.course       locations, the lesson registry, reading notebooks; imports no other layer
    nncourse.autograder   grading; imports course and utils
    nncourse (the rest)   the instructor's tools: command line, release, links, public answers

Every import is read from the source, function-local ones included, so a cycle cannot hide in a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {  # folder -> (package, the layers it may import besides its own)
    "utils": ("nncourse.utils", ()),
    "nncourse/course": ("nncourse.course", ()),
    "autograder": ("nncourse.autograder", ("nncourse.course", "nncourse.utils")),
}
TOP = ("nncourse.utils", "nncourse.course", "nncourse.autograder")


def imported_modules(path: Path, package: str) -> set[str]:
    """The nncourse modules a file imports, with relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = package.split(".")
    if path.name != "__init__.py":
        parts = parts + [path.stem]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level]
                found.add(".".join(base + ([node.module] if node.module else [])))
            else:
                found.add(node.module)
    return {name for name in found if name == "nncourse" or name.startswith("nncourse.")}


def layer_of(module: str) -> str:
    return next((top for top in TOP if module == top or module.startswith(top + ".")), "nncourse")


def modules_of(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", list(LAYERS))
def test_each_layer_imports_only_the_layers_below_it(folder):
    package, allowed = LAYERS[folder]
    wrong = []
    for path in modules_of(folder):
        sub = ".".join(path.relative_to(ROOT / folder).parent.parts)
        for module in imported_modules(path, package + (f".{sub}" if sub else "")):
            layer = layer_of(module)
            if module != "nncourse" and layer != package and layer not in allowed:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_instructor_tools_are_not_imported_by_any_layer():
    tools = {f"nncourse.{p.stem}" for p in (ROOT / "nncourse").glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert "nncourse.cli" in tools and "nncourse.release" in tools
    for folder, (package, _) in LAYERS.items():
        for path in modules_of(folder):
            sub = ".".join(path.relative_to(ROOT / folder).parent.parts)
            assert not imported_modules(path, package + (f".{sub}" if sub else "")) & tools, path


def test_no_private_names_are_used_across_modules():
    """A module uses only the public names of the course's other modules (``plain.encode``, not
    ``plain._encode``)."""
    wrong = []
    for folder in ("utils", "nncourse", "autograder"):
        for path in modules_of(folder):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            ours = [
                node
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("nncourse"))
            ]
            names = {alias.asname or alias.name for node in ours for alias in node.names}
            names |= {
                alias.asname
                for node in ast.walk(tree)
                if isinstance(node, ast.Import)
                for alias in node.names
                if alias.name.startswith("nncourse") and alias.asname
            }
            wrong += [
                f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name}"
                for node in ours
                for alias in node.names
                if alias.name.startswith("_") and alias.name != "_"  # gettext's _ is the one public name
            ]
            wrong += [
                f"{path.relative_to(ROOT)}:{node.lineno} uses {node.value.id}.{node.attr}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in names
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ]
    assert not wrong, "private names used across modules:\n" + "\n".join(wrong)
