"""The lifecycle as a state machine (issue 4 item 2): hypothesis drives a case through random
actions by random people, legal and illegal, with complete and incomplete input, and checks
after every step that the engine keeps its promises:

- an action the table does not allow in the current state is a Conflict naming that state,
  whoever asks; any refusal (409, 403, 422) changes nothing at all;
- what `available_actions` offers an actor is exactly what `perform` lets them do;
- the timeline has exactly one open stage unless the case is finished, and one closed stage
  per action taken;
- due dates exist iff the case was accepted, and count exactly limit + extension + pauses;
- a paused clock ⇔ 特别程序中 ⇔ one open special procedure;
- a finished case (不予受理, 撤回, 终止, 归档) only ever moves on to 归档.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import pytest
import time_machine
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from onewindow.cases import clock, lifecycle
from onewindow.cases.models import (
    RUNNING_QUEUES,
    Case,
    CaseState,
    CaseStep,
    SpecialProcedure,
    queue_of,
)
from onewindow.core.errors import Conflict, DomainError, InvalidInput, PermissionDenied
from onewindow.core.workdays import Calendar

from .conftest import at
from .test_services import applied, snapshot, staff, town_hall

S = CaseState
FINISHED = {S.NOT_ACCEPTED, S.WITHDRAWN, S.TERMINATED, S.ARCHIVED}
CLOSED = {S.APPROVED, S.DENIED, S.DELIVERED, *FINISHED}
ACTOR_KEYS = ["qiye", "zhangsan", "chuangkou", "clerk_town", "shenpi", "approver_other", "bumen"]
ACTOR_KEYS += ["ducha", "system"]
ENDING = {"refuse", "withdraw", "terminate", "deny", "return"}


def payload_for(action: str, data: st.DataObject, *, complete: bool, kind_id: int) -> dict:
    """A payload for `action`: everything required when `complete`, blanks otherwise."""
    text = "依法审查，情况属实" if complete else " "
    payload: dict[str, Any] = {}
    if action == "request_correction":
        payload["items"] = [{"material": "营业执照", "problem": "复印件不清晰"}] if complete else []
    if action in ("refuse", "start_special", "extend", "deny", "withdraw", "terminate"):
        payload["reason"] = text
    if action in ("pass", "return", "end_special", "approve", "deny"):
        payload["opinion"] = text
    if action == "start_special":
        payload["kind_id"] = kind_id
        payload["expected_days"] = data.draw(st.integers(1, 18), label="expected_days")
    if action == "extend":
        payload["days"] = data.draw(st.integers(1, 12), label="days")
    if action == "deliver":
        payload["method"] = data.draw(st.sampled_from(["window", "post", "online"]))
    return payload


def payload_is_valid(case: Case, action: str, payload: dict, *, complete: bool) -> bool:
    """Whether a complete payload also passes the effect's own range checks."""
    if not complete:
        return False
    if action == "start_special":
        return payload["expected_days"] <= 15  # 专家评审: max_days declared 15
    if action == "extend":
        return not case.extensions.exists() and payload["days"] <= clock.allowed_extension(case)
    return True


