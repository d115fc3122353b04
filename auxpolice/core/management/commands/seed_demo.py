"""Build the demo: agencies in all five jurisdictions and a user of every role.

Safe to run again: existing agencies and users are kept as they are.
"""

import importlib

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from auxpolice.core import services
from auxpolice.core.models import Agency, Role, User
from auxpolice.core.models import AgencyLevel as L

DEMO_PASSWORD = "Auxpolice-2026!"

# (code, name, level, jurisdiction, parent code)
AGENCIES = [
    ("510000", "四川省公安厅", L.PROVINCE, "sichuan", None),
    ("510100", "成都市公安局", L.PREFECTURE, None, "510000"),
    ("510100-JG", "成都市公安局交通管理局", L.INTERNAL_UNIT, None, "510100"),
    ("510107", "成都市公安局武侯区分局", L.COUNTY, None, "510100"),
    ("510107-01", "武侯区分局浆洗街派出所", L.STATION, None, "510107"),
    ("510104", "成都市公安局锦江区分局", L.COUNTY, None, "510100"),
    ("330100", "杭州市公安局", L.PREFECTURE, "hangzhou", None),
    ("330106", "杭州市公安局西湖区分局", L.COUNTY, None, "330100"),
    ("330106-01", "西湖区分局北山派出所", L.STATION, None, "330106"),
    ("330102", "杭州市公安局上城区分局", L.COUNTY, None, "330100"),
    ("320600", "南通市公安局", L.PREFECTURE, "nantong", None),
    ("320613", "南通市公安局崇川分局", L.COUNTY, None, "320600"),
    ("320613-01", "崇川分局和平桥派出所", L.STATION, None, "320613"),
    ("320612", "南通市公安局通州分局", L.COUNTY, None, "320600"),
    ("150000", "内蒙古自治区公安厅", L.PROVINCE, "inner_mongolia", None),
    ("150100", "呼和浩特市公安局", L.PREFECTURE, None, "150000"),
    ("150102", "呼和浩特市公安局新城区分局", L.COUNTY, None, "150100"),
    ("150105", "呼和浩特市公安局赛罕区分局", L.COUNTY, None, "150100"),
    ("P001", "（001省）公安厅", L.PROVINCE, "p001", None),
    ("P001-01", "（001省）甲州公安局", L.PREFECTURE, None, "P001"),
    ("P001-01-01", "（001省）甲州乙县公安局", L.COUNTY, None, "P001-01"),
]

# (username, full name, role, agency code)
USERS = [
    ("admin", "系统管理员", Role.SYSADMIN, None),
    ("secadmin", "安全管理员", Role.SECURITY_ADMIN, None),
    ("sc_province_auditor", "周审计", Role.AUDITOR, "510000"),
    ("cd_officer", "李人事", Role.OFFICER, "510100"),
    ("cd_supervisor", "王局长", Role.SUPERVISOR, "510100"),
    ("wuhou_officer", "赵专员", Role.OFFICER, "510107"),
    ("wuhou_supervisor", "钱主任", Role.SUPERVISOR, "510107"),
    ("jinjiang_officer", "孙专员", Role.OFFICER, "510104"),
    ("hz_officer", "吴人事", Role.OFFICER, "330100"),
    ("hz_supervisor", "郑局长", Role.SUPERVISOR, "330100"),
    ("xihu_officer", "冯专员", Role.OFFICER, "330106"),
    ("nt_officer", "陈人事", Role.OFFICER, "320600"),
    ("nt_supervisor", "褚局长", Role.SUPERVISOR, "320600"),
    ("chongchuan_officer", "卫专员", Role.OFFICER, "320613"),
    ("nm_officer", "蒋人事", Role.OFFICER, "150100"),
    ("nm_supervisor", "沈局长", Role.SUPERVISOR, "150100"),
    ("xincheng_officer", "韩专员", Role.OFFICER, "150102"),
    ("p001_officer", "杨人事", Role.OFFICER, "P001-01"),
    ("p001_county_officer", "许专员", Role.OFFICER, "P001-01-01"),
    ("p001_supervisor", "朱局长", Role.SUPERVISOR, "P001-01"),
]

APPLICANTS = [("zhangsan", "张三"), ("lisi", "李四")]


class Command(BaseCommand):
    help = f"Create demo agencies and users (password for all: {DEMO_PASSWORD})."

    @transaction.atomic
    def handle(self, *args, **options):
        agencies = {agency.code: agency for agency in Agency.objects.all()}
        for code, name, level, jurisdiction, parent_code in AGENCIES:
            if code not in agencies:
                agencies[code] = services.agency_create(
                    actor=None,
                    code=code,
                    name=name,
                    level=level,
                    jurisdiction=jurisdiction,
                    parent=agencies[parent_code] if parent_code else None,
                )
        existing = set(User.objects.values_list("username", flat=True))
        for username, full_name, role, agency_code in USERS:
            if username in existing:
                continue
            services.staff_user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                agency=agencies[agency_code] if agency_code else None,
                full_name=full_name,
            )
        for username, full_name in APPLICANTS:
            if username not in existing:
                services.applicant_register(
                    username=username, password_hash=make_password(DEMO_PASSWORD), full_name=full_name
                )
        call_command("calendar_seed", stdout=self.stdout)
        # Each business app may add its own demo records through <app>.demo.seed().
        for app in apps.get_app_configs():
            try:
                demo = importlib.import_module(f"{app.name}.demo")
            except ModuleNotFoundError:
                continue
            demo.seed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(agencies)} agencies, {User.objects.count()} users; password "
                f"{DEMO_PASSWORD}"
            )
        )
