"""The built web app and the JSON answers on a weak connection (issue 18): precompressed files
chosen by ``Accept-Encoding``, cache headers by kind of file, JSON over 1 KB gzipped — and
nothing else changed by it (304s, ETags, streamed exports, Office files)."""

import gzip
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import Campaign
from ykien.core.config import Settings
from ykien.core.static import accepted_encodings
from ykien.main import create_app

SCRIPT = "console.log('Ykien');\n" * 200  # 4.4 KB


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A dist/ as ``npm run build`` leaves it: a hashed script with its .br and .gz, sw.js."""
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text('<!doctype html><html lang="vi"><div id="app"></div></html>')
    script = root / "assets" / "index-AbC123.js"
    script.write_text(SCRIPT)
    # Stand-ins for the encoded files: what matters is which one is sent, byte for byte.
    script.with_name(script.name + ".br").write_bytes(b"BROTLI" + SCRIPT.encode()[:100])
    script.with_name(script.name + ".gz").write_bytes(gzip.compress(SCRIPT.encode()))
    (root / "assets" / "small-XyZ.css").write_text("body{margin:0}")
    (root / "sw.js").write_text("self.addEventListener('fetch', () => {})\n")
    return root


@pytest.fixture
def spa(dist: Path, db_url: str) -> TestClient:
    return TestClient(create_app(Settings(database_url=db_url, frontend_dist=dist)))


def _get(client: TestClient, path: str, encodings: str, **headers: str):  # type: ignore[no-untyped-def]
    # Sent as they are (httpx would otherwise decode gzip itself).
    return client.get(path, headers={"Accept-Encoding": encodings, **headers})


@pytest.mark.engine_neutral
def test_the_precompressed_file_the_browser_accepts_is_sent(spa: TestClient, dist: Path) -> None:
    path = "/assets/index-AbC123.js"
    br = _get(spa, path, "gzip, deflate, br, zstd")
    assert br.headers["content-encoding"] == "br"
    assert br.content == (dist / "assets" / "index-AbC123.js.br").read_bytes()
    assert br.headers["content-type"].startswith("text/javascript")
    gz = _get(spa, path, "gzip")
    assert gz.headers["content-encoding"] == "gzip" and gz.text == SCRIPT  # decoded by httpx
    plain = _get(spa, path, "identity")
    assert "content-encoding" not in plain.headers and plain.text == SCRIPT
    refused = _get(spa, path, "br;q=0, gzip;q=0.5")
    assert refused.headers["content-encoding"] == "gzip"
    for answer in (br, gz, plain):
        assert answer.status_code == 200
        assert answer.headers["vary"] == "Accept-Encoding"
        assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    # Each encoding has its own validator, and a revalidation answers 304 for the right one.
    assert len({br.headers["etag"], gz.headers["etag"], plain.headers["etag"]}) == 3
    again = _get(spa, path, "br", **{"If-None-Match": br.headers["etag"]})
    assert again.status_code == 304 and again.headers["vary"] == "Accept-Encoding"
    assert again.headers["cache-control"] == "public, max-age=31536000, immutable"
    other = _get(spa, path, "gzip", **{"If-None-Match": br.headers["etag"]})
    assert other.status_code == 200 and other.headers["content-encoding"] == "gzip"


@pytest.mark.engine_neutral
def test_the_page_the_routes_and_the_service_worker_are_revalidated(spa: TestClient) -> None:
    for path in ("/", "/index.html", "/dashboard/3", "/sw.js"):
        answer = _get(spa, path, "gzip, br")
        assert answer.status_code == 200, path
        assert answer.headers["cache-control"] == "no-cache", path
    assert 'lang="vi"' in _get(spa, "/dashboard/3", "gzip").text
    small = _get(spa, "/assets/small-XyZ.css", "gzip, br")
    assert "content-encoding" not in small.headers and small.text == "body{margin:0}"
    assert small.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert _get(spa, "/assets/missing-1.js", "br").status_code == 404


def test_json_over_1_kb_is_gzipped_and_small_answers_are_not(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    auth = world.auth("entry_a1")
    for n in range(8):  # a list well over 1 KB
        made = client.post(
            "/api/v1/comments", headers=auth, json=campaign.comment(world, content=f"Góp ý {n}")
        )
        assert made.status_code == 201, made.text
    big = client.get("/api/v1/comments", headers=auth)  # httpx asks for gzip and decodes it
    assert int(big.headers["content-length"]) < len(big.content)
    assert big.headers["content-encoding"] == "gzip" and big.headers["vary"] == "Accept-Encoding"
    assert len(big.json()["items"]) == 8 and big.headers["cache-control"] == "no-store"
    small = client.get("/api/v1/me", headers=auth)
    assert len(small.content) < 1024 and "content-encoding" not in small.headers
    unasked = client.get("/api/v1/comments", headers={**auth, "Accept-Encoding": "identity"})
    assert "content-encoding" not in unasked.headers and unasked.json() == big.json()


def test_etag_revalidation_still_answers_304(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    path = f"/api/v1/units/{world.units['P']}/stats"
    params = {"group_by": "child", "consultation_id": campaign.consultation_id}
    auth = world.auth("viewer_p")
    first = client.get(path, params=params, headers=auth)
    assert first.status_code == 200 and first.headers["etag"]
    again = client.get(
        path, params=params, headers={**auth, "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""


def test_exports_stream_compressed_and_office_files_are_left_alone(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    auth = world.auth("entry_a1")
    for n in range(30):
        made = client.post(
            "/api/v1/comments", headers=auth, json=campaign.comment(world, content=f"Góp ý {n}")
        )
        assert made.status_code == 201, made.text
    csv = client.get("/api/v1/comments/export", headers=auth)
    assert csv.status_code == 200 and csv.headers["content-encoding"] == "gzip"
    assert csv.text.count("Góp ý") == 30
    xlsx = client.get("/api/v1/comments/export", params={"format": "xlsx"}, headers=auth)
    assert xlsx.status_code == 200 and "content-encoding" not in xlsx.headers
    assert xlsx.content[:2] == b"PK"


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("br;q=0, gzip;q=0.8", {"gzip"}),
        ("GZIP ; q=1", {"gzip"}),
        ("", set()),
        ("*", {"*"}),
        ("br;q=x", set()),
    ],
)
def test_accept_encoding_is_read_with_its_qualities(header: str, accepted: set[str]) -> None:
    assert accepted_encodings(header) == accepted
