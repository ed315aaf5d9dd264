"""The OpenAPI schema and the interactive docs page."""

from __future__ import annotations

import re

import pytest

from .utils import API

HTTP_METHODS = {"get", "post", "put", "patch", "delete", "head", "options"}

pytestmark = pytest.mark.django_db


def _operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (path, method, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]


def test_openapi_schema_is_served_anonymously(anon):
    response = anon.get(f"{API}/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "眉县一体化政务服务平台 API"
    assert len(_operations(schema)) >= 20


def test_every_operation_has_a_unique_operation_id(anon):
    operations = _operations(anon.get(f"{API}/openapi.json").json())

    missing = [f"{m.upper()} {p}" for p, m, op in operations if not op.get("operationId")]
    assert missing == []
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/org/divisions", "get"),
        ("/identity/me", "get"),
        ("/identity/tokens", "post"),
        ("/notifications/read", "post"),
        ("/audit/verify", "get"),
    ],
)
def test_schema_covers_every_router(anon, path, method):
    schema = anon.get(f"{API}/openapi.json").json()

    assert method in schema["paths"][API + path]


def test_docs_page_loads_no_external_scripts_or_styles(anon):
    response = anon.get(f"{API}/docs")

    assert response.status_code == 200
    html = response.content.decode()
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html, flags=re.IGNORECASE)
    assert any("swagger-ui" in tag for tag in tags), tags
    for tag in tags:
        lowered = tag.lower()
        assert "cdn" not in lowered, tag
        assert "https://" not in lowered, tag
        assert "http://" not in lowered, tag
    urls = re.findall(r"\b(?:src|href)=[\"']([^\"']+)", " ".join(tags))
    assert urls
    for url in urls:
        assert url.startswith("/"), url
        assert not url.startswith("//"), url  # protocol-relative: another host
