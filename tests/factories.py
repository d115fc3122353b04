import factory

from auxpolice.core.models import PATH_SEPARATOR, Agency, User

PASSWORD = "Test-password-2026"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"A{n:05d}")
    name = factory.Sequence(lambda n: f"测试公安局{n}")
    level = "county"
    jurisdiction = factory.LazyAttribute(lambda o: o.parent.jurisdiction if o.parent else "sichuan")
    parent = None
    path = factory.LazyAttribute(lambda o: (o.parent.path if o.parent else "") + o.code + PATH_SEPARATOR)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Never a real-looking name: a random one (李强) can equal a person's name a test looks for on a page.
    full_name = factory.Sequence(lambda n: numbered_name("职员", n))
    role = "officer"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class QuotaFactory(factory.django.DjangoModelFactory):
    """An already approved quota (version 1)."""

    class Meta:
        model = "headcount.Quota"

    year = 2026
    approved_total = 10
    version = 1


def numbered_name(prefix: str, number: int) -> str:
    """A name as a resident ID card writes it (Chinese characters only): 申请人 + 一二三 for 123."""
    return prefix + "".join("零一二三四五六七八九"[int(digit)] for digit in str(number))
