"""Province-scale data for the benchmarks, written with bulk_create_with_history."""

import random
import time
from datetime import date

from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from auxpolice.core.crypto import blind_index, encrypt
from auxpolice.core.models import PATH_SEPARATOR, Agency, AgencyLevel, Role, User
from auxpolice.rules.idnumber import check_character
from headcount.models import Quota
from personnel.models import AuxiliaryOfficer

CITIES, COUNTIES_PER_CITY = 20, 10
COUNTIES = CITIES * COUNTIES_PER_CITY
WRITE_EVERY = 20  # counties per transaction: a million people are written in steps, not held in memory
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
PASSWORD = "Bench-password-2026"


def seed(people: int = 100_000) -> None:
    """A province of 200 counties holding `people` auxiliaries between them (ids interleaved across agencies,
    as years of hiring leave them), with their history rows."""
    if AuxiliaryOfficer.objects.exists():
        print(f"bench data present: {AuxiliaryOfficer.objects.count():,} auxiliary officers")
        return
    per_county = people // COUNTIES
    started = time.perf_counter()
    with transaction.atomic():
        province = Agency.objects.create(
            code="B51", name="基准省公安厅", level=AgencyLevel.PROVINCE, jurisdiction="sichuan", path="B51/"
        )
        agencies = []
        for c in range(CITIES):
            city = Agency.objects.create(
                code=f"B51{c:02d}",
                name=f"基准市{c}公安局",
                level=AgencyLevel.PREFECTURE,
                jurisdiction="sichuan",
                parent=province,
                path=f"B51/B51{c:02d}/",
            )
            for k in range(COUNTIES_PER_CITY):
                code = f"B51{c:02d}{k:02d}"
                agencies.append(
                    Agency(
                        code=code,
                        name=f"基准市{c}第{k}分局",
                        level=AgencyLevel.COUNTY,
                        jurisdiction="sichuan",
                        parent=city,
                        path=city.path + code + PATH_SEPARATOR,
                    )
                )
        agencies = Agency.objects.bulk_create(agencies)
        quotas = Quota.objects.bulk_create(
            [
                Quota(
                    agency=a,
                    year=2026,
                    approved_total=per_county,
                    version=1,
                    in_post_civilian=per_county // 4,
                    in_post_service=per_county - per_county // 4,
                )
                for a in agencies
            ]
        )
        city = Agency.objects.get(code="B5100")
        for username, agency in (("bench_city_officer", city), ("bench_province_officer", province)):
            user = User(username=username, role=Role.OFFICER, agency=agency)
            user.set_password(PASSWORD)
            user.save()
    rng = random.Random(7)
    serial = 0
    pairs = list(zip(agencies, quotas, strict=True))
    for step in range(0, len(pairs), WRITE_EVERY):
        batch = []
        for agency, quota in pairs[step : step + WRITE_EVERY]:
            for index in range(per_county):
                serial += 1
                batch.append(_person(agency, quota, serial, index, per_county, rng))
        # Hiring happens everywhere over the years, so ids interleave across agencies.
        rng.shuffle(batch)
        with transaction.atomic():
            bulk_create_with_history(batch, AuxiliaryOfficer, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would soon: plans use real row counts
    print(
        f"seeded {len(agencies)} counties and {serial:,} auxiliary officers in "
        f"{time.perf_counter() - started:.1f} s"
    )


def _person(agency, quota, serial: int, index: int, per_county: int, rng: random.Random) -> AuxiliaryOfficer:
    first17 = f"510107{1975 + serial % 25}{1 + serial % 12:02d}{1 + serial % 28:02d}{serial % 1000:03d}"
    number = first17 + check_character(first17)
    unique = f"{number}-{serial}"  # the bench reuses numbers; the index keeps rows distinct
    return AuxiliaryOfficer(
        agency=agency,
        quota=quota,
        full_name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
        id_number=encrypt(number),
        id_number_index=blind_index(unique, purpose="id_number"),
        id_number_masked=number[:3] + "*" * 11 + number[-4:],
        birth_date=date(1990, 1, 1),
        sex="male",
        category="civilian" if index < per_county // 4 else "service",
        status="in_post" if index % 10 else "probation",
        hired_on=date(2020 + serial % 6, 3, 1),
    )


def seed_contracts() -> None:
    from datetime import timedelta

    from personnel.models import LaborContract

    if LaborContract.objects.exists():
        print(f"bench contracts present: {LaborContract.objects.count():,}")
        return
    started = time.perf_counter()
    rng = random.Random(11)
    names = dict(Agency.objects.values_list("id", "name"))
    written, after = 0, 0
    while True:
        people = list(
            AuxiliaryOfficer.objects.filter(pk__gt=after)
            .order_by("pk")
            .values_list("id", "agency_id")[:100_000]
        )
        if not people:
            break
        contracts = []
        for officer_id, agency_id in people:
            ends = date(2026, 11, 22) + timedelta(days=rng.randrange(-30, 3 * 365))
            contracts.append(
                LaborContract(
                    officer_id=officer_id,
                    responsible_agency_id=agency_id,
                    employer_name=names[agency_id],
                    starts_on=ends - timedelta(days=3 * 365),
                    ends_on=ends,
                    status="active",
                )
            )
        with transaction.atomic():
            bulk_create_with_history(contracts, LaborContract, batch_size=5000)
        written, after = written + len(contracts), people[-1][0]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {written:,} contracts in {time.perf_counter() - started:.1f} s")
