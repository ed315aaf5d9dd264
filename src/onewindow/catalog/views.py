"""Pages of the service catalog: the public portal and service guides, maintenance by
department admins, review by the county approval bureau, the quality report and the halls
that accept an item.

Views translate: they parse the request, call a service or selector and render. Domain
errors become a page that says what went wrong (forms are re-rendered with what was typed)."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.core.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from onewindow.core.permissions import Role, scope_of
from onewindow.org import selectors as org_selectors
from onewindow.org.models import Department

from . import quality, selectors, services
from .codes import (
    Channel,
    CrossRegion,
    HandlingType,
    ItemType,
    Level,
    LimitUnit,
    MaterialForm,
    MaterialSource,
    OnlineDepth,
    ServiceObject,
)
from .content import content_of, diff
from .forms import ContentForms, HallsForm, NewItemForm
from .models import (
    DataElement,
    FormField,
    ImportJob,
    Item,
    ItemVersion,
    Material,
    MaterialType,
    Review,
    SpecialProcedureKind,
    Theme,
)

PAGE_SIZE = 20
MAX_PAGE = 10_000
RESULTS_TARGET = "ow-results"
# 层级 filter of the portal: the county's three tiers.
PORTAL_LEVELS = [
    (Level.COUNTY, "县级"),
    (Level.TOWN, "镇（街道）级"),
    (Level.VILLAGE, "村（社区）级"),
]

View = Callable[..., HttpResponse]


def _error_page(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "catalog/error.html", {"error": exc}, status=exc.status)


def domain_errors(view: View) -> View:
    """Show a refusal the person can read (403 / 404 / 409) instead of a stack trace."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return _error_page(request, exc)

    return wrapper


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- portal (public) --------------------------------------------------------------------------
def _portal_filters(params: Any) -> selectors.Filters:
    level = _int(params.get("level"))
    service_object = params.get("object", "")
    return selectors.Filters(
        department_id=_int(params.get("department")),
        theme=params.get("theme", "").strip()[:40],
        level=level if level in {lv for lv, _ in PORTAL_LEVELS} else None,
        service_object=service_object if service_object in ServiceObject.values else "",
        online_only=params.get("online") == "1",
        high_frequency=params.get("hf") == "1",
    )


def _expansions(query: Any) -> list[str]:
    """The words a colloquial query was widened to (生孩子 → 新生儿、出生)."""
    return list(query.expansions) if query is not None else []


@require_http_methods(["GET", "HEAD"])
def portal(request: HttpRequest) -> HttpResponse:
    params = request.GET
    q = params.get("q", "").strip()[:100]
    filters = _portal_filters(params)
    number = min(max(_int(params.get("page")) or 1, 1), MAX_PAGE)
    result = selectors.find_items(
        q=q, filters=filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
    )
    num_pages = max(1, math.ceil(result.total / PAGE_SIZE))
    fragment = request.headers.get("HX-Target") == RESULTS_TARGET
    themes: dict[str, list[Theme]] = {}
    if not fragment:
        for theme in selectors.themes():
            themes.setdefault(theme.get_audience_display(), []).append(theme)
    context = {
        "layout": "catalog/fragment.html" if fragment else "web/base.html",
        "q": q,
        "filters": filters,
        "versions": result.versions,
        "total": result.total,
        "query": result.query,
        "expansions": _expansions(result.query),
        "page_number": number,
        "num_pages": num_pages,
        "has_previous": number > 1,
        "has_next": number < num_pages,
        "departments": [] if fragment else org_selectors.departments(),
        "themes": themes,
        "levels": PORTAL_LEVELS,
        "service_objects": ServiceObject.choices,
        "filtered": any(
            [
                filters.department_id,
                filters.theme,
                filters.level,
                filters.service_object,
                filters.online_only,
                filters.high_frequency,
            ]
        ),
    }
    response = render(request, "catalog/portal.html", context)
    patch_vary_headers(response, ["HX-Target"])
    return response


