"""The consultation state machine as a table: action, the states it may be taken from, the
state it leads to, who may take it and what must be given.

    open ──answer──▶ closed                    (当场答复, taken when logging)
    open ──defer───▶ follow_up                 (需跟进, taken when logging)
    open | referred | follow_up ──refer──▶ referred
    referred | follow_up ──follow_up──▶ (unchanged)  one more follow-up record
    referred | follow_up ──close──▶ closed

`open` is the state a consultation is created in: `consultation_log` takes the outcome's
action (answer, refer or defer) in the same transaction, so a stored consultation has always
left it. Who may act is named by pseudo-roles, resolved against the consultation in
`services.may`: `responsible` (首问责任人), `hall_admin` (the hall's administrator) and
`referee` (the staff member it was referred to, or staff of the department or the window's
hall it was referred to).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class State(models.TextChoices):
    OPEN = "open", "待处理"
    REFERRED = "referred", "已转办"
    FOLLOW_UP = "follow_up", "跟进中"
    CLOSED = "closed", "已办结"


class Outcome(models.TextChoices):
    """What the first-asked staff member did when the question was asked."""

    ANSWERED = "answered", "当场答复"
    REFERRED = "referred", "转办"
    FOLLOW_UP = "follow_up", "需跟进"


class AskerKind(models.TextChoices):
    PERSON = "person", "个人"
    ENTERPRISE = "enterprise", "企业"


class Channel(models.TextChoices):
    ONSITE = "onsite", "现场"
    PHONE = "phone", "电话"
    ONLINE = "online", "网上"


# Waiting for an answer: the states the overdue view looks at.
PENDING = (State.REFERRED, State.FOLLOW_UP)

RESPONSIBLE = "responsible"
HALL_ADMIN = "hall_admin"
REFEREE = "referee"


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the consultation stays in its state
    roles: tuple[str, ...]
    requires: tuple[str, ...] = ()


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("answer", "当场答复", (State.OPEN,), State.CLOSED, (RESPONSIBLE,), ("answer",)),
        Transition("defer", "需跟进", (State.OPEN,), State.FOLLOW_UP, (RESPONSIBLE,)),
        Transition(
            "refer",
            "转办",
            (State.OPEN, State.REFERRED, State.FOLLOW_UP),
            State.REFERRED,
            (RESPONSIBLE, HALL_ADMIN),
            ("target",),
        ),
        Transition(
            "follow_up",
            "跟进",
            PENDING,
            None,
            (RESPONSIBLE, HALL_ADMIN, REFEREE),
            ("note",),
        ),
        Transition("close", "办结", PENDING, State.CLOSED, (RESPONSIBLE, HALL_ADMIN), ("result",)),
    ]
}

# The action each outcome takes when the consultation is logged.
OUTCOME_ACTION = {
    Outcome.ANSWERED: "answer",
    Outcome.REFERRED: "refer",
    Outcome.FOLLOW_UP: "defer",
}

ROLE_LABELS = {
    RESPONSIBLE: "首问责任人",
    HALL_ADMIN: "本大厅管理员",
    REFEREE: "被转办的部门或人员",
}


def allowed_from(action: str) -> str:
    """The states an action may be taken from, in words."""
    return "、".join(f"“{State(s).label}”" for s in TRANSITIONS[action].sources)
