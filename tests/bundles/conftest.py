"""Fixtures for bundle tests: the demo county with its catalog and the 27 published bundles
(loaded once per module and rolled back), and helpers to work a member case."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from onewindow import demo
from onewindow.bundles import definition
from onewindow.bundles import demo as bundle_demo

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def _bundles_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = demo.load_all(upto="onewindow.catalog.demo")
        bundle_demo.load_definitions(ctx)
        yield ctx.objects
        transaction.set_rollback(True)


@pytest.fixture
def county(_bundles_once, db):
    return _bundles_once


@pytest.fixture(autouse=True)
def _fresh_definitions():
    """Item versions are cached per process; tests roll their changes back, so start and
    end each test with an empty cache."""
    definition.clear_cache()
    yield
    definition.clear_cache()


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


NEWBORN_FORM: dict[str, Any] = {
    "child.name": "张小宝",
    "child.gender": "男",
    "child.birth_date": "2026-11-30",
    "child.birth_place": "眉县人民医院",
    "mother.name": "李芳",
    "father.name": "张三",
    "applicant.phone": "13800000001",
}

NEWBORN_ANSWERS = {
    "social_card": "yes",
    "medical_insurance": "no",
    "reimbursement": "no",
    "parenting": "yes",
}


@pytest.fixture
def users(county):
    from onewindow.identity.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def newborn_form(users) -> dict[str, Any]:
    """A complete merged form for 新生儿出生 with NEWBORN_ANSWERS (张三 applies)."""
    from tests.factories import make_resident_id

    return {
        **NEWBORN_FORM,
        "mother.id_number": make_resident_id(1),
        "father.id_number": users["zhangsan"].id_number,
        "applicant.address": "眉县首善街道平阳街 1 号",
        "household.registration_address": "眉县首善街道平阳街 1 号",
        "household.relationship": "子",
        "applicant.name": "张三",
        "applicant.id_number": users["zhangsan"].id_number,
        "socialcard.bank": "中国银行",
        "parenting.service_needs": ["喂养指导"],
    }


def newborn_files() -> dict[str, SimpleUploadedFile]:
    """The materials 新生儿出生 asks of the applicant with NEWBORN_ANSWERS (the others come
    from the licence library or from earlier members)."""
    return {
        "出生医学证明办理登记表": pdf("登记表.pdf"),
        "近期免冠证件照片": pdf("照片.pdf"),
        "社会保障卡申领登记表": pdf("社保卡登记表.pdf"),
    }


@pytest.fixture
def newborn(county, users, newborn_form):
    """张三's 新生儿出生 bundle case, just submitted online: 出生医学证明 started, four
    members waiting."""
    from onewindow.bundles import selectors, services

    bundle = selectors.bundle_by_code("newborn")
    return services.bundle_apply(
        actor=users["zhangsan"],
        bundle_id=bundle.pk,
        answers=NEWBORN_ANSWERS,
        form_data=newborn_form,
        files=newborn_files(),
    )


def grant(case: Any, actor: Any) -> Any:
    """Work a member case to 准予 as `actor` (accept, review steps, approve)."""
    from onewindow.cases import lifecycle
    from onewindow.cases import services as cases

    for _ in range(10):
        case.refresh_from_db()
        actions = [t.action for t in lifecycle.available_actions(case, actor)]
        if "approve" in actions:
            return cases.approve(actor=actor, case_id=case.pk, opinion="同意")
        if "accept" in actions:
            cases.accept(actor=actor, case_id=case.pk)
        elif "start_review" in actions:
            cases.start_review(actor=actor, case_id=case.pk)
        elif "pass" in actions:
            cases.pass_step(actor=actor, case_id=case.pk, opinion="同意")
        else:
            raise AssertionError(f"{case.number} in {case.state}: no way on, {actions}")
    raise AssertionError("too many steps")


# Who handles each member of 新生儿出生 in the demo county.
HANDLERS = {
    "birth_cert": "weijian",
    "vaccination": "weijian",
    "parenting": "weijian",
    "hukou": "gongan",
    "social_card": "renshe",
    "medical_insurance": "yibao",
    "reimbursement": "yibao",
}
