from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Body, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from onewindow.core.errors import ApiRequest, NotFound, PermissionDenied
from onewindow.core.permissions import Role, require_role

from . import formschema, quality, selectors, services
from .content import content_of, diff
from .models import Item, ItemVersion
from .schemas import (
    ChangeOut,
    ContentIn,
    GuideOut,
    HallsIn,
    ItemCreateIn,
    ItemPage,
    OpinionIn,
    ProblemOut,
    QualityRow,
    ThemeOut,
    VersionOut,
)

router = Router(tags=["事项清单"])


class ItemFilters(Schema):
    q: str = ""
    department_id: int | None = None
    theme: str = ""
    level: int | None = None
    service_object: str = ""
    online_only: bool = False
    high_frequency: bool = False
    limit: int = 20
    offset: int = 0


@router.get(
    "/items",
    response=ItemPage,
    auth=None,
    operation_id="catalog_items_search",
    summary="检索已发布事项",
)
def items(request: ApiRequest, filters: Query[ItemFilters]):
    """按关键词（支持口语，如“生孩子”“开饭店”）、部门、主题、层级、服务对象检索已发布事项。"""
    limit = max(1, min(filters.limit, 100))
    result = selectors.find_items(
        q=filters.q,
        filters=selectors.Filters(
            department_id=filters.department_id,
            theme=filters.theme,
            level=filters.level,
            service_object=filters.service_object,
            online_only=filters.online_only,
            high_frequency=filters.high_frequency,
        ),
        limit=limit,
        offset=max(0, filters.offset),
    )
    for version in result.versions:
        version.score = result.scores.get(version.pk)  # type: ignore[attr-defined]
    return {
        "items": result.versions,
        "count": result.total,
        "expanded_from": list(result.query.expanded_from) if result.query else [],
    }


@router.get(
    "/items/{code}",
    response=GuideOut,
    auth=None,
    operation_id="catalog_item_guide",
    summary="办事指南",
)
def item_guide(request: ApiRequest, code: str):
    """已发布事项的完整办事指南（按实施编码，或唯一的基本编码）。"""
    version = selectors.guide(code)
    if version is None:
        raise NotFound(f"没有编码为 {code} 的已发布事项")
    return version


class FormCheckOut(Schema):
    valid: bool
    values: dict[str, Any]
    errors: dict[str, str]


@router.post(
    "/items/{code}/form-check",
    response=FormCheckOut,
    auth=None,
    operation_id="catalog_form_check",
    summary="校验申请表单",
)
def form_check(request: ApiRequest, code: str, payload: Body[dict[str, Any]]):
    """按事项的申请表单（数据元）校验填写内容，返回规整后的值和每一项的错误。"""
    version = selectors.guide(code)
    if version is None:
        raise NotFound(f"没有编码为 {code} 的已发布事项")
    values, errors = formschema.validate(version, payload)
    return {"valid": not errors, "values": values, "errors": errors}


@router.get(
    "/themes", response=list[ThemeOut], auth=None, operation_id="catalog_themes", summary="主题列表"
)
def themes(request: ApiRequest):
    return list(selectors.themes())


# --- maintenance (department admins) --------------------------------------------------------
@router.post(
    "/items",
    response={201: VersionOut},
    operation_id="catalog_item_create",
    summary="新增事项（草稿）",
)
def item_create(request: ApiRequest, payload: ItemCreateIn):
    return Status(201, services.item_create(actor=request.auth, **payload.dict()))


@router.get(
    "/versions/{version_id}/content",
    response=dict,
    operation_id="catalog_version_content",
    summary="事项版本要素",
)
def version_content(request: ApiRequest, version_id: int):
    version = _visible_version(request, version_id)
    return content_of(version)


def _visible_version(request: ApiRequest, version_id: int) -> ItemVersion:
    version = get_object_or_404(ItemVersion.objects.select_related("item"), pk=version_id)
    if (
        version.status == "published"
        or services.can_review(request.auth)
        or services.can_maintain(request.auth, version.item.department_id)
    ):
        return version
    raise PermissionDenied("只能查看本部门事项的未发布版本")


@router.put(
    "/versions/{version_id}/content",
    response=VersionOut,
    operation_id="catalog_version_update",
    summary="修改草稿",
)
def version_update(request: ApiRequest, version_id: int, payload: ContentIn):
    return services.version_update(
        actor=request.auth, version_id=version_id, content=payload.content
    )


@router.post(
    "/items/{item_id}/drafts",
    response={201: VersionOut},
    operation_id="catalog_version_new_draft",
    summary="基于现行版本新建草稿",
)
def version_new_draft(request: ApiRequest, item_id: int):
    return Status(201, services.version_new_draft(actor=request.auth, item_id=item_id))


@router.get(
    "/versions/{version_id}/quality",
    response=list[ProblemOut],
    operation_id="catalog_version_quality",
    summary="质量检查",
)
def version_quality(request: ApiRequest, version_id: int):
    return [p.as_dict() for p in quality.check(_visible_version(request, version_id))]


@router.get(
    "/versions/{version_id}/diff",
    response=list[ChangeOut],
    operation_id="catalog_version_diff",
    summary="与上一版本比较",
)
def version_diff(request: ApiRequest, version_id: int, against: int | None = None):
    version = _visible_version(request, version_id)
    base_id = against or (version.based_on_id if version.based_on_id else None)
    if base_id is None:
        return diff({}, content_of(version))
    return diff(content_of(_visible_version(request, base_id)), content_of(version))


