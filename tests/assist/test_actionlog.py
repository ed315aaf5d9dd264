"""The helpers' action log, projected from the audit trail: every case action a helper takes
through any entry point, with the assignment or consent that covered it."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.assist import actionlog, selectors, services
from onewindow.assist.models import HelperActionLog, LogCursor
from onewindow.assist.tasks import helper_log_sync
from onewindow.cases import services as cases
from onewindow.catalog.models import Material
from onewindow.core import periodic
from onewindow.core.models import AuditEvent

from .conftest import FORM, PDF, apply_for


def test_a_helpers_case_actions_are_logged_with_their_consent(helper, published, users, give):
    consent = give()
    case = apply_for(helper, published, applicant_id=users["zhangsan"].pk)
    material = Material.objects.filter(version_id=case.version_id).first()
    cases.material_add(
        actor=helper,
        case_id=case.pk,
        material_id=material.pk,
        upload=SimpleUploadedFile("申请书.pdf", PDF, "application/pdf"),
    )
    cases.submit(actor=helper, case_id=case.pk)
    # Not there until the projection runs (the periodic job), then exactly once.
    assert not HelperActionLog.objects.filter(case=case).exists()
    assert actionlog.sync() == 3
    rows = list(HelperActionLog.objects.filter(case=case).order_by("event_seq"))
    assert [r.action for r in rows] == ["新建申请", "提交材料", "提交申请"]
    assert {r.helper for r in rows} == {helper}
    assert {r.applicant for r in rows} == {users["zhangsan"]}
    assert {r.consent for r in rows} == {consent}
    assert {r.basis for r in rows} == {"授权委托"}
    case.refresh_from_db()
    assert case.number
    assert rows[2].details["number"] == case.number
    assert actionlog.sync() == 0
    assert HelperActionLog.objects.filter(case=case).count() == 3
    assert LogCursor.objects.get().seq == AuditEvent.objects.order_by("-seq").first().seq


def test_only_helpers_actions_are_logged(helper, published, users):
    cases.case_create(
        actor=users["chuangkou"],
        item_id=published.item_id,
        channel="window",
        applicant_id=users["zhangsan"].pk,
        form_data=FORM,
    )
    actionlog.sync()
    assert not HelperActionLog.objects.exclude(code__startswith="assist.").exists()


def test_actions_without_a_basis_are_flagged_for_the_hall(helper, published, users, enterprise):
    # The clerk files a draft for the enterprise; the hall's helper submits it, carrying
    # neither the enterprise nor a consent: the engine allows it, the log flags it.
    case = cases.case_create(
        actor=users["chuangkou"],
        item_id=published.item_id,
        channel="window",
        enterprise_id=enterprise.pk,
        applicant_id=users["qiye"].pk,
        form_data=FORM,
    )
    cases.submit(actor=helper, case_id=case.pk)
    actionlog.sync()
    [row] = HelperActionLog.objects.filter(case=case)
    assert row.basis == ""
    assert row.enterprise == enterprise
    assert list(selectors.action_log(users["dating"], unbased=True)) == [row]
    # Once the enterprise is assigned to her, later actions have that basis.
    assignment = services.assignment_create(
        actor=users["dating"], helper_id=helper.pk, kind="enterprise", enterprise_id=enterprise.pk
    )
    cases.prereview(actor=users["chuangkou"], case_id=case.pk)
    cases.request_correction(
        actor=users["chuangkou"],
        case_id=case.pk,
        items=[{"material": "营业执照", "problem": "不清晰"}],
    )
    cases.resubmit(actor=helper, case_id=case.pk)
    actionlog.sync()
    latest = HelperActionLog.objects.filter(case=case).order_by("-event_seq").first()
    assert latest.action == "补正后提交"
    assert latest.assignment == assignment


def test_consent_recording_is_logged_and_the_job_is_registered(helper, users, give):
    consent = give(method="phone")
    assert "assist.helper_log_sync" in {job.name for job in periodic.registered()}
    assert helper_log_sync.call() == 1
    row = HelperActionLog.objects.get()
    assert row.action == "登记授权委托"
    assert row.applicant == users["zhangsan"]
    assert row.consent == consent
