"""The 帮办代办 API: statuses, scoping, the error format and the contract."""

from __future__ import annotations

import pytest

from onewindow.assist import actionlog
from onewindow.assist.models import Assignment, Consent, KeyProject
from onewindow.cases.models import Case
from tests.api.utils import API, CJK, api_get, api_patch, api_post, assert_error, nothing_written

from .conftest import FORM, PDF, TODAY, pdf


@pytest.fixture
def as_user(users, login_client):
    return lambda username: login_client(users[username])


def test_every_operation_is_documented_in_chinese(client):
    schema = client.get(f"{API}/openapi.json").json()
    operations = [
        op
        for path, item in schema["paths"].items()
        if path.startswith(f"{API}/assist/")
        for op in item.values()
    ]
    assert len(operations) >= 20
    for op in operations:
        assert op["tags"] == ["帮办代办"]
        assert op["operationId"].startswith("assist_")
        assert CJK.search(op["summary"]), op["operationId"]


def test_anonymous_callers_are_401(client):
    assert_error(api_get(client, "/assist/helpers"), 401, "unauthenticated")
    assert_error(api_get(client, "/assist/mine"), 401)


def test_roster_and_assignments(helper, as_user, users, staff_user):
    dating = as_user("dating")
    [row] = api_get(dating, "/assist/helpers").json()
    assert row["name"] == "郑丽"
    assert row["load"] == 0
    assert row["phone"] == "0917-5512366"
    # Assign 张三; the same target again is a 409; nonsense is a 422.
    body = {"helper_id": helper.pk, "kind": "person", "applicant_id": users["zhangsan"].pk}
    response = api_post(dating, "/assist/assignments", body)
    assert response.status_code == 201, response.content
    first = response.json()
    assert first["target"] == "张三"
    assert first["active"] is True
    assert first["kind_label"] == "个人申请人"
    with nothing_written(Assignment):
        assert_error(api_post(dating, "/assist/assignments", body), 409, "already_assigned")
        assert_error(
            api_post(dating, "/assist/assignments", {**body, "kind": "family"}), 422, "invalid"
        )
        assert_error(api_post(dating, "/assist/assignments", {"helper_id": "x"}), 422)
        # Helpers do not assign.
        assert_error(api_post(as_user("bangban"), "/assist/assignments", body), 403, "forbidden")
    assert api_get(dating, "/assist/helpers").json()[0]["load"] == 1
    # Reassign, then see the history; end the new one.
    other = staff_user("bangban2", ["helper"])
    response = api_post(
        dating,
        "/assist/helpers",
        {"user_id": other.pk, "phone": "0917-5512367", "tags": ["工程建设"]},
    )
    assert response.status_code == 201
    assert response.json()["tags"] == ["工程建设"]
    response = api_post(
        dating,
        f"/assist/assignments/{first['id']}/reassign",
        {"helper_id": other.pk, "note": "休假"},
    )
    assert response.status_code == 201
    new = response.json()
    assert new["previous_id"] == first["id"]
    history = api_get(dating, f"/assist/assignments/{new['id']}/history").json()
    assert [h["helper_name"] for h in history] == ["测试bangban2", "郑丽"]
    assert history[1]["end_note"] == "改派给测试bangban2：休假"
    response = api_post(dating, f"/assist/assignments/{new['id']}/end", {"note": "办结"})
    assert response.status_code == 200
    assert response.json()["active"] is False
    assert_error(api_post(dating, f"/assist/assignments/{new['id']}/end", {}), 409)
    # The helper sees their own (ended) assignment only; 张三 sees those about him.
    mine = api_get(as_user("bangban"), "/assist/assignments").json()
    assert [a["id"] for a in mine["items"]] == [first["id"]]
    assert api_get(as_user("zhangsan"), "/assist/assignments").json()["count"] == 2
    assert api_get(as_user("qiye"), "/assist/assignments").json()["count"] == 0
    # Patching the roster: off duty, and a bad phone.
    response = api_patch(dating, f"/assist/helpers/{row['id']}", {"is_active": False})
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert_error(api_patch(dating, f"/assist/helpers/{row['id']}", {"phone": "x"}), 422)