class AttachedOut(Schema):
    position: int
    blank_form_url: str | None
    sample_url: str | None


@router.post(
    "/versions/{version_id}/materials/{position}/files",
    response=AttachedOut,
    operation_id="catalog_material_attach",
    summary="上传空白表格或示例样表",
)
def material_attach(
    request: ApiRequest,
    version_id: int,
    position: int,
    kind: Form[str],
    file: File[UploadedFile],
):
    """为草稿第 position 项材料上传空白表格（kind=blank_form）或示例样表（kind=sample）。"""
    material = services.material_attach(
        actor=request.auth, version_id=version_id, position=position, kind=kind, upload=file
    )
    return {
        "position": material.order,
        "blank_form_url": material.blank_form.url if material.blank_form else None,
        "sample_url": material.sample.url if material.sample else None,
    }


@router.post(
    "/versions/{version_id}/submit",
    response=VersionOut,
    operation_id="catalog_version_submit",
    summary="提交审核",
)
def version_submit(request: ApiRequest, version_id: int):
    return services.version_submit(actor=request.auth, version_id=version_id)


@router.post(
    "/versions/{version_id}/withdraw",
    response=VersionOut,
    operation_id="catalog_version_withdraw",
    summary="撤回审核",
)
def version_withdraw(request: ApiRequest, version_id: int):
    return services.version_withdraw(actor=request.auth, version_id=version_id)


# --- review (county approval bureau) --------------------------------------------------------
@router.get(
    "/review-queue",
    response=list[VersionOut],
    operation_id="catalog_review_queue",
    summary="待审核事项",
)
def review_queue(request: ApiRequest):
    if not services.can_review(request.auth):
        raise PermissionDenied("只有县行政审批服务局的大厅管理员或系统管理员可以审核事项")
    return list(selectors.review_queue())


@router.post(
    "/versions/{version_id}/approve",
    response=VersionOut,
    operation_id="catalog_version_approve",
    summary="审核通过",
)
def version_approve(request: ApiRequest, version_id: int, payload: OpinionIn):
    return services.version_approve(
        actor=request.auth, version_id=version_id, opinion=payload.opinion
    )


@router.post(
    "/versions/{version_id}/reject",
    response=VersionOut,
    operation_id="catalog_version_reject",
    summary="退回修改",
)
def version_reject(request: ApiRequest, version_id: int, payload: OpinionIn):
    return services.version_reject(
        actor=request.auth, version_id=version_id, opinion=payload.opinion
    )


@router.post(
    "/versions/{version_id}/publish",
    response=VersionOut,
    operation_id="catalog_version_publish",
    summary="发布",
)
def version_publish(request: ApiRequest, version_id: int, payload: OpinionIn):
    return services.version_publish(
        actor=request.auth, version_id=version_id, opinion=payload.opinion
    )


@router.post(
    "/items/{item_id}/retire",
    response=VersionOut,
    operation_id="catalog_item_retire",
    summary="停用事项",
)
def item_retire(request: ApiRequest, item_id: int, payload: OpinionIn):
    item = services.item_retire(actor=request.auth, item_id=item_id, opinion=payload.opinion)
    return item.versions.order_by("-number").first()


@router.put(
    "/items/{item_id}/halls",
    response=dict,
    operation_id="catalog_item_halls",
    summary="设置受理大厅",
)
def item_halls(request: ApiRequest, item_id: int, payload: HallsIn):
    item = services.item_set_halls(
        actor=request.auth, item_id=item_id, halls=[(h.hall_id, h.mode) for h in payload.halls]
    )
    return {
        "item_id": item.pk,
        "halls": [{"hall_id": h.hall_id, "mode": h.mode} for h in item.itemhall_set.all()],
    }


@router.get(
    "/quality-report",
    response=list[QualityRow],
    operation_id="catalog_quality_report",
    summary="各部门事项质量报告",
)
def quality_report(request: ApiRequest, department_id: int | None = None):
    scope = require_role(
        request.auth, Role.DEPT_ADMIN, Role.HALL_ADMIN, Role.SYSTEM_ADMIN, Role.SUPERVISOR
    )
    if not (scope.county_wide or services.can_review(request.auth)):
        department_id = request.auth.department_id
    return [
        {
            "department": row["department"].name,
            "items": row["items"],
            "failing": [
                {
                    "version_id": f["version"].pk,
                    "name": f["version"].name,
                    "problems": [p.as_dict() for p in f["problems"]],
                }
                for f in row["failing"]
            ],
        }
        for row in selectors.quality_report(department_id=department_id)
    ]


@router.get(
    "/items/{item_id}/versions",
    response=list[VersionOut],
    auth=None,
    operation_id="catalog_item_versions",
    summary="事项的版本",
)
def item_versions(request: ApiRequest, item_id: int):
    """已发布和已停用的版本公开；本部门管理员和审核人员还能看到草稿和待审核版本。"""
    item = get_object_or_404(Item, pk=item_id)
    # A public operation: the person is request.user (anonymous or logged in), never None,
    # because None means "the platform itself" to the services' permission checks.
    viewer = request.user
    versions = item.versions.select_related("item").order_by("-number")
    if not (services.can_review(viewer) or services.can_maintain(viewer, item.department_id)):
        versions = versions.filter(status__in=["published", "retired"])
    return list(versions)