@require_http_methods(["GET", "HEAD"])
def guide(request: HttpRequest, code: str) -> HttpResponse:
    version = selectors.guide(code)
    if version is None:
        return render(request, "catalog/not_found.html", {"code": code}, status=404)
    process = version.process or []
    names = dict(
        org_selectors.departments(active_only=False)
        .filter(pk__in=[step.get("department") for step in process])
        .values_list("pk", "name")
    )
    steps = [
        {
            "name": step.get("name", ""),
            "department": names.get(step.get("department"), ""),
            "role": _label(Role, step.get("role")),
        }
        for step in process
    ]
    printing = request.GET.get("print") == "1"
    return render(
        request,
        "catalog/guide.html",
        {
            "layout": "catalog/print_base.html" if printing else "web/base.html",
            "printing": printing,
            "v": version,
            "item": version.item,
            "steps": steps,
            "halls": version.item.itemhall_set.select_related("hall"),
            "statutory_unit": _label(LimitUnit, version.statutory_unit),
            "promised_unit": _label(LimitUnit, version.promised_unit),
            "can_review": services.can_review(request.user),
        },
    )


# --- maintenance (department admins) ----------------------------------------------------------
def _require_maintainer(user: Any) -> None:
    if not scope_of(user).has_role(Role.DEPT_ADMIN, Role.SYSTEM_ADMIN):
        raise PermissionDenied("只有部门管理员或系统管理员可以维护事项")


def _require_reviewer(user: Any) -> None:
    if not services.can_review(user):
        raise PermissionDenied("只有县行政审批服务局的大厅管理员或系统管理员可以审核、发布事项")


