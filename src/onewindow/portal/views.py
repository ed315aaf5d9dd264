"""Portal pages for citizens and enterprise agents: apply online from a guide, keep drafts,
follow "my cases", download notices and answer a correction request.

A refusal is shown where it belongs — next to the field or material, or above the form — and
everything typed is shown again; files already accepted stay attached to the draft."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.cases import commitment
from onewindow.cases import selectors as case_selectors
from onewindow.cases import services as case_services
from onewindow.cases.models import Case, CaseState
from onewindow.cases.views import domain_errors
from onewindow.catalog.models import Item
from onewindow.core.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import scope_of

from . import selectors, services
from .forms import ApplicationForm

TABS = [
    ("", "全部"),
    ("draft", "草稿"),
    ("open", "办理中"),
    ("correction", "待补正"),
    ("done", "已办结"),
]
MOBILE_HINTS = ("Mobile", "Android", "iPhone")


def _public(request: HttpRequest) -> None:
    if scope_of(request.user).is_staff:
        raise PermissionDenied("工作人员请在窗口工作台为申请人代办；网上申请只对个人和企业用户开放")


def _files(request: HttpRequest, prefix: str) -> dict[int, Any]:
    out = {}
    for name, upload in request.FILES.items():
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            out[int(name[len(prefix) :])] = upload
    return out


def _tolerate(request: HttpRequest) -> list[int]:
    """Materials the applicant asks to supply after acceptance (容缺)."""
    return [
        int(name[len("tolerate-") :])
        for name, value in request.POST.items()
        if name.startswith("tolerate-") and name[len("tolerate-") :].isdigit() and value == "1"
    ]


def _mobile(request: HttpRequest) -> bool:
    agent = request.headers.get("User-Agent", "")
    return any(h in agent for h in MOBILE_HINTS)


def _render_apply(
    request: HttpRequest,
    *,
    version: Any,
    form: ApplicationForm,
    case: Case | None = None,
    errors: dict[str, str] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    lines = (
        selectors.checklist(case)
        if case is not None
        else [
            selectors.MaterialLine(m, selectors.uploads_online(m), [])
            for m in version.materials.order_by("order", "id")
        ]
    )
    materials = [
        {"line": line, "error": errors.get(f"material-{line.material.pk}", "")} for line in lines
    ]
    context = {
        "version": version,
        "item": version.item,
        "form": form,
        "case": case,
        "materials": materials,
        "error": error,
        "enterprises": selectors.enterprises_of(request.user) if case is None else [],
        "chosen_enterprise": request.POST.get("enterprise_id", ""),
        "max_mb": _max_mb(),
        "tolerance_text": services.TOLERANCE_TEXT if version.tolerant_acceptance else "",
        "letter": commitment.letter_for(version) if version.commitment else "",
        "committed": case is not None and commitment.committed(case),
        "commit_error": errors.get("commitment", ""),
        "commit_checked": request.POST.get("commit") == "1",
    }
    return render(request, "portal/apply.html", context, status=status)


def _max_mb() -> int:
    from django.conf import settings

    return int(settings.CASE_UPLOAD_MAX_BYTES // (1024 * 1024))


def _after_save(request: HttpRequest, saved: services.Saved, form: ApplicationForm) -> HttpResponse:
    """Submit when asked and everything is right; otherwise show the draft again with the
    problems next to their fields."""
    case = saved.case
    errors = dict(saved.errors)
    if errors:
        form.show_errors(errors)
        return _render_apply(
            request,
            version=case.version,
            form=form,
            case=case,
            errors=errors,
            error=f"有 {len(errors)} 处需要修改，已填写的内容和已上传的文件已保存为草稿。",
            status=422,
        )
    if request.POST.get("action") != "submit":
        messages.success(request, "草稿已保存。可以随时回来继续填写。")
        return redirect("portal:edit", case_id=case.pk)
    try:
        case = services.application_submit(actor=request.user, case_id=case.pk)
    except InvalidInput as exc:
        details = exc.details.get("errors") or {}
        form.show_errors({k: v for k, v in details.items() if not k.startswith("material-")})
        return _render_apply(
            request,
            version=case.version,
            form=form,
            case=selectors.own_case(request.user, case.pk),
            errors=details,
            error=exc.message + "（内容已保存为草稿）",
            status=422,
        )
    messages.success(
        request,
        f"申请已提交，办件编号 {case.number}。收件日期 {case.received_on:%Y年%m月%d日}，"
        "受理或需要补正都会通知您。",
    )
    return redirect("portal:case", case_id=case.pk)


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest, item_id: int) -> HttpResponse:
    _public(request)
    item = Item.objects.select_related("published_version").filter(pk=item_id).first()
    if item is None or item.published_version is None:
        raise NotFound("该事项不存在或尚未发布，不能申请")
    version = item.published_version
    services.online_channel(version, mobile=_mobile(request))  # 422 when not online
    if request.method != "POST":
        return _render_apply(request, version=version, form=ApplicationForm(version))
    form = ApplicationForm(version, request.POST)
    enterprise = request.POST.get("enterprise_id") or None
    try:
        saved = services.application_save(
            actor=request.user,
            item_id=item.pk,
            enterprise_id=int(enterprise) if enterprise and enterprise.isdigit() else None,
            form_data=form.values(),
            files=_files(request, "material-"),
            mobile=_mobile(request),
            commit=request.POST.get("commit") == "1",
            tolerate=_tolerate(request),
        )
    except DomainError as exc:  # nothing was created: show the form again as typed
        form.show_errors(exc.details.get("errors") or {})
        return _render_apply(
            request, version=version, form=form, error=exc.message, status=exc.status
        )
    return _after_save(request, saved, form)


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.own_case(request.user, case_id)
    if case.state != CaseState.DRAFT:
        return redirect("portal:case", case_id=case.pk)
    if request.method != "POST":
        form = ApplicationForm(case.version, initial=case.form_data)
        return _render_apply(request, version=case.version, form=form, case=case)
    form = ApplicationForm(case.version, request.POST)
    saved = services.application_save(
        actor=request.user,
        case_id=case.pk,
        form_data=form.values(),
        files=_files(request, "material-"),
        commit=request.POST.get("commit") == "1",
        tolerate=_tolerate(request),
    )
    return _after_save(request, saved, form)


@login_required
@domain_errors
@require_POST
def remove_material(request: HttpRequest, case_id: int, row_id: int) -> HttpResponse:
    case = selectors.own_case(request.user, case_id)
    case_services.material_remove(actor=request.user, case_id=case.pk, row_id=row_id)
    messages.success(request, "已删除该文件。")
    return redirect(
        "portal:edit" if case.state == CaseState.DRAFT else "portal:case", case_id=case.pk
    )


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def my_cases(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in dict(TABS):
        status = ""
    qs = selectors.my_cases(request.user, status=status)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    rows = case_selectors.with_clock(list(page.object_list))
    return render(
        request,
        "portal/my_cases.html",
        {"page": page, "rows": rows, "tabs": TABS, "status": status},
    )


def _case_context(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    request_open = selectors.open_correction(case)
    actions = {a["action"] for a in case_selectors.actions_for(case, request.user)}
    return {
        "case": case,
        "notices": case.notices.order_by("issued_at", "id"),
        "timeline": case.timeline.select_related("department").order_by("seq"),
        "materials": case.materials.order_by("uploaded_at", "id"),
        "correction": request_open,
        "correction_items": selectors.correction_items(case, request_open) if request_open else [],
        "form": extra.pop("form", None)
        or (ApplicationForm(case.version, initial=case.form_data) if request_open else None),
        "may_withdraw": "withdraw" in actions,
        "form_rows": _form_rows(case),
        "max_mb": _max_mb(),
        "owed": selectors.owed(case),
        **extra,
    }


def _form_rows(case: Case) -> list[tuple[str, Any]]:
    labels = {
        ff.element.key: ff.display_label
        for ff in case.version.fields.select_related("element").order_by("order", "id")
    }
    return [(labels.get(k, k), v) for k, v in case.form_data.items()]


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.own_case(request.user, case_id)
    if case.state == CaseState.DRAFT:
        return redirect("portal:edit", case_id=case.pk)
    return render(request, "portal/case.html", _case_context(request, case))


@login_required
@domain_errors
@require_POST
def correct(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.own_case(request.user, case_id)
    form = ApplicationForm(case.version, request.POST) if "form_included" in request.POST else None
    try:
        saved = services.correction_answer(
            actor=request.user,
            case_id=case.pk,
            files=_files(request, "item-"),
            form_data=form.values() if form is not None else None,
        )
    except InvalidInput as exc:
        details = exc.details.get("errors") or {}
        if form is not None:
            form.show_errors(details)
        case = selectors.own_case(request.user, case.pk)
        context = _case_context(request, case, form=form, error=exc.message, item_errors={})
        return render(request, "portal/case.html", context, status=422)
    if saved.errors:
        if form is not None:
            form.show_errors({k: v for k, v in saved.errors.items() if not k.startswith("item-")})
        context = _case_context(
            request,
            saved.case,
            form=form,
            error="补正还没有完成，已上传的文件已保存。",
            item_errors={k: v for k, v in saved.errors.items() if k.startswith("item-")},
        )
        return render(request, "portal/case.html", context, status=422)
    messages.success(request, "补正材料已提交，窗口将重新审核。")
    return redirect("portal:case", case_id=saved.case.pk)


@login_required
@domain_errors
@require_POST
def withdraw(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.own_case(request.user, case_id)
    reason = request.POST.get("reason", "").strip()
    if not reason:
        context = _case_context(request, case, error="请写明撤回申请的原因。")
        return render(request, "portal/case.html", context, status=422)
    case = case_services.withdraw(actor=request.user, case_id=case.pk, reason=reason)
    messages.success(request, f"申请已撤回（办件编号 {case.number}）。")
    return redirect("portal:case", case_id=case.pk)


@login_required
@domain_errors
@require_POST
def supply(request: HttpRequest, case_id: int) -> HttpResponse:
    """Upload a material tolerated at acceptance (容缺补齐)."""
    case = selectors.own_case(request.user, case_id)
    material_id = request.POST.get("material_id", "")
    upload = request.FILES.get("file")
    try:
        if upload is None or not material_id.isdigit():
            raise InvalidInput("请选择要补齐的材料文件", field="file")
        services.supply(
            actor=request.user, case_id=case.pk, material_id=int(material_id), upload=upload
        )
    except DomainError as exc:
        return render(
            request,
            "portal/case.html",
            _case_context(request, case, error=exc.message),
            status=exc.status,
        )
    messages.success(request, "容缺材料已补齐。")
    return redirect("portal:case", case_id=case.pk)
