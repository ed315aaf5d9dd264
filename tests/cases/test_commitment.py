"""告知承诺: only for items that allow it and applicants without an open false-commitment
record; the letter states the conditions, the waived proofs and the liability; the 告知承诺书
is issued on acceptance; a post-check is scheduled on approval and assigned; an untrue
commitment opens a credit record (barring 告知承诺 until repaired) and a revocation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from onewindow.cases import commitment, services, sweeps
from onewindow.cases.models import (
    CaseState,
    Commitment,
    CreditRecord,
    PostCheck,
    Revocation,
)
from onewindow.core.errors import Conflict, InvalidInput, PermissionDenied
from onewindow.notifications.models import Notification

from .conftest import FORM, at

MONDAY = at(2026, 3, 2, 10)


@pytest.fixture
def committable(make_item, county):
    """A 承诺件 under 告知承诺: the premises certificate may be replaced by a commitment."""
    from onewindow.catalog import services as catalog

    with __import__("time_machine").travel(at(2026, 1, 5, 9), tick=False):
        version = make_item(
            "000103006000",
            name="告知承诺事项",
            commitment=True,
            tolerant_acceptance=False,
            materials=[
                {"material_type": "食品经营许可申请书", "originals": 1, "form": "both"},
                {"material_type": "食品安全管理制度文本", "waivable": True},
            ],
        )
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    return version


def _draft(version, users, travel):
    with travel(MONDAY):
        return services.case_create(
            actor=users["chuangkou"],
            item_id=version.item_id,
            channel="window",
            applicant_id=users["zhangsan"].pk,
            form_data=FORM,
        )


def _sign(case, users, travel, via="paper"):
    actor = users["chuangkou"] if via == "paper" else users["zhangsan"]
    with travel(MONDAY):
        return services.commitment_record(
            actor=actor, case_id=case.pk, kind="notification", signer_name="张三", via=via
        )


def test_the_letter_states_conditions_waived_proofs_and_liability(committable, users, travel):
    case = _draft(committable, users, travel)
    row = _sign(case, users, travel)
    assert committable.conditions.strip() in row.text
    assert "以承诺代替提交以下证明材料：食品安全管理制度文本" in row.text
    assert "撤销许可、记入信用记录" in row.text
    assert commitment.waived_material_ids(case) == {
        m.pk for m in committable.materials.filter(name="食品安全管理制度文本")
    }
    with pytest.raises(Conflict, match="已签署告知承诺书"):
        _sign(case, users, travel)


def test_only_items_that_allow_it(published, users, travel):
    case = _draft(published, users, travel)
    with pytest.raises(InvalidInput, match="不实行告知承诺制"):
        _sign(case, users, travel)
    assert not Commitment.objects.exists()


def _granted(committable, users, travel):
    case = _draft(committable, users, travel)
    _sign(case, users, travel)
    clerk, approver = users["chuangkou"], users["shenpi"]
    with travel(MONDAY):
        services.material_add(
            actor=clerk,
            case_id=case.pk,
            material_id=committable.materials.get(name="食品经营许可申请书").pk,
            paper_received=True,
        )
        services.submit(actor=clerk, case_id=case.pk)
        case = services.accept(actor=clerk, case_id=case.pk)
    with travel(at(2026, 3, 3, 10)):
        services.start_review(actor=approver, case_id=case.pk)
        services.pass_step(actor=approver, case_id=case.pk, opinion="承诺内容完整")
        return services.approve(actor=approver, case_id=case.pk, opinion="准予许可")


def test_acceptance_issues_the_letter_and_approval_schedules_the_check(committable, users, travel):
    case = _granted(committable, users, travel)
    notice = case.notices.get(kind="commitment")
    assert notice.title == "告知承诺书"
    assert "承诺人：张三" in notice.body
    check = PostCheck.objects.get(case=case)
    assert check.assignee == users["shenpi"]
    assert check.method == "written"
    assert check.state == "scheduled"
    # 20 working days from Tuesday 3 March 2026: Tuesday 31 March.
    assert check.due_on == dt.date(2026, 3, 31)


def test_an_untrue_commitment_opens_a_credit_record_and_a_revocation(committable, users, travel):
    case = _granted(committable, users, travel)
    check = case.postchecks.get()
    with travel(at(2026, 3, 10, 10)):
        with pytest.raises(PermissionDenied):
            commitment.postcheck_record(
                actor=users["chuangkou"], check_id=check.pk, truthful=False, note="x"
            )
        with pytest.raises(InvalidInput, match="核查情况"):
            commitment.postcheck_record(
                actor=users["shenpi"], check_id=check.pk, truthful=False, note=" "
            )
        commitment.postcheck_record(
            actor=users["shenpi"],
            check_id=check.pk,
            truthful=False,
            note="实地查看无进货查验制度，承诺不实",
        )
    record = CreditRecord.objects.get()
    assert record.person == users["zhangsan"]
    assert record.closed_at is None
    revocation = Revocation.objects.get(case=case)
    assert revocation.state == "open"
    heads = Notification.objects.filter(template="cases.revocation_opened")
    assert heads.filter(recipient=users["bumen"]).exists()
    # The department head decides to revoke: the applicant receives the decision.
    with travel(at(2026, 3, 11, 10)):
        with pytest.raises(PermissionDenied):
            commitment.revocation_decide(
                actor=users["shenpi"], revocation_id=revocation.pk, revoke=True, note="x"
            )
        commitment.revocation_decide(
            actor=users["bumen"],
            revocation_id=revocation.pk,
            revoke=True,
            note="以不实承诺取得许可",
        )
    revocation.refresh_from_db()
    assert revocation.state == "revoked"
    assert "第六十九条" in case.notices.get(kind="revocation").body
    # Barred from 告知承诺 while the record is open ...
    other = _draft(committable, users, travel)
    with pytest.raises(InvalidInput, match="未修复的虚假承诺记录"):
        _sign(other, users, travel)
    # ... and allowed again once the department repairs it.
    with travel(at(2026, 3, 12, 10)):
        commitment.credit_repair(actor=users["bumen"], record_id=record.pk, note="已整改并公开承诺")
    assert _sign(other, users, travel).kind == "notification"


def test_a_truthful_check_closes_without_records(committable, users, travel):
    case = _granted(committable, users, travel)
    with travel(at(2026, 3, 10, 10)):
        commitment.postcheck_record(
            actor=users["bumen"],
            check_id=case.postchecks.get().pk,
            truthful=True,
            note="书面核查属实",
        )
    assert not CreditRecord.objects.exists()
    assert not Revocation.objects.exists()
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED


def test_a_late_check_reminds_its_assignee_once(committable, users, travel):
    case = _granted(committable, users, travel)
    with travel(at(2026, 4, 3, 9)):
        assert sweeps.run_all()["postcheck_late"] == 1
        assert sweeps.run_all()["postcheck_late"] == 0
    assert (
        Notification.objects.filter(
            template="cases.postcheck_late", recipient=users["shenpi"]
        ).count()
        == 1
    )
    assert case.postchecks.get().reminded_on == dt.date(2026, 4, 3)


def test_the_head_reassigns_and_the_pages_work(committable, users, login_client, travel):
    case = _granted(committable, users, travel)
    check = case.postchecks.get()
    with travel(at(2026, 3, 5, 10)):
        head = login_client(users["bumen"])
        listing = head.get("/cases/postchecks/").content.decode()
        assert case.number in listing
        r = head.post(
            f"/cases/postchecks/{check.pk}/",
            {
                "what": "update",
                "method": "site",
                "due_on": "2026-03-01",
                "assignee_id": users["shenpi"].pk,
            },
        )
        assert r.status_code == 422
        assert "核查期限不能早于今天" in r.content.decode()
        r = head.post(
            f"/cases/postchecks/{check.pk}/",
            {
                "what": "update",
                "method": "site",
                "due_on": "2026-03-20",
                "assignee_id": users["shenpi"].pk,
            },
        )
        assert r.status_code == 302
        check.refresh_from_db()
        assert check.method == "site"
        r = head.post(f"/cases/postchecks/{check.pk}/", {"what": "result", "note": "已核查"})
        assert r.status_code == 422
        assert "请选择核查结论" in r.content.decode()
        stranger = login_client(users["chuangkou"])
        assert stranger.get(f"/cases/postchecks/{check.pk}/").status_code == 404


def test_the_api(committable, users, login_client, travel):
    case = _draft(committable, users, travel)
    citizen = login_client(users["zhangsan"])
    with travel(MONDAY):
        r = citizen.post(
            f"/api/v1/cases/{case.pk}/commitments",
            {"kind": "notification", "signer_name": "张三", "via": "paper"},
            content_type="application/json",
        )
        assert r.status_code == 403
        r = citizen.post(
            f"/api/v1/cases/{case.pk}/commitments",
            {"kind": "notification", "signer_name": "张三", "via": "online"},
            content_type="application/json",
        )
    assert r.status_code == 201, r.content
    assert r.json()["via"] == "online"
    assert Client().get("/api/v1/cases/postchecks").status_code == 401
