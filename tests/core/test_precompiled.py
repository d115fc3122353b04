"""A query compiled once per process gives what the ORM gives: the same row, the same select_related objects
(a missing reverse one-to-one included), None for no row, and arguments in their places on every call."""

import pytest
from django.db import connection

from auxpolice.core import api_tokens
from auxpolice.core.models import ApiToken
from auxpolice.core.precompiled import PrecompiledQuery
from recruitment.models import ApplicantProfile
from tests.recruitment.builders import applicant_with_profile

pytestmark = pytest.mark.django_db


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_compiled_token_lookup_returns_what_the_orm_returns_for_every_token(county_officer):
    applicant = applicant_with_profile(username="precompiled")
    with_profile, _secret = api_tokens.token_issue(user=applicant, name="portal")
    without_profile, _secret = api_tokens.token_issue(user=county_officer, name="office")
    query = PrecompiledQuery(
        lambda digest: ApiToken.objects.select_related("user__applicant_profile").filter(digest=digest)
    )
    for token in (with_profile, without_profile, with_profile):  # each call puts its own argument in place
        compiled = query.first(token.digest)
        orm = ApiToken.objects.select_related("user__applicant_profile").get(digest=token.digest)
        assert _fields(compiled) == _fields(orm)
        assert _fields(compiled.user) == _fields(orm.user)
        if ApplicantProfile.objects.filter(user=orm.user).exists():
            assert _fields(compiled.user.applicant_profile) == _fields(orm.user.applicant_profile)
            assert (
                compiled.user.applicant_profile.id_number == orm.user.applicant_profile.id_number
            )  # decrypted
        else:
            with pytest.raises(ApplicantProfile.DoesNotExist):
                compiled.user.applicant_profile  # noqa: B018  (as the ORM: no query, the object is missing)
    assert query.first("no such digest") is None


def test_a_lookup_that_transforms_its_argument_is_refused_when_the_plan_is_made():
    query = PrecompiledQuery(lambda digest: ApiToken.objects.filter(digest__startswith=digest))
    with pytest.raises(ValueError, match="plain equality"):
        query.first("abc")


def test_the_wrong_number_of_arguments_is_refused():
    query = PrecompiledQuery(lambda digest: ApiToken.objects.filter(digest=digest))
    with pytest.raises(TypeError):
        query.first("a", "b")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_the_hot_path_statements_are_prepared_after_their_fifth_use():
    applicant = applicant_with_profile(username="prepared")
    _token, secret = api_tokens.token_issue(user=applicant, name="portal")
    for _ in range(6):
        assert api_tokens.token_for_secret(secret, related=("user__applicant_profile",)) is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(statement.startswith('SELECT "core_apitoken"."id"') for statement in prepared), prepared
