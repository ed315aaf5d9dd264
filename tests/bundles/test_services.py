"""One application for a whole bundle: member cases routed to their departments, waiting
members started by their predecessors' results, one notice per stage, one combined
correction notice, the bundle's status derived from its members, one delivery."""

from __future__ import annotations

import base64

import pytest
from django.core.files.storage import default_storage

from onewindow.bundles import selectors, services
from onewindow.bundles.models import (
    BundleCase,
    BundleCaseStatus,
    BundleEvent,
    BundleFile,
    BundleMemberCase,
    BundleNotice,
    MemberStatus,
)
from onewindow.cases import services as cases
from onewindow.cases.models import Case, CaseState
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.notifications.models import Notification
from tests.bundles.conftest import HANDLERS, NEWBORN_ANSWERS, grant, newborn_files, pdf

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()


def members(bc: BundleCase) -> dict[str, BundleMemberCase]:
    return {m.key: m for m in bc.members.select_related("case", "department")}


def grant_all(bc: BundleCase, users) -> None:
    """Grant every started member until none is left started."""
    for _ in range(5):
        started = [m for m in members(bc).values() if m.status == MemberStatus.STARTED]
        if not started:
            return
        for m in started:
            grant(m.case, users[HANDLERS[m.key]])


def test_one_application_opens_a_case_per_applicable_member(newborn, users):
    rows = members(newborn)
    # NEWBORN_ANSWERS: social card yes, resident medical insurance no, reimbursement no.
    assert set(rows) == {"birth_cert", "vaccination", "hukou", "social_card", "parenting"}
    assert rows["birth_cert"].status == MemberStatus.STARTED
    assert {k for k, m in rows.items() if m.status == MemberStatus.WAITING} == {
        "vaccination",
        "hukou",
        "social_card",
        "parenting",
    }
    birth = rows["birth_cert"].case
    assert birth is not None
    assert birth.bundled
    assert birth.state == CaseState.SUBMITTED
    assert birth.department.short_name == "县卫健局"
    assert birth.applicant == users["zhangsan"]
    # The merged form is split back to each member by its own schema.
    assert birth.form_data["child.name"] == "张小宝"
    assert "socialcard.bank" not in birth.form_data
    # Its material was uploaded once for the bundle and recorded on the case.
    given = birth.materials.get(name="出生医学证明办理登记表")
    assert given.sm3
    assert "一件事申请时提交" in given.note
    assert newborn.number.startswith("YJS")
    assert newborn.status == BundleCaseStatus.IN_PROGRESS
    assert newborn.promised_limit == 10
    assert newborn.promised_due > newborn.received_on
    receipt = newborn.notices.get(kind=BundleNotice.Kind.RECEIPT)
    assert newborn.number in receipt.body
    assert "出生登记（申报户口）（县公安局）：待“《出生医学证明》办理（首签）”办结后自动启动" in (
        receipt.body
    )


def test_bad_input_writes_nothing(county, users, newborn_form):
    bundle = selectors.bundle_by_code("newborn")
    before = (BundleCase.objects.count(), Case.objects.count(), BundleFile.objects.count())
    files_before = set(default_storage.listdir("")[1]) if default_storage.exists("") else set()

    def apply(**over):
        args = {
            "actor": users["zhangsan"],
            "bundle_id": bundle.pk,
            "answers": NEWBORN_ANSWERS,
            "form_data": newborn_form,
            "files": newborn_files(),
        }
        args.update(over)
        return services.bundle_apply(**args)

    with pytest.raises(InvalidInput) as exc:
        apply(form_data={**newborn_form, "mother.id_number": "123", "child.gender": "1"})
    assert set(exc.value.details["errors"]) == {"mother.id_number", "child.gender"}
    assert "申请表有 2 处需要修改" in exc.value.message

    with pytest.raises(InvalidInput) as exc:
        apply(form_data={**newborn_form, "spy.field": "x"})
    assert exc.value.details["errors"] == {"spy.field": "本“一件事”的申请表没有这一项"}

    files = newborn_files()
    del files["社会保障卡申领登记表"]
    with pytest.raises(InvalidInput) as exc:
        apply(files=files)
    assert exc.value.details["errors"] == {
        "material-社会保障卡申领登记表": "请上传“社会保障卡申领登记表”"
    }

    files = newborn_files()
    del files["近期免冠证件照片"]
    with pytest.raises(InvalidInput) as exc:  # form and materials wrong: told at once
        apply(form_data={**newborn_form, "child.gender": "1"}, files=files)
    assert set(exc.value.details["errors"]) == {"child.gender", "material-近期免冠证件照片"}

    with pytest.raises(InvalidInput, match="不是本“一件事”需要您提交的材料"):
        apply(files={**newborn_files(), "出生医学证明": pdf()})  # comes from birth_cert

    with pytest.raises(InvalidInput, match="是否同时为新生儿申领社会保障卡"):
        apply(answers={**NEWBORN_ANSWERS, "social_card": "maybe"})

    with pytest.raises(InvalidInput, match="由个人申请，不能以企业名义申请"):
        apply(enterprise_id=1)

    with pytest.raises(InvalidInput, match="申请渠道无效"):
        apply(channel="mail")

    with pytest.raises(PermissionDenied, match="窗口申请由窗口人员录入"):
        apply(channel="window")

    with pytest.raises(NotFound):
        apply(bundle_id=0)

    after = (BundleCase.objects.count(), Case.objects.count(), BundleFile.objects.count())
    assert after == before
    files_after = set(default_storage.listdir("")[1]) if default_storage.exists("") else set()
    assert files_after == files_before


