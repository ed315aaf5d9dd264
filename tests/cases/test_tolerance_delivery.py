"""容缺受理 (acceptance with a tolerated material, on the applicant's signed commitment, a
deadline never past the promised due date, reminders, termination when not supplied) and
统一窗口出件 (identity check and signature at the window, tracking number by post)."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from onewindow.cases import services, sweeps
from onewindow.cases.models import (
    CaseMaterial,
    CaseState,
    ClockPolicy,
    Commitment,
    Delivery,
)
from onewindow.core.errors import Conflict, InvalidInput, PermissionDenied
from onewindow.identity.demo import CITIZENS
from onewindow.notifications.models import Notification

from .conftest import FORM, at

MONDAY = at(2026, 3, 2, 10)  # promised 5 working days from Monday 2 March: Monday 9 March
ZHANGSAN_ID = CITIZENS[0][2]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()


@pytest.fixture
def materials(published):
    return {m.name: m for m in published.materials.all()}


@pytest.fixture
def walk_in(published, users, materials, travel):
    """A walk-in application by 张三 at the county hall: the application form and the
    business licence received on paper, the management rules tolerated (可容缺)."""
    clerk = users["chuangkou"]
    with travel(MONDAY):
        case = services.case_create(
            actor=clerk,
            item_id=published.item_id,
            channel="window",
            applicant_id=users["zhangsan"].pk,
            form_data=FORM,
        )
        for name in ("食品经营许可申请书", "营业执照"):
            services.material_add(
                actor=clerk, case_id=case.pk, material_id=materials[name].pk, paper_received=True
            )
        services.material_add(
            actor=clerk,
            case_id=case.pk,
            material_id=materials["食品安全管理制度文本"].pk,
            status=CaseMaterial.Status.TOLERATED,
        )
        services.submit(actor=clerk, case_id=case.pk)
    return case


def _accept(case, users, travel, *, commitment=True):
    clerk = users["chuangkou"]
    with travel(MONDAY):
        if commitment:
            services.commitment_record(
                actor=clerk,
                case_id=case.pk,
                kind=Commitment.Kind.TOLERANCE,
                signer_name="张三",
                via=Commitment.Via.PAPER,
            )
        return services.accept(actor=clerk, case_id=case.pk)


def test_acceptance_with_a_tolerated_material_needs_the_commitment(walk_in, users, travel):
    with pytest.raises(InvalidInput, match="容缺受理承诺书"):
        _accept(walk_in, users, travel, commitment=False)
    walk_in.refresh_from_db()
    assert walk_in.state == CaseState.SUBMITTED
    assert not walk_in.notices.exists()
    case = _accept(walk_in, users, travel)
    assert case.state == CaseState.ACCEPTED
    tolerated = case.materials.get(status="tolerated")
    assert tolerated.due_on == dt.date(2026, 3, 9)  # 5 working days, = the promised due date
    notice = case.notices.get(kind="tolerance")
    assert notice.title == "容缺受理通知书"
    assert "食品安全管理制度文本（纸质或电子），2026年03月09日前补齐" in notice.body
    assert case.notices.filter(kind="acceptance").exists()
    assert case.commitments.get().via == "paper"


def test_the_deadline_never_passes_the_promised_due_date(walk_in, users, travel):
    policy = ClockPolicy.objects.get()
    policy.tolerance_days = 10
    policy.save()
    case = _accept(walk_in, users, travel)
    assert case.materials.get(status="tolerated").due_on == case.promised_due


def test_a_shorter_tolerance_period(walk_in, users, travel):
    ClockPolicy.objects.update(tolerance_days=3)
    case = _accept(walk_in, users, travel)
    assert case.materials.get(status="tolerated").due_on == dt.date(2026, 3, 5)


def test_only_tolerable_materials_of_tolerant_items(published, users, materials, travel):
    clerk = users["chuangkou"]
    with travel(MONDAY):
        case = services.case_create(
            actor=clerk,
            item_id=published.item_id,
            channel="window",
            applicant_id=users["zhangsan"].pk,
            form_data=FORM,
        )
        with pytest.raises(InvalidInput, match="不允许容缺"):
            services.material_add(
                actor=clerk,
                case_id=case.pk,
                material_id=materials["食品经营许可申请书"].pk,
                status=CaseMaterial.Status.TOLERATED,
            )
    assert not case.materials.exists()


def test_who_may_sign_and_when(walk_in, users, travel):
    with travel(MONDAY):
        with pytest.raises(PermissionDenied, match="书面承诺由受理窗口人员登记"):
            services.commitment_record(
                actor=users["zhangsan"],
                case_id=walk_in.pk,
                kind="tolerance",
                signer_name="张三",
                via="paper",
            )
        with pytest.raises(PermissionDenied, match="网上确认须由申请人本人操作"):
            services.commitment_record(
                actor=users["chuangkou"],
                case_id=walk_in.pk,
                kind="tolerance",
                signer_name="张三",
                via="online",
            )
        with pytest.raises(InvalidInput, match="请填写承诺人姓名"):
            services.commitment_record(
                actor=users["zhangsan"],
                case_id=walk_in.pk,
                kind="tolerance",
                signer_name=" ",
                via="online",
            )
        row = services.commitment_record(
            actor=users["zhangsan"],
            case_id=walk_in.pk,
            kind="tolerance",
            signer_name="张三",
            via="online",
        )
    assert "逾期未补齐的，同意受理机关终止办理" in row.text
    _accept(walk_in, users, travel, commitment=False)
    with travel(MONDAY), pytest.raises(Conflict, match="受理后不能再签署承诺"):
        services.commitment_record(
            actor=users["zhangsan"],
            case_id=walk_in.pk,
            kind="tolerance",
            signer_name="张三",
            via="online",
        )


def test_supplying_the_tolerated_material_after_acceptance(walk_in, users, materials, travel):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = _accept(walk_in, users, travel)
    pdf = SimpleUploadedFile("制度.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")
    with travel(at(2026, 3, 4, 10)):
        with pytest.raises(Conflict, match="只能补齐容缺受理时缺少的材料"):
            services.material_add(
                actor=users["zhangsan"],
                case_id=case.pk,
                material_id=materials["食品经营许可申请书"].pk,
                upload=pdf,
            )
        services.material_add(
            actor=users["zhangsan"],
            case_id=case.pk,
            material_id=materials["食品安全管理制度文本"].pk,
            upload=pdf,
        )
    owed = case.materials.get(status="tolerated")
    assert owed.supplied_at is not None
    # Supplied: neither reminded nor terminated.
    assert sweeps.tolerance_sweep(dt.date(2026, 3, 10)) == {
        "tolerance_reminded": 0,
        "tolerance_terminated": 0,
    }
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED


def test_reminder_once_then_termination_with_notice(walk_in, users, travel):
    case = _accept(walk_in, users, travel)
    with travel(at(2026, 3, 5, 9)):  # due Monday 9 March: 2 working days away on Thursday
        assert sweeps.tolerance_sweep()["tolerance_reminded"] == 1
        assert sweeps.tolerance_sweep()["tolerance_reminded"] == 0
    reminder = Notification.objects.filter(template="cases.tolerance_due")
    assert reminder.filter(channel="in_app", recipient=users["zhangsan"]).count() == 1
    assert "2026年03月09日前补齐" in reminder.first().body
    with travel(at(2026, 3, 9, 16)):  # the deadline itself: still in time
        assert sweeps.tolerance_sweep()["tolerance_terminated"] == 0
    with travel(at(2026, 3, 10, 9)):
        result = sweeps.tolerance_sweep()
        assert result["tolerance_terminated"] == 1
        assert sweeps.tolerance_sweep()["tolerance_terminated"] == 0
    case.refresh_from_db()
    assert case.state == CaseState.TERMINATED
    notice = case.notices.get(kind="termination")
    assert "容缺材料“食品安全管理制度文本”逾期未补齐" in notice.body


# --- delivery ---------------------------------------------------------------------------------
@pytest.fixture
def decided(walk_in, users, travel):
    case = _accept(walk_in, users, travel)
    approver = users["shenpi"]
    with travel(at(2026, 3, 3, 10)):
        services.start_review(actor=approver, case_id=case.pk)
        services.pass_step(actor=approver, case_id=case.pk, opinion="符合条件")
        return services.approve(actor=approver, case_id=case.pk, opinion="准予许可")


def test_window_collection_checks_the_id_and_records_the_signature(decided, users, travel):
    clerk = users["chuangkou"]
    with travel(at(2026, 3, 4, 10)):
        with pytest.raises(InvalidInput, match="身份证号码与申请人（经办人）不一致"):
            services.deliver_result(
                actor=clerk,
                case_id=decided.pk,
                method="window",
                collector_name="张三",
                collector_id_number=CITIZENS[1][2],
                signature=SIGNATURE,
            )
        with pytest.raises(InvalidInput, match="签名"):
            services.deliver_result(
                actor=clerk,
                case_id=decided.pk,
                method="window",
                collector_name="张三",
                collector_id_number=ZHANGSAN_ID,
            )
        with pytest.raises(InvalidInput, match="签名格式不对"):
            services.deliver_result(
                actor=clerk,
                case_id=decided.pk,
                method="window",
                collector_name="张三",
                collector_id_number=ZHANGSAN_ID,
                signature="data:image/png;base64,AAAA",
            )
        assert not Delivery.objects.exists()
        case = services.deliver_result(
            actor=clerk,
            case_id=decided.pk,
            method="window",
            collector_name="张三",
            collector_id_number=ZHANGSAN_ID,
            signature=SIGNATURE,
        )
    assert case.state == CaseState.DELIVERED
    record = case.delivery
    assert record.id_checked is True
    assert record.collector_id_masked.startswith("6103")
    assert "*" in record.collector_id_masked
    assert record.signature.read() == PNG
    step = case.timeline.filter(action="deliver").get()
    assert step.opinion == "窗口领取：本人张三领取（已核验身份证件并签名）"


def test_someone_else_may_collect_with_their_own_id(decided, users, travel):
    with travel(at(2026, 3, 4, 10)):
        case = services.deliver_result(
            actor=users["chuangkou"],
            case_id=decided.pk,
            method="window",
            collector_name="李秀梅",
            collector_id_number=CITIZENS[1][2],
            by_applicant=False,
            signature=SIGNATURE,
        )
    assert case.delivery.collector_is_applicant is False
    assert "代领人李秀梅" in case.timeline.get(action="deliver").opinion


def test_posting_needs_a_tracking_number(decided, users, travel):
    with travel(at(2026, 3, 4, 10)):
        with pytest.raises(InvalidInput, match="快递单号"):
            services.deliver_result(actor=users["chuangkou"], case_id=decided.pk, method="post")
        case = services.deliver_result(
            actor=users["chuangkou"],
            case_id=decided.pk,
            method="post",
            courier="中国邮政 EMS",
            tracking_number="1151234567890",
            address="眉县首善街道平阳街 18 号",
        )
    assert case.delivery.tracking_number == "1151234567890"
    assert (
        case.timeline.get(action="deliver").opinion == "邮寄送达：中国邮政 EMS 单号 1151234567890"
    )


def test_the_plain_deliver_action_still_records_a_delivery(decided, users, travel):
    with travel(at(2026, 3, 4, 10)):
        case = services.deliver(actor=users["chuangkou"], case_id=decided.pk, method="online")
    assert case.delivery.method == "online"
    assert case.delivery.id_checked is False
