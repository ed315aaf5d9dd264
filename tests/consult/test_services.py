"""The consultation services: logging with each outcome, referral, follow-up, closure, the
full phone number — every rule and refusal, nothing written on a refusal, and the audit."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.cases.models import CaseCounter
from onewindow.consult import services
from onewindow.consult.models import Consultation, FollowUp
from onewindow.consult.states import TRANSITIONS, State
from onewindow.core import audit
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.models import AuditEvent
from onewindow.notifications.models import Notification

from .conftest import MONDAY, PHONE, at

WEDNESDAY = dt.date(2026, 3, 4)  # two working days after MONDAY


def codes(consultation: Consultation) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            object_type="consult.consultation", object_id=str(consultation.pk)
        )
        .order_by("seq")
        .values_list("code", flat=True)
    )


def counter() -> int | None:
    return (
        CaseCounter.objects.filter(prefix="consult:20260302")
        .values_list("value", flat=True)
        .first()
    )


def unchanged(call, error: type[Exception], **kwargs):
    """`call(**kwargs)` raises `error` and writes no consultation, record, audit event,
    message or serial number."""

    def state():
        return (
            list(Consultation.objects.values_list("pk", "state", "referred_department_id")),
            FollowUp.objects.count(),
            AuditEvent.objects.count(),
            Notification.objects.count(),
            counter(),
        )

    before = state()
    with pytest.raises(error) as exc:
        call(**kwargs)
    assert state() == before
    assert str(exc.value).strip()
    return exc.value


# --- logging ---------------------------------------------------------------------------------
def test_answered_on_the_spot_is_closed_at_once(log, users, county_hall):
    c = log("answered", window_id=county_hall.windows.get(number="A01").pk)
    assert c.number == "ZX202603020001"
    assert c.state == State.CLOSED
    assert c.outcome == "answered"
    assert c.responsible == users["chuangkou"]
    assert c.hall == county_hall
    assert c.window.number == "A01"
    assert c.asked_at == MONDAY
    assert c.result.startswith("营业执照")
    assert c.asker_informed is True
    assert c.closed_at == MONDAY
    assert c.closed_by == users["chuangkou"]
    assert c.follow_up_due is None
    assert codes(c) == ["consult.consultation.created", "consult.consultation.answered"]


def test_the_phone_number_is_stored_encrypted_with_a_masked_copy(log):
    c = Consultation.objects.get(pk=log("answered", asker_phone=" 139 9176 5501 ").pk)
    assert PHONE not in c.asker_phone_enc
    assert c.asker_phone == PHONE
    assert c.asker_phone_masked == "139****5501"
    assert len(c.asker_phone_digest) == 64
    landline = log("answered", asker_phone="0917 5523318")
    assert landline.asker_phone == "0917-5523318"
    assert landline.asker_phone_masked == "0917-***3318"
    nobody = log("answered", asker_phone="")
    assert (nobody.asker_phone_enc, nobody.asker_phone_masked) == ("", "")
    # The audit trail holds neither the number nor the asker's name.
    for event in AuditEvent.objects.filter(code__startswith="consult."):
        assert PHONE not in str(event.after)
        assert "王先生" not in str(event.after)


def test_numbers_count_per_day_of_asking(log, travel):
    assert [log().number for _ in range(2)] == ["ZX202603020001", "ZX202603020002"]
    # Logged on Tuesday for a call taken on Monday: Monday's serial.
    with travel(at(2026, 3, 3, 9)):
        assert log(asked_at=at(2026, 3, 2, 16, 50)).number == "ZX202603020003"
        assert log().number == "ZX202603030001"


def test_referred_to_a_department(referred, departments):
    c = referred
    assert c.state == State.REFERRED
    assert c.outcome == "referred"
    assert c.referred_department == departments["县市场监管局"]
    assert c.referred_to is None
    assert c.referred_at == MONDAY
    assert c.follow_up_due == WEDNESDAY
    record = c.follow_ups.get()
    assert record.kind == FollowUp.Kind.REFER
    assert record.note == "转办至 眉县市场监督管理局。转办说明：请答复"
    assert codes(c) == ["consult.consultation.created", "consult.consultation.referred"]
    event = AuditEvent.objects.get(code="consult.consultation.referred")
    assert event.before["state"] == "open"
    assert event.after["state"] == "referred"
    assert event.after["referred_department"] == departments["县市场监管局"].pk


def test_referred_to_a_person_takes_their_department_and_tells_them(log, users, departments):
    c = log("referred", to_staff_id=users["shenpi"].pk)
    assert c.referred_to == users["shenpi"]
    assert c.referred_department == departments["县市场监管局"]
    message = Notification.objects.get(recipient=users["shenpi"], template="consult.referred")
    assert c.number in message.subject
    assert "王芳" in message.body  # who referred it
    assert "2026年03月04日" in message.body
    assert message.link == f"/window/consultations/{c.pk}/"


def test_referred_to_a_window(log, county_hall):
    window = county_hall.windows.get(number="B03")
    c = log("referred", to_window_id=window.pk)
    assert c.referred_window == window
    assert c.referred_department is None
    assert "B03 不动产登记窗口" in c.follow_ups.get().note


def test_follow_up_needed(log):
    c = log("follow_up", asker_phone="", note="需查询后回电")
    assert c.state == State.FOLLOW_UP
    assert c.follow_up_due == WEDNESDAY
    assert c.follow_ups.get().note == "需查询后回电"
    assert codes(c) == ["consult.consultation.created", "consult.consultation.deferred"]


def test_the_deadline_counts_from_the_next_working_day_after_hours(log, travel, settings):
    with travel(at(2026, 3, 6, 17, 30)):  # Friday after office hours: counts from Monday
        assert log("follow_up").follow_up_due == dt.date(2026, 3, 11)
    settings.CONSULT_FOLLOW_UP_DAYS = 5
    assert log("follow_up").follow_up_due == dt.date(2026, 3, 9)


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("chuangkou", True),
        ("dating", True),
        ("bangban", True),
        ("shenpi", False),
        ("bumen", False),
        ("ducha", False),
        ("lingdao", False),
        ("rexian", False),
        ("admin", False),
        ("zhangsan", False),
    ],
)
def test_only_hall_staff_log(log, users, username, allowed):
    if allowed:
        assert log(actor=username).responsible == users[username]
    else:
        error = unchanged(log, PermissionDenied, actor=username)
        assert "窗口人员、大厅管理员和帮办代办员" in error.message


def test_a_clerk_without_a_hall_cannot_log(log, users):
    clerk = users["chuangkou"]
    clerk.hall = None
    clerk.save(update_fields=["hall"])
    error = unchanged(log, PermissionDenied, actor=clerk)
    assert "所在大厅" in error.message


@pytest.mark.parametrize(
    ("outcome", "kwargs", "error", "field", "text"),
    [
        ("answered", {"answer": "  "}, InvalidInput, "answer", "当场答复须填写答复内容"),
        ("answered", {"asker_name": ""}, InvalidInput, "asker_name", "请填写咨询人姓名"),
        ("answered", {"question": " "}, InvalidInput, "question", "请填写咨询内容"),
        ("answered", {"question": "问" * 2001}, InvalidInput, "question", "不能超过 2000 个字"),
        ("answered", {"asker_phone": "12345"}, InvalidInput, "asker_phone", "11 位手机号码"),
        ("maybe", {}, InvalidInput, "outcome", "处理方式“maybe”无效"),
        ("answered", {"channel": "fax"}, InvalidInput, "channel", "咨询渠道“fax”无效"),
        ("answered", {"asker_kind": "x"}, InvalidInput, "asker_kind", "咨询人类型“x”无效"),
        ("referred", {}, InvalidInput, "to_department_id", "至少一项"),
        ("referred", {"to_department_id": 999999}, NotFound, "to_department_id", "转办部门不存在"),
        ("referred", {"to_window_id": 999999}, NotFound, "to_window_id", "转办窗口不存在"),
        ("referred", {"to_staff_id": 999999}, NotFound, "to_staff_id", "转办人员不存在"),
        ("answered", {"item_id": 999999}, NotFound, "item_id", "事项不存在"),
        ("answered", {"window_id": 999999}, NotFound, "window_id", "窗口不存在"),
        ("follow_up", {"answer": "已答复"}, InvalidInput, "answer", "不填写答复内容"),
        (
            "answered",
            {"asked_at": MONDAY + dt.timedelta(hours=1)},
            InvalidInput,
            "asked_at",
            "不能晚于现在",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field(log, outcome, kwargs, error, field, text):
    exc = unchanged(log, error, outcome=outcome, **kwargs)
    assert exc.details["field"] == field
    assert text in exc.message


def test_referral_targets_are_checked(log, users, departments, county):
    market = departments["县市场监管局"]
    exc = unchanged(
        log, InvalidInput, outcome="answered", to_department_id=market.pk
    )  # answered and referred at once
    assert "要转办请选择“转办”" in exc.message
    exc = unchanged(
        log,
        InvalidInput,
        outcome="referred",
        to_department_id=departments["县人社局"].pk,
        to_staff_id=users["shenpi"].pk,
    )
    assert "赵军不在眉县人力资源和社会保障局" in exc.message
    exc = unchanged(log, InvalidInput, outcome="referred", to_staff_id=users["chuangkou"].pk)
    assert "不能转办给自己" in exc.message
    exc = unchanged(log, NotFound, outcome="referred", to_staff_id=users["zhangsan"].pk)
    assert "不是工作人员" in exc.message
    market.is_active = False
    market.save(update_fields=["is_active"])
    exc = unchanged(log, InvalidInput, outcome="referred", to_department_id=market.pk)
    assert "已停用" in exc.message
    other_hall = county["halls"]["横渠镇"].windows.first()
    exc = unchanged(log, InvalidInput, outcome="answered", window_id=other_hall.pk)
    assert exc.details["field"] == "window_id"


def test_a_failure_after_the_first_write_leaves_nothing(log, departments, monkeypatch):
    """The row, the serial, the referral record and the first audit event are all written
    before the referral's audit event: when that fails, all of them are rolled back."""
    real = audit.record

    def failing(**kwargs):
        if kwargs["code"] == "consult.consultation.referred":
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(audit, "record", failing)
    unchanged(
        log, RuntimeError, outcome="referred", to_department_id=departments["县市场监管局"].pk
    )
    monkeypatch.setattr(audit, "record", real)
    assert log().number == "ZX202603020001"  # the serial was not used up


