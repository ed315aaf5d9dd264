"""Periodic sweeps over open cases: Art. 32 automatic acceptance, 临期提醒, 超时预警 and
automatic supervision orders. Each is idempotent (running twice does nothing new) and works
in batches, so a sweep over a million cases stays within a few queries per thousand."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from onewindow.core.permissions import Role
from onewindow.core.workdays import Calendar
from onewindow.identity.models import User
from onewindow.notifications.models import Channel
from onewindow.notifications.services import notify

from . import lifecycle, supervision
from .models import (
    RUNNING_QUEUES,
    Case,
    CaseMaterial,
    CaseState,
    CaseWarning,
    ClockPolicy,
    Queue,
    SupervisionOrder,
)

logger = logging.getLogger(__name__)
BATCH = 1000


def _chunks(ids: list[int], size: int = BATCH) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def auto_accept(today: dt.date | None = None) -> int:
    """Accept, as of the receipt date, every case no one asked to correct within the
    period (Art. 32). Returns how many were accepted."""
    today = today or timezone.localdate()
    policy = ClockPolicy.current()
    cal = Calendar()
    # received_on r (a working day) is late when the period's last day is before today.
    cutoff = cal.add_working_days(today, -policy.correction_days)
    ids = list(
        Case.objects.filter(queue=Queue.TO_ACCEPT, received_on__lt=cutoff)
        .order_by("received_on", "pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for pk in ids:
        try:
            lifecycle.perform(pk, "accept", actor=None)
            done += 1
        except Exception:  # one bad case must not stop the sweep
            logger.exception("auto-accept of case %s failed", pk)
    return done


def _thresholds(policy: ClockPolicy) -> dict[int, list[int]]:
    """Group the promised limits by their 临期 threshold. The limits come from the catalog's
    item versions (every case's limit is its version's), a few hundred rows, instead of a
    DISTINCT over the running cases."""
    from onewindow.catalog.models import ItemVersion

    limits = ItemVersion.objects.order_by().values_list("promised_limit", flat=True).distinct()
    groups: dict[int, list[int]] = defaultdict(list)
    for limit in limits:
        groups[policy.near_threshold(limit)].append(limit)
    return groups


def _recipients_of_department(department_ids: set[int], role: str) -> dict[int, list[User]]:
    out: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        department_id__in=department_ids, staff_roles__role=role, is_active=True
    ).distinct():
        assert user.department_id is not None
        out[user.department_id].append(user)
    return out


def _digest(
    template: str,
    recipients: dict[int, tuple[User, list[tuple[str, dt.date]]]],
    day: dt.date,
    extra: dict[str, Any] | None = None,
) -> None:
    """One message per user listing (case number, due date) pairs. The idempotency key
    names exactly those pairs: a retry of the same batch sends nothing new, while a case
    warned again for a new due date (after an extension) is told again the same day."""
    for user, entries in recipients.values():
        entries = sorted(entries)
        numbers = [number for number, _due in entries]
        shown = "、".join(numbers[:10]) + (f" 等 {len(numbers)} 件" if len(numbers) > 10 else "")
        signature = hashlib.sha256(
            ";".join(f"{number}@{due}" for number, due in entries).encode()
        ).hexdigest()[:20]
        notify(
            recipient=user,
            template=template,
            key=f"{template}:{user.pk}:{day}:{signature}",
            context={"count": len(numbers), "numbers": shown, **(extra or {})},
            link="/cases/inbox/?box=warnings"
            if template == "cases.near"
            else "/cases/inbox/?box=overdue",
        )


def near_sweep(today: dt.date | None = None) -> int:
    """临期提醒: one warning per case and due date; handlers get one digest per run."""
    today = today or timezone.localdate()
    policy = ClockPolicy.current()
    cal = Calendar()
    created = 0
    for threshold, limits in _thresholds(policy).items():
        horizon = cal.add_working_days(today, threshold)
        # Limits in natural days count the days left in natural days (as the lists do).
        natural_horizon = today + dt.timedelta(days=threshold)
        rows = list(
            Case.objects.filter(queue__in=RUNNING_QUEUES)
            .filter(
                paused_on__isnull=True,
                promised_limit__in=limits,
                promised_due__gte=today,
            )
            .filter(
                Q(promised_unit="natural", promised_due__lte=natural_horizon)
                | (~Q(promised_unit="natural") & Q(promised_due__lte=horizon))
            )
            # Not yet warned for this due date: `near_due` is set with the warning and
            # cleared whenever the due date moves (`Case.save`), so it is either the
            # current due date or empty — no look into the warnings table per case.
            .filter(near_due__isnull=True)
            .values_list("pk", "number", "promised_due", "handler_id", "current_department_id")
        )
        created += _warn(rows, CaseWarning.Kind.NEAR, today, cal)
    return created


def _warn(rows: list[tuple[Any, ...]], kind: str, today: dt.date, cal: Calendar) -> int:
    if not rows:
        return 0
    remaining_cache: dict[dt.date, int] = {}

    def remaining(due: dt.date) -> int:
        if due not in remaining_cache:
            remaining_cache[due] = cal.working_days_between(today, due)
        return remaining_cache[due]

    for chunk_start in range(0, len(rows), BATCH):
        chunk = rows[chunk_start : chunk_start + BATCH]
        with transaction.atomic():
            CaseWarning.objects.bulk_create(
                [
                    CaseWarning(case_id=pk, kind=kind, due_on=due, remaining=remaining(due))
                    for pk, _n, due, _h, _d in chunk
                ],
                ignore_conflicts=True,
            )
            if kind == CaseWarning.Kind.NEAR:
                # The 临期 box reads this column: the due date the case was warned for.
                by_due: dict[dt.date, list[int]] = defaultdict(list)
                for pk, _n, due, _h, _d in chunk:
                    by_due[due].append(pk)
                for due, ids in by_due.items():
                    Case.objects.filter(
                        pk__in=ids, promised_due=due, queue__in=RUNNING_QUEUES
                    ).update(near_due=due)
                _notify_handlers(chunk, today)
            else:
                _notify_overdue(chunk, today)
    return len(rows)


def _notify_handlers(rows: list[tuple[Any, ...]], today: dt.date) -> None:
    by_user: dict[int, tuple[User, list[tuple[str, dt.date]]]] = {}
    handlers = {h for _p, _n, _d, h, _dep in rows if h}
    users = {u.pk: u for u in User.objects.filter(pk__in=handlers)}
    unassigned_departments = {dep for _p, _n, _d, h, dep in rows if not h}
    approvers = _recipients_of_department(unassigned_departments, Role.APPROVER)
    for _pk, number, due, handler, dep in rows:
        targets = [users[handler]] if handler in users else approvers.get(dep, [])
        for user in targets:
            by_user.setdefault(user.pk, (user, []))[1].append((number, due))
    _digest("cases.near", by_user, today)


def _notify_overdue(rows: list[tuple[Any, ...]], today: dt.date) -> None:
    departments = {dep for *_x, dep in rows}
    heads = _recipients_of_department(departments, Role.DEPT_ADMIN)
    supervisors = list(
        User.objects.filter(staff_roles__role=Role.SUPERVISOR, is_active=True).distinct()
    )
    by_department: dict[int, list[tuple[str, dt.date]]] = defaultdict(list)
    for _pk, number, due, _h, dep in rows:
        by_department[dep].append((number, due))
    from onewindow.org.models import Department

    names = dict(Department.objects.filter(pk__in=departments).values_list("pk", "short_name"))
    for dep, numbers in by_department.items():
        recipients = {u.pk: (u, numbers) for u in [*heads.get(dep, []), *supervisors]}
        _digest("cases.overdue", recipients, today, {"department": names.get(dep, "")})


def overdue_sweep(today: dt.date | None = None) -> int:
    """超时预警: cases past their promised due date (clock running, not paused)."""
    today = today or timezone.localdate()
    warned = CaseWarning.objects.filter(
        case=OuterRef("pk"), kind=CaseWarning.Kind.OVERDUE, due_on=OuterRef("promised_due")
    )
    rows = list(
        Case.objects.filter(queue__in=RUNNING_QUEUES)
        .filter(paused_on__isnull=True, promised_due__lt=today)
        .filter(~Exists(warned))
        .values_list("pk", "number", "promised_due", "handler_id", "current_department_id")
    )
    return _warn(rows, CaseWarning.Kind.OVERDUE, today, Calendar())


SUPERVISION_BATCH = 500


def supervision_sweep(today: dt.date | None = None) -> int:
    """Open a 督办单 for each case overdue by more than the policy allows, once per due date,
    in batches of `SUPERVISION_BATCH` per transaction (see `supervision.open_automatic_orders`).
    A batch that fails is retried case by case, so one bad case costs only its own order."""
    today = today or timezone.localdate()
    policy = ClockPolicy.current()
    cal = Calendar()
    latest_due = cal.add_working_days(today, -policy.supervision_after_days) - dt.timedelta(days=1)
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Case)
    ordered = SupervisionOrder.objects.filter(
        subject_type=content_type, subject_id=OuterRef("pk")
    ).filter(Q(due_on=OuterRef("promised_due")) | Q(state=SupervisionOrder.State.OPEN))
    cases = list(
        Case.objects.filter(queue__in=RUNNING_QUEUES)
        .filter(paused_on__isnull=True, promised_due__lte=latest_due)
        .filter(~Exists(ordered))
        .order_by("promised_due", "pk")
        .values_list(
            "pk", "number", "item_name", "promised_due", "handler_id", "current_department_id"
        )
    )
    if not cases:
        return 0
    # Worked out once per sweep, not once per order.
    reply_due = cal.add_working_days(today, policy.supervision_reply_days)
    heads = supervision.department_heads({dep for *_x, dep in cases})
    overdue_by: dict[dt.date, int] = {}
    rows: list[supervision.AutomaticOrder] = []
    for pk, number, item_name, due, handler_id, department_id in cases:
        assert due is not None  # promised_due__lte above
        if due not in overdue_by:
            overdue_by[due] = -cal.working_days_between(today, due)
        rows.append(
            supervision.AutomaticOrder(
                subject_id=pk,
                label=f"办件 {number} {item_name}",
                department_id=department_id,
                reason=f"办件超过承诺办结时限 {overdue_by[due]} 个工作日（承诺办结日 {due:%Y-%m-%d}）",
                responsible_id=handler_id or heads.get(department_id),
                due_on=due,
            )
        )

    def open_batch(batch: list[supervision.AutomaticOrder]) -> int:
        return len(
            supervision.open_automatic_orders(
                batch, subject_type=content_type, today=today, reply_due=reply_due
            )
        )

    opened = 0
    for start in range(0, len(rows), SUPERVISION_BATCH):
        batch = rows[start : start + SUPERVISION_BATCH]
        try:
            opened += open_batch(batch)
            continue
        except Exception:  # one bad case must not stop the sweep
            logger.exception(
                "supervision orders for cases %s…%s failed; retrying one by one",
                batch[0].subject_id,
                batch[-1].subject_id,
            )
        for row in batch:
            try:
                opened += open_batch([row])
            except Exception:
                logger.exception("supervision order for case %s failed", row.subject_id)
    return opened


def tolerance_sweep(today: dt.date | None = None) -> dict[str, int]:
    """容缺: remind applicants whose tolerated materials fall due within the reminder
    period (once per material), and terminate — with the termination notice — the cases
    whose tolerated materials were not supplied by their deadline."""
    today = today or timezone.localdate()
    policy = ClockPolicy.current()
    cal = Calendar()
    undecided = (CaseState.ACCEPTED, CaseState.REVIEWING, CaseState.SPECIAL)
    open_rows = CaseMaterial.objects.filter(
        status=CaseMaterial.Status.TOLERATED,
        supplied_at__isnull=True,
        due_on__isnull=False,
        case__state__in=undecided,
    )
    # Overdue first: a case past its deadline is terminated, not reminded.
    late: dict[int, list[CaseMaterial]] = defaultdict(list)
    for row in open_rows.filter(due_on__lt=today).order_by("case_id", "id"):
        late[row.case_id].append(row)
    terminated = 0
    for case_id, rows in late.items():
        names = "、".join(r.name for r in rows)
        due = rows[0].due_on
        try:
            lifecycle.perform(
                case_id,
                "terminate",
                actor=None,
                payload={"reason": f"容缺材料“{names}”逾期未补齐（补齐期限 {due:%Y年%m月%d日}）"},
            )
            terminated += 1
        except Exception:  # one bad case must not stop the sweep
            logger.exception("terminating case %s for missing tolerated materials failed", case_id)
    horizon = cal.add_working_days(today, policy.tolerance_remind_days)
    due_soon = (
        open_rows.filter(due_on__gte=today, due_on__lte=horizon, reminded_on__isnull=True)
        .select_related("case__applicant", "case__agent")
        .order_by("case_id", "id")
    )
    by_case: dict[int, list[CaseMaterial]] = defaultdict(list)
    for row in due_soon:
        by_case[row.case_id].append(row)
    reminded = 0
    for rows in by_case.values():
        case = rows[0].case
        with transaction.atomic():
            for user in {u.pk: u for u in (case.applicant, case.agent) if u is not None}.values():
                notify(
                    recipient=user,
                    template="cases.tolerance_due",
                    key=f"cases:tolerance:{case.pk}:{rows[0].due_on}:{user.pk}",
                    context={
                        "number": case.number,
                        "item": case.item_name,
                        "names": "、".join(r.name for r in rows),
                        "due": f"{rows[0].due_on:%Y年%m月%d日}",
                    },
                    channels=(Channel.IN_APP, Channel.SMS),
                    link=f"/portal/cases/{case.pk}/",
                )
            CaseMaterial.objects.filter(pk__in=[r.pk for r in rows]).update(reminded_on=today)
        reminded += len(rows)
    return {"tolerance_reminded": reminded, "tolerance_terminated": terminated}


def run_all(today: dt.date | None = None) -> dict[str, int]:
    from .commitment import postcheck_sweep

    return {
        **tolerance_sweep(today),
        "postcheck_late": postcheck_sweep(today),
        "auto_accepted": auto_accept(today),
        "near": near_sweep(today),
        "overdue": overdue_sweep(today),
        "supervision": supervision_sweep(today),
    }
