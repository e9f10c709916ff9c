"""docker/compose.yaml against the Compose specification's schema (check-jsonschema ships it).

No Docker engine runs on the development machines or in CI, so the file is never started here:
this checks its shape and the wiring the operations guide promises, not that the images run.
"""

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker" / "compose.yaml"


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_compose_file_follows_the_compose_specification() -> None:
    result = _validate(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_refuses_a_broken_file(tmp_path: Path) -> None:
    broken = yaml.safe_load(COMPOSE.read_text())
    broken["services"]["app"]["restart"] = ["always"]  # must be a string
    path = tmp_path / "compose.yaml"
    path.write_text(yaml.safe_dump(broken))
    assert _validate(path).returncode != 0


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def test_only_the_proxy_publishes_ports_and_every_service_restarts(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {name for name, s in services.items() if "ports" in s} == {"proxy"}
    assert all(s.get("restart") == "unless-stopped" for s in services.values())


def test_the_app_reads_the_replica_and_trusts_only_the_proxy(
    compose: dict[str, Any],
) -> None:
    env = compose["services"]["app"]["environment"]
    assert "@db-replica:" in env["YKIEN_READ_DATABASE_URL"]
    assert "@db:" in env["YKIEN_DATABASE_URL"]
    subnet = compose["networks"]["front"]["ipam"]["config"][0]["subnet"]
    assert env["YKIEN_FORWARDED_ALLOW_IPS"] == subnet
    primary = compose["services"]["db"]["command"]
    assert "wal_level=replica" in primary and "max_wal_size=8GB" in primary
