"""Periodic sweeps (issue 4 items 4–5): Art. 32 automatic acceptance, 临期提醒, 超时预警
and automatic supervision orders. Each runs under `travel` at the moment the periodic job
would, and each is run twice to show it is idempotent."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from onewindow.cases import services, sweeps
from onewindow.cases.models import Case, CaseState, CaseWarning, ClockPolicy, SupervisionOrder
from onewindow.catalog import services as catalog
from onewindow.core.workdays import Calendar
from onewindow.notifications.models import Notification

from .conftest import at
from .test_services import ITEMS, START, accepted, applied, reviewing, snapshot

D = dt.date


def policy(**changes: int) -> ClockPolicy:
    row = ClockPolicy.current()
    for key, value in changes.items():
        setattr(row, key, value)
    row.save()
    return row


def sweep(moment: dt.datetime, travel, job=None):
    with travel(moment):
        return (job or sweeps.run_all)()


def messages(template: str, user=None) -> list[Notification]:
    qs = Notification.objects.filter(template=template)
    if user is not None:
        qs = qs.filter(recipient=user)
    return list(qs.order_by("id"))


@pytest.fixture
def long_item(make_item, county, travel):
    """A 承诺件 with a promised limit of 20 working days (临期 at ≤ 20% = 4 days)."""
    with travel(at(2026, 1, 5, 9)):
        version = make_item("000103008000", promised_limit=20, statutory_limit=20)
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    return version


@pytest.fixture
def natural_item(make_item, county, travel):
    """A 承诺件 whose limits are in natural days (like 离婚登记's 30 days)."""
    with travel(at(2026, 1, 5, 9)):
        version = make_item(
            "000103009000",
            promised_limit=10,
            promised_unit="natural",
            statutory_limit=30,
            statutory_unit="natural",
        )
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    return version


# ---------------------------------------------------------------------------------------------
# Art. 32: accepted as of receipt when no correction was asked for within 5 working days
# ---------------------------------------------------------------------------------------------
def test_auto_accept_after_five_working_days(
    published, users, enterprise, travel, django_capture_on_commit_callbacks, sms_outbox
):
    with travel(START):  # Monday 2 March, received that day
        case = applied(published, users, enterprise)
    prereviewed = None
    with travel(at(2026, 3, 3, 9)):
        prereviewed = applied(published, users, enterprise)
        services.prereview(actor=users["chuangkou"], case_id=prereviewed.pk)
    # The fifth working day after receipt (Monday 9 March) is still within the period.
    assert sweep(at(2026, 3, 9, 23, 30), travel, sweeps.auto_accept) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(at(2026, 3, 10, 0, 30), travel, sweeps.auto_accept) == 1
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert case.auto_accepted is True
    assert case.received_on == case.accepted_on == D(2026, 3, 2)
    assert case.promised_due == D(2026, 3, 9)
    assert case.statutory_due == Calendar().add_working_days(D(2026, 3, 2), 20)
    step = case.timeline.get(action="accept")
    assert step.actor is None
    assert step.actor_name == "系统"
    assert "第三十二条" in step.opinion
    assert "5 个工作日" in step.opinion
    notice = case.notices.get(kind="acceptance")
    assert "第三十二条" in notice.body
    assert "2026年03月02日" in notice.body
    assert notice.issued_by is None
    assert any("受理通知书" in m["text"] for m in sms_outbox)
    # Idempotent: the next run accepts nothing and changes nothing.
    before = snapshot(case.pk)
    assert sweep(at(2026, 3, 10, 1), travel, sweeps.auto_accept) == 0
    assert snapshot(case.pk) == before
    # The case received on 3 March (being prereviewed) waits one more day.
    prereviewed.refresh_from_db()
    assert prereviewed.state == CaseState.PREREVIEW
    assert sweep(at(2026, 3, 11, 0, 30), travel, sweeps.auto_accept) == 1
    prereviewed.refresh_from_db()
    assert (prereviewed.state, prereviewed.accepted_on) == (CaseState.ACCEPTED, D(2026, 3, 3))


def test_auto_accept_counts_working_days_across_the_spring_festival(
    published, users, enterprise, travel
):
    with travel(at(2026, 2, 11, 10)):
        case = applied(published, users, enterprise)
    # 12, 13, 14 (Saturday, worked) February, then 24 and 25 after the holiday.
    for moment in (at(2026, 2, 14, 18), at(2026, 2, 20, 12), at(2026, 2, 25, 20)):
        assert sweep(moment, travel, sweeps.auto_accept) == 0
    assert sweep(at(2026, 2, 26, 0, 5), travel, sweeps.auto_accept) == 1
    case.refresh_from_db()
    assert case.accepted_on == D(2026, 2, 11)
    assert case.promised_due == D(2026, 2, 25)


def test_a_correction_stops_automatic_acceptance_and_resubmission_restarts_it(
    published, users, enterprise, travel
):
    with travel(START):
        case = applied(published, users, enterprise)
    with travel(at(2026, 3, 4, 10)):
        services.request_correction(actor=users["chuangkou"], case_id=case.pk, items=ITEMS)
    assert sweep(at(2026, 3, 20, 10), travel, sweeps.auto_accept) == 0
    with travel(at(2026, 3, 23, 16)):
        services.resubmit(actor=users["qiye"], case_id=case.pk)
    assert sweep(at(2026, 3, 30, 23), travel, sweeps.auto_accept) == 0
    assert sweep(at(2026, 3, 31, 1), travel, sweeps.auto_accept) == 1
    case.refresh_from_db()
    assert case.accepted_on == D(2026, 3, 23)
    assert case.auto_accepted


def test_auto_accept_honours_the_policy_and_leaves_other_states(
    published, users, enterprise, travel
):
    policy(correction_days=2)
    with travel(START):
        waiting = applied(published, users, enterprise)
        refused = applied(published, users, enterprise)
        services.refuse(actor=users["chuangkou"], case_id=refused.pk, reason="不属于本机关职权")
        manual = accepted(published, users, enterprise)
        draft = services.case_create(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
        )

    def rows():
        return [(snapshot(c.pk)["case"], snapshot(c.pk)["steps"]) for c in (refused, manual, draft)]

    before = rows()
    assert sweep(at(2026, 3, 4, 20), travel, sweeps.auto_accept) == 0
    assert sweep(at(2026, 3, 5, 9), travel, sweeps.auto_accept) == 1
    waiting.refresh_from_db()
    assert waiting.state == CaseState.ACCEPTED
    assert "2 个工作日" in waiting.timeline.get(action="accept").opinion
    assert rows() == before


# ---------------------------------------------------------------------------------------------
# 临期提醒
# ---------------------------------------------------------------------------------------------
def test_near_sweep_default_threshold(published, long_item, users, enterprise, travel):
    approver = users["shenpi"]
    with travel(START):
        short = accepted(published, users, enterprise)  # due 9 March (5 days)
        long = accepted(long_item, users, enterprise)  # due 30 March (20 days)
    assert (short.promised_due, long.promised_due) == (D(2026, 3, 9), D(2026, 3, 30))
    # 4 March: 3 working days left of 5 — not yet.
    assert sweep(at(2026, 3, 4, 9), travel, sweeps.near_sweep) == 0
    # 5 March: 2 left (≤ 2).
    assert sweep(at(2026, 3, 5, 9), travel, sweeps.near_sweep) == 1
    warning = CaseWarning.objects.get(case=short)
    assert (warning.kind, warning.due_on, warning.remaining) == ("near", D(2026, 3, 9), 2)
    # Nobody handles an accepted case yet: the approvers of the department are told.
    (message,) = messages("cases.near", approver)
    assert short.number in message.body
    assert sweep(at(2026, 3, 5, 9, 30), travel, sweeps.near_sweep) == 0
    assert sweep(at(2026, 3, 6, 9), travel, sweeps.near_sweep) == 0
    assert len(messages("cases.near")) == 1
    # The 20-day case: 5 days left on 23 March, 4 (= 20%) on 24 March.
    assert sweep(at(2026, 3, 23, 9), travel, sweeps.near_sweep) == 0
    assert sweep(at(2026, 3, 24, 9), travel, sweeps.near_sweep) == 1
    assert CaseWarning.objects.get(case=long).remaining == 4


def test_near_sweep_tells_the_handler(published, users, enterprise, travel, county):
    from .test_services import staff

    second = staff(county, "approver3", ["approver"], department="县市场监管局")
    with travel(START):
        case = reviewing(published, users, enterprise)
    assert case.handler == users["shenpi"]
    assert sweep(at(2026, 3, 5, 9), travel, sweeps.near_sweep) == 1
    assert len(messages("cases.near", users["shenpi"])) == 1
    assert messages("cases.near", second) == []


def test_near_sweep_with_a_changed_policy(published, long_item, users, enterprise, travel):
    policy(near_days=3, near_percent=50)
    with travel(START):
        short = accepted(published, users, enterprise)
        long = accepted(long_item, users, enterprise)
    # 5-day case: threshold max(3, 2) = 3 → near on 4 March.
    assert sweep(at(2026, 3, 4, 9), travel, sweeps.near_sweep) == 1
    assert CaseWarning.objects.get().case_id == short.pk
    # 20-day case: threshold max(3, 10) = 10 → 16 March has 10 left.
    assert sweep(at(2026, 3, 13, 9), travel, sweeps.near_sweep) == 0
    assert sweep(at(2026, 3, 16, 9), travel, sweeps.near_sweep) == 1
    assert CaseWarning.objects.get(case=long).remaining == 10


def test_near_sweep_skips_paused_overdue_and_decided_cases(
    published, users, enterprise, travel, expert_review
):
    approver = users["shenpi"]
    with travel(START):
        paused = reviewing(published, users, enterprise)
        services.start_special(
            actor=approver,
            case_id=paused.pk,
            kind_id=expert_review.pk,
            reason="专家评审",
            expected_days=5,
        )
        decided = reviewing(published, users, enterprise)
        services.pass_step(actor=approver, case_id=decided.pk, opinion="同意")
        services.approve(actor=approver, case_id=decided.pk, opinion="准予")
        late = accepted(published, users, enterprise)
    assert sweep(at(2026, 3, 10, 9), travel, sweeps.near_sweep) == 0  # `late` is overdue
    assert not CaseWarning.objects.filter(case__in=[paused, decided, late], kind="near").exists()


def test_near_sweep_covers_natural_day_limits(natural_item, users, enterprise, travel):
    with travel(START):
        case = accepted(natural_item, users, enterprise)
    assert case.promised_due == D(2026, 3, 12)  # 10 natural days
    assert sweep(at(2026, 3, 9, 9), travel, sweeps.near_sweep) == 0
    assert sweep(at(2026, 3, 10, 9), travel, sweeps.near_sweep) == 1
    assert CaseWarning.objects.get(case=case).kind == "near"


# ---------------------------------------------------------------------------------------------
# 超时预警
# ---------------------------------------------------------------------------------------------
def test_overdue_sweep_tells_heads_and_supervisors_once(
    published, users, enterprise, travel, county
):
    from .test_services import staff

    other_head = staff(county, "head3", ["dept_admin"], department="县发改局")
    head, supervisor = users["bumen"], users["ducha"]
    with travel(START):
        first = accepted(published, users, enterprise)
        second = reviewing(published, users, enterprise)
    assert sweep(at(2026, 3, 9, 18), travel, sweeps.overdue_sweep) == 0  # due today
    assert sweep(at(2026, 3, 10, 9), travel, sweeps.overdue_sweep) == 2
    warnings = CaseWarning.objects.filter(kind="overdue")
    assert {(w.case_id, w.due_on, w.remaining) for w in warnings} == {
        (first.pk, D(2026, 3, 9), -1),
        (second.pk, D(2026, 3, 9), -1),
    }
    for user in (head, supervisor):
        (message,) = messages("cases.overdue", user)
        assert first.number in message.body
        assert second.number in message.body
    assert messages("cases.overdue", other_head) == []
    assert messages("cases.overdue", users["shenpi"]) == []
    total = len(messages("cases.overdue"))
    assert sweep(at(2026, 3, 10, 9, 30), travel, sweeps.overdue_sweep) == 0
    assert sweep(at(2026, 3, 11, 9), travel, sweeps.overdue_sweep) == 0
    assert len(messages("cases.overdue")) == total


def test_overdue_warns_again_after_an_extension(published, users, enterprise, travel):
    head = users["bumen"]
    with travel(START):
        case = reviewing(published, users, enterprise)  # due 9 March
    assert sweep(at(2026, 3, 12, 9), travel, sweeps.overdue_sweep) == 1
    assert len(messages("cases.overdue", head)) == 1
    # Extended by one day the same morning: due 10 March, still overdue.
    with travel(at(2026, 3, 12, 10)):
        case = services.extend(actor=head, case_id=case.pk, days=1, reason="补充核查")
    assert case.promised_due == D(2026, 3, 10)
    assert sweep(at(2026, 3, 12, 10, 30), travel, sweeps.overdue_sweep) == 1
    assert set(CaseWarning.objects.filter(case=case).values_list("due_on", flat=True)) == {
        D(2026, 3, 9),
        D(2026, 3, 10),
    }
    # The head is told again about the new due date.
    assert len(messages("cases.overdue", head)) == 2
    assert sweep(at(2026, 3, 12, 11), travel, sweeps.overdue_sweep) == 0
    assert len(messages("cases.overdue", head)) == 2


def test_overdue_sweep_skips_paused_cases(published, users, enterprise, travel, expert_review):
    with travel(START):
        case = reviewing(published, users, enterprise)
    with travel(at(2026, 3, 6, 9)):
        services.start_special(
            actor=users["shenpi"],
            case_id=case.pk,
            kind_id=expert_review.pk,
            reason="专家评审",
            expected_days=15,
        )
    assert sweep(at(2026, 3, 20, 9), travel) == {
        "auto_accepted": 0,
        "near": 0,
        "overdue": 0,
        "supervision": 0,
        "tolerance_reminded": 0,
        "tolerance_terminated": 0,
        "postcheck_late": 0,
    }
    assert not CaseWarning.objects.exists()
    assert not SupervisionOrder.objects.exists()


# ---------------------------------------------------------------------------------------------
# Automatic supervision orders
# ---------------------------------------------------------------------------------------------
def test_supervision_sweep_opens_one_order_naming_the_responsible_person(
    published, users, enterprise, travel
):
    with travel(START):
        handled = reviewing(published, users, enterprise)
        unassigned = accepted(published, users, enterprise)
    assert sweep(at(2026, 3, 9, 20), travel, sweeps.supervision_sweep) == 0
    assert sweep(at(2026, 3, 11, 9), travel, sweeps.supervision_sweep) == 2
    orders = {o.subject_id: o for o in SupervisionOrder.objects.all()}
    assert orders[handled.pk].responsible == users["shenpi"]
    # No handler yet: the department head answers for it.
    assert orders[unassigned.pk].responsible == users["bumen"]
    for order in orders.values():
        assert order.automatic
        assert order.state == "open"
        assert order.due_on == D(2026, 3, 9)
        assert order.supervisor is None
        assert "2 个工作日" in order.reason
        assert "2026-03-09" in order.reason
        assert order.number.startswith("DB20260311")
        assert order.reply_due == D(2026, 3, 16)  # 3 working days
    for user in (users["shenpi"], users["bumen"]):
        assert {m.channel for m in messages("cases.supervision", user)} == {"in_app", "sms"}
    assert sweep(at(2026, 3, 11, 9, 30), travel, sweeps.supervision_sweep) == 0
    # A new due date while the order is open: still one open order.
    with travel(at(2026, 3, 11, 10)):
        services.extend(actor=users["bumen"], case_id=handled.pk, days=1, reason="补充核查")
    assert sweep(at(2026, 3, 12, 9), travel, sweeps.supervision_sweep) == 0
    assert SupervisionOrder.objects.count() == 2


def test_supervision_after_days(published, users, enterprise, travel):
    policy(supervision_after_days=2)
    with travel(START):
        case = reviewing(published, users, enterprise)  # due Monday 9 March
    assert sweep(at(2026, 3, 11, 9), travel, sweeps.supervision_sweep) == 0  # 2 days over
    assert sweep(at(2026, 3, 12, 9), travel, sweeps.supervision_sweep) == 1  # 3 days over
    assert SupervisionOrder.objects.get().subject == Case.objects.get(pk=case.pk)


def test_run_all_is_idempotent(published, users, enterprise, travel):
    with travel(START):
        applied(published, users, enterprise)
        reviewing(published, users, enterprise)
    first = sweep(at(2026, 3, 12, 9), travel)
    # The case accepted as of its receipt (2 March) is overdue at once, like the other.
    assert first == {
        "auto_accepted": 1,
        "near": 0,
        "overdue": 2,
        "supervision": 2,
        "tolerance_reminded": 0,
        "tolerance_terminated": 0,
        "postcheck_late": 0,
    }
    rows = (
        CaseWarning.objects.count(),
        SupervisionOrder.objects.count(),
        Notification.objects.count(),
    )
    assert sweep(at(2026, 3, 12, 9, 30), travel) == {
        "auto_accepted": 0,
        "near": 0,
        "overdue": 0,
        "supervision": 0,
        "tolerance_reminded": 0,
        "tolerance_terminated": 0,
        "postcheck_late": 0,
    }
    assert rows == (
        CaseWarning.objects.count(),
        SupervisionOrder.objects.count(),
        Notification.objects.count(),
    )


def test_auto_accept_applies_the_version_in_force_on_the_receipt_date(
    published, users, enterprise, travel
):
    with travel(at(2026, 3, 2, 10)):
        case = applied(published, users, enterprise)
    # A new version with a shorter promised limit is published after the receipt date.
    with travel(at(2026, 3, 4, 10)):
        draft = catalog.version_new_draft(actor=None, item_id=published.item_id)
        catalog.version_update(actor=None, version_id=draft.pk, content={"promised_limit": 3})
        catalog.version_submit(actor=None, version_id=draft.pk)
        catalog.version_approve(actor=None, version_id=draft.pk)
        catalog.version_publish(actor=None, version_id=draft.pk)
    sweep(at(2026, 3, 10, 9), travel, sweeps.auto_accept)
    case.refresh_from_db()
    assert case.auto_accepted is True
    assert case.accepted_on == D(2026, 3, 2)
    assert case.version_id == published.pk
    assert case.promised_limit == 5
    # A clerk accepting today uses today's version.
    with travel(at(2026, 3, 10, 10)):
        other = applied(published, users, enterprise)
        other = services.accept(actor=users["chuangkou"], case_id=other.pk)
    assert other.version_id == draft.pk
    assert other.promised_limit == 3


# ---------------------------------------------------------------------------------------------
# Supervision over a backlog: batches of orders, one digest per responsible person
# ---------------------------------------------------------------------------------------------
_copy_serials = itertools.count()


def copies(case: Case, count: int, **changes) -> list[Case]:
    """`count` copies of `case` (new numbers), with `changes`: a backlog without driving
    each case through the lifecycle."""
    rows = []
    for _ in range(count):
        row = Case.objects.get(pk=case.pk)
        row.pk = None
        row.number = f"{case.number[:-4]}9{next(_copy_serials):03d}"
        for name, value in changes.items():
            setattr(row, name, value)
        rows.append(row)
    return Case.objects.bulk_create(rows)


@pytest.fixture
def backlog(published, users, enterprise, travel, county):
    """Nine cases overdue since 9 March in three departments: three handled by `shenpi`,
    three unassigned at 县市场监管局 (head `bumen`), two unassigned at 县发改局 (head `head3`)
    and one unassigned at 县行政审批局, which has no head."""
    from .test_services import staff

    head3 = staff(county, "head3", ["dept_admin"], department="县发改局")
    departments = county["departments"]
    with travel(START):
        handled = reviewing(published, users, enterprise)
        unassigned = accepted(published, users, enterprise)
    copies(handled, 2)
    copies(unassigned, 2)
    copies(unassigned, 2, current_department=departments["县发改局"])
    copies(unassigned, 1, current_department=departments["县行政审批局"])
    cases = list(Case.objects.filter(promised_due=D(2026, 3, 9)).order_by("pk"))
    assert len(cases) == 9
    responsible = {
        case.pk: case.handler
        or {
            departments["县市场监管局"].pk: users["bumen"],
            departments["县发改局"].pk: head3,
        }.get(case.current_department_id)
        for case in cases
    }
    return cases, responsible


def test_supervision_sweep_over_a_backlog(backlog, users, travel):
    from onewindow.core import audit
    from onewindow.core.models import AuditEvent

    cases, responsible = backlog
    before = Notification.objects.count()
    assert sweep(at(2026, 3, 11, 9), travel, sweeps.supervision_sweep) == 9
    orders = list(SupervisionOrder.objects.order_by("number"))
    # One order per case, numbered in the order of the sweep (due date, then case).
    assert [o.subject_id for o in orders] == [case.pk for case in cases]
    assert [o.number for o in orders] == [f"DB20260311{i:04d}" for i in range(1, 10)]
    for order, case in zip(orders, cases, strict=True):
        assert order.responsible == responsible[case.pk]
        assert order.department_id == case.current_department_id
        assert order.subject_label == f"办件 {case.number} {case.item_name}"
        assert order.reason == "办件超过承诺办结时限 2 个工作日（承诺办结日 2026-03-09）"
        assert (order.automatic, order.state, order.supervisor) == (True, "open", None)
        assert (order.due_on, order.reply_due) == (D(2026, 3, 9), D(2026, 3, 16))
    # One audit event per order, like an order opened on its own, and the chain holds.
    events = AuditEvent.objects.filter(code="cases.supervision_open").order_by("seq")
    assert [(e.object_type, e.object_id, e.object_repr) for e in events] == [
        ("cases.supervisionorder", str(o.pk), str(o)) for o in orders
    ]
    assert {e.actor_label for e in events} == {"系统"}
    assert events[0].after == {"reason": orders[0].reason}
    assert audit.verify().ok
    # One digest per responsible person, in-app and by SMS, naming exactly their orders.
    digests = messages("cases.supervision_digest")
    assert messages("cases.supervision") == []
    assert len(digests) == Notification.objects.count() - before
    mine: dict[int, list[str]] = {}
    for order in orders:
        if order.responsible_id is not None:
            mine.setdefault(order.responsible_id, []).append(order.number)
    assert len(mine) == 3
    for user_id, numbers in mine.items():
        sent = [m for m in digests if m.recipient_id == user_id]
        assert sorted(m.channel for m in sent) == ["in_app", "sms"]
        in_app = next(m for m in sent if m.channel == "in_app")
        assert f"{len(numbers)} 张督办单" in in_app.body
        assert all(number in in_app.body for number in numbers)
        assert "2026年03月16日" in in_app.body
        assert in_app.link == "/cases/supervision/"
    # A second run opens and sends nothing.
    rows = (SupervisionOrder.objects.count(), AuditEvent.objects.count(), len(digests))
    assert sweep(at(2026, 3, 11, 9, 30), travel, sweeps.supervision_sweep) == 0
    assert sweep(at(2026, 3, 12, 9), travel, sweeps.supervision_sweep) == 0
    assert rows == (
        SupervisionOrder.objects.count(),
        AuditEvent.objects.count(),
        len(messages("cases.supervision_digest")),
    )


def test_supervision_sweep_in_several_batches(backlog, users, travel, monkeypatch):
    cases, _responsible = backlog
    monkeypatch.setattr(sweeps, "SUPERVISION_BATCH", 4)
    assert sweep(at(2026, 3, 11, 9), travel, sweeps.supervision_sweep) == 9
    orders = list(SupervisionOrder.objects.order_by("number"))
    assert [o.subject_id for o in orders] == [case.pk for case in cases]
    assert [o.number for o in orders] == [f"DB20260311{i:04d}" for i in range(1, 10)]
    # Batches of cases 1–4, 5–8 and 9: `shenpi` (cases 1, 3, 4) is told once; `bumen`
    # (case 2, then cases 5 and 6) once per batch: the order itself, then a digest.
    told = messages("cases.supervision_digest", users["shenpi"])
    assert [m.channel for m in told] == ["in_app", "sms"]
    assert told[0].body.count("DB20260311") == 3
    assert messages("cases.supervision", users["shenpi"]) == []
    single = messages("cases.supervision", users["bumen"])
    assert [(m.channel, m.link) for m in single] == [
        ("in_app", f"/cases/supervision/{orders[1].pk}/"),
        ("sms", f"/cases/supervision/{orders[1].pk}/"),
    ]
    assert orders[1].number in single[0].body
    digests = messages("cases.supervision_digest", users["bumen"])
    assert [m.channel for m in digests] == ["in_app", "sms"]
    assert orders[4].number in digests[0].body
    assert orders[5].number in digests[0].body
    assert orders[1].number not in digests[0].body


def test_supervision_sweep_skips_a_case_with_an_open_order(backlog, users, travel):
    from onewindow.cases import supervision

    cases, _responsible = backlog
    first = cases[0]
    with travel(at(2026, 3, 10, 9)):
        by_hand = supervision.open_order(
            actor=users["ducha"],
            subject=first,
            label=f"办件 {first.number}",
            department_id=first.current_department_id,
            reason="群众投诉办理慢",
        )
    assert sweep(at(2026, 3, 11, 9), travel, sweeps.supervision_sweep) == 8
    assert SupervisionOrder.objects.filter(subject_id=first.pk).get() == by_hand
    assert SupervisionOrder.objects.count() == 9


def test_a_batch_skips_orders_opened_since_the_sweep_looked(backlog, users, travel):
    """A concurrent sweep (or a supervisor) opened an order between the sweep's query and
    its batch: the batch leaves that case out and opens the others without a gap."""
    from django.contrib.contenttypes.models import ContentType

    from onewindow.cases import supervision

    cases, _responsible = backlog
    with travel(at(2026, 3, 11, 9)):
        today, reply_due = D(2026, 3, 11), D(2026, 3, 16)
        rows = [
            supervision.AutomaticOrder(
                subject_id=case.pk,
                label=f"办件 {case.number}",
                department_id=case.current_department_id,
                reason="办件超过承诺办结时限",
                responsible_id=case.handler_id,
                due_on=case.promised_due,
            )
            for case in cases[:3]
        ]
        kind = ContentType.objects.get_for_model(Case)
        (raced,) = supervision.open_automatic_orders(
            rows[1:2], subject_type=kind, today=today, reply_due=reply_due
        )
        opened = supervision.open_automatic_orders(
            rows, subject_type=kind, today=today, reply_due=reply_due
        )
    assert raced.number == "DB202603110001"
    assert [(o.subject_id, o.number) for o in opened] == [
        (cases[0].pk, "DB202603110002"),
        (cases[2].pk, "DB202603110003"),
    ]
    assert SupervisionOrder.objects.count() == 3


def test_a_failing_batch_is_retried_case_by_case(backlog, travel, monkeypatch):
    from onewindow.cases import supervision

    cases, _responsible = backlog
    bad = cases[4].pk
    real = supervision.open_automatic_orders

    def failing(rows, **kwargs):
        if any(row.subject_id == bad for row in rows):
            raise RuntimeError("bad case")
        return real(rows, **kwargs)

    monkeypatch.setattr(supervision, "open_automatic_orders", failing)
    assert sweep(at(2026, 3, 11, 9), travel, sweeps.supervision_sweep) == 8
    assert set(SupervisionOrder.objects.values_list("subject_id", flat=True)) == {
        case.pk for case in cases if case.pk != bad
    }
    monkeypatch.setattr(supervision, "open_automatic_orders", real)
    assert sweep(at(2026, 3, 11, 9, 30), travel, sweeps.supervision_sweep) == 1


def test_supervision_sweep_queries_do_not_grow_with_the_backlog(
    published, users, enterprise, travel
):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def backlog_of(count: int) -> None:
        with travel(START):
            handled = reviewing(published, users, enterprise)
            unassigned = accepted(published, users, enterprise)
        copies(handled, count // 2 - 1, promised_due=D(2026, 3, 9))
        copies(unassigned, count - count // 2 - 1, promised_due=D(2026, 3, 9))

    def queries(moment: dt.datetime) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            opened = sweep(moment, travel, sweeps.supervision_sweep)
        return opened, len(captured.captured_queries)

    ContentType.objects.get_for_model(Case)  # cached for the process: not part of the count
    backlog_of(5)
    small = queries(at(2026, 3, 11, 9))
    backlog_of(50)
    large = queries(at(2026, 3, 12, 9))  # a new day: a new serial, like the first sweep
    assert (small[0], large[0]) == (5, 50)
    # Per batch: the check, the serials, one insert and its read-back, three for the audit
    # chain, and a few for each responsible person's message; the same for 5 cases or 50.
    assert large[1] == small[1] <= 45, (small, large)
