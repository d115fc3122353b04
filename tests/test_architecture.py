"""The dependency order of the apps: {core, rules} ← headcount ← personnel ← {recruitment, assessment} ←
compensation. An import against it, at module level or hidden inside a function, fails this test."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {
    "auxpolice": 0,  # core, rules and the project package
    "headcount": 1,
    "personnel": 2,
    "recruitment": 3,
    "assessment": 3,
    "compensation": 4,
}


def app_of(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in LAYERS else None


def imported_modules(path: Path, module: str):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            yield node.lineno, ".".join([*base, node.module] if node.module else base)


def app_modules():
    for app in LAYERS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_no_module_imports_against_the_dependency_order():
    against = []
    for path, module in app_modules():
        mine = app_of(module)
        for line, target in imported_modules(path, module):
            theirs = app_of(target)
            if theirs and theirs != mine and LAYERS[theirs] >= LAYERS[mine]:
                against.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert against == []


def test_the_walk_sees_relative_and_nested_imports():
    # The test above can only fail if the walk finds imports; check it resolves both kinds.
    path = ROOT / "recruitment" / "services" / "announcements.py"
    found = {target for _line, target in imported_modules(path, "recruitment.services.announcements")}
    assert "recruitment.models" in found and "headcount.services.plans" in found
