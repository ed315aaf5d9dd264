from __future__ import annotations

from ninja import Router, Status

from onewindow.core.errors import ApiRequest

from . import selectors, services
from .schemas import (
    DepartmentIn,
    DepartmentOut,
    DepartmentPatch,
    DivisionIn,
    DivisionOut,
    HallIn,
    HallOut,
    WindowIn,
    WindowOut,
    WindowPatch,
)

router = Router(tags=["组织机构"])


@router.get(
    "/divisions",
    response=list[DivisionOut],
    auth=None,
    operation_id="org_divisions_list",
    summary="行政区划列表",
)
def divisions_list(request: ApiRequest, parent_code: str | None = None, level: int | None = None):
    """行政区划（县 → 镇/街道 → 村/社区），可按上级区划或层级筛选。公开。"""
    return list(selectors.divisions(parent_code=parent_code, level=level))


@router.post(
    "/divisions",
    response={201: DivisionOut},
    operation_id="org_divisions_create",
    summary="新增行政区划",
)
def divisions_create(request: ApiRequest, payload: DivisionIn):
    """新增行政区划（系统管理员）。"""
    return Status(201, services.division_create(actor=request.auth, **payload.dict()))


@router.get(
    "/departments",
    response=list[DepartmentOut],
    auth=None,
    operation_id="org_departments_list",
    summary="部门列表",
)
def departments_list(request: ApiRequest):
    return list(selectors.departments())


@router.post(
    "/departments",
    response={201: DepartmentOut},
    operation_id="org_departments_create",
    summary="新增部门",
)
def departments_create(request: ApiRequest, payload: DepartmentIn):
    return Status(201, services.department_create(actor=request.auth, **payload.dict()))


@router.patch(
    "/departments/{department_id}",
    response=DepartmentOut,
    operation_id="org_departments_update",
    summary="修改部门",
)
def departments_update(request: ApiRequest, department_id: int, payload: DepartmentPatch):
    return services.department_update(
        actor=request.auth, department_id=department_id, **payload.dict(exclude_none=True)
    )


@router.get(
    "/halls",
    response=list[HallOut],
    auth=None,
    operation_id="org_halls_list",
    summary="服务大厅列表",
)
def halls_list(request: ApiRequest):
    return list(selectors.halls())


@router.post(
    "/halls", response={201: HallOut}, operation_id="org_halls_create", summary="新增服务大厅"
)
def halls_create(request: ApiRequest, payload: HallIn):
    return Status(201, services.hall_create(actor=request.auth, **payload.dict()))


@router.get(
    "/windows",
    response=list[WindowOut],
    auth=None,
    operation_id="org_windows_list",
    summary="窗口列表",
)
def windows_list(request: ApiRequest, hall_id: int | None = None):
    return list(selectors.windows(hall_id=hall_id))


@router.post(
    "/windows", response={201: WindowOut}, operation_id="org_windows_create", summary="新增窗口"
)
def windows_create(request: ApiRequest, payload: WindowIn):
    return Status(201, services.window_create(actor=request.auth, **payload.dict()))


@router.patch(
    "/windows/{window_id}",
    response=WindowOut,
    operation_id="org_windows_update",
    summary="修改窗口",
)
def windows_update(request: ApiRequest, window_id: int, payload: WindowPatch):
    return services.window_update(
        actor=request.auth, window_id=window_id, **payload.dict(exclude_none=True)
    )
