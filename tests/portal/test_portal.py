"""The citizen and enterprise portal: apply online from a guide page, drafts that keep
everything valid, submission that lists missing materials, "my cases" with the clock in
words, notices to download, and a correction request answered by uploading only what was
asked."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases import services as case_services
from onewindow.cases.models import Case, CaseMaterial, CaseState, CorrectionRequest
from onewindow.core.errors import Conflict
from tests.cases.conftest import FORM, at

PDF = b"%PDF-1.4\n% onewindow portal test\n"
MONDAY = at(2026, 3, 2, 10)


def pdf(name: str = "申请书.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def materials(published):
    """{name: material} of the published version's list."""
    return {m.name: m for m in published.materials.all()}


@pytest.fixture
def qiye(users, login_client):
    return login_client(users["qiye"])


def html(response) -> str:
    return response.content.decode()


def field_errors(response) -> list[str]:
    return re.findall(r'data-testid="field-error">([^<]+)<', html(response))


def complete_post(enterprise, materials, **extra):
    data = {
        "enterprise_id": str(enterprise.pk),
        **FORM,
        f"material-{materials['食品经营许可申请书'].pk}": pdf(),
        f"material-{materials['食品安全管理制度文本'].pk}": pdf("制度.pdf"),
        "action": "submit",
    }
    data.update(extra)
    return data


def test_the_guide_offers_online_application_to_the_public_only(
    published, users, login_client, qiye
):
    url = f"/services/{published.item.implementation_code}/"
    assert f"/portal/apply/{published.item_id}/" in html(qiye.get(url))
    clerk = login_client(users["chuangkou"])
    assert "/portal/apply/" not in html(clerk.get(url))
    r = clerk.get(f"/portal/apply/{published.item_id}/")
    assert r.status_code == 403
    assert "窗口工作台" in html(r)


def test_the_form_and_material_list_come_from_the_item(published, qiye, materials, enterprise):
    r = qiye.get(f"/portal/apply/{published.item_id}/")
    assert r.status_code == 200
    page = html(r)
    for label in ("企业名称", "统一社会信用代码", "经营场所"):
        assert label in page
    assert f'name="material-{materials["食品经营许可申请书"].pk}"' in page
    # The licence comes from the licence system: no upload asked.
    assert f'name="material-{materials["营业执照"].pk}"' not in page
    assert "由部门共享获取，无需上传" in page
    assert f'value="{enterprise.pk}"' in page  # the agent may apply for the enterprise


def test_one_submission_with_everything(published, qiye, materials, enterprise, travel):
    with travel(MONDAY):
        r = qiye.post(f"/portal/apply/{published.item_id}/", complete_post(enterprise, materials))
    assert r.status_code == 302
    case = Case.objects.get()
    assert r["Location"] == f"/portal/cases/{case.pk}/"
    assert case.state == CaseState.SUBMITTED
    assert case.enterprise == enterprise
    assert case.channel == "pc"
    assert case.materials.filter(status="received").count() == 2
    with travel(MONDAY):
        page = html(qiye.get(r["Location"]))
    assert case.number in page
    assert "申请已提交" in page
    with travel(MONDAY):
        mine = html(qiye.get("/portal/cases/?status=open"))
    assert case.item_name in mine
    assert "已提交" in mine


def test_a_phone_applies_on_the_mobile_channel(published, qiye, materials, enterprise, travel):
    with travel(MONDAY):
        r = qiye.post(
            f"/portal/apply/{published.item_id}/",
            complete_post(enterprise, materials),
            HTTP_USER_AGENT="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile",
        )
    assert r.status_code == 302
    assert Case.objects.get().channel == "mobile"