def _version(version_id: int) -> ItemVersion:
    """A version with everything `content_of` and the quality rules read."""
    version = (
        ItemVersion.objects.select_related("item__department", "competent_department")
        .prefetch_related(
            "themes",
            "joint_departments",
            Prefetch("materials", queryset=Material.objects.select_related("material_type")),
            Prefetch("fields", queryset=FormField.objects.select_related("element")),
        )
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise NotFound("事项版本不存在")
    return version


def _history(item: Item) -> list[ItemVersion]:
    reviews = Prefetch("reviews", queryset=Review.objects.select_related("actor"))
    return list(item.versions.order_by("-number").prefetch_related(reviews))


def _problems(exc: DomainError) -> list[dict[str, str]]:
    """What a refusal says about each element: the quality problems, or the field a
    validation error names."""
    details = exc.details
    if details.get("problems"):
        return [dict(p) for p in details["problems"]]
    if isinstance(details.get("fields"), dict):
        return [
            {"field": name, "message": "；".join(map(str, errors))}
            for name, errors in details["fields"].items()
        ]
    if details.get("field"):
        return [{"field": str(details["field"]), "message": exc.message}]
    return []


def _content_forms(
    data: Any = None, *, content: dict[str, Any] | None = None, version: ItemVersion | None = None
) -> ContentForms:
    departments = list(org_selectors.departments())
    names = [m.get("material_type") for m in (content or {}).get("materials") or []]
    return ContentForms(
        data,
        content=content,
        competent_department_id=version.competent_department_id if version else None,
        departments=departments,
        themes=selectors.themes(),
        elements=DataElement.objects.all(),
        kinds=list(
            SpecialProcedureKind.objects.filter(is_active=True).values_list("name", flat=True)
        ),
        dictionary=MaterialType.objects.in_bulk(names, field_name="name") if names else {},
    )


def _form_page(
    request: HttpRequest,
    *,
    forms: ContentForms | None,
    version: ItemVersion | None = None,
    head: NewItemForm | None = None,
    error: DomainError | None = None,
    status: int = 200,
) -> HttpResponse:
    """The create / edit page of a version; a version no longer a draft is shown read-only."""
    item = version.item if version else None
    history = _history(item) if item else []
    rejected = None
    if version is not None and version.is_editable:
        reviews = next((list(v.reviews.all()) for v in history if v.pk == version.pk), [])
        if reviews and reviews[-1].action == Review.Action.REJECT:
            rejected = reviews[-1]
    elements = []
    if forms is None and version is not None:
        content = content_of(version)
        elements = ElementFormatter([content]).rows(diff({}, content))
    return render(
        request,
        "catalog/version.html",
        {
            "forms": forms,
            "head": head,
            "version": version,
            "item": item,
            "history": history,
            "open_version": any(v.status in services.OPEN for v in history),
            "rejected": rejected,
            "error": error,
            "elements": elements,
            "material_types": MaterialType.objects.values_list("name", flat=True)
            if forms is not None
            else [],
        },
        status=status,
    )


@login_required
@domain_errors
def manage(request: HttpRequest) -> HttpResponse:
    _require_maintainer(request.user)
    page = Paginator(selectors.items_maintained_by(request.user), 30).get_page(
        request.GET.get("page")
    )
    rows = [(item, selectors.latest_version(item)) for item in page]
    return render(request, "catalog/manage.html", {"page": page, "rows": rows})


@login_required
@domain_errors
@require_http_methods(["GET", "POST"])
def item_new(request: HttpRequest) -> HttpResponse:
    _require_maintainer(request.user)
    departments = [
        d for d in org_selectors.departments() if services.can_maintain(request.user, d.pk)
    ]
    data = request.POST if request.method == "POST" else None
    head = NewItemForm(data, departments=departments)
    if len(departments) == 1 and data is None:
        head.initial["department"] = departments[0].pk
    forms = _content_forms(data)
    error = None
    if data is not None:
        if head.is_valid() and forms.is_valid():
            try:
                version = services.item_create(
                    actor=request.user,
                    department_id=head.cleaned_data["department"].pk,
                    basic_code=head.cleaned_data["basic_code"],
                    content=forms.content(),
                )
            except DomainError as exc:
                error = exc
                field = exc.details.get("field")
                if field in ("basic_code", "department_id"):
                    head.add_error("department" if field == "department_id" else field, exc.message)
                else:
                    forms.show_problems(_problems(exc))
            else:
                messages.success(
                    request,
                    f"已新增事项“{version.name}”（实施编码 {version.item.implementation_code}），"
                    "当前为草稿，完善后请提交审核。",
                )
                return redirect("catalog:version_edit", version_id=version.pk)
        return _form_page(request, forms=forms, head=head, error=error, status=422)
    return _form_page(request, forms=forms, head=head)


@login_required
@domain_errors
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(version_id)
    if not services.can_maintain(request.user, version.item.department_id):
        raise PermissionDenied(f"只有{version.item.department.name}的部门管理员可以维护该事项")
    if request.method != "POST" and not version.is_editable:
        return _form_page(request, forms=None, version=version)
    if request.method != "POST":
        forms = _content_forms(content=content_of(version), version=version)
        return _form_page(request, forms=forms, version=version)
    forms = _content_forms(request.POST, version=version)
    if not forms.is_valid():
        return _form_page(request, forms=forms, version=version, status=422)
    submit = request.POST.get("action") == "submit"
    saved = False
    try:
        services.version_update(actor=request.user, version_id=version.pk, content=forms.content())
        saved = True
        if submit:
            # Submitting a draft that has just been edited: what was typed is saved first,
            # so a refusal at the quality check keeps it.
            services.version_submit(actor=request.user, version_id=version.pk)
    except DomainError as exc:
        forms.show_problems(_problems(exc))
        if saved:
            messages.info(request, "修改已保存为草稿。")
            version = _version(version.pk)
        return _form_page(request, forms=forms, version=version, error=exc, status=exc.status)
    if submit:
        messages.success(request, f"“{forms.version.cleaned_data['name']}”已提交审核。")
        return redirect("catalog:manage")
    messages.success(request, "草稿已保存。")
    return redirect("catalog:version_edit", version_id=version.pk)


@login_required
@domain_errors
@require_POST
def version_submit(request: HttpRequest, version_id: int) -> HttpResponse:
    try:
        version = services.version_submit(actor=request.user, version_id=version_id)
    except InvalidInput as exc:
        version = _version(version_id)
        forms = _content_forms(content=content_of(version), version=version)
        forms.show_problems(_problems(exc))
        return _form_page(request, forms=forms, version=version, error=exc, status=exc.status)
    messages.success(request, f"“{version.name}”第 {version.number} 版已提交审核。")
    return redirect("catalog:manage")


@login_required
@domain_errors
@require_POST
def version_withdraw(request: HttpRequest, version_id: int) -> HttpResponse:
    version = services.version_withdraw(actor=request.user, version_id=version_id)
    messages.success(request, f"已撤回“{version.name}”第 {version.number} 版，可继续修改。")
    return redirect("catalog:version_edit", version_id=version.pk)


@login_required
@domain_errors
@require_POST
def version_new_draft(request: HttpRequest, item_id: int) -> HttpResponse:
    draft = services.version_new_draft(actor=request.user, item_id=item_id)
    messages.success(request, f"已基于现行版本新建第 {draft.number} 版草稿。")
    return redirect("catalog:version_edit", version_id=draft.pk)


@login_required
@domain_errors
@require_http_methods(["GET", "POST"])
def item_halls(request: HttpRequest, item_id: int) -> HttpResponse:
    item = (
        Item.objects.select_related("department", "published_version")
        .prefetch_related("versions")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise NotFound("事项不存在")
    user = request.user
    if not (services.can_maintain(user, item.department_id) or services.can_review(user)):
        raise PermissionDenied("只有事项所属部门管理员或县行政审批服务局可以设置受理大厅")
    current = dict(item.itemhall_set.values_list("hall_id", "mode"))
    form = HallsForm(
        request.POST if request.method == "POST" else None,
        halls=list(org_selectors.halls().order_by("division__code", "name")),
        current=current,
    )
    error = None
    if form.is_bound and form.is_valid():
        try:
            services.item_set_halls(actor=user, item_id=item.pk, halls=form.chosen())
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, f"已保存受理大厅（{len(form.chosen())} 个）。")
            return redirect("catalog:item_halls", item_id=item.pk)
    return render(
        request,
        "catalog/halls.html",
        {"item": item, "latest": selectors.latest_version(item), "form": form, "error": error},
        status=error.status if error else (422 if form.is_bound else 200),
    )


# --- review (county approval bureau) ----------------------------------------------------------
@login_required
@domain_errors
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_reviewer(request.user)
    page = Paginator(selectors.review_queue(), 30).get_page(request.GET.get("page"))
    return render(request, "catalog/review_queue.html", {"page": page})


@login_required
@domain_errors
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, version_id: int) -> HttpResponse:
    _require_reviewer(request.user)
    version = _version(version_id)
    error, opinion, reason, action = None, "", "", ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        opinion = request.POST.get("opinion", "").strip()
        reason = request.POST.get("reason", "").strip()
        try:
            done = _review_action(request.user, version, action, opinion, reason)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, done)
            if action == "reject":
                return redirect("catalog:review_queue")
            return redirect("catalog:review", version_id=version.pk)
    base = _version(version.based_on_id) if version.based_on_id else None
    after = content_of(version)
    before = content_of(base) if base else {}
    changes = diff(before, after)
    published = version.item.published_version_id
    return render(
        request,
        "catalog/review.html",
        {
            "version": version,
            "item": version.item,
            "base": base,
            "changes": ElementFormatter([before, after]).rows(changes),
            "problems": quality.check(version),
            "history": _history(version.item),
            "published_version_id": published,
            "error": error,
            "action": action,
            "opinion": opinion,
            "reason": reason,
        },
        status=error.status if error else 200,
    )


