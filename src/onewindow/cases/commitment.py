"""告知承诺 (notification and commitment): who may use it, the letter, the waived proofs, the
post-check after the grant, and what an untrue commitment sets off — a credit record that
bars the applicant from 告知承诺 until repaired, and a revocation for the department to
decide (撤销决定书 when revoked)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.core.workdays import Calendar

from .models import Case, ClockPolicy, Commitment, CreditRecord, PostCheck, Revocation


def committed(case: Case) -> bool:
    """Whether the case is handled on the applicant's 告知承诺."""
    return case.commitments.filter(kind=Commitment.Kind.NOTIFICATION).exists()


def open_credit_records(case: Case) -> QuerySet[CreditRecord]:
    """Unrepaired false-commitment records of this case's applicant (the person, or the
    enterprise)."""
    who = (
        Q(enterprise_id=case.enterprise_id)
        if case.enterprise_id
        else Q(person_id=case.applicant_id)
    )
    return CreditRecord.objects.filter(
        who, kind=CreditRecord.Kind.FALSE_COMMITMENT, closed_at__isnull=True
    )


def check_eligible(case: Case) -> None:
    """告知承诺 only for items that allow it and applicants without an open record."""
    if not case.version.commitment:
        raise InvalidInput("该事项不实行告知承诺制，请按一般程序提交全部材料", field="kind")
    record = open_credit_records(case).first()
    if record is not None:
        raise InvalidInput(
            f"申请人有未修复的虚假承诺记录（{timezone.localtime(record.opened_at):%Y年%m月%d日}，"
            f"办件 {record.case.number}），不适用告知承诺，请按一般程序提交全部材料",
            field="kind",
            code="commitment_excluded",
        )


def letter(case: Case) -> str:
    return letter_for(case.version)


def letter_for(version: Any) -> str:
    """The commitment letter: the conditions the applicant declares they meet, the proofs
    waived, and the liability for an untrue commitment."""
    waived = [m.name for m in version.materials.all() if getattr(m, "waivable", False)]
    parts = [
        f"本人（单位）申请办理{version.name}，已知晓并承诺符合以下条件：",
        (version.conditions or "（见办事指南所列条件）").strip(),
    ]
    if waived:
        parts.append("以承诺代替提交以下证明材料：" + "、".join(waived) + "。")
    parts.append(
        "本人（单位）所作承诺真实、准确；同意行政机关依法进行事后核查。"
        "如承诺不实，愿意承担撤销许可、记入信用记录、依法追究责任等法律后果，"
        "且在信用修复前不再适用告知承诺制。"
    )
    return "\n".join(parts)


def waived_material_ids(case: Case) -> set[int]:
    """Materials not required because the applicant signed the 告知承诺."""
    if not committed(case):
        return set()
    return {m.pk for m in case.version.materials.all() if getattr(m, "waivable", False)}


def schedule_after_grant(case: Case, actor: Any) -> PostCheck | None:
    """On approval of a committed case: a written check within the policy's period,
    assigned to the approver who decided (the department can reassign it)."""
    if not committed(case) or case.postchecks.exists():
        return None
    policy = ClockPolicy.current()
    due = Calendar().add_working_days(timezone.localdate(), policy.postcheck_days)
    check = PostCheck.objects.create(
        case=case,
        department_id=case.department_id,
        method=PostCheck.Method.WRITTEN,
        due_on=due,
        assignee=actor,
    )
    audit.record(
        code="cases.postcheck.scheduled",
        actor=actor,
        obj=case,
        after={"method": check.method, "due_on": due, "assignee": actor.pk},
    )
    return check


def _may_manage(actor: Any, department_id: int) -> bool:
    scope = scope_of(actor)
    return scope.has_role(Role.DEPT_ADMIN) and department_id in scope.department_ids


def postchecks_for(user: Any) -> QuerySet[PostCheck]:
    scope = scope_of(user)
    qs = PostCheck.objects.select_related("case", "assignee", "department")
    if scope.county_wide and scope.is_staff:
        return qs
    return qs.filter(Q(assignee_id=scope.user_id) | Q(department_id__in=scope.department_ids))


def postcheck_get(user: Any, check_id: int) -> PostCheck:
    check = postchecks_for(user).filter(pk=check_id).first()
    if check is None:
        raise NotFound("核查任务不存在或您无权查看")
    return check


@transaction.atomic
def postcheck_update(
    *, actor: Any, check_id: int, method: str, due_on: dt.date, assignee_id: int
) -> PostCheck:
    """The department head changes how, by when and by whom the check is done."""
    from onewindow.identity.models import User

    check = PostCheck.objects.select_for_update().filter(pk=check_id).first()
    if check is None:
        raise NotFound("核查任务不存在")
    if not _may_manage(actor, check.department_id):
        raise PermissionDenied("只有本部门的部门管理员可以调整核查安排")
    if check.state != PostCheck.State.SCHEDULED:
        raise Conflict("该核查已完成，不能再调整", code="illegal_transition")
    if method not in PostCheck.Method.values:
        raise InvalidInput(f"核查方式“{method}”无效", field="method")
    if due_on < timezone.localdate():
        raise InvalidInput("核查期限不能早于今天", field="due_on")
    assignee = User.objects.filter(pk=assignee_id, kind=User.Kind.STAFF).first()
    if assignee is None or check.department_id not in scope_of(assignee).department_ids:
        raise InvalidInput("核查人应为本部门工作人员", field="assignee_id")
    before = {"method": check.method, "due_on": check.due_on, "assignee": check.assignee_id}
    check.method, check.due_on, check.assignee = method, due_on, assignee
    check.save(update_fields=["method", "due_on", "assignee"])
    audit.record(
        code="cases.postcheck.updated",
        actor=actor,
        obj=check.case,
        before=before,
        after={"method": method, "due_on": due_on, "assignee": assignee.pk},
    )
    return check


