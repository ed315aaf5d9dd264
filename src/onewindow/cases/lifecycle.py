"""The lifecycle engine: reads a case's transition table, checks who may do what, runs the
action's effect, writes the timeline, the notices, the audit event.

Transition tables are data (`ProcessTemplate`/`Transition`); what each action *does* to
the case (start the clock, move to the next review step, pause…) is code, registered
here by action name, so an administrator can change who may act and what they must give,
but cannot invent an action the engine cannot carry out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from onewindow.core import audit, context
from onewindow.core.errors import Conflict, InvalidInput, PermissionDenied
from onewindow.core.permissions import Role, scope_of

from .models import Case, CaseState, CaseStep, ProcessTemplate, Transition

# Pseudo-roles in a transition's role list.
APPLICANT = "applicant"  # the applicant, the agent who applied, or an agent of the enterprise
SYSTEM = "system"  # the platform itself (periodic jobs)
STEP = "step"  # whoever holds the current review step's role in its department

REQUIREMENTS = {
    "opinion": "办理意见",
    "reason": "理由",
    "attachment": "附件",
    "items": "需要补正的材料清单",
}

ACTION_LABELS: dict[str, str] = {
    "submit": "提交申请",
    "prereview": "开始预审",
    "request_correction": "一次性告知补正",
    "resubmit": "补正后提交",
    "accept": "受理",
    "refuse": "不予受理",
    "start_review": "开始审查",
    "pass": "通过",
    "return": "退回",
    "start_special": "启动特别程序",
    "end_special": "结束特别程序",
    "extend": "延期",
    "approve": "准予",
    "deny": "不予",
    "deliver": "出件",
    "archive": "归档",
    "withdraw": "撤回",
    "terminate": "终止办理",
}

S = CaseState
_W, _D, _H = Role.WINDOW_CLERK.value, Role.DEPT_ADMIN.value, Role.HELPER.value
_PRE = [S.SUBMITTED.value, S.PREREVIEW.value]
_UNDECIDED = [S.ACCEPTED.value, S.REVIEWING.value, S.SPECIAL.value]

# (action, sources, target, roles, requires, notice)
_Row = tuple[str, list[Any], Any, list[str], list[str], str]
_COMMON: list[_Row] = [
    ("submit", [S.DRAFT], S.SUBMITTED, [APPLICANT, _W, _H], [], ""),
    ("prereview", [S.SUBMITTED], S.PREREVIEW, [_W], [], ""),
    ("request_correction", _PRE, S.CORRECTION, [_W], ["items"], "correction"),
    ("resubmit", [S.CORRECTION], S.PREREVIEW, [APPLICANT, _W, _H], [], ""),
    ("accept", _PRE, S.ACCEPTED, [_W, SYSTEM], [], "acceptance"),
    ("refuse", [*_PRE, S.CORRECTION], S.NOT_ACCEPTED, [_W], ["reason"], "refusal"),
]
_PROMISED: list[_Row] = [
    *_COMMON,
    ("start_review", [S.ACCEPTED], S.REVIEWING, [STEP], [], ""),
    ("pass", [S.REVIEWING], "", [STEP], ["opinion"], ""),
    ("return", [S.REVIEWING], "", [STEP], ["opinion"], ""),
    ("start_special", [S.REVIEWING], S.SPECIAL, [STEP], ["reason"], "special"),
    ("end_special", [S.SPECIAL], "", [STEP], ["opinion"], ""),
    ("extend", [S.ACCEPTED, S.REVIEWING], "", [_D], ["reason"], "extension"),
    ("approve", [S.REVIEWING], S.APPROVED, [STEP], ["opinion"], "grant"),
    ("deny", [S.REVIEWING], S.DENIED, [STEP], ["opinion", "reason"], "denial"),
    ("deliver", [S.APPROVED, S.DENIED], S.DELIVERED, [_W], [], ""),
    (
        "archive",
        [S.DELIVERED, S.NOT_ACCEPTED, S.WITHDRAWN, S.TERMINATED],
        S.ARCHIVED,
        [_W, _D, SYSTEM],
        [],
        "",
    ),
    ("withdraw", [*_PRE, S.CORRECTION, *_UNDECIDED], S.WITHDRAWN, [APPLICANT, _W], ["reason"], ""),
    (
        "terminate",
        [S.CORRECTION, *_UNDECIDED],
        S.TERMINATED,
        [_D, SYSTEM],
        ["reason"],
        "termination",
    ),
]
_IMMEDIATE: list[_Row] = [
    *_COMMON,
    ("approve", [S.ACCEPTED], S.APPROVED, [_W, STEP], [], "grant"),
    ("deny", [S.ACCEPTED], S.DENIED, [_W, STEP], ["reason"], "denial"),
    ("deliver", [S.APPROVED, S.DENIED], S.DELIVERED, [_W], [], ""),
    (
        "archive",
        [S.DELIVERED, S.NOT_ACCEPTED, S.WITHDRAWN, S.TERMINATED],
        S.ARCHIVED,
        [_W, _D, SYSTEM],
        [],
        "",
    ),
    ("withdraw", [*_PRE, S.CORRECTION, S.ACCEPTED], S.WITHDRAWN, [APPLICANT, _W], ["reason"], ""),
    (
        "terminate",
        [S.CORRECTION, S.ACCEPTED],
        S.TERMINATED,
        [_D, SYSTEM],
        ["reason"],
        "termination",
    ),
]
DEFAULT_TEMPLATES: dict[str, tuple[str, int, list[_Row]]] = {
    "promised": ("承诺件标准流程", 2, _PROMISED),
    "immediate": ("即办件标准流程", 1, _IMMEDIATE),
}


def create_default_templates(template_model: Any, transition_model: Any) -> None:
    """Create the two default templates if missing (never overwrites an edited one). Takes
    the model classes so the data migration can pass its historical models."""
    for code, (name, handling_type, rows) in DEFAULT_TEMPLATES.items():
        template, created = template_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "handling_type": handling_type,
                "is_default": not template_model.objects.filter(
                    handling_type=handling_type, is_default=True
                ).exists(),
            },
        )
        if not created:
            continue
        transition_model.objects.bulk_create(
            transition_model(
                template=template,
                action=action,
                label=ACTION_LABELS[action],
                sources=[str(s) for s in sources],
                target=str(target),
                roles=list(roles),
                requires=list(requires),
                notice=notice,
                order=i,
            )
            for i, (action, sources, target, roles, requires, notice) in enumerate(rows)
        )


@transaction.atomic
def ensure_default_templates() -> None:
    create_default_templates(ProcessTemplate, Transition)


def template_for(item_id: int, handling_type: int) -> ProcessTemplate:
    template = (
        ProcessTemplate.objects.filter(items__id=item_id).first()
        or ProcessTemplate.objects.filter(handling_type=handling_type, is_default=True).first()
    )
    if template is None:
        ensure_default_templates()
        template = ProcessTemplate.objects.get(handling_type=handling_type, is_default=True)
    return template


def transitions_of(template_id: int) -> dict[str, Transition]:
    """The table by action name. Read once per request (a score of small rows), so an
    administrator's edit applies from the next request on in every process."""
    return context.memo(
        f"cases.transitions.{template_id}",
        lambda: {t.action: t for t in Transition.objects.filter(template_id=template_id)},
    )