def _review_action(user: Any, version: ItemVersion, action: str, opinion: str, reason: str) -> str:
    if action == "approve":
        services.version_approve(actor=user, version_id=version.pk, opinion=opinion)
        return f"“{version.name}”第 {version.number} 版审核通过，可以发布。"
    if action == "reject":
        services.version_reject(actor=user, version_id=version.pk, opinion=opinion)
        return f"已将“{version.name}”第 {version.number} 版退回修改。"
    if action == "publish":
        services.version_publish(actor=user, version_id=version.pk, opinion=opinion)
        return f"“{version.name}”第 {version.number} 版已发布，办事指南已更新。"
    if action == "retire":
        services.item_retire(actor=user, item_id=version.item_id, opinion=reason)
        return f"已停用事项“{version.name}”。"
    raise InvalidInput("请选择审核操作")


# --- quality report ---------------------------------------------------------------------------
@login_required
@domain_errors
def quality_report(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_of(user)
    if not scope.has_role(Role.DEPT_ADMIN, Role.HALL_ADMIN, Role.SYSTEM_ADMIN, Role.SUPERVISOR):
        raise PermissionDenied("只有部门管理员、县行政审批服务局或督查人员可以查看事项质量报告")
    everyone = scope.county_wide or services.can_review(user)
    department_id = (
        _int(request.GET.get("department")) if everyone else getattr(user, "department_id", None)
    )
    # Someone with a department-wide role but no department sees nothing rather than all.
    report = (
        selectors.quality_report(department_id=department_id) if everyone or department_id else []
    )
    return render(
        request,
        "catalog/quality.html",
        {
            "report": report,
            "everyone": everyone,
            "department_id": department_id,
            "departments": org_selectors.departments() if everyone else [],
        },
    )


# --- showing content --------------------------------------------------------------------------
_CHOICES: dict[str, Any] = {
    "item_type": ItemType,
    "level": Level,
    "handling_type": HandlingType,
    "statutory_unit": LimitUnit,
    "promised_unit": LimitUnit,
    "online_depth": OnlineDepth,
    "cross_region_scope": CrossRegion,
}


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


class ElementFormatter:
    """Turns content values (codes, ids, lists of dicts) into lines a person can read."""

    def __init__(self, contents: list[dict[str, Any]]) -> None:
        ids = {
            step.get("department")
            for content in contents
            for step in content.get("process") or []
            if isinstance(step, dict)
        }
        codes = {code for content in contents for code in content.get("themes") or []}
        keys = {
            f.get("key")
            for content in contents
            for f in content.get("fields") or []
            if isinstance(f, dict)
        }
        self.elements = dict(DataElement.objects.filter(key__in=keys).values_list("key", "label"))
        self.departments = dict(
            Department.objects.filter(pk__in=[i for i in ids if isinstance(i, int)]).values_list(
                "pk", "name"
            )
        )
        self.themes = dict(Theme.objects.filter(code__in=codes).values_list("code", "name"))

    def rows(self, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "field": c["field"],
                "label": c["label"],
                "before": self.lines(c["field"], c["before"]),
                "after": self.lines(c["field"], c["after"]),
                "new": c["before"] is None,
            }
            for c in changes
        ]

    def lines(self, field: str, value: Any) -> list[str]:
        if value is None:
            return []
        if field in _CHOICES:
            return [_label(_CHOICES[field], value)] if value != "" else ["不通办"]
        if field == "service_objects":
            return ["、".join(_label(ServiceObject, c) for c in value)] if value else []
        if field == "channels":
            return ["、".join(_label(Channel, c) for c in value)] if value else []
        if isinstance(value, bool):
            return ["是" if value else "否"]
        if field == "themes":
            return ["、".join(self.themes.get(c, c) for c in value)] if value else []
        if field == "joint_departments":
            return ["、".join(value)] if value else []
        if isinstance(value, list):
            return [self._entry(field, i, entry) for i, entry in enumerate(value, start=1)]
        return [str(value)] if value != "" else []

    def _entry(self, field: str, index: int, entry: Any) -> str:
        if not isinstance(entry, dict):
            return f"{index}. {entry}"
        if field == "materials":
            parts = [
                f"原件 {entry.get('originals', 0)} 份",
                f"复印件 {entry.get('copies', 0)} 份",
                _label(MaterialForm, entry.get("form")),
                "必要" if entry.get("required") else "非必要",
                *(["可容缺"] if entry.get("tolerable") else []),
                *(["告知承诺可免提交"] if entry.get("waivable") else []),
                _label(MaterialSource, entry.get("source")),
                *([f"出具单位：{entry['issuer']}"] if entry.get("issuer") else []),
                *([f"说明：{entry['notes']}"] if entry.get("notes") else []),
            ]
            dictionary = entry.get("material_type")
            name = entry.get("name") or dictionary
            suffix = f"（字典：{dictionary}）" if dictionary and dictionary != name else ""
            return f"{index}. {name}{suffix}：{'，'.join(parts)}"
        if field == "fields":
            key = entry.get("key", "")
            label = entry.get("label") or self.elements.get(key, key)
            return f"{index}. {label}（{key}）{'必填' if entry.get('required') else '选填'}"
        if field == "process":
            department = self.departments.get(_int(entry.get("department")) or 0, "")
            return f"{index}. {entry.get('name', '')}：{department} · {_label(Role, entry.get('role'))}"
        if field == "special_procedures":
            return f"{index}. {entry.get('kind', '')}，最长 {entry.get('max_days', '?')} 个工作日"
        if field == "faq":
            return f"{index}. 问：{entry.get('q', '')} 答：{entry.get('a', '')}"
        return f"{index}. " + "，".join(f"{k}：{v}" for k, v in entry.items())