# --- the state machine -----------------------------------------------------------------------
@pytest.mark.parametrize("action", list(TRANSITIONS))
@pytest.mark.parametrize("state", list(State))
def test_the_table_decides_which_state_allows_which_action(action, state):
    consultation = Consultation(number="ZX202603020001", state=state)
    transition = TRANSITIONS[action]
    if state in transition.sources:
        services._check(consultation, action, None)  # the platform may
    else:
        with pytest.raises(Conflict) as exc:
            services._check(consultation, action, None)
        assert f"当前状态为“{state.label}”" in exc.value.message
        assert exc.value.details["state"] == state.value


# --- referral --------------------------------------------------------------------------------
def test_refer_after_follow_up_keeps_the_deadline(log, departments, users, travel):
    c = log("follow_up")
    with travel(at(2026, 3, 3, 11)):
        services.consultation_refer(
            actor=users["chuangkou"],
            consultation_id=c.pk,
            to_department_id=departments["县人社局"].pk,
            note="社保问题",
        )
    c.refresh_from_db()
    assert c.state == State.REFERRED
    assert c.referred_at == at(2026, 3, 3, 11)
    assert c.follow_up_due == WEDNESDAY
    assert codes(c)[-1] == "consult.consultation.referred"


def test_refer_again_to_another_department(referred, departments, users):
    services.consultation_refer(
        actor=users["dating"],  # the hall's administrator may
        consultation_id=referred.pk,
        to_department_id=departments["县人社局"].pk,
    )
    referred.refresh_from_db()
    assert referred.referred_department == departments["县人社局"]
    assert referred.follow_ups.filter(kind=FollowUp.Kind.REFER).count() == 2
    event = AuditEvent.objects.filter(code="consult.consultation.referred").order_by("seq").last()
    assert event.before["referred_department"] == departments["县市场监管局"].pk
    assert event.after["referred_department"] == departments["县人社局"].pk