def test_a_failure_after_the_checks_leaves_no_rows_and_no_files(
    county, users, newborn_form, monkeypatch
):
    bundle = selectors.bundle_by_code("newborn")
    before = (BundleCase.objects.count(), Case.objects.count(), BundleFile.objects.count())
    saved: list[str] = []
    real_save = default_storage.save

    def spy_save(name, content, max_length=None):
        out = real_save(name, content, max_length=max_length)
        saved.append(out)
        return out

    def boom(*args, **kwargs):
        raise Conflict("演示：成员事项启动失败")

    monkeypatch.setattr(default_storage, "save", spy_save)
    monkeypatch.setattr(services, "_receipt", boom)
    with pytest.raises(Conflict):
        services.bundle_apply(
            actor=users["zhangsan"],
            bundle_id=bundle.pk,
            answers=NEWBORN_ANSWERS,
            form_data=newborn_form,
            files=newborn_files(),
        )
    assert saved  # files were stored before the failure …
    assert not any(default_storage.exists(name) for name in saved)  # … and removed
    assert (BundleCase.objects.count(), Case.objects.count(), BundleFile.objects.count()) == before


def test_granting_the_birth_certificate_starts_its_dependants_with_its_result(
    newborn, users, django_capture_on_commit_callbacks
):
    birth = members(newborn)["birth_cert"].case
    with django_capture_on_commit_callbacks(execute=True):
        grant(birth, users["weijian"])
    rows = members(newborn)
    assert rows["birth_cert"].status == MemberStatus.GRANTED
    for key in ("vaccination", "hukou", "parenting"):
        assert rows[key].status == MemberStatus.STARTED, key
        assert rows[key].case.state == CaseState.SUBMITTED
    assert rows["hukou"].case.department.short_name == "县公安局"
    # social card waits for 户口 (its own predecessor), not for the birth certificate.
    assert rows["social_card"].status == MemberStatus.WAITING
    # 出生登记 uses the certificate without the parents giving it again.
    material = rows["hukou"].case.materials.get(name="出生医学证明")
    assert "由“《出生医学证明》办理（首签）”办理结果提供" in material.note
    assert birth.number in material.note
    stage = newborn.notices.get(kind=BundleNotice.Kind.STAGE)
    assert "预防接种证办理" in stage.body
    assert "出生登记（申报户口）" in stage.body
    assert "您无需再次提交" in stage.body
    # The parent hears once per stage, not once per member case.
    messages = Notification.objects.filter(recipient=users["zhangsan"], channel="in_app")
    assert messages.filter(template="bundles.notice").count() == 1
    assert (
        not messages.exclude(template="bundles.notice")
        .filter(link__contains=str(birth.pk))
        .exists()
    )


def test_a_refused_predecessor_cancels_what_depends_on_it(newborn, users):
    birth = members(newborn)["birth_cert"].case
    weijian = users["weijian"]
    cases.accept(actor=weijian, case_id=birth.pk)
    cases.deny(
        actor=weijian, case_id=birth.pk, opinion="不予签发", reason="非本院出生，应向出生医院申请"
    )
    rows = members(newborn)
    assert rows["birth_cert"].status == MemberStatus.REFUSED
    for key in ("vaccination", "hukou", "social_card", "parenting"):
        assert rows[key].status == MemberStatus.CANCELLED, key
        assert rows[key].case is None
    assert "前序事项“《出生医学证明》办理（首签）”未办结" in rows["social_card"].note
    newborn.refresh_from_db()
    assert newborn.status == BundleCaseStatus.STOPPED
    assert newborn.finished_at is not None
    stage = newborn.notices.get(kind=BundleNotice.Kind.STAGE)
    assert "不再办理" in stage.body


