"""Project-level guarantees: deploy settings, API schema, demo data, translations."""

import base64
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def _child_env(extra=None) -> dict:
    """The environment of a fresh process of the project, without the test run's database."""
    dropped = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in dropped} | (extra or {})


def run_manage(*args, env_extra=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_child_env(env_extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "AUXPOLICE_PROFILE": "production",
            "SECRET_KEY": "k3y-" + "x7Qz9!pL2#vB8mN4" * 4,
            "ALLOWED_HOSTS": "hr.example.gov.cn",
            "FIELD_ENCRYPTION_KEYS": "k1:" + base64.b64encode(b"k" * 32).decode(),
            "FIELD_HMAC_KEY": base64.b64encode(b"h" * 32).decode(),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_web_worker_has_every_view_imported_before_its_first_request():
    probe = "import sys, auxpolice.wsgi; print('recruitment.api.portal' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=_child_env(), capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "True", result.stdout + result.stderr


def test_a_web_worker_keeps_its_loaded_code_out_of_the_garbage_collectors_walks():
    probe = "import gc, auxpolice.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=_child_env(), capture_output=True, text=True, timeout=120
    )
    frozen, tracked = map(int, result.stdout.split())
    assert frozen > 100_000, result.stdout + result.stderr
    assert tracked < frozen // 10


def test_production_profile_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env_extra={"AUXPOLICE_PROFILE": "production", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_openapi_schema_generates_without_warnings(tmp_path):
    result = run_manage("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert result.returncode == 0, result.stderr
    schema = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/agencies/" in schema


def test_the_api_docs_group_every_operation_by_its_app():
    from drf_spectacular.generators import SchemaGenerator

    from auxpolice.core.api.schema import APP_TAGS

    schema = SchemaGenerator().get_schema(request=None, public=True)
    tags = {
        (path, method): operation["tags"]
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    assert {tuple(t) for t in tags.values()} == {(tag,) for tag in APP_TAGS.values()}
    assert tags[("/api/v1/records/suspensions/{record_pk}/end/", "post")] == ["personnel"]
    assert tags[("/api/v1/applications/{id}/hire/", "post")] == ["recruitment"]
    assert [t["name"] for t in schema["tags"]] == list(APP_TAGS.values())


def test_every_operation_documents_an_example_of_what_it_takes_and_answers():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    without = [
        (method, path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for body in [operation.get("requestBody", {}), *operation["responses"].values()]
        for content in body.get("content", {}).values()
        if "example" not in content and "examples" not in content
    ]
    assert without == []
    hire = schema["paths"]["/api/v1/applications/{id}/hire/"]["post"]["requestBody"]["content"]
    assert hire["application/json"]["examples"]  # a hand-written one is kept
    roster = schema["paths"]["/api/v1/personnel/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert roster["example"]["results"][0]["full_name"] == "张伟"


@pytest.mark.django_db
def test_demo_data_covers_all_five_jurisdictions_and_every_role_and_can_run_twice():
    from auxpolice.core.models import Agency, Role, User
    from auxpolice.rules.jurisdictions import Jurisdiction

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert set(Agency.objects.values_list("jurisdiction", flat=True)) == set(Jurisdiction.values)
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert Agency.objects.get(code="510107-01").path == "510000/510100/510107/510107-01/"
    from headcount.models import Quota

    assert set(Quota.objects.filter(version__gte=1).values_list("agency__jurisdiction", flat=True)) == set(
        Jurisdiction.values
    )
    from assessment.models import AssessmentCycle, Consequence

    assert dict(AssessmentCycle.objects.values_list("agency__code", "status")) == {
        "510104": "closed",
        "510107": "open",
    }
    assert (
        Consequence.objects.filter(kind="pay").count()
        == AssessmentCycle.objects.get(agency__code="510104").assessments.count()
    )
    from compensation.models import PayrollRun

    run = PayrollRun.objects.get()
    assert (
        run.status == "computed"
        and run.lines.count() == AssessmentCycle.objects.get(agency__code="510104").assessments.count()
    )


def untranslated_entries(po_text: str) -> list[str]:
    """msgids whose msgstr is empty or marked fuzzy, in a gettext catalogue."""
    missing = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        msgid = "".join(_strings_after(lines, "msgid "))
        msgstrs = [line for line in lines if line.startswith("msgstr")]
        translated = all("".join(_strings_after(lines, prefix.split(" ")[0] + " ")) for prefix in msgstrs)
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        if msgid and (fuzzy or not translated):
            missing.append(msgid)
    return missing


def _strings_after(lines, prefix):
    collecting, parts = False, []
    for line in lines:
        if line.startswith(prefix):
            collecting = True
            parts.append(line[len(prefix) :].strip().strip('"'))
        elif collecting and line.startswith('"'):
            parts.append(line.strip('"'))
        elif collecting:
            break
    return parts


def test_chinese_catalogue_translates_every_message():
    po = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    assert untranslated_entries(po.read_text(encoding="utf-8")) == []


def test_the_compiled_catalogue_is_the_current_one():
    """A .po that does not compile (a stray "%" taken as a format) leaves the old .mo in place silently:
    every simple message of the .po must come out of the .mo as written."""
    import gettext

    folder = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for block in (folder / "django.po").read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line and not line.startswith("#~")]
        if any(line.startswith(("msgid_plural", "msgctxt")) for line in lines):
            continue
        msgid = "".join(_strings_after(lines, "msgid "))
        msgstr = "".join(_strings_after(lines, "msgstr "))
        if msgid and msgstr:
            decoded_id, decoded_str = (
                text.encode().decode("unicode_escape").encode("latin-1").decode() for text in (msgid, msgstr)
            )
            if compiled.gettext(decoded_id) != decoded_str:
                stale.append(decoded_id)
    assert stale == []


def test_pages_speak_chinese_by_default(client):
    response = client.get("/accounts/login/")
    assert "登录" in response.content.decode()


def test_english_is_available(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Log in" in response.content.decode()


def test_models_and_migrations_agree():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def test_behind_pgbouncer_no_server_side_cursors_no_kept_connections_and_no_prepared_statements():
    script = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d.get('DISABLE_SERVER_SIDE_CURSORS', False), d['CONN_MAX_AGE'], "
        "d.get('OPTIONS', {}).get('prepare_threshold', 'default'))"
    )
    pooled = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env_extra={"DATABASE_URL": "postgres://u@db/x", "DB_POOLER": "pgbouncer"},
    )
    direct = run_manage(
        "shell", "--no-imports", "-c", script, env_extra={"DATABASE_URL": "postgres://u@db/x"}
    )
    assert pooled.stdout.split() == ["True", "0", "None"], pooled.stderr
    assert direct.stdout.split() == ["False", "60", "5"], direct.stderr


def test_with_redis_no_state_lives_in_a_web_process():
    """Stateless web nodes: sessions, cache, throttles and lockout counters are shared by every node."""
    script = (
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, "
        "getattr(s, 'AXES_HANDLER', 'axes.handlers.database.AxesDatabaseHandler'))"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env_extra={"DATABASE_URL": "postgres://u@db/x", "REDIS_URL": "redis://r:6379/0"},
    )
    cache, sessions, lockouts = result.stdout.split()
    assert cache == "auxpolice.core.redis_cache.RedisCache", result.stderr
    assert sessions in ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cache")
    assert lockouts == "axes.handlers.database.AxesDatabaseHandler"
