"""A row lock outside a transaction is an error at run time (select_for_update raises), or worse, a lock
released at once. Every public service function that locks rows runs in a transaction of its own: decorated
with transaction.atomic, or taking the lock inside `with transaction.atomic()`. Private helpers (`_name`) and
the shared lock helpers below are called by those functions and are exempt; a call of a shared lock helper
counts as taking the lock."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["auxpolice", "headcount", "recruitment", "personnel", "assessment", "compensation"]
LOCK_HELPERS = {"locked_application"}  # recruitment/services/common.py: every stage service's row lock


def service_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or "tests" in path.parts:
                continue
            if path.name == "services.py" or "services" in path.parts:
                yield path


def is_atomic(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return (
        isinstance(target, ast.Attribute)
        and target.attr == "atomic"
        or (isinstance(target, ast.Name) and target.id == "atomic")
    )


def _takes_a_lock(call: ast.Call) -> bool:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr == "select_for_update"
    return isinstance(call.func, ast.Name) and call.func.id in LOCK_HELPERS


def unprotected_locks(function: ast.FunctionDef) -> list[int]:
    if any(is_atomic(decorator) for decorator in function.decorator_list):
        return []
    found: list[int] = []

    def visit(node: ast.AST, protected: bool) -> None:
        if isinstance(node, ast.With):
            protected = protected or any(is_atomic(item.context_expr) for item in node.items)
        if isinstance(node, ast.Call) and not protected and _takes_a_lock(node):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, protected)

    for statement in function.body:
        visit(statement, False)
    return found


def test_every_public_service_that_locks_rows_runs_in_a_transaction():
    offenders = []
    for path in service_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in tree.body:
            if (
                isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
                and node.name not in LOCK_HELPERS
            ):
                offenders += [
                    f"{path.relative_to(ROOT)}:{line} {node.name}" for line in unprotected_locks(node)
                ]
    assert offenders == []