# --- Excel exchange ---------------------------------------------------------------------------
def _can_exchange(user: Any) -> bool:
    scope = scope_of(user)
    return services.can_review(user) or scope.has_role(Role.DEPT_ADMIN)


@login_required
@domain_errors
@require_http_methods(["GET", "POST"])
def exchange(request: HttpRequest) -> HttpResponse:
    """Export the published catalog; upload a workbook to import (validated by the worker)."""
    from . import excel

    if not _can_exchange(request.user):
        raise PermissionDenied(
            "只有部门管理员、县行政审批服务局大厅管理员或系统管理员可以导入导出事项"
        )
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        publish = request.POST.get("publish") == "1"
        if upload is None:
            error = "请选择要导入的 .xlsx 文件"
        elif upload.size and upload.size > excel.MAX_FILE_BYTES:
            error = f"文件超过 {excel.MAX_FILE_BYTES // (1024 * 1024)} MB，请拆分后分批导入"
        else:
            try:
                job = excel.import_job_create(
                    actor=request.user,
                    data=upload.read(),
                    filename=upload.name or "",
                    publish=publish,
                )
            except InvalidInput as exc:
                error = exc.message
            else:
                return redirect("catalog:import_job", job_id=job.pk)
    jobs = ImportJob.objects.filter(created_by_id=request.user.pk).order_by("-created_at")[:10]
    return render(
        request,
        "catalog/exchange.html",
        {
            "error": error,
            "jobs": jobs,
            "can_publish": services.can_review(request.user),
        },
        status=422 if error else 200,
    )


