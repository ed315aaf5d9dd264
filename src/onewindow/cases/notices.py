"""Written notices (文书) a case action produces, and the messages that tell people.

Each notice is numbered `<部门简称><字>〔年〕<序号>号` per department, kind and year, stored
with its full text, and announced to the applicant in the platform and by SMS ("notified
in writing"). Issue 5 renders them as PDFs from the same record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.template import Context, Template
from django.utils import timezone

from onewindow.notifications import templates_registry
from onewindow.notifications.models import Channel

from .models import Case, CaseNotice
from .numbering import next_value


@dataclass(frozen=True)
class NoticeKind:
    title: str
    word: str  # the character in the document number (受, 补, 不受…)
    body: str


KINDS: dict[str, NoticeKind] = {
    "acceptance": NoticeKind(
        "受理通知书",
        "受",
        "{{ applicant }}：\n你（单位）于{{ received }}提出的{{ item }}申请（办件编号 {{ number }}），"
        "申请材料齐全、符合法定形式，本机关决定予以受理。"
        "{% if auto %}因本机关未在收到申请材料之日起 {{ correction_days }} 个工作日内一次性告知需要补正的内容，"
        "依照《中华人民共和国行政许可法》第三十二条，自收到申请材料之日起即为受理。{% endif %}"
        "本机关将于{{ promised_due }}前（承诺时限 {{ promised_limit }} 个{{ unit }}）作出决定，"
        "法定办结时限至{{ statutory_due }}。",
    ),
    "correction": NoticeKind(
        "补正材料一次性告知书",
        "补",
        "{{ applicant }}：\n你（单位）提出的{{ item }}申请（办件编号 {{ number }}），"
        "申请材料不齐全或者不符合法定形式，请一次性补正以下内容：\n{{ items }}\n"
        "{% if note %}{{ note }}\n{% endif %}补正材料齐全后，本机关将依法予以受理。",
    ),
    "refusal": NoticeKind(
        "不予受理通知书",
        "不受",
        "{{ applicant }}：\n你（单位）提出的{{ item }}申请（办件编号 {{ number }}），"
        "本机关决定不予受理。理由：{{ reason }}"
        "{% if legal_basis %}\n依据：{{ legal_basis }}{% endif %}\n"
        "如对本决定不服，可以依法申请行政复议或者提起行政诉讼。",
    ),
    "special": NoticeKind(
        "特别程序告知书",
        "特",
        "{{ applicant }}：\n你（单位）申请的{{ item }}（办件编号 {{ number }}），需要进行{{ kind }}。"
        "原因：{{ reason }}\n预计需要 {{ expected_days }} 个工作日。"
        "依照《中华人民共和国行政许可法》第四十五条，所需时间不计算在办理期限内。",
    ),
    "extension": NoticeKind(
        "延长审查期限告知书",
        "延",
        "{{ applicant }}：\n你（单位）申请的{{ item }}（办件编号 {{ number }}），"
        "因{{ reason }}，经本机关负责人批准，办理期限延长 {{ days }} 个工作日，"
        "承诺办结日延至{{ promised_due }}，法定办结日延至{{ statutory_due }}。",
    ),
    "grant": NoticeKind(
        "准予许可决定书",
        "准",
        "{{ applicant }}：\n你（单位）申请的{{ item }}（办件编号 {{ number }}），"
        "经审查，符合法定条件、标准，本机关决定准予。{% if opinion %}\n{{ opinion }}{% endif %}"
        "{% if result %}\n办理结果：{{ result }}。{% endif %}",
    ),
    "denial": NoticeKind(
        "不予许可决定书",
        "不准",
        "{{ applicant }}：\n你（单位）申请的{{ item }}（办件编号 {{ number }}），"
        "经审查，本机关决定不予准予。理由：{{ reason }}\n"
        "如对本决定不服，可以依法申请行政复议或者提起行政诉讼。",
    ),
    "tolerance": NoticeKind(
        "容缺受理通知书",
        "容",
        "{{ applicant }}：\n你（单位）提出的{{ item }}申请（办件编号 {{ number }}），主要申请材料齐全、"
        "符合法定形式，本机关依据你（单位）签署的容缺受理承诺书予以容缺受理。"
        "请于下列期限前补齐以下材料（逾期未补齐的，本机关将终止办理）：\n{{ items }}\n"
        "补齐方式：登录网上办事大厅上传，或到受理窗口提交。",
    ),
    "commitment": NoticeKind(
        "告知承诺书",
        "诺",
        "{{ item }}（办件编号 {{ number }}）\n{{ letter }}\n承诺人：{{ signer }}\n"
        "本机关依据以上承诺受理，并将依法进行事后核查。",
    ),
    "revocation": NoticeKind(
        "撤销决定书",
        "撤",
        "{{ applicant }}：\n你（单位）以告知承诺方式取得的{{ item }}（办件编号 {{ number }}），"
        "经事后核查，承诺内容与实际情况不符。依照《中华人民共和国行政许可法》第六十九条等规定，"
        "本机关决定撤销原准予决定。理由：{{ reason }}\n"
        "如对本决定不服，可以依法申请行政复议或者提起行政诉讼。",
    ),
    "termination": NoticeKind(
        "终止办理通知书",
        "终",
        "{{ applicant }}：\n你（单位）申请的{{ item }}（办件编号 {{ number }}），本机关决定终止办理。"
        "理由：{{ reason }}",
    ),
}


def _render(text: str, context: dict[str, Any]) -> str:
    return Template(text).render(Context(context, autoescape=False)).strip()


def issue(case: Case, kind: str, *, actor: Any, context: dict[str, Any]) -> CaseNotice:
    spec = KINDS[kind]
    now = timezone.localtime()
    department = case.department
    # The serial runs per printed prefix, not per department: short names are not unique,
    # and two departments sharing one must not print the same number. (Hashed to fit the
    # counter's 40 characters whatever the short name's length.)
    short = hashlib.sha256(department.short_name.encode()).hexdigest()[:12]
    serial = next_value(f"notice:{short}:{kind}:{now.year}")
    number = f"{department.short_name}{spec.word}〔{now.year}〕{serial:04d}号"
    base = {
        "applicant": case.applicant_name,
        "item": case.item_name,
        "number": case.number,
        "received": f"{case.received_on:%Y年%m月%d日}" if case.received_on else "",
        "promised_due": f"{case.promised_due:%Y年%m月%d日}" if case.promised_due else "",
        "statutory_due": f"{case.statutory_due:%Y年%m月%d日}" if case.statutory_due else "",
        "promised_limit": case.promised_limit,
        "unit": "自然日" if case.promised_unit == "natural" else "工作日",
        **context,
    }
    notice = CaseNotice.objects.create(
        case=case,
        kind=kind,
        title=spec.title,
        number=number,
        body=_render(spec.body, base),
        issued_at=now,
        issued_by=actor if actor is not None and actor.is_authenticated else None,
    )
    _tell_applicant(case, notice)
    return notice


def _tell_applicant(case: Case, notice: CaseNotice) -> None:
    from onewindow.notifications.services import notify

    if case.bundled:  # the bundle sends one message per stage for all its members
        return

    recipients = {u.pk: u for u in (case.applicant, case.agent) if u is not None}
    ready = notice.kind in ("grant", "denial")
    where = ""
    if ready:
        hall = case.receiving_hall or case.hall
        where = hall.name if hall is not None else "受理窗口"
    for user in recipients.values():
        if ready:
            # The result is ready: say where to collect it (统一窗口出件).
            notify(
                recipient=user,
                template="cases.result_ready",
                key=f"cases:result:{case.pk}:{user.pk}",
                context={"number": case.number, "item": case.item_name, "where": where},
                channels=(Channel.IN_APP, Channel.SMS),
                link=f"/portal/cases/{case.pk}/",
            )
        notify(
            recipient=user,
            template="cases.notice",
            key=f"cases:notice:{notice.pk}:{user.pk}",
            context={"number": case.number, "item": case.item_name, "title": notice.title},
            channels=(Channel.IN_APP, Channel.SMS),
            link=f"/portal/cases/{case.pk}/",
        )


templates_registry.register(
    "cases.notice",
    subject="办件 {{ number }}：{{ title }}",
    body="您申请的{{ item }}（办件编号 {{ number }}）出具了《{{ title }}》，请登录查看。",
    sms="【{{ county }}政务服务】您的办件{{ number }}出具了《{{ title }}》，请登录查看。",
)
templates_registry.register(
    "cases.near",
    subject="临期提醒：{{ count }} 件办件即将到期",
    body="您承办的 {{ count }} 件办件即将到承诺办结时限：{{ numbers }}。请抓紧办理。",
)
templates_registry.register(
    "cases.overdue",
    subject="超时预警：{{ count }} 件办件已超过承诺时限",
    body="{{ department }}有 {{ count }} 件办件已超过承诺办结时限：{{ numbers }}。已生成督办单，请督促办理。",
    sms="【{{ county }}政务服务】超时预警：{{ department }}有{{ count }}件办件已超期，请督促办理。",
)
templates_registry.register(
    "cases.supervision",
    subject="督办单 {{ order }}：{{ subject }}",
    body="您被列为督办单 {{ order }}（{{ subject }}）的责任人。督办事由：{{ reason }}。请于{{ reply_due }}前反馈办理情况。",
    sms="【{{ county }}政务服务】您有督办单{{ order }}，请于{{ reply_due }}前反馈。",
)
templates_registry.register(
    "cases.tolerance_due",
    subject="容缺材料即将到期：{{ item }}",
    body="您申请的{{ item }}（办件编号 {{ number }}）容缺受理时缺少的材料“{{ names }}”须于{{ due }}前补齐，"
    "逾期未补齐将终止办理。请登录网上办事大厅上传，或到受理窗口提交。",
    sms="【{{ county }}政务服务】您的办件{{ number }}容缺材料须于{{ due }}前补齐，逾期将终止办理。",
)
templates_registry.register(
    "cases.revocation_opened",
    subject="告知承诺不实，待作出撤销决定：{{ item }}",
    body="{{ applicant }}申请的{{ item }}（办件编号 {{ number }}）经事后核查承诺不实，已记入信用记录，"
    "请作出是否撤销的决定。",
)
templates_registry.register(
    "cases.postcheck_late",
    subject="事后核查已超期：{{ item }}",
    body="办件 {{ number }}（{{ item }}）的告知承诺事后核查应于{{ due }}前完成，请尽快核查并登记结果。",
)
templates_registry.register(
    "cases.result_ready",
    subject="办理结果已出：{{ item }}",
    body="您申请的{{ item }}（办件编号 {{ number }}）已办结。请携带身份证件到{{ where }}统一出件窗口领取，"
    "也可申请邮寄送达；决定书可在“我的办件”中下载。",
    sms="【{{ county }}政务服务】您的办件{{ number }}已办结，请到{{ where }}领取结果或申请邮寄。",
)