def test_corrections_on_two_members_reach_the_applicant_as_one_notice(newborn, users):
    birth = members(newborn)["birth_cert"].case
    grant(birth, users["weijian"])
    rows = members(newborn)
    cases.request_correction(
        actor=users["weijian"],
        case_id=rows["vaccination"].case.pk,
        items=[{"material": "居民身份证", "problem": "母亲身份证已过有效期"}],
    )
    newborn.refresh_from_db()
    assert newborn.status == BundleCaseStatus.CORRECTION
    cases.request_correction(
        actor=users["gongan"],
        case_id=rows["hukou"].case.pk,
        items=[
            {"material": "居民户口簿", "problem": "缺少户主页"},
            {"material": "结婚证", "problem": "电子证照库中未查到，请上传"},
        ],
    )
    notices = list(newborn.notices.filter(kind=BundleNotice.Kind.CORRECTION).order_by("id"))
    assert len(notices) == 2
    latest = notices[-1].body
    # The latest notice lists every open request of every member at once.
    for text in (
        "母亲身份证已过有效期",
        "缺少户主页",
        "电子证照库中未查到",
        "县公安局",
        "县卫健局",
    ):
        assert text in latest, text
    assert "一、" in latest
    assert "二、" in latest
    # The applicant answers one member; the bundle still waits for the other.
    cases.resubmit(actor=users["zhangsan"], case_id=rows["vaccination"].case.pk)
    newborn.refresh_from_db()
    assert newborn.status == BundleCaseStatus.CORRECTION
    cases.resubmit(actor=users["zhangsan"], case_id=rows["hukou"].case.pk)
    newborn.refresh_from_db()
    assert newborn.status == BundleCaseStatus.IN_PROGRESS


def test_everything_granted_then_one_delivery_at_the_window(newborn, users):
    grant_all(newborn, users)
    newborn.refresh_from_db()
    assert newborn.status == BundleCaseStatus.READY
    assert {m.status for m in members(newborn).values()} == {MemberStatus.GRANTED}
    assert selectors.with_clock([newborn])[0].clock == "已全部办结，待出件"  # the clock stops
    completion = newborn.notices.get(kind=BundleNotice.Kind.COMPLETION)
    assert "已全部办结" in completion.body
    assert "一次领取" in completion.body
    assert newborn.notices.filter(kind=BundleNotice.Kind.STAGE).count() == 2  # 出生医学证明, 户口

    with pytest.raises(InvalidInput, match="出件方式应为"):
        services.bundle_deliver(actor=users["weijian"], bundle_case_id=newborn.pk, method="fax")
    bc = services.bundle_deliver(
        actor=users["weijian"],
        bundle_case_id=newborn.pk,
        method="window",
        collector_name="张三",
        collector_id_number=users["zhangsan"].id_number,
        signature=SIGNATURE,
    )
    assert bc.status == BundleCaseStatus.DONE
    assert bc.needs_visit  # collected in person
    assert bc.fully_online is False
    for m in members(bc).values():
        assert m.case.state == CaseState.DELIVERED
    assert bc.events.filter(text__contains="统一出件：窗口领取，共 5 项结果").exists()
    with pytest.raises(Conflict, match="全部事项办结后才能统一出件"):
        services.bundle_deliver(actor=users["weijian"], bundle_case_id=bc.pk, method="online")


def test_delivery_before_everything_is_decided_is_refused(newborn, users):
    with pytest.raises(Conflict, match="当前状态为“办理中”"):
        services.bundle_deliver(actor=users["weijian"], bundle_case_id=newborn.pk, method="online")
    assert not BundleEvent.objects.filter(bundle_case=newborn, text__contains="统一出件").exists()


def test_online_delivery_counts_as_fully_online(newborn, users):
    grant_all(newborn, users)
    bc = services.bundle_deliver(actor=users["weijian"], bundle_case_id=newborn.pk, method="online")
    assert bc.status == BundleCaseStatus.DONE
    assert bc.fully_online is True
    report = {r.code: r for r in selectors.fully_online_report()}
    assert report["newborn"].finished == 1
    assert report["newborn"].fully_online == 1
    assert report["newborn"].share == 1.0


