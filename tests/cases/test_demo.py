"""The demo cases: every state of the lifecycle, told through the services with back-dated
histories, warnings and supervision after the sweep, and nothing new on a second load."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from onewindow import demo
from onewindow.cases import selectors
from onewindow.cases.demo import STORIES, ensure_calendar, told
from onewindow.cases.models import (
    Case,
    CaseChannel,
    CaseNotice,
    CaseState,
    CaseStep,
    CaseWarning,
    SupervisionEvent,
    SupervisionOrder,
)
from onewindow.core import audit
from onewindow.core.models import AuditEvent, CalendarYear
from onewindow.core.workdays import Calendar, library_covers
from onewindow.identity.models import User


@pytest.fixture(scope="module")
def _demo_cases(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo.load_all(upto="onewindow.cases.demo")
        transaction.set_rollback(True)


@pytest.fixture
def demo_cases(_demo_cases, db):
    return _demo_cases.objects["cases"]


def test_every_state_and_channel_appears(demo_cases):
    assert len(demo_cases) == len(STORIES) >= 35
    states = set(Case.objects.values_list("state", flat=True))
    assert states == set(CaseState.values)
    channels = set(Case.objects.values_list("channel", flat=True))
    assert channels == set(CaseChannel.values)
    assert Case.objects.filter(enterprise__isnull=False).exists()
    assert Case.objects.filter(applicant__username="zhangsan").exists()


def test_histories_are_back_dated_consistently(demo_cases):
    now, today = timezone.now(), timezone.localdate()
    cal = Calendar()
    archived = demo_cases["food-shoushan-archived"]
    assert archived.accepted_on < today - dt.timedelta(days=7)
    for case in Case.objects.exclude(number=None):
        steps = list(CaseStep.objects.filter(case=case).order_by("seq"))
        starts = [s.started_at for s in steps]
        assert starts == sorted(starts), case.number
        assert all(s.ended_at is None or s.started_at <= s.ended_at <= now for s in steps)
        # Numbered for the day it was submitted, received on that day or the next working day.
        submitted = timezone.localdate(case.submitted_at)
        assert f"{submitted:%Y%m%d}" in case.number
        assert case.received_on >= submitted
        if case.accepted_on is not None:
            assert case.accepted_on >= case.received_on
        if case.accepted_on is not None and case.promised_unit == "working":
            days = case.promised_limit + case.extension_days + case.suspended_working_days
            assert case.promised_due == cal.add_working_days(case.accepted_on, days)
    # The acceptance notice names the back-dated due dates.
    notice = CaseNotice.objects.get(case=archived, kind="acceptance")
    assert f"{archived.promised_due:%Y年%m月%d日}" in notice.body
    assert archived.decided_on_time is True
    assert demo_cases["credit-archived-late"].decided_on_time is False


def test_special_procedure_and_extension_count_from_their_days(demo_cases):
    delivered = Case.objects.get(pk=demo_cases["food-huaiya-delivered"].pk)
    procedure = delivered.special_procedures.get()
    assert procedure.ended_on is not None
    assert procedure.days_not_counted == Calendar().working_days_between(
        procedure.started_on, procedure.ended_on
    )
    assert delivered.suspended_working_days == procedure.days_not_counted
    paused = Case.objects.get(pk=demo_cases["equipment-vessel-special"].pk)
    assert paused.state == CaseState.SPECIAL
    assert paused.paused_on is not None
    assert paused.paused_on < timezone.localdate()
    extended = Case.objects.get(pk=demo_cases["food-hengqu-extended"].pk)
    extension = extended.extensions.get()
    assert extension.promised_due_after == extended.promised_due
    assert extended.notices.filter(kind="extension").exists()


def test_sweep_warnings_and_supervision(demo_cases):
    near = demo_cases["food-tangyu-near-due"]
    overdue = demo_cases["credit-overdue-supervised"]
    assert CaseWarning.objects.filter(case=near, kind=CaseWarning.Kind.NEAR).exists()
    assert CaseWarning.objects.filter(case=overdue, kind=CaseWarning.Kind.OVERDUE).exists()
    assert CaseWarning.objects.filter(
        case=demo_cases["equipment-crane-overdue"], kind=CaseWarning.Kind.OVERDUE
    ).exists()
    order = SupervisionOrder.objects.get(
        subject_type=ContentType.objects.get_for_model(Case), subject_id=overdue.pk
    )
    assert order.automatic
    assert order.state == SupervisionOrder.State.OPEN
    assert order.responsible.username == "shenpi"
    kinds = list(order.events.values_list("kind", flat=True))
    assert kinds == [
        SupervisionEvent.Kind.FOLLOW_UP,
        SupervisionEvent.Kind.REPLY,
        SupervisionEvent.Kind.TALK,
    ]
    assert order.events.get(kind=SupervisionEvent.Kind.TALK).participants
    # Art. 32: the application nobody asked to correct in time was accepted as of receipt.
    auto = Case.objects.get(pk=demo_cases["chronic-auto-accepted"].pk)
    assert auto.state == CaseState.ACCEPTED
    assert auto.auto_accepted
    assert auto.accepted_on == auto.received_on


def test_demo_logins_have_work(demo_cases):
    users = {u.username: u for u in User.objects.filter(username__in=["chuangkou", "shenpi"])}
    clerk = selectors.counts(users["chuangkou"])
    assert all(clerk[box] for box in ("to_accept", "correction", "to_deliver"))
    approver = selectors.counts(users["shenpi"])
    assert all(
        approver[box] for box in ("to_review", "to_decide", "special", "warnings", "overdue")
    )
    zhangsan = User.objects.get(username="zhangsan")
    assert selectors.my_cases(zhangsan).count() >= 10


def test_loading_again_creates_nothing(demo_cases):
    tables = (Case, CaseStep, CaseNotice, CaseWarning, SupervisionOrder, SupervisionEvent)
    before = [m.objects.count() for m in tables]
    events = AuditEvent.objects.count()
    ctx = demo.load_all(upto="onewindow.cases.demo")
    assert ctx.created == 0
    assert [m.objects.count() for m in tables] == before
    assert AuditEvent.objects.count() == events
    assert set(told()) == {s.key for s in STORIES}


def test_audit_chain_holds(demo_cases):
    result = audit.verify()
    assert result.ok, result


def test_calendar_years_without_data_are_declared_for_the_demo(db):
    far = dt.date(2031, 12, 20)
    assert not library_covers(2031)
    ensure_calendar(far)
    years = set(CalendarYear.objects.values_list("year", flat=True))
    assert {2031, 2032} <= years
    cal = Calendar()
    assert cal.add_working_days(far, 10) > far  # no CalendarUnavailable
    ensure_calendar(far)
    assert CalendarYear.objects.filter(year=2031).count() == 1
