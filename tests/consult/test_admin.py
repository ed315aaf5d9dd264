"""Admin: consultations are read there; only the classification fields may be corrected,
audited; nothing is added or deleted and the phone number shows masked."""

from __future__ import annotations

from onewindow.consult.models import Consultation
from onewindow.core.models import AuditEvent

from .conftest import PHONE


def test_list_and_change_page_show_the_masked_number_only(referred, users, login_client):
    client = login_client(users["admin"])
    page = client.get("/admin/consult/consultation/").content.decode()
    assert referred.number in page
    response = client.get(f"/admin/consult/consultation/{referred.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "139****5501" in page
    assert PHONE not in page
    assert referred.asker_phone_enc not in page
    assert "转办至 眉县市场监督管理局" in page  # the follow-up records inline


def test_only_the_classification_is_editable_and_audited(referred, users, login_client):
    client = login_client(users["admin"])
    response = client.post(
        f"/admin/consult/consultation/{referred.pk}/change/",
        {
            "asker_kind": "enterprise",
            "channel": "phone",
            "item": "",
            "question": "改写的咨询内容",
            "state": "closed",
            "follow_ups-TOTAL_FORMS": "1",
            "follow_ups-INITIAL_FORMS": "1",
            "follow_ups-MIN_NUM_FORMS": "0",
            "follow_ups-MAX_NUM_FORMS": "1000",
            "follow_ups-0-id": referred.follow_ups.get().pk,
            "follow_ups-0-consultation": referred.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    c = Consultation.objects.get(pk=referred.pk)
    assert (c.asker_kind, c.channel) == ("enterprise", "phone")
    assert c.question == referred.question  # read-only: the post is ignored
    assert c.state == "referred"
    event = AuditEvent.objects.get(code="consult.consultation.admin_changed")
    assert (event.before["channel"], event.after["channel"]) == ("onsite", "phone")
    assert "asker_phone_enc" not in event.after
    assert "asker_phone_digest" not in event.after


def test_nothing_is_added_or_deleted(referred, users, login_client):
    client = login_client(users["admin"])
    assert client.get("/admin/consult/consultation/add/").status_code == 403
    assert client.get(f"/admin/consult/consultation/{referred.pk}/delete/").status_code == 403
