"""Window workbench pages: reception (find or register the applicant, pick the item), the
intake screen (form, material check-off, accept / correct / refuse / receive), the page
that prints what was issued, and the unified delivery desk.

Every refusal is shown above the form or next to the field or material, with what the clerk
entered kept (files already accepted stay attached to the case)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.cases import commitment, proxy
from onewindow.cases import services as case_services
from onewindow.cases.models import Case, Commitment
from onewindow.cases.views import domain_errors
from onewindow.core.errors import DomainError, InvalidInput
from onewindow.identity import services as identity
from onewindow.portal.forms import ApplicationForm

from . import selectors, services


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def reception(request: HttpRequest) -> HttpResponse:
    user = request.user
    services._require_clerk(user)
    q = request.GET.get("q", "").strip()
    item_q = request.GET.get("item_q", "").strip()
    context: dict[str, Any] = {"q": q, "item_q": item_q, "found": None, "error": ""}
    if q:
        try:
            found = services.lookup(actor=user, query=q)
        except InvalidInput as exc:
            context["error"] = exc.message
        else:
            context["found"] = found
            context["recent"] = selectors.recent_cases(
                person=found.person, enterprise=found.enterprise
            )
            if found.person or found.enterprise:
                context["items"] = selectors.hall_items(user, item_q, kind=found.kind)
                context["proxy_items"] = selectors.proxy_items(user, item_q, kind=found.kind)
    return render(request, "frontdesk/reception.html", context)


@login_required
@domain_errors
@require_POST
def register(request: HttpRequest) -> HttpResponse:
    """Register the person or enterprise at the counter, then go on with them."""
    user = request.user
    kind = request.POST.get("kind")
    try:
        if kind == "enterprise":
            enterprise = identity.enterprise_register(
                actor=user,
                name=request.POST.get("name", ""),
                uscc=request.POST.get("code", ""),
                legal_rep_name=request.POST.get("legal_rep_name", ""),
                address=request.POST.get("address", ""),
            )
            code = enterprise.uscc
        else:
            person = identity.citizen_register(
                actor=user,
                name=request.POST.get("name", ""),
                id_number=request.POST.get("code", ""),
                phone=request.POST.get("phone", "").strip(),
            )
            code = request.POST.get("code", "").strip().upper()
            del person
    except DomainError as exc:
        found = None
        with contextlib.suppress(DomainError):
            found = services.lookup(actor=user, query=request.POST.get("code", ""))
        context = {
            "q": request.POST.get("code", ""),
            "found": found,
            "register_error": exc.message,
            "register_field": exc.details.get("field", ""),
            "posted": request.POST,
        }
        return render(request, "frontdesk/reception.html", context, status=exc.status)
    messages.success(request, "登记成功。")
    return redirect(f"{reverse('frontdesk:reception')}?q={code}")


@login_required
@domain_errors
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    case = services.intake_start(
        actor=request.user,
        item_id=_int(request.POST.get("item_id")) or 0,
        applicant_id=_int(request.POST.get("applicant_id")),
        enterprise_id=_int(request.POST.get("enterprise_id")),
        agent_id_number=request.POST.get("agent_id_number", ""),
        proxy=request.POST.get("proxy") == "1",
        source_region=request.POST.get("source_region", ""),
    )
    return redirect("frontdesk:intake", case_id=case.pk)


def _intake_page(
    request: HttpRequest,
    case: Case,
    *,
    form: ApplicationForm | None = None,
    errors: dict[str, str] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    form = form or ApplicationForm(case.version, initial=case.form_data)
    lines = [
        {"line": ln, "error": errors.get(f"material-{ln.material.pk}", "")}
        for ln in selectors.intake_lines(case)
    ]
    context = {
        "case": case,
        "form": form,
        "lines": lines,
        "marks": services.MARKS,
        "error": error,
        "tolerant": case.version.tolerant_acceptance,
        "has_tolerance_commitment": case.commitments.filter(
            kind=Commitment.Kind.TOLERANCE
        ).exists(),
        "letter": commitment.letter(case) if case.version.commitment else "",
        "committed": commitment.committed(case),
        "commit_error": errors.get("commitment", ""),
        "posted": request.POST if request.method == "POST" else {},
    }
    return render(request, "frontdesk/intake.html", context, status=status)


def _marks(request: HttpRequest, case: Case) -> list[services.Mark]:
    out = []
    for material in case.version.materials.all():
        mark = request.POST.get(f"mark-{material.pk}", "")
        if not mark:
            continue
        out.append(
            services.Mark(
                material_id=material.pk,
                mark=mark,
                problem=request.POST.get(f"problem-{material.pk}", ""),
                upload=request.FILES.get(f"file-{material.pk}"),
            )
        )
    return out


ACTIONS = {
    "forward": "代收转递",
    "accept": "受理",
    "receive": "收件",
    "correct": "一次性告知补正",
    "refuse": "不予受理",
}


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def intake(request: HttpRequest, case_id: int) -> HttpResponse:
    user = request.user
    case = selectors.intake_case(user, case_id)
    if request.method != "POST":
        return _intake_page(request, case)
    form = ApplicationForm(case.version, request.POST)
    case, errors = services.intake_save(
        actor=user,
        case_id=case.pk,
        form_data=form.values(),
        marks=_marks(request, case),
        commitment_signer=request.POST.get("notification_signer", "")
        if request.POST.get("notification") == "1"
        else "",
    )
    action = request.POST.get("action", "save")
    if errors:
        form.show_errors(errors)
        return _intake_page(
            request,
            case,
            form=form,
            errors=errors,
            error=f"有 {len(errors)} 处需要修改（其余内容已保存）。",
            status=422,
        )
    if action == "save" or action not in ACTIONS:
        messages.success(request, "已保存。")
        return redirect("frontdesk:intake", case_id=case.pk)
    try:
        if action == "accept":
            done = services.intake_accept(
                actor=user,
                case_id=case.pk,
                commitment_signer=request.POST.get("commitment_signer", ""),
                commitment_scan=request.FILES.get("commitment_scan"),
            )
        elif action == "forward":
            done = services.intake_forward(
                actor=user,
                case_id=case.pk,
                courier=request.POST.get("courier", ""),
                tracking_number=request.POST.get("tracking_number", ""),
                return_method=request.POST.get("return_method", ""),
            )
        elif action == "receive":
            done = services.intake_receive(actor=user, case_id=case.pk)
        elif action == "correct":
            done = services.intake_correct(
                actor=user, case_id=case.pk, note=request.POST.get("correction_note", "")
            )
        else:
            done = services.intake_refuse(
                actor=user,
                case_id=case.pk,
                reason=request.POST.get("reason", ""),
                legal_basis=request.POST.get("legal_basis", ""),
            )
    except DomainError as exc:
        details = exc.details.get("errors") or {}
        form.show_errors({k: v for k, v in details.items() if not k.startswith("material-")})
        return _intake_page(
            request,
            selectors.intake_case(user, case.pk),
            form=form,
            errors=details,
            error=f"{ACTIONS[action]}未完成：{exc.message}",
            status=exc.status,
        )
    return redirect("frontdesk:issued", case_id=done.pk)


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def issued(request: HttpRequest, case_id: int) -> HttpResponse:
    """What the counter just issued, to print and hand over."""
    from onewindow.cases import selectors as case_selectors

    case = case_selectors.case_detail(request.user, case_id)
    return render(
        request,
        "frontdesk/issued.html",
        {"case": case, "notices": case.notices.order_by("-issued_at", "-id")},
    )


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD"])
def delivery_queue(request: HttpRequest) -> HttpResponse:
    services._require_clerk(request.user)
    rows = list(selectors.delivery_queue(request.user)[:200])
    return render(request, "frontdesk/delivery_queue.html", {"rows": rows})


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def deliver(request: HttpRequest, case_id: int) -> HttpResponse:
    user = request.user
    services._require_clerk(user)
    case = selectors.delivery_case(user, case_id)
    if request.method != "POST":
        return render(request, "frontdesk/deliver.html", {"case": case, "posted": {}})
    post = request.POST
    try:
        case_services.deliver_result(
            actor=user,
            case_id=case.pk,
            method=post.get("method", ""),
            collector_name=post.get("collector_name", ""),
            collector_id_number=post.get("collector_id_number", ""),
            by_applicant=post.get("by_applicant", "1") == "1",
            signature=post.get("signature", ""),
            courier=post.get("courier", ""),
            tracking_number=post.get("tracking_number", ""),
            address=post.get("address", ""),
            note=post.get("note", ""),
        )
    except DomainError as exc:
        context = {
            "case": case,
            "posted": post,
            "error": exc.message,
            "error_field": exc.details.get("field", ""),
        }
        return render(request, "frontdesk/deliver.html", context, status=exc.status)
    messages.success(request, f"办件 {case.number} 已出件。")
    return redirect("frontdesk:delivery_queue")


@login_required
@domain_errors
@require_http_methods(["GET", "HEAD", "POST"])
def proxy_list(request: HttpRequest) -> HttpResponse:
    """跨域通办 both ways: what this window received for other halls, and what this hall
    handles for other windows — with where each stands and the next step."""
    user = request.user
    services._require_clerk(user)
    side = request.GET.get("side", "receiving")
    side = side if side in ("receiving", "handling") else "receiving"
    error = ""
    if request.method == "POST":
        case_id = _int(request.POST.get("case_id")) or 0
        step = request.POST.get("step", "")
        try:
            if step == "materials_received":
                proxy.materials_received(actor=user, case_id=case_id)
            elif step == "result_sent":
                proxy.result_sent(
                    actor=user,
                    case_id=case_id,
                    courier=request.POST.get("courier", ""),
                    tracking_number=request.POST.get("tracking_number", ""),
                )
            elif step == "result_received":
                proxy.result_received(actor=user, case_id=case_id)
            else:
                raise InvalidInput("未知的操作")
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "已登记。")
            return redirect(f"{reverse('frontdesk:proxy_list')}?side={side}")
    rows = [
        {"t": t, "stage": proxy.stage(t)}
        for t in proxy.transfers_for(user, side=side).order_by("-created_at")[:200]
    ]
    return render(
        request,
        "frontdesk/proxy_list.html",
        {"rows": rows, "side": side, "error": error},
        status=422 if error else 200,
    )
