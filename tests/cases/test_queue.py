"""The stored work queue (`Case.queue`) that every inbox filters on."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from onewindow.cases import selectors, services
from onewindow.cases.models import Case, CaseState, Queue, queue_of

from .conftest import at
from .test_services import accepted, applied

S = CaseState
fill_queue = importlib.import_module("onewindow.cases.migrations.0004_case_queue").fill_queue


@pytest.mark.parametrize(
    ("state", "step_index", "step_count", "queue"),
    [
        (S.DRAFT, 0, 2, Queue.NONE),
        (S.SUBMITTED, 0, 2, Queue.TO_ACCEPT),
        (S.PREREVIEW, 0, 2, Queue.TO_ACCEPT),
        (S.CORRECTION, 0, 2, Queue.CORRECTION),
        (S.ACCEPTED, 0, 2, Queue.TO_REVIEW),
        (S.REVIEWING, 0, 2, Queue.TO_REVIEW),
        (S.REVIEWING, 1, 2, Queue.TO_DECIDE),
        (S.REVIEWING, 0, 1, Queue.TO_DECIDE),
        (S.SPECIAL, 1, 2, Queue.SPECIAL),
        (S.APPROVED, 1, 2, Queue.TO_DELIVER),
        (S.DENIED, 1, 2, Queue.TO_DELIVER),
        (S.DELIVERED, 1, 2, Queue.NONE),
        (S.ARCHIVED, 1, 2, Queue.NONE),
        (S.NOT_ACCEPTED, 0, 2, Queue.NONE),
        (S.WITHDRAWN, 0, 2, Queue.NONE),
        (S.TERMINATED, 0, 2, Queue.NONE),
    ],
)
def test_queue_of_every_state(state, step_index, step_count, queue):
    assert queue_of(state, step_index, step_count) == queue


def test_save_with_update_fields_keeps_the_queue(published, users, enterprise, travel):
    with travel(at(2026, 3, 2, 10)):
        case = accepted(published, users, enterprise)
    assert Case.objects.get(pk=case.pk).queue == Queue.TO_REVIEW
    case.state = S.REVIEWING
    case.step_index = case.step_count - 1
    case.save(update_fields=["state", "step_index"])
    assert Case.objects.get(pk=case.pk).queue == Queue.TO_DECIDE


def test_inboxes_follow_the_queue_through_review(published, users, enterprise, travel):
    clerk, approver = users["chuangkou"], users["shenpi"]
    with travel(at(2026, 3, 2, 10)):
        case = applied(published, users, enterprise)
        assert [c.pk for c in selectors.inbox(clerk, "to_accept")] == [case.pk]
        services.accept(actor=clerk, case_id=case.pk)
        assert list(selectors.inbox(clerk, "to_accept")) == []
        assert [c.pk for c in selectors.inbox(approver, "to_review")] == [case.pk]
        services.start_review(actor=approver, case_id=case.pk)
        services.pass_step(actor=approver, case_id=case.pk, opinion="材料审查通过")
        assert list(selectors.inbox(approver, "to_review")) == []
        assert [c.pk for c in selectors.inbox(approver, "to_decide")] == [case.pk]
        services.approve(actor=approver, case_id=case.pk, opinion="符合条件，准予许可")
        assert list(selectors.inbox(approver, "to_decide")) == []
        assert [c.pk for c in selectors.inbox(clerk, "to_deliver")] == [case.pk]


def test_migration_fills_the_queue_of_existing_cases(published, users, enterprise, travel):
    clerk, approver = users["chuangkou"], users["shenpi"]
    with travel(at(2026, 3, 2, 10)):
        waiting = applied(published, users, enterprise)
        reviewing = accepted(published, users, enterprise)
        services.start_review(actor=approver, case_id=reviewing.pk)
        deciding = accepted(published, users, enterprise)
        services.start_review(actor=approver, case_id=deciding.pk)
        services.pass_step(actor=approver, case_id=deciding.pk, opinion="通过")
        refused = applied(published, users, enterprise)
        services.refuse(actor=clerk, case_id=refused.pk, reason="不属于本机关职权范围")
    expected = dict(Case.objects.values_list("pk", "queue"))
    assert set(expected.values()) == {"to_accept", "to_review", "to_decide", ""}
    assert {waiting.pk, reviewing.pk, deciding.pk, refused.pk} <= set(expected)
    Case.objects.update(queue="")
    fill_queue(apps, None)
    assert dict(Case.objects.values_list("pk", "queue")) == expected


def test_warnings_box_lists_the_cases_warned_for_their_current_due_date(
    published, users, enterprise, travel
):
    from onewindow.cases import sweeps

    approver, supervisor = users["shenpi"], users["ducha"]
    with travel(at(2026, 3, 2, 10)):
        soon = accepted(published, users, enterprise)  # due 9 March
    with travel(at(2026, 3, 5, 10)):
        later = accepted(published, users, enterprise)  # due 12 March
    with travel(at(2026, 3, 6, 10)):
        assert sweeps.near_sweep() == 1
        assert [c.pk for c in selectors.inbox(approver, "warnings")] == [soon.pk]
        assert [c.pk for c in selectors.inbox(supervisor, "warnings")] == [soon.pk]
        assert Case.objects.get(pk=soon.pk).near_due == soon.promised_due
        # An extension moves the due date: the old warning no longer puts it in the box.
        services.extend(actor=users["bumen"], case_id=soon.pk, days=5, reason="需要补充调查")
        assert list(selectors.inbox(approver, "warnings")) == []
    assert later.pk not in {c.pk for c in selectors.inbox(approver, "warnings")}


def test_migration_marks_cases_already_warned(published, users, enterprise, travel):
    from onewindow.cases import sweeps

    fill_near_due = importlib.import_module(
        "onewindow.cases.migrations.0005_case_near_due"
    ).fill_near_due
    with travel(at(2026, 3, 2, 10)):
        soon = accepted(published, users, enterprise)
    with travel(at(2026, 3, 5, 10)):
        later = accepted(published, users, enterprise)
    with travel(at(2026, 3, 6, 10)):
        sweeps.near_sweep()
        Case.objects.update(near_due=None)
        assert list(selectors.inbox(users["shenpi"], "warnings")) == []
        fill_near_due(apps, None)
        assert [c.pk for c in selectors.inbox(users["shenpi"], "warnings")] == [soon.pk]
    assert Case.objects.get(pk=later.pk).near_due is None


@pytest.mark.django_db
def test_postgresql_knows_running_cases_are_rarely_overdue():
    """The extended statistics that keep PostgreSQL on the index for the 超期 box."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL planner statistics")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT stxkind FROM pg_statistic_ext WHERE stxname = 'cases_queue_due_stats'"
        )
        assert cursor.fetchone() == (["m"],)
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.django_db
def test_clock_policy_is_read_once_per_request_and_changes_apply_at_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from onewindow.cases.models import ClockPolicy
    from onewindow.core import context

    with context.bind(ip=None, memo=True):
        with CaptureQueriesContext(connection) as queries:
            assert ClockPolicy.current() is ClockPolicy.current()
        assert len(queries.captured_queries) == 1
        policy = ClockPolicy.objects.get()
        policy.near_days = 4
        policy.save()
        assert ClockPolicy.current().near_days == 4


@pytest.mark.django_db
def test_transition_table_is_read_once_per_request_and_edits_apply_at_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from onewindow.cases import lifecycle
    from onewindow.cases.models import ProcessTemplate
    from onewindow.core import context

    template = ProcessTemplate.objects.get(code="promised")
    with context.bind(ip=None, memo=True):
        with CaptureQueriesContext(connection) as queries:
            table = lifecycle.transitions_of(template.pk)
            assert lifecycle.transitions_of(template.pk) is table
        assert len(queries.captured_queries) == 1
        accept = table["accept"]
        accept.roles = ["system"]
        accept.save()
        assert lifecycle.transitions_of(template.pk)["accept"].roles == ["system"]