@login_required
@domain_errors
def export_xlsx(request: HttpRequest) -> HttpResponse:
    from .api_exchange import export_response

    if not _can_exchange(request.user):
        raise PermissionDenied("只有部门管理员、县行政审批服务局大厅管理员或系统管理员可以导出事项")
    return export_response()


@login_required
@domain_errors
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's progress; the page polls itself (htmx) until the job has finished."""
    from . import excel

    job = excel.import_job_get(actor=request.user, job_id=job_id)
    template = (
        "catalog/_import_progress.html"
        if request.headers.get("HX-Request")
        else "catalog/import_job.html"
    )
    percent = int(100 * job.processed_rows / job.total_rows) if job.total_rows else 0
    return render(request, template, {"job": job, "percent": min(percent, 100)})


@login_required
@domain_errors
@require_http_methods(["GET", "POST"])
def material_files(request: HttpRequest, version_id: int) -> HttpResponse:
    """Upload a blank form or a sample for each material of a draft."""
    version = _version(version_id)
    if not services.can_maintain(request.user, version.item.department_id):
        raise PermissionDenied(f"只有{version.item.department.name}的部门管理员可以上传附件")
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        position = _int(request.POST.get("position"))
        if upload is None or position is None:
            error = "请选择材料和要上传的文件"
        else:
            try:
                services.material_attach(
                    actor=request.user,
                    version_id=version.pk,
                    position=position,
                    kind=request.POST.get("kind", ""),
                    upload=upload,
                )
            except InvalidInput as exc:
                error = exc.message
            else:
                messages.success(request, "附件已上传。")
                return redirect("catalog:material_files", version_id=version.pk)
    return render(
        request,
        "catalog/material_files.html",
        {
            "version": version,
            "materials": version.materials.select_related("material_type"),
            "error": error,
        },
        status=422 if error else 200,
    )