# Actions whose effect decides the target state; every other action needs one in the table.
OPEN_TARGET = {"pass", "return", "end_special", "extend"}


def validate_transition(t: Transition) -> dict[str, str]:
    """Errors in one row of a table an administrator edited (by field)."""
    from . import notices

    errors: dict[str, str] = {}
    if t.action not in ACTION_LABELS:
        errors["action"] = f"未知动作，可选：{'、'.join(ACTION_LABELS)}"
    if not t.target and t.action not in OPEN_TARGET:
        errors["target"] = "该动作需要指定结果状态（只有通过、退回、结束特别程序、延期由动作决定）"
    if not isinstance(t.sources, list) or not t.sources:
        errors["sources"] = "请至少填写一个可执行的状态"
    elif bad := [s for s in t.sources if s not in CaseState.values]:
        errors["sources"] = f"未知状态：{'、'.join(map(str, bad))}"
    known_roles = {*Role.values, APPLICANT, SYSTEM, STEP}
    if not isinstance(t.roles, list) or not t.roles:
        errors["roles"] = "请至少填写一个角色"
    elif bad := [r for r in t.roles if not isinstance(r, str) or r not in known_roles]:
        errors["roles"] = f"未知角色：{'、'.join(map(str, bad))}"
    if not isinstance(t.requires, list) or [
        r for r in t.requires if not isinstance(r, str) or r not in REQUIREMENTS
    ]:
        errors["requires"] = f"必填内容只能是：{'、'.join(REQUIREMENTS)}"
    if t.notice and t.notice not in notices.KINDS:
        errors["notice"] = f"未知文书，可选：{'、'.join(notices.KINDS)}"
    return errors


# ---------------------------------------------------------------------------------------------
# Who may act
# ---------------------------------------------------------------------------------------------
def is_applicant_side(case: Case, actor: Any) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if actor.pk in (case.applicant_id, case.agent_id):
        return True
    return case.enterprise_id is not None and case.enterprise_id in scope_of(actor).enterprise_ids