class CaseMachine(RuleBasedStateMachine):
    ctx: ClassVar[dict[str, Any]] = {}

    def __init__(self) -> None:
        super().__init__()
        self.moment = at(2026, 3, 2, 10)
        self.traveller = time_machine.travel(self.moment, tick=False)
        self.traveller.start()
        ctx = self.ctx
        self.case = applied(ctx["version"], ctx["users"], ctx["enterprise"])
        self.history: list[str] = [self.case.state]
        self.accepted = False
        self.decided = False
        self.actions_taken = 1  # submit (by `applied`)
        self.cal = Calendar()

    def teardown(self) -> None:
        self.traveller.stop()

    # --- helpers --------------------------------------------------------------------------
    def actor(self, key: str) -> Any:
        return None if key == "system" else self.ctx["users"][key]

    def fresh(self) -> Case:
        return Case.objects.get(pk=self.case.pk)

    def attempt(self, action: str, key: str, payload: dict, *, valid: bool) -> None:
        case = self.fresh()
        actor = self.actor(key)
        offered = {t.action for t in lifecycle.available_actions(case, actor)}
        row = lifecycle.transitions_of(case.template_id).get(action)
        illegal_here = row is None or case.state not in row.sources
        before = snapshot(case.pk)
        error: DomainError | None = None
        try:
            after = lifecycle.perform(case.pk, action, actor=actor, payload=payload)
        except (Conflict, PermissionDenied, InvalidInput) as exc:
            error = exc
        if error is not None:
            assert snapshot(case.pk) == before
            assert error.message.strip()
            if isinstance(error, Conflict):
                # Whoever asks, the state is checked first; every illegal action (by the
                # table, or by the review step) names the current state.
                if illegal_here:
                    assert error.code == "illegal_transition"
                if error.code == "illegal_transition":
                    assert f"“{lifecycle.state_label(case.state)}”" in error.message
                else:
                    assert (action, error.code) == ("extend", "already_extended")
                assert action not in offered or error.code == "already_extended"
            elif isinstance(error, PermissionDenied):
                assert not illegal_here
                assert action not in offered
            else:
                assert not illegal_here
                assert action in offered  # input is checked only for those who may act
                assert not valid, (action, payload, error.message)
            return
        assert action in offered, (action, key, case.state)
        assert not illegal_here
        self.actions_taken += 1
        new_state = after.state
        if self.history[-1] in FINISHED:
            assert (action, new_state) == ("archive", S.ARCHIVED)
        if action == "accept":
            self.accepted = True
        if action in ("approve", "deny"):
            self.decided = True
        self.history.append(new_state)
        last = CaseStep.objects.filter(case=after, ended_at__isnull=False).order_by("-seq").first()
        assert last is not None
        assert last.action == action
        assert last.ended_at == timezone.now()

    # --- rules ----------------------------------------------------------------------------
    @rule(days=st.integers(0, 2), hour=st.sampled_from([9, 16, 18]))
    def time_passes(self, days: int, hour: int) -> None:
        self.traveller.stop()
        day = self.moment.date() + dt.timedelta(days=days)
        self.moment = max(self.moment, at(day.year, day.month, day.day, hour))
        self.traveller = time_machine.travel(self.moment, tick=False)
        self.traveller.start()

    @rule(data=st.data(), forward=st.integers(0, 9))
    def someone_takes_an_offered_action(self, data: st.DataObject, forward: int) -> None:
        """Progress: an action someone is offered, with complete input; mostly one that
        moves the case on rather than ending it (so deep states are reached)."""
        case = self.fresh()
        offered = sorted(
            (t.action, key)
            for key in ACTOR_KEYS
            for t in lifecycle.available_actions(case, self.actor(key))
        )
        if not offered:
            return
        onward = [(a, k) for a, k in offered if a not in ENDING]
        action, key = data.draw(
            st.sampled_from(onward if onward and forward < 8 else offered), label="action"
        )
        payload = payload_for(action, data, complete=True, kind_id=self.ctx["kind_id"])
        valid = payload_is_valid(case, action, payload, complete=True)
        self.attempt(action, key, payload, valid=valid)

    @rule(
        data=st.data(),
        action=st.sampled_from(sorted(lifecycle.ACTION_LABELS)),
        key=st.sampled_from(ACTOR_KEYS),
        complete=st.booleans(),
    )
    def anyone_tries_anything(
        self, data: st.DataObject, action: str, key: str, complete: bool
    ) -> None:
        case = self.fresh()
        payload = payload_for(action, data, complete=complete, kind_id=self.ctx["kind_id"])
        valid = payload_is_valid(case, action, payload, complete=complete)
        self.attempt(action, key, payload, valid=valid)

    @precondition(lambda self: self.fresh().state not in FINISHED)
    @rule()
    def offered_actions_are_legal_in_the_table(self) -> None:
        case = self.fresh()
        table = lifecycle.transitions_of(case.template_id)
        for key in ACTOR_KEYS:
            for t in lifecycle.available_actions(case, self.actor(key)):
                assert case.state in table[t.action].sources

    # --- invariants -----------------------------------------------------------------------
    @invariant()
    def timeline_has_one_open_stage_unless_finished(self) -> None:
        case = self.fresh()
        steps = list(CaseStep.objects.filter(case=case).order_by("seq"))
        assert [s.seq for s in steps] == list(range(1, len(steps) + 1))
        open_steps = [s for s in steps if s.ended_at is None]
        assert len(open_steps) == (0 if case.state in FINISHED else 1)
        if open_steps:
            assert open_steps[0] == steps[-1]
            assert open_steps[0].state == case.state
        assert len([s for s in steps if s.ended_at is not None]) == self.actions_taken

    @invariant()
    def due_dates_exist_iff_accepted(self) -> None:
        case = self.fresh()
        assert (case.accepted_on is not None) == self.accepted
        assert (case.promised_due is not None) == self.accepted
        assert (case.statutory_due is not None) == self.accepted
        if self.accepted:
            assert case.accepted_at is not None
            assert self.cal.working_days_between(case.accepted_on, case.promised_due) == (
                case.promised_limit + case.extension_days + case.suspended_working_days
            )
            assert self.cal.working_days_between(case.accepted_on, case.statutory_due) == (
                case.statutory_limit + case.extension_days + case.suspended_working_days
            )
        assert (case.decided_on_time is not None) == self.decided

    @invariant()
    def pause_is_special(self) -> None:
        case = self.fresh()
        open_procedures = SpecialProcedure.objects.filter(case=case, ended_on__isnull=True)
        assert (case.paused_on is not None) == (case.state == S.SPECIAL)
        assert open_procedures.count() == (1 if case.state == S.SPECIAL else 0)
        today = self.moment.date()
        remaining = clock.remaining(case, self.cal, today)
        assert (remaining is None) == (case.state not in (S.ACCEPTED, S.REVIEWING, S.SPECIAL))
        if case.state == S.SPECIAL:
            later = today + dt.timedelta(days=30)
            assert clock.remaining(case, self.cal, later) == remaining

    @invariant()
    def stored_queue_follows_state_and_step(self) -> None:
        case = self.fresh()
        assert case.queue == queue_of(case.state, case.step_index, case.step_count)
        assert case.near_due in (None, case.promised_due)
        if case.queue not in RUNNING_QUEUES:
            assert case.near_due is None
        # Every box of the workbench is the stored queue (or a due-date filter over it).
        expected = {
            S.SUBMITTED: "to_accept",
            S.PREREVIEW: "to_accept",
            S.CORRECTION: "correction",
            S.ACCEPTED: "to_review",
            S.SPECIAL: "special",
            S.APPROVED: "to_deliver",
            S.DENIED: "to_deliver",
        }
        if case.state == S.REVIEWING:
            assert case.queue == ("to_decide" if case.is_last_step else "to_review")
        else:
            assert case.queue == expected.get(case.state, "")

    @invariant()
    def finished_cases_only_get_archived(self) -> None:
        case = self.fresh()
        assert case.state == self.history[-1]
        for earlier, later in zip(self.history, self.history[1:], strict=False):
            if earlier in FINISHED:
                assert later == S.ARCHIVED
        assert (case.closed_at is not None) == (case.state in CLOSED)
        assert (case.number is None) == (case.state == S.DRAFT)
        assert 0 <= case.step_index < max(case.step_count, 1)


@pytest.fixture
def machine_context(users, enterprise, county, expert_review):
    extra = {
        "clerk_town": staff(
            county,
            "clerk_town",
            ["window_clerk"],
            department="县行政审批局",
            hall=town_hall(county),
        ),
        "approver_other": staff(county, "approver_other", ["approver"], department="县发改局"),
    }
    return {"users": {**users, **extra}, "enterprise": enterprise, "kind_id": expert_review.pk}


@pytest.mark.parametrize("template", ["published", "immediate"])
def test_lifecycle_state_machine(request, machine_context, template):
    CaseMachine.ctx = {**machine_context, "version": request.getfixturevalue(template)}
    try:
        run_state_machine_as_test(
            CaseMachine,
            settings=settings(
                max_examples=20,
                stateful_step_count=25,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    finally:
        CaseMachine.ctx = {}