@pytest.mark.parametrize("username", ["bangban", "shenpi", "bumen", "ducha", "lingdao"])
def test_only_the_responsible_person_or_hall_admin_refers(referred, departments, users, username):
    exc = unchanged(
        services.consultation_refer,
        PermissionDenied,
        actor=users[username],
        consultation_id=referred.pk,
        to_department_id=departments["县人社局"].pk,
    )
    assert exc.message == "只有首问责任人、本大厅管理员可以转办这条咨询"


def test_a_closed_consultation_cannot_be_referred(log, departments, users):
    c = log("answered")
    exc = unchanged(
        services.consultation_refer,
        Conflict,
        actor=users["chuangkou"],
        consultation_id=c.pk,
        to_department_id=departments["县人社局"].pk,
    )
    assert exc.message.startswith(f"咨询 {c.number} 当前状态为“已办结”，不能转办")
    exc = unchanged(
        services.consultation_refer, NotFound, actor=users["chuangkou"], consultation_id=999999
    )
    assert "不存在" in exc.message


# --- follow-up -------------------------------------------------------------------------------
@pytest.mark.parametrize("username", ["chuangkou", "dating", "shenpi", "bumen"])
def test_the_responsible_person_hall_admin_and_referee_follow_up(referred, users, username):
    record = services.consultation_follow_up(
        actor=users[username], consultation_id=referred.pk, note="  已电话联系  "
    )
    assert record.note == "已电话联系"
    assert record.actor == users[username]
    assert record.kind == FollowUp.Kind.NOTE
    referred.refresh_from_db()
    assert referred.state == State.REFERRED  # a record, not a transition
    event = AuditEvent.objects.filter(code="consult.consultation.followed_up").get()
    assert event.after == {"follow_up": record.pk, "note": "已电话联系"}
    assert event.actor == users[username]


