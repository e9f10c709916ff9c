"""The OpenAPI document tells the truth: errors as problem+json, files as files, words for all.

HTTP behaviour no database decides: engine-neutral. Whether every 4XX the tests receive is
documented is checked over the whole suite by ``python -m pytest -p tests.api.openapi_statuses``.
"""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import World
from tests.factories import Campaign
from ykien.core.errors import PROBLEM_JSON
from ykien.core.openapi import Problem

pytestmark = pytest.mark.engine_neutral

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def _problems(op: dict[str, Any]) -> set[int]:
    return {int(s) for s in op["responses"] if s.startswith("4")}


def test_every_operation_and_parameter_has_a_description(app: FastAPI) -> None:
    missing = []
    for method, path, op in _operations(app.openapi()):
        if not op.get("description"):
            missing.append(f"{method.upper()} {path}")
        missing += [
            f"{method.upper()} {path} ({p['in']} {p['name']})"
            for p in op.get("parameters", [])
            if not p.get("description")
        ]
    assert not missing, "no description: " + ", ".join(missing)


def test_every_4xx_is_a_problem_and_fastapis_shapes_are_gone(app: FastAPI) -> None:
    doc = app.openapi()
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert "ValidationError" not in doc["components"]["schemas"]
    assert {"type", "title", "status", "detail"} <= set(
        doc["components"]["schemas"]["Problem"]["required"]
    )
    for method, path, op in _operations(doc):
        for status in _problems(op):
            content = op["responses"][str(status)]["content"]
            assert list(content) == [PROBLEM_JSON], (method, path, status)
            assert content[PROBLEM_JSON]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_the_4xx_an_operation_can_answer_are_documented(app: FastAPI) -> None:
    ops = {(m, p): _problems(op) for m, p, op in _operations(app.openapi())}
    v = "/api/v1"
    # A caller is needed: 401; a role gate or a write (cookie writes need the CSRF header): 403.
    assert ops["get", f"{v}/me"] == {401}
    assert ops["get", f"{v}/units/{{unit_id}}"] == {401, 404, 422}
    assert ops["post", f"{v}/comments"] == {400, 401, 403, 404, 409, 413, 422}
    assert ops["get", f"{v}/api-keys"] >= {401, 403}
    assert ops["post", f"{v}/auth/token"] == {400, 401, 413, 422, 429}
    assert ops["post", f"{v}/syntheses/{{synthesis_id}}/accept"] >= {401, 403, 404, 409, 422}
    assert 403 in ops["get", f"{v}/users/{{user_id}}"]
    # Every write needs a caller, except logging in and out.
    for (method, path), statuses in ops.items():
        if method != "get" and not path.startswith(f"{v}/auth/"):
            assert {401, 403} <= statuses, (method, path)


def test_file_answers_are_binary_under_their_own_media_types(app: FastAPI) -> None:
    doc = app.openapi()
    binary = {"type": "string", "format": "binary"}
    files = 0
    for _, _, op in _operations(doc):
        for status, response in op["responses"].items():
            for media_type, media in response.get("content", {}).items():
                if media_type.startswith(("text/csv", "application/vnd.openxmlformats")):
                    assert status == "200" and media["schema"] == binary
                    files += 1
    # stats, its file route, the export: ×2 each; the paper form, the report, progress ×2;
    # works: the export ×2, the works form; the periodic report
    assert files == 14
    stats = doc["paths"]["/api/v1/units/{unit_id}/stats"]["get"]["responses"]["200"]["content"]
    assert stats["application/json"]["schema"] == {"$ref": "#/components/schemas/Stats"}


def test_an_api_key_is_a_bearer_scheme_beside_the_password_flow(app: FastAPI) -> None:
    doc = app.openapi()
    schemes = doc["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {**schemes["ApiKey"], "type": "http", "scheme": "bearer"}
    assert schemes["OAuth2PasswordBearer"]["type"] == "oauth2"
    me = doc["paths"]["/api/v1/me"]["get"]
    assert {"ApiKey": []} in me["security"] and {"OAuth2PasswordBearer": []} in me["security"]
    # Keys only read: writes list only the password flow.
    create = doc["paths"]["/api/v1/comments"]["post"]
    assert create["security"] == [{"OAuth2PasswordBearer": []}]


def test_main_bodies_carry_examples(app: FastAPI) -> None:
    schemas = app.openapi()["components"]["schemas"]
    for name in ("CommentCreate", "CommentBatch", "ItemCreate", "ConsultationCreate"):
        assert schemas[name]["examples"], name


def test_error_answers_match_the_problem_schema(
    client: TestClient, world: World, campaign: Campaign
) -> None:
    """The schema is the shape core.errors sends (``extra="forbid"``: nothing undocumented)."""
    admin = world.auth("admin_p")
    answers = [
        client.get("/api/v1/me"),  # 401
        client.get("/api/v1/units/999999", headers=admin),  # 404
        client.get("/api/v1/comments?limit=0", headers=admin),  # 422 (FastAPI)
        client.post(  # 422 (a service's Invalid)
            "/api/v1/comments",
            headers=world.auth("entry_a1"),
            json=campaign.comment(world, section_id=campaign.other_section_id),
        ),
        client.post(  # 400
            "/api/v1/comments",
            headers={**admin, "Content-Type": "application/json"},
            content=b"{not json",
        ),
        client.post("/api/v1/units", headers=world.auth("viewer_p"), json={}),  # 403
    ]
    statuses = []
    for resp in answers:
        assert resp.headers["content-type"] == PROBLEM_JSON, resp.text
        problem = Problem.model_validate(resp.json())
        assert problem.status == resp.status_code
        statuses.append(resp.status_code)
    assert statuses == [401, 404, 422, 422, 400, 403]