def _holds(actor: Any, role: str, case: Case, *, department_id: int | None) -> bool:
    scope = scope_of(actor)
    if role not in scope.roles:
        return False
    if role in (Role.WINDOW_CLERK, Role.HELPER, Role.HALL_ADMIN):
        return case.hall_id is not None and case.hall_id in scope.hall_ids
    if role in (Role.APPROVER, Role.DEPT_ADMIN):
        return department_id in scope.department_ids
    return scope.county_wide


def may(case: Case, transition: Transition, actor: Any) -> bool:
    for role in transition.roles:
        if role == SYSTEM:
            if actor is None:
                return True
        elif actor is None:
            continue
        elif role == APPLICANT:
            if is_applicant_side(case, actor):
                return True
        elif role == STEP:
            step = _step_for(case)
            if step is None:
                continue
            department_id = step.get("department") or case.department_id
            if _holds(actor, step.get("role") or Role.APPROVER, case, department_id=department_id):
                return True
            if _holds(actor, Role.DEPT_ADMIN, case, department_id=department_id):
                return True
        elif _holds(actor, role, case, department_id=case.current_department_id) or (
            role in (Role.WINDOW_CLERK, Role.HELPER) and _receives(actor, role, case, transition)
        ):
            return True
    return False


# What the receiving window of a 跨域通办 case does: take it in and hand the result over.
# Accepting, refusing and deciding stay with the handling side.
RECEIVING_ACTIONS = frozenset({"submit", "resubmit", "deliver"})


def _receives(actor: Any, role: str, case: Case, transition: Transition) -> bool:
    if case.receiving_hall_id is None or transition.action not in RECEIVING_ACTIONS:
        return False
    scope = scope_of(actor)
    return role in scope.roles and case.receiving_hall_id in scope.hall_ids


def _step_for(case: Case) -> dict[str, Any] | None:
    if not case.steps:
        return None
    return case.steps[min(case.step_index, len(case.steps) - 1)]


def available_actions(case: Case, actor: Any) -> list[Transition]:
    """The actions this actor may take on the case now (for buttons and the API)."""
    table = transitions_of(case.template_id)
    return [
        t
        for t in sorted(table.values(), key=lambda t: t.order)
        if case.state in t.sources and may(case, t, actor) and applicable(case, t)
    ]


def applicable(case: Case, transition: Transition) -> bool:
    """Step-sensitive actions: pass only before the last step; decide only at it."""
    if case.state != CaseState.REVIEWING:
        return True
    if transition.action == "pass":
        return not case.is_last_step
    if transition.action in ("approve", "deny"):
        return case.is_last_step
    if transition.action == "return":
        return case.step_index > 0
    return True


