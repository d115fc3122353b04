"""Every branch of the personnel search is served by an index on PostgreSQL: with sequential scans switched
off the planner still finds a plan without one on the personnel table (an OR across columns, or a pattern no
index serves, would leave a sequential scan in the plan whatever the table's size)."""

import pytest
from django.db import connection

from personnel.models import AuxiliaryOfficer
from personnel.selectors import _search

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's"),
]


@pytest.mark.parametrize(
    "typed",
    ["51010719900101123X", "５１０１０７１９９００１０１１２３Ｘ", "01123X", "123X", "张", "张伟", "阳娜娜"],
)
def test_each_kind_of_search_is_served_by_an_index(typed):
    query = AuxiliaryOfficer.objects.filter(_search(typed))
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on personnel_auxiliaryofficer" not in plan, plan
