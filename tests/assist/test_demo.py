"""The demo 帮办代办: told through the services on top of the demo cases, and nothing new
on a second load."""

from __future__ import annotations

import pytest
from django.db import transaction

from onewindow import demo
from onewindow.assist import selectors
from onewindow.assist.models import (
    Assignment,
    Consent,
    HelperActionLog,
    HelperProfile,
    KeyProject,
)
from onewindow.cases.models import CaseState
from onewindow.core.models import AuditEvent
from onewindow.identity.models import User


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo.load_all(upto="onewindow.assist.demo")
        transaction.set_rollback(True)


@pytest.fixture
def loaded(_demo, db):
    return _demo.objects["assist"]


def test_the_helper_is_on_the_roster_and_carries_a_project_and_a_person(loaded):
    helper = User.objects.get(username="bangban")
    profile = HelperProfile.objects.get(user=helper)
    assert profile.phone == "0917-5512366"
    assert profile.themes.exists()
    kinds = set(
        Assignment.objects.filter(helper=helper, ended_at__isnull=True).values_list(
            "kind", flat=True
        )
    )
    assert kinds == {"project", "person"}
    project = KeyProject.objects.get()
    assert project.leader.username == "lingdao"
    assert project.departments.count() == 5
    assert project.cases.count() == 3  # two demo cases and the helper's own


def test_consents_online_and_written(loaded):
    online = Consent.objects.get(method="online")
    assert online.applicant.username == "zhangsan"
    assert online.grantor == online.applicant
    written = Consent.objects.get(method="written")
    assert written.enterprise is not None
    assert written.grantor.username == "qiye"
    assert written.document_sm3
    assert written.items.count() == 3


def test_the_helper_submitted_a_case_for_the_enterprise_and_it_is_logged(loaded):
    case = loaded["case"]
    case.refresh_from_db()
    assert case.created_by.username == "bangban"
    assert case.state == CaseState.SUBMITTED
    assert case.enterprise is not None
    assert case.agent.username == "qiye"
    rows = HelperActionLog.objects.filter(case=case)
    assert {"新建申请", "提交材料", "提交申请"} <= set(rows.values_list("action", flat=True))
    assert {r.consent.method for r in rows if r.consent is not None} == {"written"}
    view = selectors.one_to_one(User.objects.get(username="bangban"))
    assert case.pk in {c.pk for c in view["cases"]}
    assert [c.method for c in view["expiring"]] == ["online"]
    assert view["actions"]
    led = selectors.leader_projects(User.objects.get(username="lingdao"))
    assert [p.name for p in led] == ["眉香猕猴桃冷链物流园"]


def test_loading_again_creates_nothing(loaded):
    events = AuditEvent.objects.count()
    ctx = demo.load_all(upto="onewindow.assist.demo")
    assert ctx.created == 0
    assert AuditEvent.objects.count() == events
    assert Consent.objects.count() == 2
