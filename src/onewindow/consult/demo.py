"""Demo consultations at the county centre: eight questions asked at its windows, by phone
and online, in every state — answered on the spot, referred (to a department, a named
approver, a professional window), waiting for follow-up, two of them past the follow-up
deadline, and closed after a referral — told through the services, so numbers, deadlines,
follow-up records, the referee's message and the audit trail are real.

A story is asked `days_ago` working days before today (passed to the service as the time
asked, from which the number and the follow-up deadline follow); what happened later runs
at load time. Each story, once told, appends an audit event `consult.demo.created` naming
its key, so loading twice creates nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from onewindow.catalog import selectors as catalog_selectors
from onewindow.core import audit
from onewindow.core.workdays import Calendar
from onewindow.identity.models import User
from onewindow.org.models import Window

from . import services
from .models import Consultation, FollowUp

DEMO_EVENT = "consult.demo.created"


@dataclass(frozen=True)
class Story:
    key: str
    clerk: str  # who was asked first
    days_ago: int  # working days before today (0 = today)
    hhmm: str
    log: dict[str, Any]  # consultation_log's arguments (departments, windows by name)
    item: str = ""  # part of a published item's name
    later: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)


STORIES = [
    Story(
        "answered-food-licence",
        "chuangkou",
        0,
        "09:20",
        {
            "asker_name": "马先生",
            "asker_phone": "13991765501",
            "channel": "onsite",
            "window": "A01",
            "question": "想在平阳街开一家小面馆，食品经营许可要准备哪些材料？能不能网上办？",
            "outcome": "answered",
            "answer": "需营业执照、经营场所平面图、食品安全管理制度和负责人身份证；"
            "可在“秦务员”或本平台网上申请，材料齐全的 5 个工作日内办结。已给一次性告知单。",
        },
        item="食品经营许可",
    ),
    Story(
        "answered-phone-hours",
        "bangban",
        1,
        "16:40",
        {
            "asker_name": "刘女士",
            "asker_phone": "0917-5523318",
            "channel": "phone",
            "question": "周六上午政务服务中心开门吗？可以办社保卡补卡吗？",
            "outcome": "answered",
            "answer": "周六上午 9:00—12:00 开放；社保卡补卡在 B04 社保医保窗口即时办理，带身份证即可。",
        },
        item="社会保障卡",
    ),
    Story(
        "referred-approver-closed",
        "chuangkou",
        3,
        "10:05",
        {
            "asker_name": "陕西眉香猕猴桃有限公司 李秀梅",
            "asker_kind": "enterprise",
            "asker_phone": "13800000002",
            "channel": "onsite",
            "window": "A05",
            "question": "公司要增加预包装食品销售，原食品经营许可证需要变更还是重新申请？",
            "outcome": "referred",
            "to_department": "县市场监管局",
            "to_staff": "shenpi",
            "note": "涉及经营项目变更的审查口径，请审批人员答复。",
        },
        later=[
            (
                "follow_up",
                "shenpi",
                {"note": "已电话联系李女士：增加经营项目办理许可变更即可，无需重新申请。"},
            ),
            (
                "close",
                "chuangkou",
                {
                    "result": "增加预包装食品销售属许可事项变更，提交变更申请即可，"
                    "审批人员已电话告知，咨询人表示清楚。",
                    "asker_informed": True,
                },
            ),
        ],
        item="食品经营许可",
    ),
    Story(
        "referred-department-open",
        "chuangkou",
        0,
        "10:30",
        {
            "asker_name": "赵师傅",
            "asker_phone": "13709172288",
            "channel": "onsite",
            "window": "A02",
            "question": "自家电梯年检过期了，特种设备使用登记证要不要重新办？",
            "outcome": "referred",
            "to_department": "县市场监管局",
            "note": "请特种设备股答复。",
        },
    ),
    Story(
        "referred-overdue",
        "chuangkou",
        4,
        "15:10",
        {
            "asker_name": "孙大爷",
            "asker_phone": "13572086614",
            "channel": "onsite",
            "window": "A01",
            "question": "在外省交了 8 年养老保险，回眉县后怎么转移接续？",
            "outcome": "referred",
            "to_department": "县人社局",
            "note": "跨省转移接续，请县人社局养老保险股答复并回电。",
        },
    ),
    Story(
        "follow-up-open",
        "dating",
        1,
        "11:00",
        {
            "asker_name": "周女士",
            "channel": "online",
            "question": "网上申请的办件显示“待补正”，但没有收到补正通知，怎么办？",
            "outcome": "follow_up",
            "note": "需查询办件记录和短信发送情况后回复。",
        },
        later=[
            (
                "follow_up",
                "dating",
                {"note": "已查到补正告知书已出具，短信因号码停机未送达，正在联系申请人更新号码。"},
            )
        ],
    ),
    Story(
        "follow-up-overdue",
        "chuangkou",
        5,
        "14:20",
        {
            "asker_name": "吴先生",
            "asker_phone": "15891723309",
            "channel": "phone",
            "question": "农村宅基地上建房需要办哪些手续？要跑几个部门？",
            "outcome": "follow_up",
            "note": "涉及自然资源、住建和镇政府，需核实县里最新的联办流程。",
        },
    ),
    Story(
        "referred-window-closed",
        "bangban",
        2,
        "09:45",
        {
            "asker_name": "郑先生",
            "asker_phone": "13319170426",
            "channel": "onsite",
            "question": "二手房过户和不动产登记能一次办完吗？",
            "outcome": "referred",
            "to_department": "县自然资源局",
            "to_window": "B03",
            "note": "带咨询人到不动产登记窗口当面答复。",
        },
        later=[
            (
                "close",
                "bangban",
                {
                    "result": "不动产登记窗口已当面说明“带押过户”与税费联办，可一窗一次办结；"
                    "咨询人留下材料清单后离开，未再回电确认。",
                    "asker_informed": False,
                },
            )
        ],
        item="不动产",
    ),
]


def told() -> dict[str, int]:
    """Story key → consultation id, for every story already in the audit trail."""
    from onewindow.demo import stories_told

    return stories_told(DEMO_EVENT)


def _moment(cal: Calendar, today: dt.date, days_ago: int, hhmm: str) -> dt.datetime:
    now = timezone.now()
    day = cal.add_working_days(today, -days_ago) if days_ago else today
    hour, minute = map(int, hhmm.split(":"))
    moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())
    return min(moment, now)  # a story "today" never happens later than now


def _item_id(name: str) -> int | None:
    if not name:
        return None
    return (
        catalog_selectors.published()
        .filter(name__contains=name)
        .order_by("item__implementation_code")
        .values_list("item_id", flat=True)
        .first()
    )


def tell(story: Story, *, ctx: Any, cal: Calendar, today: dt.date) -> Consultation:
    users = {u.username: u for u in User.objects.filter(username__in=_usernames(story))}
    departments = ctx.objects["departments"]
    hall = ctx.objects["halls"]["county"]
    windows = {w.number: w.pk for w in Window.objects.filter(hall=hall)}
    args = dict(story.log)
    kwargs: dict[str, Any] = {
        key: value
        for key, value in args.items()
        if key not in ("window", "to_department", "to_staff", "to_window")
    }
    if "window" in args:
        kwargs["window_id"] = windows[args["window"]]
    if "to_department" in args:
        kwargs["to_department_id"] = departments[args["to_department"]].pk
    if "to_staff" in args:
        kwargs["to_staff_id"] = users[args["to_staff"]].pk
    if "to_window" in args:
        kwargs["to_window_id"] = windows[args["to_window"]]
    asked_at = _moment(cal, today, story.days_ago, story.hhmm)
    consultation = services.consultation_log(
        actor=users[story.clerk],
        asked_at=asked_at,
        item_id=_item_id(story.item),
        **kwargs,
    )
    if consultation.closed_at is not None and story.days_ago:
        # Answered on the spot, back then.
        Consultation.objects.filter(pk=consultation.pk).update(
            closed_at=asked_at + dt.timedelta(minutes=5)
        )
    if consultation.referred_at is not None and story.days_ago:
        # Referred when it was logged, back then.
        referred_at = asked_at + dt.timedelta(minutes=3)
        Consultation.objects.filter(pk=consultation.pk).update(referred_at=referred_at)
        consultation.follow_ups.filter(kind=FollowUp.Kind.REFER).update(created_at=referred_at)
        consultation.follow_ups.filter(kind=FollowUp.Kind.NOTE).update(created_at=referred_at)
    for action, who, payload in story.later:
        if action == "follow_up":
            services.consultation_follow_up(
                actor=users[who], consultation_id=consultation.pk, **payload
            )
        elif action == "close":
            services.consultation_close(
                actor=users[who], consultation_id=consultation.pk, **payload
            )
    return consultation


def _usernames(story: Story) -> set[str]:
    names = {story.clerk, *(who for _action, who, _payload in story.later)}
    if "to_staff" in story.log:
        names.add(story.log["to_staff"])
    return names


def load(ctx: Any) -> None:
    from onewindow.cases.demo import ensure_calendar

    done = told()
    pending = [story for story in STORIES if story.key not in done]
    for _story in STORIES[len(pending) :]:
        ctx.count(False)
    if pending:
        today = timezone.localdate()
        ensure_calendar(today)  # the demo's back-dated days and deadlines need the calendar
        cal = Calendar()
        for story in pending:
            consultation = tell(story, ctx=ctx, cal=cal, today=today)
            audit.record(
                code=DEMO_EVENT,
                obj=consultation,
                after={"key": story.key, "number": consultation.number},
            )
            done[story.key] = consultation.pk
            ctx.count(True)
    by_pk = Consultation.objects.in_bulk(list(done.values()))
    ctx.objects["consultations"] = {key: by_pk[pk] for key, pk in done.items() if pk in by_pk}
