"""Portal pages for 高效办成一件事 (bundles): the published bundles, each bundle's guide
(一次告知) whose questionnaire (情形引导) narrows the plan by htmx, one application for every
member that applies (一表申请、一套材料), and the applicant's bundle cases with one tracking
page each.

Answers travel as `q-<question key>` parameters (GET on the guide, hidden fields on the
application), so they never collide with the merged form's data-element keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from onewindow.cases.views import domain_errors
from onewindow.core.errors import DomainError, InvalidInput, PermissionDenied
from onewindow.core.permissions import scope_of
from onewindow.portal import selectors as portal_selectors
from onewindow.portal.forms import ApplicationForm
from onewindow.portal.forms import _field as schema_field

from . import definition, selectors, services
from .models import Audience, Bundle, BundleCaseStatus, DeliveryMode

ANSWER = "q-"
MATERIAL = "material-"
PLAN_TARGET = "bundle-plan"
PAGE_SIZE = 20
MOBILE_HINTS = ("Mobile", "Android", "iPhone")
GROUPS = [(Audience.PERSON, "个人办事"), (Audience.ENTERPRISE, "企业办事")]
REPICK_FILES = "出于安全原因，浏览器不会保留已选择的文件，请重新选择要上传的材料。"


# --- helpers ------------------------------------------------------------------------------------
def _answers(params: Any) -> dict[str, str]:
    return {
        name[len(ANSWER) :]: str(value).strip()
        for name, value in params.items()
        if name.startswith(ANSWER) and str(value).strip()
    }


def _query(answers: dict[str, str]) -> str:
    return urlencode({f"{ANSWER}{k}": v for k, v in answers.items()})


def _public(request: HttpRequest) -> None:
    if scope_of(request.user).is_staff:
        raise PermissionDenied(
            "工作人员请在综合窗口为申请人代办“一件事”；网上申请只对个人和企业用户开放"
        )


def _channel(request: HttpRequest) -> str:
    agent = request.headers.get("User-Agent", "")
    return "mobile" if any(h in agent for h in MOBILE_HINTS) else "pc"


def _max_mb() -> int:
    return int(settings.CASE_UPLOAD_MAX_BYTES // (1024 * 1024))


def _int(value: Any, default: int = 1) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return default


@dataclass
class _Schema:
    """What the portal's field builder reads of a form field: the data element and its label."""

    element: Any
    display_label: str


class BundleForm(ApplicationForm):
    """The merged form (each data element once) rendered like an item's application form;
    reading back and showing the service's messages are the portal form's."""

    def __init__(self, merged: list[definition.MergedField], *args: Any, **kwargs: Any) -> None:
        forms.Form.__init__(self, *args, **kwargs)
        for mf in merged:
            field = schema_field(_Schema(mf.element, mf.label))
            field.schema_required = mf.required  # type: ignore[attr-defined]
            self.fields[mf.key] = field


def _questions(bundle_guide: selectors.Guide, answers: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "key": q["key"],
            "text": q.get("text", q["key"]),
            "options": [
                {
                    "value": str(o[0]),
                    "label": str(o[1]),
                    "checked": answers.get(q["key"]) == str(o[0]),
                }
                for o in q.get("options", [])
            ],
        }
        for q in bundle_guide.questions
    ]


def _plan(bundle: Bundle, answers: dict[str, str]) -> tuple[selectors.Guide | None, list[str]]:
    """The members, form and materials for these answers — or, while questions are left,
    what is still to answer."""
    version = bundle.published_version
    assert version is not None
    if version.questions and not answers:
        return None, []
    try:
        return selectors.guide(bundle, answers), []
    except InvalidInput as exc:
        errors = exc.details.get("errors") or {}
        return None, list(errors.values()) or [exc.message]


def _stages(lines: list[selectors.MemberLine]) -> list[tuple[int, list[selectors.MemberLine]]]:
    out: dict[int, list[selectors.MemberLine]] = {}
    for line in lines:
        out.setdefault(line.stage, []).append(line)
    return sorted(out.items())


