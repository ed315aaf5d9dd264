"""Admin: transition tables and the clock policy are editable and validated; cases are
read-only with the time left shown."""

from __future__ import annotations

from onewindow.cases import services
from onewindow.cases.models import ClockPolicy, ProcessTemplate, Transition
from onewindow.core.models import AuditEvent

from .conftest import FORM, at


def test_case_list_shows_time_left(published, users, enterprise, travel, login_client):
    with travel(at(2026, 3, 2, 10)):
        case = services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        services.accept(actor=users["chuangkou"], case_id=case.pk)
        client = login_client(users["admin"])
        html = client.get("/admin/cases/case/").content.decode()
        assert case.number in html
        assert "还剩 5 个工作日" in html
        detail = client.get(f"/admin/cases/case/{case.pk}/change/")
    assert detail.status_code == 200
    assert "受理通知书" in detail.content.decode()


def test_transition_rows_are_validated(users, login_client, county):
    template = ProcessTemplate.objects.get(code="promised")
    row = Transition.objects.get(template=template, action="accept")
    row.action, row.sources, row.roles, row.notice = "launch", ["limbo"], ["wizard"], "poem"
    errors = {}
    try:
        row.full_clean()
    except Exception as exc:  # ValidationError
        errors = exc.message_dict  # type: ignore[attr-defined]
    assert set(errors) >= {"action", "sources", "roles", "notice"}
    assert "未知动作" in errors["action"][0]


def test_clock_policy_edit_is_audited(users, login_client, county):
    policy = ClockPolicy.objects.get()
    client = login_client(users["admin"])
    response = client.post(
        f"/admin/cases/clockpolicy/{policy.pk}/change/",
        {
            "near_days": 3,
            "near_percent": 25,
            "correction_days": 5,
            "supervision_after_days": 1,
            "supervision_reply_days": 3,
            "tolerance_days": 5,
            "tolerance_remind_days": 2,
            "postcheck_days": 20,
        },
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.near_days, policy.near_percent) == (3, 25)
    assert policy.near_threshold(20) == 5
    assert AuditEvent.objects.filter(code="cases.clockpolicy.admin_changed").exists()
    assert client.get("/admin/cases/clockpolicy/add/").status_code == 403


def test_a_transition_without_target_is_refused_unless_the_action_decides(county):
    template = ProcessTemplate.objects.get(code="promised")
    accept = Transition.objects.get(template=template, action="accept")
    accept.target = ""
    try:
        accept.full_clean()
        errors = {}
    except Exception as exc:
        errors = exc.message_dict  # type: ignore[attr-defined]
    assert "target" in errors
    passing = Transition.objects.get(template=template, action="pass")
    passing.full_clean()  # blank target: the step decides
