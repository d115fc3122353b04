"""The two shapes of docker-compose.yml: `docker compose up` (single node) and `--profile scale` (a balancer
over two web nodes, a worker pool per kind of queue, one beat, a replica, PgBouncer and MinIO). Images cannot
be pulled here: the files are checked by compose itself where it is installed, and by their meaning always."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def default_profiles() -> list[str]:
    lines = (ROOT / ".env").read_text().splitlines()
    [value] = [line.split("=", 1)[1] for line in lines if line.startswith("COMPOSE_PROFILES=")]
    return value.split(",")


def enabled(profiles: list[str]) -> dict[str, dict]:
    return {
        name: service
        for name, service in SERVICES.items()
        if not service.get("profiles") or set(service["profiles"]) & set(profiles)
    }


SHAPES = {"single": default_profiles(), "scale": ["scale"]}


def compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


@pytest.mark.parametrize("flags", [[], ["--profile", "scale"]], ids=["single", "scale"])
def test_compose_itself_accepts_both_shapes(flags):
    command = compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    result = subprocess.run([*command, *flags, "config", "-q"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_plain_docker_compose_up_runs_the_single_node_stack():
    assert set(enabled(SHAPES["single"])) == {"db", "redis", "migrate", "web", "worker", "beat"}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_has_exactly_one_beat_and_only_depends_on_its_own_services(shape):
    services = enabled(SHAPES[shape])
    beats = [name for name, service in services.items() if " beat " in f" {service.get('command', '')} "]
    assert len(beats) == 1, beats
    for name, service in services.items():
        assert set(service.get("depends_on", {})) <= set(services), name


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_consumes_every_queue(shape):
    taken = set()
    for service in enabled(SHAPES[shape]).values():
        match = re.search(r"celery -A auxpolice worker .*-Q (\S+)", service.get("command", ""))
        if match:
            taken |= set(match.group(1).split(","))
    assert taken == set(settings.WORKER_QUEUES)


def test_at_scale_notices_have_a_pool_of_their_own():
    pools = {
        name: re.search(r"-Q (\S+)", service["command"]).group(1).split(",")
        for name, service in enabled(["scale"]).items()
        if "celery -A auxpolice worker" in service.get("command", "")
    }
    assert pools["worker-notices"] == ["notices"]
    assert "notices" not in pools["worker-batches"] and "batches" in pools["worker-batches"]


def test_at_scale_the_web_nodes_are_stateless_and_behind_the_balancer():
    scale = enabled(["scale"])
    web_nodes = sorted(name for name in scale if name.startswith("web-"))
    assert len(web_nodes) >= 2
    for name in [*web_nodes, "worker-notices", "worker-batches", "beat-scale"]:
        env = scale[name]["environment"]
        assert env["STORAGE_BACKEND"] == "s3" and env["DB_POOLER"] == "pgbouncer", name
        assert "@pgbouncer:" in env["DATABASE_URL"] and "@db-replica:" in env["DATABASE_REPLICA_URLS"], name
        assert env["TRUSTED_PROXY_COUNT"] == "1" and not scale[name].get("volumes"), name
    upstream = (ROOT / "deploy/nginx/scale.conf").read_text()
    assert sorted(re.findall(r"server (web-\d+):8000", upstream)) == web_nodes
    assert scale["pgbouncer"]["environment"]["POOL_MODE"] == "transaction"
    assert "migrate-scale" in scale and "@db:5432" in scale["migrate-scale"]["environment"]["DATABASE_URL"]


def test_the_scripts_compose_mounts_exist():
    for service in SERVICES.values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).is_file(), source


def test_no_code_reaches_for_a_local_media_path():
    """Files go through the storage API only: on S3 no local path exists (FieldFile.path raises)."""
    offenders = []
    for app in ("auxpolice", "recruitment", "personnel", "headcount", "assessment", "compensation"):
        for module in (ROOT / app).rglob("*.py"):
            if module.name == "settings.py" or "migrations" in module.parts:
                continue
            text = module.read_text()
            if "MEDIA_ROOT" in text or re.search(r"\.(file|photo|scan|workbook)\.path\b", text):
                offenders.append(str(module.relative_to(ROOT)))
    assert offenders == []