def _plan_context(bundle: Bundle, answers: dict[str, str], user: Any) -> dict[str, Any]:
    plan, problems = _plan(bundle, answers)
    return {
        "bundle": bundle,
        "plan": plan,
        "problems": problems,
        "answered": len(answers),
        "query": _query(answers),
        "may_apply": not scope_of(user).is_staff,
        "asked_count": sum(1 for m in plan.materials if m.asked) if plan else 0,
        "county_count": sum(1 for m in plan.members if not m.external) if plan else 0,
        "external_count": sum(1 for m in plan.members if m.external) if plan else 0,
        "questions_left": sum(
            1
            for q in (bundle.published_version.questions if bundle.published_version else [])
            if str(q["key"]) not in answers
        ),
    }


# --- list and guide -----------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD"])
def bundle_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:40]
    rows = list(selectors.published())
    if q:
        rows = [
            b
            for b in rows
            if q in b.name or (b.published_version and q in b.published_version.summary)
        ]
    groups = [(label, [b for b in rows if b.audience == audience]) for audience, label in GROUPS]
    return render(
        request,
        "bundles/portal/list.html",
        {"groups": groups, "q": q, "total": len(rows)},
    )


@domain_errors
@require_http_methods(["GET", "HEAD"])
def guide(request: HttpRequest, code: str) -> HttpResponse:
    bundle = selectors.bundle_by_code(code)
    answers = _answers(request.GET)
    fragment = request.headers.get("HX-Target") == PLAN_TARGET and not request.headers.get(
        "HX-History-Restore-Request"
    )
    context = _plan_context(bundle, answers, request.user)
    if fragment:
        response = render(request, "bundles/portal/_plan.html", context)
    else:
        response = _guide_page(request, bundle, answers, context)
    patch_vary_headers(response, ["HX-Target"])
    return response


