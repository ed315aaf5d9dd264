"""The demo consultations: eight at the county centre in every state and outcome, two of
them overdue, told through the services, and nothing new on a second load."""

from __future__ import annotations

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from onewindow import demo
from onewindow.consult import demo as consult_demo
from onewindow.consult import selectors
from onewindow.consult.models import Consultation, FollowUp
from onewindow.consult.states import Outcome, State
from onewindow.core.models import AuditEvent
from onewindow.identity.models import User
from onewindow.notifications.models import Notification

from .conftest import MONDAY


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """The county, then the consultation loader (the catalog and the cases are not needed:
    the related items are looked up when the catalog is there)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        time_machine.travel(MONDAY, tick=False),
    ):
        ctx = demo.load_all(upto="onewindow.identity.demo")
        created_before = ctx.created
        consult_demo.load(ctx)
        yield ctx, ctx.created - created_before
        transaction.set_rollback(True)


@pytest.fixture
def loaded(_loaded, db):
    return _loaded


def test_the_loader_is_registered_after_the_cases():
    # After the cases: the catalog is loaded by then, so the related items are found.
    loaders = demo.LOADERS
    assert loaders.index("onewindow.cases.demo") < loaders.index("onewindow.consult.demo")


def test_eight_consultations_in_every_state_and_outcome(loaded):
    ctx, created = loaded
    assert created == len(consult_demo.STORIES) == 8
    assert set(ctx.objects["consultations"]) == {s.key for s in consult_demo.STORIES}
    rows = Consultation.objects.all()
    assert rows.count() == 8
    assert set(rows.values_list("state", flat=True)) == {
        State.REFERRED,
        State.FOLLOW_UP,
        State.CLOSED,
    }
    assert set(rows.values_list("outcome", flat=True)) == set(Outcome.values)
    assert set(rows.values_list("hall__name", flat=True)) == {"眉县政务服务中心"}
    assert set(rows.values_list("channel", flat=True)) == {"onsite", "phone", "online"}
    assert rows.filter(asker_kind="enterprise").exists()
    # Closed after a referral, with the referee's follow-up and the asker told or not.
    closed = ctx.objects["consultations"]["referred-approver-closed"]
    closed.refresh_from_db()
    assert closed.state == State.CLOSED
    assert closed.referred_to.username == "shenpi"
    assert closed.follow_ups.filter(kind=FollowUp.Kind.NOTE, actor__username="shenpi").exists()
    assert rows.filter(state=State.CLOSED, asker_informed=False).exists()


def test_numbers_and_deadlines_follow_the_days_asked(loaded):
    for c in Consultation.objects.all():
        day = timezone.localdate(c.asked_at)
        assert c.number.startswith(f"ZX{day:%Y%m%d}")
        assert c.asked_at <= MONDAY
        if c.outcome != Outcome.ANSWERED:
            assert c.follow_up_due is not None
            assert c.follow_up_due > day
        if c.referred_at is not None:
            assert c.asked_at <= c.referred_at <= MONDAY
    numbers = list(Consultation.objects.values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers)


def test_two_are_overdue_and_the_people_concerned_see_them(loaded):
    today = MONDAY.date()
    dating = User.objects.get(username="dating")
    overdue = {c.number for c in selectors.overdue(dating, today=today)}
    keys = {key for key, c in loaded[0].objects["consultations"].items() if c.number in overdue}
    assert keys == {"referred-overdue", "follow-up-overdue"}
    shenpi = User.objects.get(username="shenpi")
    assert selectors.visible(shenpi).count() == 2  # the two referred to 县市场监管局
    assert Notification.objects.filter(recipient=shenpi, template="consult.referred").count() == 1
    assert selectors.summary(dating, today=today) == {"pending": 4, "overdue": 2, "mine": 1}


def test_told_through_the_services_and_audited(loaded):
    assert AuditEvent.objects.filter(code="consult.consultation.created").count() == 8
    assert AuditEvent.objects.filter(code="consult.consultation.closed").count() == 2
    assert AuditEvent.objects.filter(code=consult_demo.DEMO_EVENT).count() == 8
    assert set(consult_demo.told()) == {s.key for s in consult_demo.STORIES}


def test_loading_twice_creates_nothing(loaded):
    ctx = demo.DemoContext(objects=dict(loaded[0].objects))
    events = AuditEvent.objects.count()
    consult_demo.load(ctx)
    assert (ctx.created, ctx.existing) == (0, 8)
    assert Consultation.objects.count() == 8
    assert AuditEvent.objects.count() == events