def test_the_lead_department_coordinates_and_others_do_not_see(newborn, users):
    listed = selectors.coordination(users["weijian"], status="open")
    assert [bc.pk for bc in listed] == [newborn.pk]
    row = listed[0]
    assert row.member_total == 5
    assert row.member_done == 0
    assert "工作日" in row.clock
    assert selectors.coordination(users["shenpi"]) == []
    # A member department sees it (to follow its own part) but does not coordinate it.
    assert newborn in selectors.visible_bundle_cases(users["gongan"])
    assert newborn not in selectors.visible_bundle_cases(users["shenpi"])
    with pytest.raises(NotFound):
        selectors.bundle_case(users["qiye"], newborn.pk)
    mine = selectors.my_bundle_cases(users["zhangsan"])
    assert [bc.pk for bc in mine] == [newborn.pk]


def test_one_timeline_interleaves_the_bundle_and_its_members(newborn, users):
    grant(members(newborn)["birth_cert"].case, users["weijian"])
    bc = selectors.bundle_case(users["zhangsan"], newborn.pk)
    entries = selectors.timeline(bc)
    texts = [e.text for e in entries]
    assert entries == sorted(entries, key=lambda e: e.at)
    assert any(t.startswith("提交“新生儿出生”一件事申请") for t in texts)
    assert any("准予" in e.text and e.member == "《出生医学证明》办理（首签）" for e in entries)
    assert any(
        t.startswith("前序事项“《出生医学证明》办理（首签）”已办结，自动启动") for t in texts
    )


def test_a_window_clerk_applies_on_behalf_of_a_citizen(county, users, newborn_form):
    bundle = selectors.bundle_by_code("newborn")
    bc = services.bundle_apply(
        actor=users["chuangkou"],
        bundle_id=bundle.pk,
        answers=NEWBORN_ANSWERS,
        form_data=newborn_form,
        files=newborn_files(),
        channel="window",
        applicant_id=users["zhangsan"].pk,
    )
    assert bc.applicant == users["zhangsan"]
    assert bc.hall is not None
    assert bc.needs_visit
    assert bc.paper
    birth = members(bc)["birth_cert"].case
    assert birth.channel == "window"
    assert birth.applicant == users["zhangsan"]
    assert bc in selectors.own_bundle_cases(users["zhangsan"])


def test_an_enterprise_bundle_needs_an_authorised_agent(county, users):
    bundle = selectors.bundle_by_code("employee_hiring")
    with pytest.raises(InvalidInput, match="由企业申请，请选择企业"):
        services.bundle_apply(
            actor=users["zhangsan"], bundle_id=bundle.pk, answers={}, form_data={}
        )
    enterprise_id = county["enterprise"].pk if "enterprise" in county else None
    if enterprise_id is None:
        from onewindow.identity.models import Enterprise

        enterprise_id = Enterprise.objects.order_by("id").first().pk
    with pytest.raises(PermissionDenied, match="不是该企业的有效授权经办人"):
        services.bundle_apply(
            actor=users["zhangsan"],
            bundle_id=bundle.pk,
            answers={"first_hire": "no"},
            form_data={},
            enterprise_id=enterprise_id,
        )


def test_member_by_member_delivery_tells_when_each_result_is_ready(county, users, newborn_form):
    bundle = selectors.bundle_by_code("newborn")
    bc = services.bundle_apply(
        actor=users["zhangsan"],
        bundle_id=bundle.pk,
        answers=NEWBORN_ANSWERS,
        form_data=newborn_form,
        files=newborn_files(),
        delivery_mode="per_member",
    )
    grant(members(bc)["birth_cert"].case, users["weijian"])
    stage = bc.notices.get(kind=BundleNotice.Kind.STAGE)
    assert "其办理结果已可领取" in stage.body
    assert "以下事项已自动启动" in stage.body  # one notice for the stage, not two
    grant(members(bc)["parenting"].case, users["weijian"])  # nothing depends on it
    latest = bc.notices.filter(kind=BundleNotice.Kind.STAGE).order_by("-id").first()
    assert "“科学育儿指导服务登记”已办结。其办理结果已可领取" in latest.body
    assert "自动启动" not in latest.body
    grant_all(bc, users)
    bc.refresh_from_db()
    assert bc.status == BundleCaseStatus.READY
    # The last one is told by the completion notice alone.
    assert bc.notices.filter(kind=BundleNotice.Kind.COMPLETION).count() == 1
    completion = bc.notices.get(kind=BundleNotice.Kind.COMPLETION)
    assert "分别出件" in completion.body
    last_stage = bc.notices.filter(kind=BundleNotice.Kind.STAGE).order_by("-id").first()
    assert last_stage.issued_at <= completion.issued_at
    # Five members: four stage notices, the last one told by the completion notice.
    assert bc.notices.filter(kind=BundleNotice.Kind.STAGE).count() == 4