def test_consents_online_written_list_and_revoke(helper, as_user, users, enterprise, published):
    zhangsan = as_user("zhangsan")
    body = {
        "helper_id": helper.pk,
        "method": "online",
        "scope": "all",
        "valid_until": f"{TODAY:%Y-%m-%d}",
        "applicant_id": users["zhangsan"].pk,
    }
    response = api_post(zhangsan, "/assist/consents", body)
    assert response.status_code == 201, response.content
    consent = response.json()
    assert consent["state"] == "有效"
    assert consent["helper_phone"] == "0917-5512366"
    assert consent["scope_text"] == "全部事项"
    with nothing_written(Consent):
        # Staff cannot confirm online for an applicant; a past date is a 422.
        assert_error(api_post(as_user("bangban"), "/assist/consents", body), 403)
        assert_error(
            api_post(zhangsan, "/assist/consents", {**body, "valid_until": "2026-01-01"}), 422
        )
        assert_error(api_post(zhangsan, "/assist/consents", {**body, "method": "written"}), 422)
    # A written consent for the enterprise, recorded by the helper with the signed form.
    form = {
        "helper_id": helper.pk,
        "scope": "items",
        "item_ids": [],
        "valid_until": "2026-06-30",
        "enterprise_id": enterprise.pk,
        "grantor_id": users["qiye"].pk,
    }
    helper_client = as_user("bangban")
    with nothing_written(Consent):
        bad = helper_client.post(
            f"{API}/assist/consents/written", {**form, "file": pdf(data=b"GIF89a")}
        )
        assert_error(bad, 422)
    form["item_ids"] = [published.item_id]
    response = helper_client.post(f"{API}/assist/consents/written", {**form, "file": pdf()})
    assert response.status_code == 201, response.content
    written = response.json()
    assert written["method_label"] == "书面委托"
    assert len(written["document_sm3"]) == 64
    assert written["item_ids"] == form["item_ids"]
    # Each side lists its own.
    assert [c["id"] for c in api_get(zhangsan, "/assist/consents").json()["items"]] == [
        consent["id"]
    ]
    assert [c["id"] for c in api_get(as_user("qiye"), "/assist/consents").json()["items"]] == [
        written["id"]
    ]
    assert api_get(helper_client, "/assist/consents", {"live": "true"}).json()["count"] == 2
    # Revoke: a stranger cannot see it (404), the applicant can, twice is a 409.
    assert_error(api_post(as_user("qiye"), f"/assist/consents/{consent['id']}/revoke", {}), 404)
    response = api_post(
        zhangsan, f"/assist/consents/{consent['id']}/revoke", {"reason": "不再需要"}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "已撤销"
    assert_error(api_post(zhangsan, f"/assist/consents/{consent['id']}/revoke", {}), 409)


def test_case_api_refuses_a_helper_without_consent(helper, as_user, users, published):
    payload = {
        "item_id": published.item_id,
        "channel": "window",
        "applicant_id": users["zhangsan"].pk,
        "form_data": FORM,
    }
    with nothing_written(Case):
        body = assert_error(api_post(as_user("bangban"), "/cases/", payload), 403, "no_consent")
    assert body["message"].startswith("没有该申请人有效的授权委托")
    api_post(
        as_user("zhangsan"),
        "/assist/consents",
        {
            "helper_id": helper.pk,
            "method": "online",
            "scope": "items",
            "item_ids": [published.item_id],
            "valid_until": "2026-03-31",
            "applicant_id": users["zhangsan"].pk,
        },
    )
    response = api_post(as_user("bangban"), "/cases/", payload)
    assert response.status_code == 201, response.content


def test_projects_one_to_one_and_log(helper, as_user, users, enterprise, published, county):
    dating = as_user("dating")
    response = api_post(
        dating,
        "/assist/projects",
        {
            "name": "冷链物流园",
            "enterprise_id": enterprise.pk,
            "investment": "32000",
            "leader_id": users["lingdao"].pk,
            "department_ids": [county["departments"]["县发改局"].pk],
        },
    )
    assert response.status_code == 201, response.content
    project = response.json()
    assert project["leader_name"] == "孙建国"
    assert project["departments"][0]["name"] == "县发改局"
    assert project["status_label"] == "推进中"
    assert_error(
        api_post(dating, "/assist/projects", {**{"name": "x"}, "enterprise_id": enterprise.pk}), 422
    )
    api_post(
        dating,
        "/assist/assignments",
        {"helper_id": helper.pk, "kind": "project", "project_id": project["id"]},
    )
    api_post(
        as_user("qiye"),
        "/assist/consents",
        {
            "helper_id": helper.pk,
            "method": "online",
            "scope": "all",
            "valid_until": "2026-03-05",
            "enterprise_id": enterprise.pk,
        },
    )
    helper_client = as_user("bangban")
    created = api_post(
        helper_client,
        "/cases/apply",
        {
            "item_id": published.item_id,
            "channel": "window",
            "enterprise_id": enterprise.pk,
            "applicant_id": users["qiye"].pk,
            "form_data": FORM,
        },
    )
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    response = api_post(
        helper_client, f"/assist/projects/{project['id']}/cases", {"case_id": case_id}
    )
    assert response.status_code == 201
    assert [c["id"] for c in response.json()["cases"]] == [case_id]
    assert_error(
        api_post(helper_client, f"/assist/projects/{project['id']}/cases", {"case_id": case_id}),
        409,
    )
    # The helper's one-to-one view.
    actionlog.sync()
    view = api_get(helper_client, "/assist/mine").json()
    assert view["helper"]["name"] == "郑丽"
    assert view["load"] == 1
    assert [p["target"] for p in view["projects"]] == ["冷链物流园"]
    assert [c["id"] for c in view["projects"][0]["cases"]] == [case_id]
    assert [c["id"] for c in view["cases"]] == [case_id]
    assert view["cases"][0]["state_label"] == "已提交"
    assert [c["party"] for c in view["expiring"]] == ["陕西眉香猕猴桃有限公司"]
    assert {a["action"] for a in view["actions"]} >= {"新建申请", "提交申请", "办件纳入重点项目"}
    assert_error(api_get(as_user("zhangsan"), "/assist/mine"), 403)
    # The hall admin sees the same through the roster; the leader sees the project led.
    profile_id = api_get(dating, "/assist/helpers").json()[0]["id"]
    assert api_get(dating, f"/assist/helpers/{profile_id}/view").json()["load"] == 1
    assert_error(api_get(as_user("chuangkou"), f"/assist/helpers/{profile_id}/view"), 404)
    led = api_get(as_user("lingdao"), "/assist/projects/led").json()
    assert [p["name"] for p in led] == ["冷链物流园"]
    assert led[0]["cases"][0]["id"] == case_id
    assert led[0]["helpers"] == ["郑丽"]
    # The log: the helper's own, the hall's, and the applicant's side.
    log = api_get(helper_client, "/assist/log").json()
    assert log["count"] >= 3
    assert {r["helper_name"] for r in log["items"]} == {"郑丽"}
    assert api_get(dating, "/assist/log", {"unbased": "true"}).json()["count"] == 0
    assert api_get(as_user("qiye"), "/assist/log").json()["count"] == log["count"]
    assert api_get(as_user("zhangsan"), "/assist/log").json()["count"] == 0
    # Project status: producing ends the helper's assignment.
    response = api_patch(dating, f"/assist/projects/{project['id']}", {"status": "producing"})
    assert response.status_code == 200
    assert response.json()["status"] == "producing"
    assert KeyProject.objects.get().status == "producing"
    assert api_get(helper_client, "/assist/mine").json()["load"] == 0
    assert_error(api_patch(dating, f"/assist/projects/{project['id']}", {"name": "y"}), 409)
    assert_error(api_get(as_user("zhangsan"), f"/assist/projects/{project['id']}"), 404)


def test_written_consent_upload_needs_a_file(helper, as_user, users):
    response = as_user("bangban").post(
        f"{API}/assist/consents/written",
        {
            "helper_id": helper.pk,
            "scope": "all",
            "valid_until": "2026-06-30",
            "applicant_id": users["zhangsan"].pk,
        },
    )
    assert_error(response, 422)
    response = as_user("bangban").post(
        f"{API}/assist/consents/written",
        {
            "helper_id": helper.pk,
            "scope": "all",
            "valid_until": "30/06/2026",
            "applicant_id": users["zhangsan"].pk,
            "file": pdf(data=PDF),
        },
    )
    assert assert_error(response, 422)["message"].startswith("valid_until")
