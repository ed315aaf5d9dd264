"""Demo bundle cases: "高效办成一件事" applications in progress, told through the services
(so numbers, member cases, notices and the single timeline are real).

- 张三's 新生儿出生: 出生医学证明 granted by 县卫健局, and the members waiting on it started by
  themselves with its result as their material; 预防接种证 also granted.
- 张三's 社会保障卡居民服务 (card lost): 县人社局 asks for a correction, so the bundle
  waits for the applicant with one combined correction notice.
- 张三's 灵活就业: every member granted and the results delivered electronically — finished,
  fully online.
- The demo enterprise's 员工录用 (through 李秀梅): granted, the result waiting at the
  window for the unified delivery (待出件).

Unlike the case demo the stories are not back-dated: they happen when the demo is loaded.
Each story, once told, leaves an audit event `bundles.demo.created` naming its key, so
loading twice creates nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from onewindow.cases import lifecycle
from onewindow.cases import services as cases
from onewindow.cases.models import Case
from onewindow.catalog.codes import FieldType
from onewindow.core import audit
from onewindow.core.permissions import scope_of
from onewindow.identity.models import Enterprise, User

from . import definition, selectors, services
from .models import BundleCase

DEMO_EVENT = "bundles.demo.created"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Story:
    key: str
    bundle: str
    applicant: str  # username; an enterprise bundle is applied for by its agent
    answers: dict[str, str]
    grant: list[str] = field(default_factory=list)  # member keys granted, in order
    correct: dict[str, str] = field(default_factory=dict)  # member key → problem
    deliver: str = ""  # unified delivery method once everything is granted
    form: dict[str, Any] = field(default_factory=dict)  # values beyond the generic ones


STORIES = [
    Story(
        "newborn",
        "newborn",
        "zhangsan",
        {
            "social_card": "yes",
            "medical_insurance": "yes",
            "reimbursement": "no",
            "parenting": "yes",
        },
        grant=["birth_cert", "vaccination"],
        form={
            "child.name": "张小满",
            "child.gender": "女",
            "child.birth_place": "眉县人民医院",
            "mother.name": "李芳",
            "father.name": "张三",
            "household.relationship": "女",
        },
    ),
    Story(
        "social_card",
        "social_card_services",
        "zhangsan",
        {"card": "lost", "transport": "no", "culture": "no"},
        correct={"card_replace": "照片背景不是白色，请上传白底免冠证件照片"},
    ),
    Story(
        "flexible_employment",
        "flexible_employment",
        "zhangsan",
        {"form": "freelance", "loan": "no", "medical_insurance": "yes"},
        grant=["employment_card", "medical_insurance"],
        deliver="online",
    ),
    Story(
        "employee_hiring",
        "employee_hiring",
        "qiye",
        {"first_hire": "no"},
        grant=["employment"],
    ),
]


def told() -> dict[str, int]:
    from onewindow.demo import stories_told

    return stories_told(DEMO_EVENT)


def sample_value(f: definition.MergedField, applicant: User, enterprise: Enterprise | None) -> Any:
    """A plausible value for a merged form field, by its data element and type."""
    key, kind = f.key, f.type
    if kind == FieldType.ID_NUMBER:
        return applicant.id_number
    if kind == FieldType.USCC:
        return enterprise.uscc if enterprise else ""
    if kind == FieldType.PHONE:
        return applicant.phone or "13800000001"
    if kind == FieldType.EMAIL:
        return "demo@meixian.gov.cn"
    if kind == FieldType.DATE:
        return (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    if kind == FieldType.SELECT:
        return f.options[0] if f.options else ""
    if kind == FieldType.MULTISELECT:
        return f.options[:1]
    if kind == FieldType.CHECKBOX:
        return True
    if kind == FieldType.NUMBER:
        return 1
    if key.endswith(".name"):
        if key.startswith("enterprise.") and enterprise is not None:
            return enterprise.name
        return applicant.name
    if "address" in key:
        return "眉县首善街道平阳街 18 号"
    return f"{f.label}（演示）"


def _handler(case: Case) -> User:
    """A staff member of the member case's department who can move it on."""
    staff = User.objects.filter(kind=User.Kind.STAFF, department_id=case.department_id)
    for user in staff:
        if lifecycle.available_actions(case, user):
            return user
    raise LookupError(f"no demo staff can work {case.number} ({case.department})")


def _grant(case: Case) -> None:
    for _ in range(10):
        case.refresh_from_db()
        actor = _handler(case)
        actions = [t.action for t in lifecycle.available_actions(case, actor)]
        if "approve" in actions:
            cases.approve(actor=actor, case_id=case.pk, opinion="材料齐全，符合条件，准予办理")
            return
        if "accept" in actions:
            cases.accept(actor=actor, case_id=case.pk)
        elif "start_review" in actions:
            cases.start_review(actor=actor, case_id=case.pk)
        elif "pass" in actions:
            cases.pass_step(actor=actor, case_id=case.pk, opinion="同意")
        else:
            raise LookupError(f"{case.number}: no way on from {case.state}")
    raise LookupError(f"{case.number}: too many steps")


def tell(story: Story, users: dict[str, User]) -> BundleCase:
    bundle = selectors.bundle_by_code(story.bundle)
    applicant = users[story.applicant]
    enterprise = None
    if bundle.audience == "enterprise":
        enterprise = Enterprise.objects.filter(pk__in=scope_of(applicant).enterprise_ids).first()
    plan = selectors.guide(bundle, story.answers)
    form = {f.key: sample_value(f, applicant, enterprise) for f in plan.form}
    form.update({k: v for k, v in story.form.items() if k in form})
    files = {
        m.key: SimpleUploadedFile(f"{m.name}.pdf", PDF, content_type="application/pdf")
        for m in plan.materials
        if m.asked
    }
    bc = services.bundle_apply(
        actor=applicant,
        bundle_id=bundle.pk,
        answers=story.answers,
        form_data=form,
        files=files,
        channel="mobile",
        enterprise_id=enterprise.pk if enterprise else None,
    )
    for key in story.grant:
        row = bc.members.get(key=key)
        assert row.case is not None, f"{story.key}: {key} has not started"
        _grant(row.case)
    for key, problem in story.correct.items():
        row = bc.members.get(key=key)
        assert row.case is not None
        material = row.case.materials.order_by("id").first()
        cases.request_correction(
            actor=_handler(row.case),
            case_id=row.case.pk,
            items=[{"material": material.name if material else "申请材料", "problem": problem}],
        )
    if story.deliver:
        bc.refresh_from_db()
        first = bc.members.exclude(case=None).order_by("order").first()
        assert first is not None
        assert first.case is not None
        services.bundle_deliver(
            actor=_handler(first.case), bundle_case_id=bc.pk, method=story.deliver
        )
    bc.refresh_from_db()
    return bc


def load_cases(ctx: Any) -> None:
    done = told()
    users = {
        u.username: u for u in User.objects.filter(username__in={s.applicant for s in STORIES})
    }
    for story in STORIES:
        if story.key in done:
            ctx.count(False)
            continue
        bc = tell(story, users)
        audit.record(code=DEMO_EVENT, obj=bc, after={"key": story.key, "number": bc.number})
        done[story.key] = bc.pk
        ctx.count(True)
    ctx.objects["bundle_cases"] = {
        key: bc
        for key, bc in ((k, BundleCase.objects.filter(pk=pk).first()) for k, pk in done.items())
        if bc is not None
    }