def test_a_wrong_value_keeps_everything_else(published, qiye, materials, enterprise, travel):
    data = complete_post(enterprise, materials, **{"enterprise.uscc": "91610326ABC"})
    with travel(MONDAY):
        r = qiye.post(f"/portal/apply/{published.item_id}/", data)
    assert r.status_code == 422
    case = Case.objects.get()
    assert case.state == CaseState.DRAFT
    # The valid values and both files are kept in the draft ...
    assert case.form_data["enterprise.name"] == FORM["enterprise.name"]
    assert "enterprise.uscc" not in case.form_data
    assert case.materials.count() == 2
    page = html(r)
    # ... the wrong one is shown as typed, with the reason next to it.
    assert 'value="91610326ABC"' in page
    assert len(field_errors(r)) == 1
    assert "已保存为草稿" in page
    # The page now posts to the draft, so sending it again does not create a second case.
    assert f'action="/portal/cases/{case.pk}/edit/"' in page
    with travel(MONDAY):
        r = qiye.post(f"/portal/cases/{case.pk}/edit/", {**FORM, "action": "submit"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert Case.objects.count() == 1


def test_submission_lists_the_missing_materials(published, qiye, materials, enterprise, travel):
    data = complete_post(enterprise, materials)
    del data[f"material-{materials['食品安全管理制度文本'].pk}"]
    with travel(MONDAY):
        r = qiye.post(f"/portal/apply/{published.item_id}/", data)
    assert r.status_code == 422
    page = html(r)
    assert "还需上传以下必要材料：食品安全管理制度文本" in page
    assert page.count('data-testid="material-error"') == 1
    case = Case.objects.get()
    assert case.state == CaseState.DRAFT
    assert case.form_data == dict(FORM)


def test_a_disguised_file_is_refused_next_to_its_material(
    published, qiye, materials, enterprise, travel
):
    data = complete_post(enterprise, materials)
    key = f"material-{materials['食品安全管理制度文本'].pk}"
    data[key] = SimpleUploadedFile(
        "制度.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with travel(MONDAY):
        r = qiye.post(f"/portal/apply/{published.item_id}/", data)
    assert r.status_code == 422
    assert 'data-testid="material-error"' in html(r)
    case = Case.objects.get()
    assert case.state == CaseState.DRAFT
    assert list(case.materials.values_list("name", flat=True)) == ["食品经营许可申请书"]


def test_drafts_save_replace_files_and_remove_them(published, qiye, materials, enterprise, travel):
    m = materials["食品经营许可申请书"]
    with travel(MONDAY):
        r = qiye.post(
            f"/portal/apply/{published.item_id}/",
            {
                "enterprise.name": "眉县某某餐饮店",
                f"material-{m.pk}": pdf("v1.pdf"),
                "action": "save",
            },
        )
        assert r.status_code == 302
        case = Case.objects.get()
        assert r["Location"] == f"/portal/cases/{case.pk}/edit/"
        # A new file for the same material replaces the first one.
        qiye.post(
            f"/portal/cases/{case.pk}/edit/",
            {
                "enterprise.name": "眉县某某餐饮店",
                f"material-{m.pk}": pdf("v2.pdf"),
                "action": "save",
            },
        )
        assert list(case.materials.values_list("original_name", flat=True)) == ["v2.pdf"]
        # Emptying a field clears it.
        qiye.post(f"/portal/cases/{case.pk}/edit/", {"action": "save"})
        case.refresh_from_db()
        assert case.form_data == {}
        row = case.materials.get()
        r = qiye.post(f"/portal/cases/{case.pk}/materials/{row.pk}/remove/")
        assert r.status_code == 302
        assert not case.materials.exists()
        page = html(qiye.get(f"/portal/cases/{case.pk}/edit/"))
    assert "草稿" in page


def test_nobody_else_sees_or_changes_a_draft(published, qiye, users, login_client, travel):
    with travel(MONDAY):
        qiye.post(f"/portal/apply/{published.item_id}/", {"action": "save"})
        case = Case.objects.get()
        other = login_client(users["zhangsan"])
        assert other.get(f"/portal/cases/{case.pk}/edit/").status_code == 404
        assert other.post(f"/portal/cases/{case.pk}/edit/", {"action": "submit"}).status_code == 404
        assert other.get(f"/portal/cases/{case.pk}/").status_code == 404
    assert case.state == CaseState.DRAFT


def test_an_item_not_open_online_is_refused(make_item, users, login_client, county):
    version = make_item("000103003000", name="窗口专办事项", channels="1")
    r = login_client(users["zhangsan"]).get(f"/portal/apply/{version.item_id}/")
    assert r.status_code == 422
    assert "不能网上申请" in html(r)


def _submitted(published, users, enterprise, travel):
    with travel(MONDAY):
        case = case_services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        return case_services.request_correction(
            actor=users["chuangkou"],
            case_id=case.pk,
            items=[
                {"material": "食品安全管理制度文本", "problem": "缺少进货查验制度"},
                {"material": "经营场所平面图", "problem": "请补充（如有）"},
            ],
        )


def test_a_correction_is_answered_by_uploading_only_what_was_asked(
    published, users, enterprise, qiye, travel
):
    case = _submitted(published, users, enterprise, travel)
    with travel(at(2026, 3, 3, 10)):
        page = html(qiye.get(f"/portal/cases/{case.pk}/"))
        assert page.count('data-testid="correction-item"') == 2
        assert "缺少进货查验制度" in page
        assert "补正材料一次性告知书" in page  # the notice, to download
        # Nothing uploaded for the listed material: not resubmitted.
        r = qiye.post(f"/portal/cases/{case.pk}/correct/", {})
        assert r.status_code == 422
        assert 'data-testid="item-error"' in html(r)
        case.refresh_from_db()
        assert case.state == CaseState.CORRECTION
        r = qiye.post(f"/portal/cases/{case.pk}/correct/", {"item-1": pdf("制度-补正.pdf")})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.PREREVIEW  # back to the window that asked
    assert CorrectionRequest.objects.get(case=case).answered_at is not None
    row = case.materials.get(original_name="制度-补正.pdf")
    assert row.material is not None
    assert row.material.name == "食品安全管理制度文本"


def test_the_clock_in_plain_words_and_the_notices(published, users, enterprise, qiye, travel):
    with travel(MONDAY):
        case = case_services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        case = case_services.accept(actor=users["chuangkou"], case_id=case.pk)
    with travel(at(2026, 3, 4, 10)):
        page = html(qiye.get(f"/portal/cases/{case.pk}/"))
        mine = html(qiye.get("/portal/cases/"))
    # Accepted Monday 2 March, 5 working days: due Monday 9 March; on Wednesday 3 remain.
    assert "还剩 3 个工作日" in page
    assert "还剩 3 个工作日" in mine, mine[mine.find('testid="my-cases') :][:1500]
    notice = case.notices.get(kind="acceptance")
    assert f"/cases/{case.pk}/notices/{notice.pk}/pdf?download=1" in page


def test_withdraw_needs_a_reason(published, users, enterprise, qiye, travel):
    with travel(MONDAY):
        case = case_services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        r = qiye.post(f"/portal/cases/{case.pk}/withdraw/", {"reason": ""})
        assert r.status_code == 422
        assert "请写明撤回申请的原因" in html(r)
        r = qiye.post(f"/portal/cases/{case.pk}/withdraw/", {"reason": "信息填错，重新申请"})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.WITHDRAWN


def test_material_rows_before_the_correction_stay(published, users, enterprise, travel):
    case = _submitted(published, users, enterprise, travel)
    with travel(MONDAY):
        row = CaseMaterial.objects.create(case=case, name="旧材料", uploaded_by=users["qiye"])
    with (
        travel(at(2026, 3, 3, 10)),
        pytest.raises(Conflict, match="补正通知之前提交的材料不能撤回"),
    ):
        case_services.material_remove(actor=users["qiye"], case_id=case.pk, row_id=row.pk)
    assert CaseMaterial.objects.filter(pk=row.pk).exists()


# --- the API ----------------------------------------------------------------------------------
def test_api_checklist_and_checked_submission(published, qiye, materials, enterprise, travel):
    with travel(MONDAY):
        r = qiye.post(
            "/api/v1/cases/",
            {
                "item_id": published.item_id,
                "channel": "pc",
                "enterprise_id": enterprise.pk,
                "form_data": FORM,
            },
            content_type="application/json",
        )
        assert r.status_code == 201, r.content
        case_id = r.json()["id"]
        check = qiye.get(f"/api/v1/portal/cases/{case_id}/checklist").json()
        assert check["complete"] is False
        missing = {line["name"] for line in check["lines"] if line["missing"]}
        assert missing == {"食品经营许可申请书", "食品安全管理制度文本"}
        licence = next(line for line in check["lines"] if line["name"] == "营业执照")
        assert licence["online"] is False
        r = qiye.post(f"/api/v1/portal/cases/{case_id}/submit")
        assert r.status_code == 422
        body = r.json()
        assert "食品经营许可申请书" in body["message"]
        assert set(body["details"]["errors"]) == {
            f"material-{materials['食品经营许可申请书'].pk}",
            f"material-{materials['食品安全管理制度文本'].pk}",
        }
        assert Case.objects.get(pk=case_id).state == CaseState.DRAFT
        for name in ("食品经营许可申请书", "食品安全管理制度文本"):
            r = qiye.post(
                f"/api/v1/cases/{case_id}/materials",
                {"material_id": materials[name].pk, "file": pdf()},
            )
            assert r.status_code == 201, r.content
        assert qiye.get(f"/api/v1/portal/cases/{case_id}/checklist").json()["complete"] is True
        r = qiye.post(f"/api/v1/portal/cases/{case_id}/submit")
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "submitted"


def test_api_correction_answer(published, users, enterprise, qiye, travel):
    case = _submitted(published, users, enterprise, travel)
    with travel(at(2026, 3, 3, 10)):
        body = qiye.get(f"/api/v1/portal/cases/{case.pk}/correction").json()
        assert [(i["index"], i["needs_file"]) for i in body["items"]] == [(1, True), (2, False)]
        r = qiye.post(f"/api/v1/portal/cases/{case.pk}/correction", {})
        assert r.status_code == 422
        assert r.json()["details"]["errors"] == {"item-1": "请上传补正后的材料"}
        r = qiye.post(f"/api/v1/portal/cases/{case.pk}/correction", {"item-1": pdf()})
        assert r.status_code == 200, r.content
        assert r.json()["state"] == "prereview"
        assert qiye.get(f"/api/v1/portal/cases/{case.pk}/correction").status_code == 404


def test_api_refuses_other_peoples_cases(published, users, enterprise, login_client, travel):
    case = _submitted(published, users, enterprise, travel)
    other = login_client(users["zhangsan"])
    for url in ("checklist", "correction"):
        assert other.get(f"/api/v1/portal/cases/{case.pk}/{url}").status_code == 404
    assert other.post(f"/api/v1/portal/cases/{case.pk}/submit").status_code == 404


# --- 告知承诺 -----------------------------------------------------------------------------------
@pytest.fixture
def committable(make_item, county, travel):
    from onewindow.catalog import services as catalog

    with travel(at(2026, 1, 5, 9)):
        version = make_item(
            "000103008000",
            name="可告知承诺事项",
            commitment=True,
            tolerant_acceptance=False,
            materials=[
                {"material_type": "食品经营许可申请书", "originals": 1, "form": "both"},
                {"material_type": "食品安全管理制度文本", "waivable": True},
            ],
        )
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    return version


def test_confirming_the_commitment_waives_the_proof(committable, users, login_client, travel):
    citizen = login_client(users["zhangsan"])
    form_material = committable.materials.get(name="食品经营许可申请书")
    proof = committable.materials.get(name="食品安全管理制度文本")
    with travel(MONDAY):
        page = citizen.get(f"/portal/apply/{committable.item_id}/").content.decode()
        assert 'data-testid="commitment"' in page
        assert "以承诺代替提交以下证明材料：食品安全管理制度文本" in page
        data = {**FORM, f"material-{form_material.pk}": pdf(), "action": "submit"}
        r = citizen.post(f"/portal/apply/{committable.item_id}/", data)
        # Without the commitment the proof is still required.
        assert r.status_code == 422
        assert "食品安全管理制度文本" in html(r)
        case = Case.objects.get()
        r = citizen.post(
            f"/portal/cases/{case.pk}/edit/", {**FORM, "commit": "1", "action": "submit"}
        )
    assert r.status_code == 302, html(r)[:400]
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert case.commitments.get().via == "online"
    assert not case.materials.filter(material=proof).exists()


# --- 容缺 online ------------------------------------------------------------------------------
def test_asking_for_tolerance_online_and_supplying_after_acceptance(
    published, users, enterprise, qiye, materials, travel
):
    rules = materials["食品安全管理制度文本"]
    form_material = materials["食品经营许可申请书"]
    data = {
        "enterprise_id": str(enterprise.pk),
        **FORM,
        f"material-{form_material.pk}": pdf(),
        f"tolerate-{rules.pk}": "1",
        "action": "submit",
    }
    with travel(MONDAY):
        r = qiye.post(f"/portal/apply/{published.item_id}/", data)
    assert r.status_code == 302, html(r)[:500]
    case = Case.objects.get()
    assert case.state == CaseState.SUBMITTED
    assert case.commitments.get().kind == "tolerance"
    assert case.materials.get(material=rules).status == "tolerated"
    with travel(MONDAY):
        case_services.accept(actor=users["chuangkou"], case_id=case.pk)
        page = html(qiye.get(f"/portal/cases/{case.pk}/"))
        assert 'data-testid="owed"' in page
        assert "2026年3月9日前补齐" in page
        r = qiye.post(f"/portal/cases/{case.pk}/supply/", {"material_id": rules.pk})
        assert r.status_code == 422
        r = qiye.post(
            f"/portal/cases/{case.pk}/supply/", {"material_id": rules.pk, "file": pdf("制度.pdf")}
        )
    assert r.status_code == 302
    assert case.materials.get(status="tolerated").supplied_at is not None


def test_a_non_tolerable_material_cannot_be_tolerated_online(
    published, qiye, materials, enterprise, travel
):
    form_material = materials["食品经营许可申请书"]
    data = {
        "enterprise_id": str(enterprise.pk),
        **FORM,
        f"tolerate-{form_material.pk}": "1",
        "action": "save",
    }
    with travel(MONDAY):
        r = qiye.post(f"/portal/apply/{published.item_id}/", data)
    assert r.status_code == 422
    assert "不允许容缺" in html(r)
    case = Case.objects.get()
    assert not case.materials.exists()
    assert not case.commitments.exists()  # nothing half-written


def test_the_applicant_is_told_where_to_collect_the_result(published, users, enterprise, travel):
    from onewindow.notifications.models import Notification

    with travel(MONDAY):
        case = case_services.apply(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
            form_data=FORM,
        )
        case_services.accept(actor=users["chuangkou"], case_id=case.pk)
        case_services.start_review(actor=users["shenpi"], case_id=case.pk)
        case_services.pass_step(actor=users["shenpi"], case_id=case.pk, opinion="符合")
        case_services.approve(actor=users["shenpi"], case_id=case.pk, opinion="准予")
    ready = Notification.objects.get(template="cases.result_ready", channel="in_app")
    assert "眉县政务服务中心统一出件窗口领取" in ready.body
    assert ready.link == f"/portal/cases/{case.pk}/"