def _guide_page(
    request: HttpRequest,
    bundle: Bundle,
    answers: dict[str, str],
    context: dict[str, Any] | None = None,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = context or _plan_context(bundle, answers, request.user)
    full = selectors.guide(bundle)
    context.update(
        guide=full,
        version=full.version,
        stages=_stages(full.members),
        questions=_questions(full, answers),
        error=error,
    )
    return render(request, "bundles/portal/guide.html", context, status=status)


# --- application --------------------------------------------------------------------------------
def _render_apply(
    request: HttpRequest,
    *,
    bundle: Bundle,
    plan: selectors.Guide,
    form: BundleForm,
    errors: dict[str, str] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    enterprises = (
        portal_selectors.enterprises_of(request.user)
        if bundle.audience == Audience.ENTERPRISE
        else []
    )
    chosen = request.POST.get("enterprise_id", "")
    if not chosen and len(enterprises) == 1:
        chosen = str(enterprises[0].pk)
    known = set(form.fields) | {"commitment", "delivery_mode", "enterprise_id"}
    others = [
        v
        for k, v in errors.items()
        if k not in known and not k.startswith(MATERIAL) and k not in ("form", "materials")
    ]
    context = {
        "bundle": bundle,
        "plan": plan,
        "version": plan.version,
        "form": form,
        "answers": plan.answers,
        "answer_labels": definition.answer_labels(plan.version, plan.answers),
        "query": _query(plan.answers),
        "stages": _stages(plan.members),
        "materials": [
            {"m": m, "error": errors.get(f"{MATERIAL}{m.key}", "")} for m in plan.materials
        ],
        "enterprises": enterprises,
        "chosen_enterprise": chosen,
        "enterprise_error": errors.get("enterprise_id", ""),
        "delivery_modes": DeliveryMode.choices,
        "delivery_mode": request.POST.get("delivery_mode") or DeliveryMode.TOGETHER,
        "delivery_error": errors.get("delivery_mode", ""),
        "commit_checked": request.POST.get("commit") == "1",
        "commit_error": errors.get("commitment", ""),
        "other_errors": others,
        "error": error,
        "max_mb": _max_mb(),
    }
    return render(request, "bundles/portal/apply.html", context, status=status)


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    _public(request)
    bundle = selectors.bundle_by_code(code)
    posted = request.method == "POST"
    answers = _answers(request.POST if posted else request.GET)
    try:
        plan = selectors.guide(bundle, answers)
    except InvalidInput as exc:  # back to the questionnaire, the answers so far kept
        return _guide_page(
            request,
            bundle,
            answers,
            error=f"{exc.message}。回答全部问题后才能确定要办理的事项和材料。",
            status=422,
        )
    if not posted:
        return _render_apply(request, bundle=bundle, plan=plan, form=BundleForm(plan.form))
    form = BundleForm(plan.form, request.POST)
    if request.POST.get("commit") != "1":
        form.is_valid()
        return _render_apply(
            request,
            bundle=bundle,
            plan=plan,
            form=form,
            errors={"commitment": "请阅读并勾选承诺"},
            error="请勾选“我承诺……”后再提交。" + REPICK_FILES,
            status=422,
        )
    enterprise = request.POST.get("enterprise_id", "")
    files: dict[str, UploadedFile] = {}
    for name in request.FILES:
        upload = request.FILES.get(name)
        if name.startswith(MATERIAL) and upload is not None:
            files[name[len(MATERIAL) :]] = upload
    try:
        bc = services.bundle_apply(
            actor=request.user,
            bundle_id=bundle.pk,
            answers=answers,
            form_data=form.values(),
            files=files,
            channel=_channel(request),
            enterprise_id=int(enterprise) if enterprise.isdigit() else None,
            delivery_mode=request.POST.get("delivery_mode") or DeliveryMode.TOGETHER,
        )
    except DomainError as exc:  # nothing was written: the form again, as typed
        errors = exc.details.get("errors") or {}
        field = exc.details.get("field")
        if field and field not in errors:
            errors = {**errors, field: exc.message}
        form.show_errors({k: v for k, v in errors.items() if k in form.fields})
        return _render_apply(
            request,
            bundle=bundle,
            plan=plan,
            form=form,
            errors=errors,
            error=f"{exc.message}。已填写的内容保留在下面；{REPICK_FILES}",
            status=exc.status,
        )
    messages.success(
        request,
        f"“{bc.bundle_name}”一件事已提交，编号 {bc.number}。"
        f"承诺于 {bc.promised_due:%Y年%m月%d日} 前全部办结，每一阶段的进展都会通知您。",
    )
    return redirect("bundles_portal:case", bundle_case_id=bc.pk)


# --- my bundle cases ----------------------------------------------------------------------------
STATUS_BADGES: dict[str, str] = {
    BundleCaseStatus.IN_PROGRESS.value: "text-bg-primary",
    BundleCaseStatus.CORRECTION.value: "text-bg-info",
    BundleCaseStatus.READY.value: "text-bg-warning",
    BundleCaseStatus.DONE.value: "text-bg-success",
    BundleCaseStatus.STOPPED.value: "text-bg-dark",
}


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def my_cases(request: HttpRequest) -> HttpResponse:
    number = _int(request.GET.get("page"))
    rows = selectors.my_bundle_cases(
        request.user, limit=PAGE_SIZE + 1, offset=(number - 1) * PAGE_SIZE
    )
    for bc in rows:
        bc.badge = STATUS_BADGES.get(bc.status, "text-bg-secondary")  # type: ignore[attr-defined]
    return render(
        request,
        "bundles/portal/my_cases.html",
        {
            "rows": rows[:PAGE_SIZE],
            "page_number": number,
            "has_next": len(rows) > PAGE_SIZE,
            "has_previous": number > 1,
        },
    )


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def case_page(request: HttpRequest, bundle_case_id: int) -> HttpResponse:
    bc = selectors.bundle_case(request.user, bundle_case_id)  # 404 unless visible
    members = list(bc.members.all())
    prefetch_related_objects(members, "member")
    prefetch_related_objects([m.case for m in members if m.case is not None], "materials")
    names = {m.key: m.name for m in members}
    rows = [
        {
            "m": m,
            "waits_for": [names[k] for k in m.member.after if k in names],
            "materials": list(m.case.materials.all()) if m.case else [],
        }
        for m in members
    ]
    return render(
        request,
        "bundles/portal/case.html",
        {
            "bc": bc,
            "badge": STATUS_BADGES.get(bc.status, "text-bg-secondary"),
            "rows": rows,
            "timeline": selectors.timeline(bc),
            "notices": list(reversed(bc.notices.all())),
            "answer_labels": definition.answer_labels(bc.version, bc.answers),
            "files": bc.files.order_by("id"),
        },
    )
