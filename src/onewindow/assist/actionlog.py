"""The helpers' action log (帮办操作记录), projected from the audit chain.

Why from the audit trail rather than from calls in the assist services: a helper acts on
cases through every entry point the case engine has — the case pages, the case API, the
assist pages, a terminal with a token — and each of those writes its audit event in the
same transaction as the change (`cases.create`, `cases.submit`, `cases.material_add`,
`cases.<action>`, …). Reading the chain, nothing a helper does can bypass the log, the case
engine needs no hook of ours on its hot paths (they are benchmarked and query-counted), and
the log can be rebuilt from the chain at any time. The price is a delay: `sync()` runs as a
periodic job every minute (`assist.helper_log_sync`), so the log trails the chain by at
most that much.

`sync()` walks the events after a stored cursor (`LogCursor`) up to the chain head as
committed when it starts (every event up to the head is committed: links are appended
under the head's row lock), keeps those whose actor is a helper (a holder of the helper
role or someone on the roster), and writes one `HelperActionLog` row per event with the
case and applicant it concerned and the assignment or consent that covered the helper at
that moment. `event_seq` is unique, so running it twice writes nothing new.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from onewindow.cases.lifecycle import ACTION_LABELS
from onewindow.cases.models import Case
from onewindow.core.models import AuditChainHead, AuditEvent
from onewindow.core.permissions import Role
from onewindow.identity.models import Enterprise, StaffRole, User

from .models import Assignment, Consent, HelperActionLog, HelperProfile, KeyProject, LogCursor

BATCH = 500
# Audit codes worth a line in the log (a helper's logins are not).
PREFIXES = ("cases.", "assist.", "identity.citizen.", "identity.enterprise.")
LABELS: dict[str, str] = {
    "cases.create": "新建申请",
    "cases.material_add": "提交材料",
    "cases.material_remove": "撤回材料",
    "assist.consent.created": "登记授权委托",
    "assist.consent.revoked": "撤销授权委托",
    "assist.project.case_added": "办件纳入重点项目",
    "assist.project.case_removed": "办件移出重点项目",
    "identity.citizen.registered": "代为注册个人账户",
    "identity.enterprise.registered": "代为登记企业",
}


def label(code: str) -> str:
    """The action in words: 提交申请, 提交材料, 登记授权委托 …"""
    if code in LABELS:
        return LABELS[code]
    if code.startswith("cases.") and code[6:] in ACTION_LABELS:
        return ACTION_LABELS[code[6:]]
    return code


def helper_ids() -> set[int]:
    return set(StaffRole.objects.filter(role=Role.HELPER).values_list("user_id", flat=True)) | set(
        HelperProfile.objects.values_list("user_id", flat=True)
    )


def _locked_cursor() -> LogCursor:
    cursor = LogCursor.objects.select_for_update().filter(pk=1).first()
    if cursor is None:
        LogCursor.objects.get_or_create(pk=1)
        cursor = LogCursor.objects.select_for_update().get(pk=1)
    return cursor


def sync(*, batch: int = BATCH) -> int:
    """Project the audit events written since the last run; returns the rows written."""
    head = AuditChainHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
    written = 0
    while True:
        with transaction.atomic():
            cursor = _locked_cursor()
            if cursor.seq >= head:
                return written
            prefixes = Q()
            for prefix in PREFIXES:
                prefixes |= Q(code__startswith=prefix)
            events = list(
                AuditEvent.objects.filter(
                    prefixes, seq__gt=cursor.seq, seq__lte=head, actor_id__in=helper_ids()
                ).order_by("seq")[:batch]
            )
            rows = _rows(events)
            HelperActionLog.objects.bulk_create(rows, ignore_conflicts=True)
            written += len(rows)
            cursor.seq = events[-1].seq if len(events) == batch else head
            cursor.save(update_fields=["seq", "updated_at"])
            if len(events) < batch:
                return written


def _ids(events: list[AuditEvent], object_type: str) -> list[int]:
    return [
        int(e.object_id) for e in events if e.object_type == object_type and e.object_id.isdigit()
    ]


def _rows(events: list[AuditEvent]) -> list[HelperActionLog]:
    cases = Case.objects.only(
        "id", "number", "item_name", "item_id", "applicant_id", "enterprise_id"
    ).in_bulk(_ids(events, "cases.case"))
    consents = Consent.objects.only("id", "applicant_id", "enterprise_id", "case_id").in_bulk(
        _ids(events, "assist.consent")
    )
    projects = KeyProject.objects.only("id", "enterprise_id").in_bulk(
        _ids(events, "assist.keyproject")
    )
    users = set(
        User.objects.filter(
            pk__in=_ids(events, "identity.user"), kind=User.Kind.PUBLIC
        ).values_list("pk", flat=True)
    )
    enterprises = set(
        Enterprise.objects.filter(pk__in=_ids(events, "identity.enterprise")).values_list(
            "pk", flat=True
        )
    )
    rows = []
    for event in events:
        pk = int(event.object_id) if event.object_id.isdigit() else None
        case: Case | None = None
        applicant_id: int | None = None
        enterprise_id: int | None = None
        details: dict[str, Any] = {"object": event.object_repr}
        if event.object_type == "cases.case" and pk in cases:
            case = cases[pk]
            applicant_id, enterprise_id = case.applicant_id, case.enterprise_id
            details.update(number=case.number or "", item=case.item_name)
        elif event.object_type == "assist.consent" and pk in consents:
            consent = consents[pk]
            applicant_id, enterprise_id = consent.applicant_id, consent.enterprise_id
            if consent.case_id is not None:
                case = Case.objects.filter(pk=consent.case_id).first()
        elif event.object_type == "assist.keyproject" and pk in projects:
            enterprise_id = projects[pk].enterprise_id
            case_pk = (event.after or event.before or {}).get("case")
            if isinstance(case_pk, int):
                case = Case.objects.filter(pk=case_pk).first()
        elif event.object_type == "identity.user" and pk in users:
            applicant_id = pk
        elif event.object_type == "identity.enterprise" and pk in enterprises:
            enterprise_id = pk
        if isinstance(event.after, dict):
            details["after"] = event.after
        assert event.actor_id is not None  # only events with a helper as actor are read
        assignment, consent_used = basis(
            helper_id=event.actor_id,
            at=event.occurred_at,
            case=case,
            applicant_id=applicant_id,
            enterprise_id=enterprise_id,
        )
        rows.append(
            HelperActionLog(
                event_seq=event.seq,
                helper_id=event.actor_id,
                code=event.code,
                action=label(event.code)[:40],
                at=event.occurred_at,
                applicant_id=applicant_id,
                enterprise_id=enterprise_id,
                case=case,
                assignment=assignment,
                consent=consent_used,
                details=details,
            )
        )
    return rows


def basis(
    *,
    helper_id: int,
    at: dt.datetime,
    case: Case | None,
    applicant_id: int | None,
    enterprise_id: int | None,
) -> tuple[Assignment | None, Consent | None]:
    """The assignment and the consent that covered the helper's action at `at`."""
    targets = Q(pk__in=[])
    if case is not None:
        targets |= Q(case_id=case.pk) | Q(project__cases=case.pk)
    if applicant_id is not None:
        targets |= Q(applicant_id=applicant_id)
    if enterprise_id is not None:
        targets |= Q(enterprise_id=enterprise_id) | Q(project__enterprise_id=enterprise_id)
    assignment = (
        Assignment.objects.filter(targets, helper_id=helper_id, started_at__lte=at)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=at))
        .order_by("-started_at")
        .first()
        if applicant_id or enterprise_id or case
        else None
    )
    consent = None
    if applicant_id is not None or enterprise_id is not None:
        party = (
            Q(enterprise_id=enterprise_id)
            if enterprise_id is not None
            else Q(applicant_id=applicant_id)
        )
        covers = Q(scope=Consent.Scope.ALL)
        if case is not None:
            covers |= Q(scope=Consent.Scope.ITEMS, items__id=case.item_id) | Q(
                scope=Consent.Scope.CASE, case_id=case.pk
            )
        consent = (
            Consent.objects.filter(
                party,
                covers,
                helper_id=helper_id,
                given_at__lte=at,
                valid_until__gte=timezone.localdate(at),
            )
            .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=at))
            .order_by("-given_at")
            .first()
        )
    return assignment, consent
