from tests.headcount.conftest import chengdu_supervisor, sichuan_quota_chain, wuhou_supervisor  # noqa: F401 (fixtures)
