"""Export of cases for reporting upward, shaped after GB/T 39046-2020's case tables:
basic information (办件基本信息), process (办件过程信息), special procedures (特别程序信息)
and result (办件结果信息). Keys are English; `FIELDS` gives each key's Chinese data-item
name, and the document carries that dictionary so a receiver can map it.

The export streams: `iter_cases` reads in chunks with the timeline, special procedures and
notices prefetched, so a year of a county's cases does not need to fit in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .models import CHANNEL_GB_CODE, Case, CaseState, CaseStep

FIELDS: dict[str, str] = {
    # 办件基本信息
    "case_number": "办件编号（申办流水号）",
    "implementation_code": "事项实施编码",
    "item_name": "事项名称",
    "item_version": "事项版本",
    "item_type": "事项类型",
    "handling_type": "办件类型",
    "department_name": "实施主体名称",
    "department_code": "实施主体统一社会信用代码",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人名称",
    "applicant_code": "申请人证件号码",
    "channel_code": "办理形式（申请方式）",
    "proxy_region": "跨域通办代收地区",
    "submitted_at": "申请时间",
    "received_on": "收件日期",
    "accepted_at": "受理时间",
    "accepted_on": "受理日期（时限起算日）",
    "auto_accepted": "逾期未告知补正视为受理",
    "statutory_limit": "法定办结时限",
    "statutory_unit": "法定时限单位",
    "promised_limit": "承诺办结时限",
    "promised_unit": "承诺时限单位",
    "statutory_due": "法定办结日期",
    "promised_due": "承诺办结日期",
    "extension_days": "延长期限",
    "state": "办件状态",
    # 办件过程信息
    "seq": "环节序号",
    "step_name": "环节名称",
    "step_department": "办理部门",
    "handler": "办理人",
    "action": "办理结果（动作）",
    "opinion": "办理意见",
    "started_at": "环节开始时间",
    "ended_at": "环节结束时间",
    # 特别程序信息
    "kind": "特别程序种类",
    "reason": "特别程序启动理由",
    "expected_days": "特别程序预计时限",
    "started_on": "特别程序开始日期",
    "ended_on": "特别程序结束日期",
    "result": "特别程序结果",
    "days_not_counted": "不计时天数",
    # 办件结果信息
    "outcome": "办理结果",
    "decided_at": "办结时间",
    "on_time": "是否按时办结",
    "result_name": "结果名称",
    "delivered_at": "出件（送达）时间",
    "notices": "文书（名称、文号、出具时间）",
}

OUTCOMES = {
    CaseState.APPROVED: "准予",
    CaseState.DENIED: "不予",
    CaseState.NOT_ACCEPTED: "不予受理",
    CaseState.WITHDRAWN: "撤回",
    CaseState.TERMINATED: "终止",
}


def _ts(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def select(
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    department_id: int | None = None,
    qs: QuerySet[Case] | None = None,
) -> QuerySet[Case]:
    """Submitted cases (drafts are never reported) with a submission date in [since, until]."""
    qs = (qs if qs is not None else Case.objects.all()).exclude(state=CaseState.DRAFT)
    if since:
        qs = qs.filter(received_on__gte=since)
    if until:
        qs = qs.filter(received_on__lte=until)
    if department_id:
        qs = qs.filter(Q(department_id=department_id))
    return (
        qs.select_related("item", "version", "department")
        .prefetch_related(
            Prefetch(
                "timeline",
                queryset=CaseStep.objects.select_related("department").order_by("seq"),
            ),
            "special_procedures__kind",
            "notices",
        )
        .order_by("received_on", "pk")
    )


def record(case: Case) -> dict[str, Any]:
    version = case.version
    decided = case.state not in (
        CaseState.SUBMITTED,
        CaseState.PREREVIEW,
        CaseState.CORRECTION,
        CaseState.ACCEPTED,
        CaseState.REVIEWING,
        CaseState.SPECIAL,
    )
    outcome = OUTCOMES.get(CaseState(case.state))
    if outcome is None and decided:
        # Delivered/archived cases: the decision is the last decide step on the timeline.
        decisions = [s.action for s in case.timeline.all() if s.action in ("approve", "deny")]
        outcome = {"approve": "准予", "deny": "不予"}.get(decisions[-1]) if decisions else None
    return {
        "basic": {
            "case_number": case.number,
            "implementation_code": case.item.implementation_code,
            "item_name": case.item_name,
            "item_version": version.number,
            "item_type": version.item_type,
            "handling_type": str(version.handling_type),
            "department_name": case.department.name,
            "department_code": case.department.uscc,
            "applicant_type": "1" if case.applicant_kind == "person" else "2",
            "applicant_name": case.applicant_name,
            "applicant_code": case.applicant_code_masked,
            "channel_code": CHANNEL_GB_CODE[case.channel],
            "proxy_region": case.proxy_region,
            "submitted_at": _ts(case.submitted_at),
            "received_on": _d(case.received_on),
            "accepted_at": _ts(case.accepted_at),
            "accepted_on": _d(case.accepted_on),
            "auto_accepted": case.auto_accepted,
            "statutory_limit": case.statutory_limit,
            "statutory_unit": case.statutory_unit,
            "promised_limit": case.promised_limit,
            "promised_unit": case.promised_unit,
            "statutory_due": _d(case.statutory_due),
            "promised_due": _d(case.promised_due),
            "extension_days": case.extension_days,
            "state": case.get_state_display(),
        },
        "process": [
            {
                "seq": s.seq,
                "step_name": s.name,
                "step_department": s.department.name if s.department else "",
                "handler": s.actor_name,
                "action": s.action_label,
                "opinion": s.opinion,
                "started_at": _ts(s.started_at),
                "ended_at": _ts(s.ended_at),
            }
            for s in case.timeline.all()
        ],
        "special_procedures": [
            {
                "kind": p.kind.name,
                "reason": p.reason,
                "expected_days": p.expected_days,
                "started_on": _d(p.started_on),
                "ended_on": _d(p.ended_on),
                "result": p.result,
                "days_not_counted": p.days_not_counted,
            }
            for p in case.special_procedures.all()
        ],
        "result": {
            "outcome": outcome,
            "decided_at": _ts(case.decided_at),
            "on_time": case.decided_on_time,
            "result_name": version.result_name if outcome == "准予" else "",
            "delivered_at": _ts(case.delivered_at),
            "notices": [
                {"title": n.title, "number": n.number, "issued_at": _ts(n.issued_at)}
                for n in case.notices.all()
            ],
        },
    }


def header(**params: Any) -> dict[str, Any]:
    return {
        "format": "onewindow.cases/1 (shaped after GB/T 39046-2020)",
        "platform": settings.PLATFORM_NAME,
        "county": settings.COUNTY_NAME,
        "generated_at": _ts(timezone.now()),
        "parameters": {
            k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in params.items()
        },
        "fields": FIELDS,
    }


def iter_json(
    qs: QuerySet[Case], params: dict[str, Any] | None = None, *, chunk_size: int = 500
) -> Iterator[str]:
    """The export document as text chunks: header, then one case at a time."""
    head = json.dumps(header(**(params or {})), ensure_ascii=False)
    yield head[:-1] + ', "cases": ['
    first = True
    for case in qs.iterator(chunk_size=chunk_size):
        yield ("" if first else ",") + "\n" + json.dumps(record(case), ensure_ascii=False)
        first = False
    yield "\n]}\n"
