"""Generation-cached reads within web requests: the generations one request needs come in one round trip,
and no request serves a value after a change it could know of."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from auxpolice.core import generation_cache


class Trips:
    """Counts the reads that go to the shared cache (each a round trip to Redis in production)."""

    def __init__(self, monkeypatch):
        self.count, self._inside = 0, False
        for name in ("get", "get_many"):
            original = getattr(cache, name)
            monkeypatch.setattr(cache, name, self._counted(original))

    def _counted(self, original):
        def read(*args, **kwargs):
            if self._inside:  # a backend's get_many made of its own gets (the test's local memory cache)
                return original(*args, **kwargs)
            self.count, self._inside = self.count + 1, True
            try:
                return original(*args, **kwargs)
            finally:
                self._inside = False

        return read


def request(*reads):
    request_started.send(sender=None)
    try:
        return [generation_cache.cached(generation, key, compute) for generation, key, compute in reads]
    finally:
        request_finished.send(sender=None)


# Values are kept only outside a transaction: these requests run outside one, as real ones do.
pytestmark = pytest.mark.django_db(transaction=True)

READS = (("gen:a", "value:a", lambda: "A"), ("gen:b", "value:b", lambda: "B"))


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()
    generation_cache._local.clear()
    getattr(generation_cache, "_known", set()).clear()


def test_a_request_checks_every_generation_it_needs_in_one_round_trip(monkeypatch):
    request(*READS)  # fills the shared cache and this process's copies
    request(*READS)  # learns which generations the process uses
    trips = Trips(monkeypatch)
    assert request(*READS) == ["A", "B"]
    assert trips.count == 1


def test_outside_a_request_each_check_reads_the_shared_cache(monkeypatch):
    request(*READS)
    request(*READS)
    trips = Trips(monkeypatch)
    assert [generation_cache.cached(*read) for read in READS] == ["A", "B"]
    assert trips.count == 2


def test_a_change_made_elsewhere_between_requests_is_seen_by_the_next_request():
    request(*READS)
    cache.set("gen:a", "replaced by another node", None)
    assert request(("gen:a", "value:a", lambda: "A2")) == ["A2"]


def test_a_change_a_request_makes_is_seen_by_its_own_next_read():
    request(*READS)
    request_started.send(sender=None)
    try:
        assert generation_cache.cached("gen:a", "value:a", lambda: "A") == "A"
        generation_cache.invalidate("gen:a")
        assert generation_cache.cached("gen:a", "value:a", lambda: "A2") == "A2"
    finally:
        request_finished.send(sender=None)