@transaction.atomic
def postcheck_record(*, actor: Any, check_id: int, truthful: bool, note: str) -> PostCheck:
    """Record the result. Untrue: a credit record for the applicant and a revocation for
    the department to decide; the department heads are told."""
    check = PostCheck.objects.select_for_update().filter(pk=check_id).first()
    if check is None:
        raise NotFound("核查任务不存在")
    if actor.pk != check.assignee_id and not _may_manage(actor, check.department_id):
        raise PermissionDenied("只有核查人或本部门管理员可以登记核查结果")
    if check.state != PostCheck.State.SCHEDULED:
        raise Conflict("该核查已登记结果", code="illegal_transition")
    if not note.strip():
        raise InvalidInput("请写明核查情况", field="note")
    check.state = PostCheck.State.DONE
    check.truthful = truthful
    check.note = note.strip()
    check.done_at = timezone.now()
    check.save(update_fields=["state", "truthful", "note", "done_at"])
    case = Case.objects.select_related("applicant", "enterprise").get(pk=check.case_id)
    if not truthful:
        CreditRecord.objects.create(
            kind=CreditRecord.Kind.FALSE_COMMITMENT,
            person=case.applicant,
            enterprise=case.enterprise,
            subject_name=case.applicant_name,
            case=case,
            description=f"{check.get_method_display()}发现承诺不实：{check.note}",
        )
        Revocation.objects.create(case=case, reason=f"告知承诺不实：{check.note}")
        _tell_heads(case)
    audit.record(
        code="cases.postcheck.recorded",
        actor=actor,
        obj=case,
        after={"truthful": truthful, "note": check.note},
    )
    return check


def _tell_heads(case: Case) -> None:
    from onewindow.identity.models import User
    from onewindow.notifications.models import Channel
    from onewindow.notifications.services import notify

    heads = User.objects.filter(
        kind=User.Kind.STAFF,
        is_active=True,
        department_id=case.department_id,
        staff_roles__role=Role.DEPT_ADMIN,
    ).distinct()
    for head in heads:
        notify(
            recipient=head,
            template="cases.revocation_opened",
            key=f"cases:revocation:{case.pk}:{head.pk}",
            context={
                "number": case.number,
                "item": case.item_name,
                "applicant": case.applicant_name,
            },
            channels=(Channel.IN_APP,),
            link="/cases/postchecks/",
        )


@transaction.atomic
def revocation_decide(*, actor: Any, revocation_id: int, revoke: bool, note: str) -> Revocation:
    """The department decides: revoke (撤销决定书 to the applicant) or keep, with reasons."""
    from . import notices

    row = Revocation.objects.select_for_update().filter(pk=revocation_id).first()
    if row is None:
        raise NotFound("撤销案件不存在")
    case = Case.objects.select_related("department").get(pk=row.case_id)
    if not _may_manage(actor, case.department_id):
        raise PermissionDenied("只有本部门的部门管理员可以作出撤销决定")
    if row.state != Revocation.State.OPEN:
        raise Conflict(f"该撤销案件已{row.get_state_display()}", code="illegal_transition")
    if not note.strip():
        raise InvalidInput("请写明决定理由", field="note")
    row.state = Revocation.State.REVOKED if revoke else Revocation.State.KEPT
    row.decided_by = actor
    row.decided_at = timezone.now()
    row.decision_note = note.strip()
    row.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    if revoke:
        notices.issue(case, "revocation", actor=actor, context={"reason": row.decision_note})
    audit.record(
        code="cases.revocation.decided",
        actor=actor,
        obj=case,
        after={"state": row.state, "note": row.decision_note},
    )
    return row


@transaction.atomic
def credit_repair(*, actor: Any, record_id: int, note: str) -> CreditRecord:
    """信用修复: after the applicant has put things right, the department closes the record
    and 告知承诺 is open to them again."""
    row = CreditRecord.objects.select_for_update().filter(pk=record_id).first()
    if row is None:
        raise NotFound("信用记录不存在")
    if not _may_manage(actor, row.case.department_id):
        raise PermissionDenied("只有作出记录的部门的部门管理员可以办理信用修复")
    if row.closed_at is not None:
        raise Conflict("该信用记录已修复", code="illegal_transition")
    if not note.strip():
        raise InvalidInput("请写明修复依据", field="note")
    row.closed_at = timezone.now()
    row.closed_note = note.strip()
    row.save(update_fields=["closed_at", "closed_note"])
    audit.record(
        code="cases.credit.repaired", actor=actor, obj=row.case, after={"note": row.closed_note}
    )
    return row


def postcheck_sweep(today: dt.date | None = None) -> int:
    """Remind the assignee, once, of a check past its deadline."""
    from onewindow.notifications.models import Channel
    from onewindow.notifications.services import notify

    today = today or timezone.localdate()
    late = PostCheck.objects.filter(
        state=PostCheck.State.SCHEDULED, due_on__lt=today, reminded_on__isnull=True
    ).select_related("case", "assignee")
    count = 0
    for check in late:
        with transaction.atomic():
            notify(
                recipient=check.assignee,
                template="cases.postcheck_late",
                key=f"cases:postcheck:{check.pk}:late",
                context={
                    "number": check.case.number,
                    "item": check.case.item_name,
                    "due": f"{check.due_on:%Y年%m月%d日}",
                },
                channels=(Channel.IN_APP,),
                link=f"/cases/postchecks/{check.pk}/",
            )
            PostCheck.objects.filter(pk=check.pk).update(reminded_on=today)
        count += 1
    return count