def test_the_named_referee_follows_up(log, users, labour_approver):
    c = log("referred", to_staff_id=labour_approver.pk)
    services.consultation_follow_up(actor=labour_approver, consultation_id=c.pk, note="已答复")
    assert c.follow_ups.filter(kind=FollowUp.Kind.NOTE, actor=labour_approver).exists()


@pytest.mark.parametrize("who", ["bangban", "ducha", "labour_approver"])
def test_others_cannot_follow_up(referred, users, labour_approver, who):
    actor = labour_approver if who == "labour_approver" else users[who]
    exc = unchanged(
        services.consultation_follow_up,
        PermissionDenied,
        actor=actor,
        consultation_id=referred.pk,
        note="看看",
    )
    assert "被转办的部门或人员" in exc.message


def test_follow_up_needs_a_note_and_an_open_consultation(referred, log, users):
    exc = unchanged(
        services.consultation_follow_up,
        InvalidInput,
        actor=users["chuangkou"],
        consultation_id=referred.pk,
        note=" ",
    )
    assert (exc.message, exc.details["field"]) == ("请填写跟进情况", "note")
    closed = log("answered")
    exc = unchanged(
        services.consultation_follow_up,
        Conflict,
        actor=users["chuangkou"],
        consultation_id=closed.pk,
        note="补充",
    )
    assert "当前状态为“已办结”，不能跟进" in exc.message


# --- closure ---------------------------------------------------------------------------------
def test_close_records_the_answer_and_whether_the_asker_was_told(referred, users, travel):
    with travel(at(2026, 3, 3, 15)):
        c = services.consultation_close(
            actor=users["chuangkou"],
            consultation_id=referred.pk,
            result="县市场监管局已电话答复",
            asker_informed=False,
        )
    c.refresh_from_db()
    assert c.state == State.CLOSED
    assert c.result == "县市场监管局已电话答复"
    assert c.asker_informed is False
    assert c.closed_at == at(2026, 3, 3, 15)
    assert c.closed_by == users["chuangkou"]
    assert c.follow_up_due == WEDNESDAY  # kept: was it answered in time?
    assert codes(c)[-1] == "consult.consultation.closed"
    event = AuditEvent.objects.get(code="consult.consultation.closed")
    assert (event.before["state"], event.after["state"]) == ("referred", "closed")
    assert event.after["asker_informed"] is False


def test_the_hall_admin_may_close(referred, users):
    c = services.consultation_close(
        actor=users["dating"], consultation_id=referred.pk, result="已答复", asker_informed=True
    )
    assert c.closed_by == users["dating"]


def test_close_refusals(referred, users, log):
    exc = unchanged(
        services.consultation_close,
        InvalidInput,
        actor=users["chuangkou"],
        consultation_id=referred.pk,
        result="",
        asker_informed=True,
    )
    assert exc.details["field"] == "result"
    exc = unchanged(
        services.consultation_close,
        PermissionDenied,
        actor=users["shenpi"],  # the referee answers; the first-asked closes
        consultation_id=referred.pk,
        result="已答复",
        asker_informed=True,
    )
    assert exc.message == "只有首问责任人、本大厅管理员可以办结这条咨询"
    services.consultation_close(
        actor=users["chuangkou"], consultation_id=referred.pk, result="已答复", asker_informed=True
    )
    exc = unchanged(
        services.consultation_close,
        Conflict,
        actor=users["chuangkou"],
        consultation_id=referred.pk,
        result="再办结一次",
        asker_informed=True,
    )
    assert exc.code == "illegal_state"
    assert "当前状态为“已办结”，不能办结：只有“已转办”、“跟进中”的咨询可以办结" in exc.message


# --- the full phone number -------------------------------------------------------------------
def test_reading_the_full_number_is_for_those_who_answer_and_is_audited(referred, users, log):
    assert (
        services.consultation_reveal_phone(actor=users["shenpi"], consultation_id=referred.pk)
        == PHONE
    )
    event = AuditEvent.objects.get(code="consult.consultation.phone_revealed")
    assert event.actor == users["shenpi"]
    assert PHONE not in str(event.after)
    for username in ("ducha", "bangban"):
        exc = unchanged(
            services.consultation_reveal_phone,
            PermissionDenied,
            actor=users[username],
            consultation_id=referred.pk,
        )
        assert "完整电话" in exc.message
    silent = log("answered", asker_phone="")
    exc = unchanged(
        services.consultation_reveal_phone,
        NotFound,
        actor=users["chuangkou"],
        consultation_id=silent.pk,
    )
    assert exc.message == "咨询人没有留联系电话"
