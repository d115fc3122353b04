"""Every index of our tables earns its writes: none is made redundant by another index of the same table
that starts with the same columns in the same order and operator classes (PostgreSQL answers the first's
queries from the second). A redundant index costs every insert and update of the table (1,000,000 payroll
lines a month) and its disk, and serves nothing."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parent.parent
# Every app of this repository (not those installed from packages, whose tables are theirs to keep).
OUR_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(ROOT) and "site-packages" not in Path(config.path).parts
}

_INDEXES = """
SELECT c.relname AS tbl, x.relname AS idx, i.indisunique, i.indkey::int2[], i.indclass::oid[]
FROM pg_index i
JOIN pg_class x ON x.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_am am ON am.oid = x.relam
WHERE c.relname = ANY(%s) AND am.amname = 'btree' AND i.indpred IS NULL AND i.indexprs IS NULL
"""


def redundant_indexes() -> list[str]:
    tables = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=False)
        if model._meta.app_label in OUR_APPS and model._meta.managed
    ]
    with connection.cursor() as cursor:
        cursor.execute(_INDEXES, [tables])
        indexes = cursor.fetchall()
    found = []
    for table, name, unique, columns, classes in indexes:
        if unique:
            continue  # a unique index is a constraint, not only a path to rows
        for other_table, other, other_unique, other_columns, other_classes in indexes:
            if other_table != table or other == name or len(other_columns) < len(columns):
                continue
            if (other_columns[: len(columns)], other_classes[: len(columns)]) == (columns, classes):
                if len(other_columns) == len(columns) and not other_unique and other < name:
                    continue  # two identical plain indexes: name the one to drop once
                found.append(f"{table}.{name} (served by {other})")
                break
    return sorted(found)


def test_no_index_of_ours_is_made_redundant_by_another():
    assert redundant_indexes() == []
