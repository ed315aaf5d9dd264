"""The GB/T 39046-shaped export: one record per submitted case, with its process,
special procedures and result; streamed as one JSON document."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from onewindow.cases import export, services
from onewindow.cases.models import Case

from .conftest import FORM, at


def _decided_case(published, users, enterprise, travel, expert_review):
    agent, clerk, approver = users["qiye"], users["chuangkou"], users["shenpi"]
    with travel(at(2026, 3, 2, 10)):
        case = services.apply(
            actor=agent,
            item_id=published.item_id,
            channel="mobile",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        services.accept(actor=clerk, case_id=case.pk)
        services.start_review(actor=approver, case_id=case.pk)
        services.start_special(
            actor=approver,
            case_id=case.pk,
            kind_id=expert_review.pk,
            reason="工艺评审",
            expected_days=2,
        )
    with travel(at(2026, 3, 4, 10)):
        services.end_special(actor=approver, case_id=case.pk, opinion="评审通过")
        services.pass_step(actor=approver, case_id=case.pk, opinion="同意")
        services.approve(actor=approver, case_id=case.pk, opinion="准予")
        services.deliver(actor=clerk, case_id=case.pk, method="online")
    return Case.objects.get(pk=case.pk)


def test_record_has_the_four_parts(published, users, enterprise, travel, expert_review):
    case = _decided_case(published, users, enterprise, travel, expert_review)
    data = export.record(export.select().get(pk=case.pk))
    basic = data["basic"]
    assert basic["case_number"] == case.number
    assert basic["implementation_code"] == published.item.implementation_code
    assert basic["channel_code"] == "3"
    assert basic["applicant_type"] == "2"
    assert basic["accepted_on"] == "2026-03-02"
    assert basic["promised_due"] == case.promised_due.isoformat()
    assert [p["step_name"] for p in data["process"]][:3] == ["申请", "收件", "待审查"]
    assert all(p["ended_at"] for p in data["process"][:-1])
    special = data["special_procedures"][0]
    assert special["kind"] == "专家评审"
    assert special["days_not_counted"] == 2
    assert data["result"]["outcome"] == "准予"
    assert data["result"]["on_time"] is True
    assert data["result"]["result_name"] == "食品经营许可证"
    assert {n["title"] for n in data["result"]["notices"]} >= {"受理通知书", "准予许可决定书"}
    assert set(basic) | {k for p in data["process"] for k in p} <= set(export.FIELDS)


def test_command_writes_one_json_document_without_drafts(
    published, users, enterprise, travel, expert_review
):
    case = _decided_case(published, users, enterprise, travel, expert_review)
    with travel(at(2026, 3, 5, 10)):
        services.case_create(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
        )
    out = io.StringIO()
    call_command("export_cases", "--since", "2026-03-01", "--until", "2026-03-31", stdout=out)
    document = json.loads(out.getvalue())
    assert document["fields"]["case_number"].startswith("办件编号")
    assert [c["basic"]["case_number"] for c in document["cases"]] == [case.number]
    out = io.StringIO()
    call_command("export_cases", "--since", "2026-04-01", stdout=out)
    assert json.loads(out.getvalue())["cases"] == []


def test_export_api_scopes_by_role(
    published, users, enterprise, travel, expert_review, login_client
):
    case = _decided_case(published, users, enterprise, travel, expert_review)
    response = login_client(users["ducha"]).get("/api/v1/cases/export?since=2026-03-01")
    assert response.status_code == 200
    document = json.loads(b"".join(response.streaming_content))
    assert [c["basic"]["case_number"] for c in document["cases"]] == [case.number]
    # The department admin of the implementing department sees it; another's does not.
    own = login_client(users["bumen"]).get("/api/v1/cases/export")
    assert json.loads(b"".join(own.streaming_content))["cases"]
    other = login_client(users["bumen"]).get(
        f"/api/v1/cases/export?department={published.item.department_id + 1}"
    )
    assert other.status_code == 403
    assert login_client(users["qiye"]).get("/api/v1/cases/export").status_code == 403
    bad = login_client(users["ducha"]).get("/api/v1/cases/export?since=2026-04-01&until=2026-03-01")
    assert bad.status_code == 422
    assert "起始日期" in bad.json()["message"]
    assert (
        login_client(users["ducha"]).get("/api/v1/cases/export?since=2026-13-01").status_code == 422
    )
