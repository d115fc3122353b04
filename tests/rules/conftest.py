from datetime import date

import pytest

from auxpolice.rules.registry import pack_for

ON = date(2026, 6, 1)


@pytest.fixture
def pack():
    return lambda jurisdiction, on=ON: pack_for(jurisdiction, on)
