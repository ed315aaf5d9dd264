from __future__ import annotations

import json

import pytest
from django.test import Client

from onewindow.catalog.models import ItemVersion
from onewindow.core.models import AuditEvent

from .conftest import content

API = "/api/v1/catalog"


def post(client: Client, path: str, data: dict) -> object:
    return client.post(API + path, data=json.dumps(data), content_type="application/json")


def test_public_search_and_guide(make_item):
    version = make_item()
    client = Client()
    body = client.get(API + "/items", {"q": "开饭店"}).json()
    assert body["count"] == 1
    assert body["expanded_from"] == ["开饭店"]
    (hit,) = body["items"]
    assert hit["name"] == "食品经营许可"
    assert hit["fully_online"] is True
    assert hit["score"] > 0
    guide = client.get(f"{API}/items/{hit['implementation_code']}").json()
    assert guide["version_id"] == version.pk
    assert [m["name"] for m in guide["materials"]] == [
        "食品经营许可申请书",
        "营业执照",
        "食品安全管理制度文本",
    ]
    assert guide["materials"][2]["tolerable"] is True
    assert [m["waivable"] for m in guide["materials"]] == [False, False, False]
    assert [f["key"] for f in guide["fields"]] == [
        "enterprise.name",
        "enterprise.uscc",
        "business.address",
        "food.category",
    ]
    assert guide["special_procedures"] == [{"kind": "现场勘验", "max_days": 5}]
    assert guide["themes"] == ["open_restaurant"]
    assert client.get(f"{API}/items/{version.item.basic_code}").status_code == 200


def test_guide_says_which_materials_a_commitment_waives(make_item):
    proof = {"material_type": "住所（经营场所）使用证明", "waivable": True}
    version = make_item(commitment=True, materials=[*content()["materials"], proof])
    guide = Client().get(f"{API}/items/{version.item.implementation_code}").json()
    assert guide["commitment"] is True
    assert [(m["name"], m["waivable"]) for m in guide["materials"]][-2:] == [
        ("食品安全管理制度文本", False),
        ("住所（经营场所）使用证明", True),
    ]


def test_unknown_guide_is_a_json_404(db):
    response = Client().get(f"{API}/items/NOPE")
    assert response.status_code == 404
    assert "NOPE" in response.json()["message"]


def test_department_admin_drafts_submits_and_sees_quality_problems(
    make_item, users, login_client, county
):
    bumen = login_client(users["bumen"])
    response = post(
        bumen,
        "/items",
        {
            "department_id": county["departments"]["县市场监管局"].pk,
            "basic_code": "000103005000",
            "content": content(name="食品小作坊登记", materials=[{"material_type": "相关材料"}]),
        },
    )
    assert response.status_code == 201, response.content
    version_id = response.json()["id"]
    problems = bumen.get(f"{API}/versions/{version_id}/quality").json()
    assert any("相关材料" in p["message"] for p in problems)
    refused = post(bumen, f"/versions/{version_id}/submit", {})
    assert refused.status_code == 422
    assert refused.json()["code"] == "quality_failed"
    assert refused.json()["details"]["problems"] == problems
    fixed = bumen.put(
        f"{API}/versions/{version_id}/content",
        data=json.dumps(
            {
                "content": {
                    "materials": [
                        {"material_type": "食品经营许可申请书"},
                        {"material_type": "食品安全管理制度文本", "tolerable": True},
                    ]
                }
            }
        ),
        content_type="application/json",
    )
    assert fixed.status_code == 200
    assert post(bumen, f"/versions/{version_id}/submit", {}).json()["status"] == "submitted"
    admin = login_client(users["admin"])
    assert [v["id"] for v in admin.get(API + "/review-queue").json()] == [version_id]
    assert bumen.get(API + "/review-queue").status_code == 403
    assert post(admin, f"/versions/{version_id}/reject", {"opinion": ""}).status_code == 422
    assert post(admin, f"/versions/{version_id}/approve", {"opinion": "同意"}).status_code == 200
    assert post(admin, f"/versions/{version_id}/publish", {}).json()["status"] == "published"
    assert Client().get(API + "/items", {"q": "小作坊"}).json()["count"] == 1


