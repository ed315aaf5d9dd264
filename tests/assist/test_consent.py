"""授权委托 and the case engine's check: a helper applies for someone only under a consent in
force that covers the item; refusals say why and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.assist import services
from onewindow.assist.models import Consent
from onewindow.cases import services as cases
from onewindow.cases.models import Case, CaseStep
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.models import AuditEvent
from onewindow.identity import services as identity
from onewindow.notifications.models import Notification

from .conftest import NOW, TODAY, apply_for, pdf


def _counts() -> dict[str, int]:
    return {
        "cases": Case.objects.count(),
        "steps": CaseStep.objects.count(),
        "consents": Consent.objects.count(),
        "audit": AuditEvent.objects.count(),
        "notifications": Notification.objects.count(),
    }


def refused(error, call, *args, **kwargs):
    """Run `call`, expect `error`, and check that nothing was written."""
    before = _counts()
    with pytest.raises(error) as exc:
        call(*args, **kwargs)
    assert _counts() == before
    return exc.value


# --- the case_create hook ---------------------------------------------------------------------
def test_helper_without_consent_is_refused_and_nothing_written(helper, published, users):
    err = refused(PermissionDenied, apply_for, helper, published, applicant_id=users["zhangsan"].pk)
    assert err.code == "no_consent"
    assert err.message.startswith("没有该申请人有效的授权委托")
    assert "在线确认" in err.message
    assert "书面委托" in err.message


def test_online_consent_lets_the_helper_apply(helper, published, users, give):
    consent = give()
    case = apply_for(helper, published, applicant_id=users["zhangsan"].pk)
    assert case.applicant == users["zhangsan"]
    assert case.created_by == helper
    assert case.hall_id == helper.hall_id
    assert (
        services.require_consent(
            helper=helper, applicant=users["zhangsan"], item_id=published.item_id
        )
        == consent
    )


def test_consent_to_another_helper_does_not_count(helper, published, users, staff_user, give):
    other = staff_user("bangban2", ["helper"])
    services.helper_create(actor=users["dating"], user_id=other.pk, phone="0917-5512367")
    give()
    err = refused(PermissionDenied, apply_for, other, published, applicant_id=users["zhangsan"].pk)
    assert err.code == "no_consent"


def test_expired_consent_is_refused(helper, published, users, give, travel):
    give(days=1)
    with travel(NOW + dt.timedelta(days=1)):
        apply_for(helper, published, applicant_id=users["zhangsan"].pk)  # the last day counts
    with travel(NOW + dt.timedelta(days=2)):
        err = refused(
            PermissionDenied, apply_for, helper, published, applicant_id=users["zhangsan"].pk
        )
    assert f"委托已于 {TODAY + dt.timedelta(days=1):%Y-%m-%d} 到期" in err.message


def test_revoked_consent_is_refused(helper, published, users, give):
    consent = give()
    services.consent_revoke(actor=users["zhangsan"], consent_id=consent.pk, reason="已自行办理")
    err = refused(PermissionDenied, apply_for, helper, published, applicant_id=users["zhangsan"].pk)
    assert "撤销" in err.message


def test_item_scope_covers_only_the_items_listed(helper, published, immediate, users, give):
    give(scope=Consent.Scope.ITEMS, item_ids=[published.item_id])
    apply_for(helper, published, applicant_id=users["zhangsan"].pk)
    err = refused(PermissionDenied, apply_for, helper, immediate, applicant_id=users["zhangsan"].pk)
    assert "现有委托不包括该事项" in err.message


def test_case_scope_covers_that_case_only(helper, published, users, give, enterprise):
    own = cases.case_create(
        actor=users["zhangsan"], item_id=published.item_id, channel="pc", form_data={}
    )
    consent = give(scope=Consent.Scope.CASE, case_id=own.pk)
    # It covers acting on that case, not starting new applications.
    assert (
        services.require_consent(
            helper=helper, applicant=users["zhangsan"], item_id=published.item_id, case_id=own.pk
        )
        == consent
    )
    refused(PermissionDenied, apply_for, helper, published, applicant_id=users["zhangsan"].pk)


def test_enterprise_consent_holds_while_the_signer_is_an_agent(
    helper, published, users, enterprise, give
):
    zhangsan = users["zhangsan"]
    agency = identity.agent_authorise(
        actor=users["qiye"], enterprise_id=enterprise.pk, user_id=zhangsan.pk
    )
    give(enterprise_id=enterprise.pk, actor=zhangsan)
    case = apply_for(helper, published, enterprise_id=enterprise.pk, applicant_id=users["qiye"].pk)
    assert case.enterprise == enterprise
    assert case.agent == users["qiye"]
    identity.agent_revoke(actor=users["qiye"], agency_id=agency.pk)
    err = refused(
        PermissionDenied,
        apply_for,
        helper,
        published,
        enterprise_id=enterprise.pk,
        applicant_id=users["qiye"].pk,
    )
    assert "签署委托的经办人已不再是该企业的授权经办人" in err.message


def test_a_persons_consent_does_not_cover_their_enterprise(
    helper, published, users, enterprise, give
):
    give(applicant_id=users["qiye"].pk, actor=users["qiye"])
    refused(
        PermissionDenied,
        apply_for,
        helper,
        published,
        enterprise_id=enterprise.pk,
        applicant_id=users["qiye"].pk,
    )


def test_window_clerks_apply_without_consent(helper, published, users):
    case = apply_for(users["chuangkou"], published, applicant_id=users["zhangsan"].pk)
    assert case.created_by == users["chuangkou"]


# --- recording consents -----------------------------------------------------------------------
def test_written_consent_keeps_the_checked_form_and_tells_the_signer(
    helper, users, enterprise, give
):
    consent = give(
        method=Consent.Method.WRITTEN, enterprise_id=enterprise.pk, grantor_id=users["qiye"].pk
    )
    assert consent.grantor == users["qiye"]
    assert consent.recorded_by == helper
    assert consent.document_type == "application/pdf"
    assert len(consent.document_sm3) == 64
    assert consent.document.read().startswith(b"%PDF-")
    message = Notification.objects.get(recipient=users["qiye"], template="assist.consent_recorded")
    assert "郑丽" in message.body
    assert "书面委托" in message.body
    event = AuditEvent.objects.get(code="assist.consent.created", object_id=str(consent.pk))
    assert event.after["document_sm3"] == consent.document_sm3


def test_phone_consent_needs_the_recording_reference(helper, users, give):
    consent = give(method=Consent.Method.PHONE)
    assert consent.recording_ref == "LY-20260302-0001"
    err = refused(InvalidInput, give, method=Consent.Method.PHONE, recording_ref=" ")
    assert err.details["field"] == "recording_ref"


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"days": -1}, InvalidInput, "valid_until"),
        ({"days": 400}, InvalidInput, "valid_until"),
        ({"scope": "items"}, InvalidInput, "item_ids"),
        ({"scope": "items", "item_ids": [987654]}, InvalidInput, "item_ids"),
        ({"scope": "case"}, InvalidInput, "case_id"),
        ({"scope": "everything"}, InvalidInput, "scope"),
        ({"method": "fax"}, InvalidInput, "method"),
        ({"applicant_id": 987654}, NotFound, "applicant_id"),
    ],
)
def test_consent_input_is_checked(helper, give, changes, error, field):
    err = refused(error, give, **changes)
    assert err.details["field"] == field


def test_who_may_record_a_consent(helper, users, enterprise, give, staff_user, county):
    # Online: only the applicant themself, for themself (or an enterprise they act for).
    refused(PermissionDenied, give, actor=users["bangban"])
    refused(PermissionDenied, give, actor=users["qiye"])  # for 张三
    refused(PermissionDenied, give, actor=users["zhangsan"], enterprise_id=enterprise.pk)
    # Written or by phone: the helper, or a clerk or hall admin of the helper's hall.
    refused(PermissionDenied, give, method=Consent.Method.PHONE, actor=users["zhangsan"])
    refused(PermissionDenied, give, method=Consent.Method.PHONE, actor=users["shenpi"])
    town = next(k for k in county["halls"] if k != "county")
    elsewhere = staff_user("chuangkou2", ["window_clerk"], hall=town)
    refused(PermissionDenied, give, method=Consent.Method.PHONE, actor=elsewhere)
    assert (
        give(method=Consent.Method.PHONE, actor=users["chuangkou"]).recorded_by
        == users["chuangkou"]
    )
    # A written consent without its form, or with a file that is not what it says.
    err = refused(InvalidInput, give, method=Consent.Method.WRITTEN, document=None)
    assert "委托书扫描件" in err.message
    err = refused(
        InvalidInput, give, method=Consent.Method.WRITTEN, document=pdf(data=b"not a pdf")
    )
    assert "扩展名与内容不符" in err.message
    # An enterprise's consent is signed by one of its agents.
    err = refused(
        InvalidInput,
        give,
        method=Consent.Method.WRITTEN,
        enterprise_id=enterprise.pk,
        grantor_id=users["zhangsan"].pk,
    )
    assert err.details["field"] == "grantor_id"


def test_consent_to_someone_off_the_roster_or_off_duty(helper, users, give, profile):
    err = refused(
        InvalidInput,
        services.consent_create,
        actor=users["zhangsan"],
        helper_id=users["chuangkou"].pk,
        method="online",
        scope="all",
        applicant_id=users["zhangsan"].pk,
        valid_until=TODAY,
    )
    assert err.details["field"] == "helper_id"
    services.helper_update(actor=users["dating"], profile_id=profile.pk, is_active=False)
    err = refused(InvalidInput, give)
    assert "不在岗" in err.message


# --- revoking ---------------------------------------------------------------------------------
def test_revoking(helper, users, enterprise, give, staff_user):
    consent = give()
    refused(PermissionDenied, services.consent_revoke, actor=users["qiye"], consent_id=consent.pk)
    refused(PermissionDenied, services.consent_revoke, actor=helper, consent_id=consent.pk)
    revoked = services.consent_revoke(
        actor=users["zhangsan"], consent_id=consent.pk, reason="不再需要"
    )
    assert revoked.revoked_by == users["zhangsan"]
    assert revoked.state_on() == "已撤销"
    note = Notification.objects.get(recipient=helper, template="assist.consent_revoked")
    assert "张三" in note.body
    err = refused(Conflict, services.consent_revoke, actor=users["zhangsan"], consent_id=consent.pk)
    assert err.code == "consent_revoked"
    # Any agent of the enterprise withdraws the enterprise's consent; the hall admin may too.
    written = give(
        method=Consent.Method.WRITTEN, enterprise_id=enterprise.pk, grantor_id=users["qiye"].pk
    )
    assert (
        services.consent_revoke(actor=users["dating"], consent_id=written.pk).revoked_by
        == users["dating"]
    )
    assert AuditEvent.objects.filter(code="assist.consent.revoked").count() == 2