# ---------------------------------------------------------------------------------------------
# Performing an action
# ---------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What an effect tells the engine: the target state when the table leaves it open,
    the name of the new timeline stage, notice context, audit details."""

    target: str = ""
    stage: str = ""
    notice_context: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    # Notices issued besides the transition's own: (kind, context).
    extra_notices: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


Effect = Callable[[Case, Any, dict[str, Any]], Outcome | None]
EFFECTS: dict[str, Effect] = {}


def effect(action: str) -> Callable[[Effect], Effect]:
    def wrap(fn: Effect) -> Effect:
        EFFECTS[action] = fn
        return fn

    return wrap


def state_label(state: str) -> str:
    return str(CaseState(state).label) if state in CaseState.values else state


def lock(case_id: int) -> Case:
    """The case, its row locked until the transaction ends (with its template and owning
    department, which the timeline and the notices read; only the case row is locked)."""
    qs = Case.objects.select_related("template", "department").filter(pk=case_id)
    if connection.features.has_select_for_update_of:
        qs = qs.select_for_update(of=("self",))
    else:
        qs = qs.select_for_update()
    case = qs.first()
    if case is None:
        from onewindow.core.errors import NotFound

        raise NotFound("办件不存在")
    return case


def stage_name(case: Case, state: str) -> str:
    names: dict[str, str] = {
        S.DRAFT: "申请",
        S.SUBMITTED: "收件",
        S.PREREVIEW: "预审",
        S.CORRECTION: "补正",
        S.ACCEPTED: "办理" if case.template.handling_type == 1 else "待审查",
        S.APPROVED: "出件",
        S.DENIED: "出件",
        S.DELIVERED: "归档",
    }
    if state == S.REVIEWING:
        step = _step_for(case)
        return step["name"] if step else "审查"
    return str(names.get(state, state_label(state)))


TERMINAL = {S.NOT_ACCEPTED, S.ARCHIVED, S.WITHDRAWN, S.TERMINATED}


@transaction.atomic
def perform(
    case_id: int, action: str, *, actor: Any, payload: dict[str, Any] | None = None
) -> Case:
    """Take `action` on the case as `actor` (None = the platform). Raises Conflict (409)
    naming the current state when the table does not allow it, PermissionDenied when the
    actor may not, InvalidInput when something required is missing."""
    payload = dict(payload or {})
    case = lock(case_id)
    table = transitions_of(case.template_id)
    transition = table.get(action)
    label = transition.label if transition else ACTION_LABELS.get(action, action)
    if transition is None or case.state not in transition.sources:
        raise Conflict(
            f"办件当前状态为“{state_label(case.state)}”，不能执行“{label}”",
            code="illegal_transition",
            state=case.state,
            action=action,
        )
    if not applicable(case, transition):
        step = _step_for(case) or {}
        if action == "pass":
            message = f"“{step.get('name', '')}”已是最后一个审查环节，请作出准予或不予决定"
        elif action == "return":
            message = "当前是第一个审查环节，没有可退回的环节"
        else:
            message = f"当前环节“{step.get('name', '')}”不是决定环节，审查通过后才能作出决定"
        # Like every refused action, the message names the current state first.
        raise Conflict(
            f"办件当前状态为“{state_label(case.state)}”，{message}",
            code="illegal_transition",
            state=case.state,
            action=action,
        )
    if not may(case, transition, actor):
        raise PermissionDenied(f"您没有在本办件上执行“{label}”的权限")
    for requirement in transition.requires:
        value = payload.get(requirement)
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            raise InvalidInput(
                f"“{label}”需要填写{REQUIREMENTS.get(requirement, requirement)}", field=requirement
            )
    before_state = case.state
    fx = EFFECTS.get(action)
    outcome = (fx(case, actor, payload) if fx else None) or Outcome()
    target = transition.target or outcome.target or case.state
    case.state = target
    if target in DECIDED_STATES and case.closed_at is None:
        case.closed_at = timezone.now()
    case.save()
    _advance_timeline(case, actor, transition, payload, outcome, before_state)
    if transition.notice or outcome.extra_notices:
        from . import notices

        if transition.notice:
            notices.issue(case, transition.notice, actor=actor, context=outcome.notice_context)
        for kind, context in outcome.extra_notices:
            notices.issue(case, kind, actor=actor, context=context)
    audit.record(
        code=f"cases.{action}",
        actor=actor,
        obj=case,
        before={"state": before_state},
        after={"state": target, **outcome.details},
    )
    for hook in AFTER_ACTION:
        hook(case, action, before_state, actor)
    return case


# Called inside the action's transaction after every action, with (case, action, state
# before, actor): other apps follow cases without the engine knowing them (the bundles app
# starts waiting member cases when a predecessor is granted).
AFTER_ACTION: list[Callable[[Case, str, str, Any], None]] = []


def after_action(
    fn: Callable[[Case, str, str, Any], None],
) -> Callable[[Case, str, str, Any], None]:
    if fn not in AFTER_ACTION:
        AFTER_ACTION.append(fn)
    return fn


DECIDED_STATES = {S.APPROVED, S.DENIED, S.NOT_ACCEPTED, S.WITHDRAWN, S.TERMINATED}


def _advance_timeline(
    case: Case,
    actor: Any,
    transition: Transition,
    payload: dict[str, Any],
    outcome: Outcome,
    before_state: str,
) -> None:
    now = timezone.now()
    opinion = str(payload.get("opinion") or payload.get("reason") or "").strip()
    name = actor.name if actor is not None else "系统"
    # The last row is the open stage, if any (only the last row is ever open).
    last = CaseStep.objects.filter(case=case).order_by("-seq").first()
    last_seq = last.seq if last is not None else 0
    if last is not None and last.ended_at is None:
        CaseStep.objects.filter(pk=last.pk).update(
            ended_at=now,
            actor=actor,
            actor_name=name,
            action=transition.action,
            action_label=transition.label,
            opinion=opinion,
        )
    else:
        # A single-moment step (e.g. an action with no open stage): record it closed.
        last_seq += 1
        CaseStep.objects.create(
            case=case,
            seq=last_seq,
            name=stage_name(case, before_state),
            state=before_state,
            department_id=case.current_department_id,
            actor=actor,
            actor_name=name,
            action=transition.action,
            action_label=transition.label,
            opinion=opinion,
            started_at=now,
            ended_at=now,
        )
    if case.state not in TERMINAL:
        CaseStep.objects.create(
            case=case,
            seq=last_seq + 1,
            name=outcome.stage or stage_name(case, case.state),
            state=case.state,
            department_id=case.current_department_id,
            started_at=now,
        )


def open_stage(case: Case, *, actor: Any) -> None:
    """The first timeline row of a new case (the application stage)."""
    CaseStep.objects.create(
        case=case,
        seq=1,
        name=stage_name(case, case.state),
        state=case.state,
        department_id=case.current_department_id,
        started_at=case.created_at,
    )