def test_diff_and_versions(make_item, users, login_client):
    v1 = make_item()
    bumen = login_client(users["bumen"])
    v2 = post(bumen, f"/items/{v1.item_id}/drafts", {}).json()
    assert v2["number"] == 2
    bumen.put(
        f"{API}/versions/{v2['id']}/content",
        data=json.dumps({"content": {"promised_limit": 2}}),
        content_type="application/json",
    )
    changes = bumen.get(f"{API}/versions/{v2['id']}/diff").json()
    assert changes == [
        {"field": "promised_limit", "label": "承诺办结时限", "before": 5, "after": 2}
    ]
    public = Client().get(f"{API}/items/{v1.item_id}/versions").json()
    assert [v["number"] for v in public] == [1]  # drafts are not public
    assert [v["number"] for v in bumen.get(f"{API}/items/{v1.item_id}/versions").json()] == [2, 1]
    assert (
        login_client(users["zhangsan"]).get(f"{API}/versions/{v2['id']}/content").status_code == 403
    )


@pytest.mark.parametrize(
    ("payload", "status", "fragment"),
    [
        ({"department_id": 999999, "basic_code": "000103001000", "content": {}}, 422, "实施主体"),
        ({"basic_code": "000103001000", "content": {}}, 422, "department_id"),
        ({"department_id": "X", "basic_code": "1", "content": {}}, 422, "department_id"),
    ],
)
def test_bad_create_requests(users, login_client, county, reference, payload, status, fragment):
    before = (ItemVersion.objects.count(), AuditEvent.objects.count())
    response = post(login_client(users["admin"]), "/items", payload)
    assert response.status_code == status
    assert fragment in response.json()["message"]
    assert (ItemVersion.objects.count(), AuditEvent.objects.count()) == before


def test_illegal_transitions_are_409_naming_the_state(make_item, users, login_client):
    version = make_item()
    admin = login_client(users["admin"])
    response = post(admin, f"/versions/{version.pk}/approve", {})
    assert response.status_code == 409
    assert "已发布" in response.json()["message"]


def test_quality_report_scoping(make_item, users, login_client):
    make_item(publish=False, materials=[{"material_type": "有关证明"}])
    make_item(
        "000201001000",
        department="县公安局",
        publish=False,
        materials=[{"material_type": "等材料"}],
    )
    bumen = login_client(users["bumen"]).get(API + "/quality-report").json()
    assert [row["department"] for row in bumen] == ["眉县市场监督管理局"]
    everyone = login_client(users["admin"]).get(API + "/quality-report").json()
    assert {row["department"] for row in everyone} == {"眉县市场监督管理局", "眉县公安局"}
    assert login_client(users["zhangsan"]).get(API + "/quality-report").status_code == 403


def test_blank_forms_upload_and_survive_edits_and_new_drafts(
    make_item, users, login_client, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    version = make_item(publish=False)
    bumen = login_client(users["bumen"])
    url = f"{API}/versions/{version.pk}/materials/1/files"
    bad = bumen.post(
        url,
        {
            "kind": "blank_form",
            "file": SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream"),
        },
    )
    assert bad.status_code == 422
    assert "文件类型" in bad.json()["message"]
    good = bumen.post(
        url,
        {
            "kind": "blank_form",
            "file": SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 blank", "application/pdf"),
        },
    )
    assert good.status_code == 200, good.content
    assert good.json()["blank_form_url"].startswith("/media/catalog/forms/")
    # Saving the draft again keeps the file with its material.
    bumen.put(
        f"{API}/versions/{version.pk}/content",
        data=json.dumps({"content": {"promised_limit": 4}}),
        content_type="application/json",
    )
    material = version.materials.get(order=1)
    assert material.blank_form.name.endswith(".pdf")
    services_publish(version)
    draft = post(bumen, f"/items/{version.item_id}/drafts", {}).json()
    copied = ItemVersion.objects.get(pk=draft["id"]).materials.get(order=1)
    assert copied.blank_form.name == material.blank_form.name
    guide = Client().get(f"{API}/items/{version.item.implementation_code}").json()
    assert guide["materials"][0]["blank_form_url"] == material.blank_form.url
    # Published versions take no uploads.
    refused = bumen.post(
        url, {"kind": "sample", "file": SimpleUploadedFile("s.pdf", b"%PDF", "application/pdf")}
    )
    assert refused.status_code == 409


def services_publish(version) -> None:
    from onewindow.catalog import services

    services.version_submit(actor=None, version_id=version.pk)
    services.version_approve(actor=None, version_id=version.pk)
    services.version_publish(actor=None, version_id=version.pk)
