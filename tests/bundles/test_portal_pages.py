"""The portal's 一件事 pages: the list, the guide with its questionnaire (the plan updated by
htmx), one application for the whole bundle, my bundle cases and the tracking page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from onewindow.bundles.models import BundleCase, BundleFile
from onewindow.cases.models import Case
from tests.bundles.conftest import HANDLERS, NEWBORN_ANSWERS, grant, newborn_files

GUIDE = "/portal/bundles/newborn/"
APPLY = "/portal/bundles/newborn/apply/"
ANSWERS = {f"q-{k}": v for k, v in NEWBORN_ANSWERS.items()}
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "bundle-plan"}


def count_testid(html: str, name: str) -> int:
    return len(re.findall(rf'data-testid="{name}"', html))


def application(form: dict[str, Any], **extra: Any) -> dict[str, Any]:
    files = {f"material-{k}": v for k, v in newborn_files().items()}
    return {**ANSWERS, **form, **files, "delivery_mode": "together", "commit": "1", **extra}


# --- list and guide -----------------------------------------------------------------------------
def test_list_groups_the_published_bundles(client, county):
    response = client.get("/portal/bundles/")
    html = response.content.decode()
    assert response.status_code == 200
    assert count_testid(html, "bundle") == 27
    assert "个人办事" in html
    assert "企业办事" in html
    assert "新生儿出生" in html
    assert "企业信息变更" in html
    assert "牵头部门 县卫健局 · 7 个事项 · 承诺 10 个工作日办结" in html

    found = client.get("/portal/bundles/", {"q": "出生"}).content.decode()
    assert "新生儿出生" in found
    assert "企业信息变更" not in found


def test_newborn_guide_shows_members_in_stages_and_the_questions(client, county):
    response = client.get(GUIDE)
    html = response.content.decode()
    assert response.status_code == 200
    assert count_testid(html, "member") == 7
    assert count_testid(html, "question") == 4
    assert count_testid(html, "stage") == 3
    assert "待“《出生医学证明》办理（首签）”办结后自动启动" in html
    assert "待“出生登记（申报户口）”办结后自动启动" in html
    for dept in ("县卫健局", "县公安局", "县人社局", "县医保局"):
        assert dept in html
    assert "是否同时为新生儿申领社会保障卡？" in html
    assert 'data-testid="plan-prompt"' in html  # nothing answered yet
    assert 'data-testid="apply-bundle"' not in html


def test_enterprise_change_shows_the_city_power_member_as_external(client, county):
    html = client.get("/portal/bundles/enterprise_change/").content.decode()
    member = html.split('data-member="bank"')[1].split("</li>")[0]
    assert "基本账户变更" in member
    assert 'data-testid="external">市级权限' in member
    assert "人民银行宝鸡市分行" in member
    assert "非本县权限事项" in member


def test_unknown_bundle_is_404(client, county):
    response = client.get("/portal/bundles/no-such-thing/")
    assert response.status_code == 404
    assert "不存在或尚未发布" in response.content.decode()


def test_answering_updates_the_plan_by_htmx(client, county):
    response = client.get(GUIDE, ANSWERS, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # the fragment only
    assert "HX-Target" in response["Vary"]
    assert count_testid(html, "plan-member") == 5
    assert 'data-member="reimbursement"' not in html
    assert "由《出生医学证明》办理（首签）办理结果提供" in html
    assert "少填 19 项、少交 6 份材料" in html
    assert count_testid(html, "asked") == 3
    assert count_testid(html, "plan-field") == 16
    link = re.search(r'href="([^"]+)" data-testid="apply-bundle"', html)
    assert link is not None
    assert link.group(1).startswith(APPLY + "?")
    assert "q-social_card=yes" in link.group(1)

    # Another answer, another plan.
    html = client.get(GUIDE, {**ANSWERS, "q-reimbursement": "yes"}, **HTMX).content.decode()
    assert count_testid(html, "plan-member") == 6
    assert "医疗收费票据" in html

    # Half answered: what is left, no button.
    html = client.get(GUIDE, {"q-social_card": "yes", "q-parenting": "no"}, **HTMX).content.decode()
    assert "还有 2 个问题没有回答" in html
    assert 'data-testid="apply-bundle"' not in html

    # Without htmx (or on reload), the whole page with the answers ticked.
    html = client.get(GUIDE, ANSWERS).content.decode()
    assert "<html" in html
    assert 'id="q-social_card-yes" value="yes" checked' in html
    assert count_testid(html, "plan-member") == 5


# --- application --------------------------------------------------------------------------------
def test_apply_needs_a_login(client, county):
    response = client.get(APPLY, ANSWERS)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_staff_apply_at_the_window_not_here(login_client, users):
    response = login_client(users["chuangkou"]).get(APPLY, ANSWERS)
    assert response.status_code == 403
    assert "综合窗口" in response.content.decode()


def test_apply_page_has_the_merged_form_and_one_upload_per_asked_material(login_client, users):
    response = login_client(users["zhangsan"]).get(APPLY, ANSWERS)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="child.name"' in html
    assert html.count('name="applicant.phone"') == 1  # asked once for five members
    uploads = re.findall(r'type="file" id="[^"]+" name="material-([^"]+)"', html)
    assert sorted(uploads) == sorted(newborn_files())
    assert "由《出生医学证明》办理（首签）办理结果提供" in html
    for key, value in NEWBORN_ANSWERS.items():
        assert f'name="q-{key}" value="{value}"' in html
    assert 'name="delivery_mode" id="delivery-per_member"' in html


def test_apply_with_answers_missing_goes_back_to_the_questions(login_client, users):
    response = login_client(users["zhangsan"]).get(APPLY, {"q-social_card": "yes"})
    html = response.content.decode()
    assert response.status_code == 422
    assert 'data-testid="guide-error"' in html
    assert "请回答全部情形引导问题" in html
    assert 'id="q-social_card-yes" value="yes" checked' in html


def test_apply_post_submits_one_bundle_case(login_client, users, newborn_form):
    client = login_client(users["zhangsan"])
    response = client.post(APPLY, application(newborn_form))
    assert response.status_code == 302
    bc = BundleCase.objects.get()
    assert response["Location"] == f"/portal/bundle-cases/{bc.pk}/"
    assert bc.applicant == users["zhangsan"]
    assert bc.channel == "pc"
    assert bc.answers == NEWBORN_ANSWERS
    assert bc.form_data["child.name"] == newborn_form["child.name"]
    assert bc.files.count() == 3
    assert bc.members.count() == 5

    page = client.get(response["Location"]).content.decode()
    assert bc.number in page
    assert "一件事已提交" in page


def test_apply_post_from_a_phone_is_the_mobile_channel(login_client, users, newborn_form):
    client = login_client(users["zhangsan"])
    agent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
    response = client.post(APPLY, application(newborn_form), HTTP_USER_AGENT=agent)
    assert response.status_code == 302
    assert BundleCase.objects.get().channel == "mobile"


def test_apply_post_with_errors_keeps_what_was_typed_and_writes_nothing(
    login_client, users, newborn_form
):
    client = login_client(users["zhangsan"])
    cases_before = Case.objects.count()
    data = application({**newborn_form, "mother.id_number": "610326199001011234"})
    del data["material-近期免冠证件照片"]
    response = client.post(APPLY, data)
    html = response.content.decode()
    assert response.status_code == 422
    assert 'data-testid="apply-error"' in html
    assert "重新选择" in html
    field = html.split('data-field="mother.id_number"')[1].split('data-field="')[0]
    assert 'data-testid="field-error"' in field
    assert 'value="610326199001011234"' in field
    assert f'value="{newborn_form["child.name"]}"' in html
    assert "checked" in html.split('value="喂养指导"')[1].split(">")[0]

    # The form right, a material missing: the reason next to the material.
    data = application(newborn_form)
    del data["material-近期免冠证件照片"]
    response = client.post(APPLY, data)
    html = response.content.decode()
    assert response.status_code == 422
    material = html.split('data-material="近期免冠证件照片"')[1].split("</li>")[0]
    assert "请上传“近期免冠证件照片”" in material
    assert count_testid(html, "field-error") == 0
    assert BundleCase.objects.count() == 0
    assert BundleFile.objects.count() == 0
    assert Case.objects.count() == cases_before


def test_apply_post_without_the_commitment_writes_nothing(login_client, users, newborn_form):
    data = application(newborn_form)
    del data["commit"]
    response = login_client(users["zhangsan"]).post(APPLY, data)
    html = response.content.decode()
    assert response.status_code == 422
    assert 'data-testid="commit-error"' in html
    assert BundleCase.objects.count() == 0


def test_enterprise_bundle_asks_which_enterprise(login_client, users):
    from onewindow.identity.models import Enterprise

    client = login_client(users["qiye"])
    response = client.get(
        "/portal/bundles/enterprise_change/apply/",
        {"q-seal": "no", "q-bank": "yes", "q-tax_device": "no"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    enterprise = Enterprise.objects.get(name="陕西眉香猕猴桃有限公司")
    assert f'name="enterprise_id" id="ent-{enterprise.pk}" value="{enterprise.pk}" checked' in html
    assert "基本账户变更" in html
    assert "市级权限" in html

    # A person without an enterprise is told so.
    html = (
        login_client(users["zhangsan"])
        .get(
            "/portal/bundles/enterprise_change/apply/",
            {"q-seal": "no", "q-bank": "no", "q-tax_device": "no"},
        )
        .content.decode()
    )
    assert 'data-testid="no-enterprise"' in html


# --- my bundle cases and tracking ---------------------------------------------------------------
def test_my_bundle_cases_lists_status_clock_and_progress(login_client, users, newborn):
    html = login_client(users["zhangsan"]).get("/portal/bundle-cases/").content.decode()
    assert count_testid(html, "my-bundle-case") == 1
    assert newborn.number in html
    assert "办理中" in html
    assert "还剩" in html
    assert "已办结 0/5 个事项" in html
    assert f'href="/portal/bundle-cases/{newborn.pk}/"' in html


def test_tracking_page_shows_members_notices_and_the_timeline(login_client, users, newborn):
    response = login_client(users["zhangsan"]).get(f"/portal/bundle-cases/{newborn.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert count_testid(html, "bundle-member") == 5
    birth = newborn.members.get(key="birth_cert")
    assert f'href="/portal/cases/{birth.case_id}/"' in html
    assert birth.case.number in html
    assert html.count('data-status="waiting"') == 4
    assert "待“《出生医学证明》办理（首签）”办结后自动启动" in html
    assert "“一件事”受理回执" in html
    assert "一件事收〔" in html
    assert "还剩 10 个工作日" in html
    assert "提交“新生儿出生”一件事申请" in html


def test_someone_elses_bundle_case_is_404(login_client, users, newborn):
    response = login_client(users["qiye"]).get(f"/portal/bundle-cases/{newborn.pk}/")
    assert response.status_code == 404
    assert newborn.number not in response.content.decode()


def test_tracking_after_the_birth_certificate_is_granted(login_client, users, newborn):
    birth = newborn.members.get(key="birth_cert")
    grant(birth.case, users[HANDLERS["birth_cert"]])
    html = (
        login_client(users["zhangsan"]).get(f"/portal/bundle-cases/{newborn.pk}/").content.decode()
    )
    assert 'data-kind="stage"' in html
    assert "“一件事”办理进度告知书" in html
    assert html.count('data-status="started"') == 3
    assert html.count('data-status="waiting"') == 1
    assert html.count('data-status="granted"') == 1
    hukou = html.split('data-member="hukou"')[1].split('data-testid="bundle-member"')[0]
    assert "出生医学证明：由“《出生医学证明》办理（首签）”办理结果提供" in hukou
    assert 'data-testid="progress">1/5<' in html


def test_bundle_pages_use_a_fixed_number_of_queries(
    login_client, users, newborn, django_assert_max_num_queries
):
    client = login_client(users["zhangsan"])
    with django_assert_max_num_queries(20):
        assert client.get(f"/portal/bundle-cases/{newborn.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/portal/bundle-cases/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(GUIDE, ANSWERS).status_code == 200
    grant(newborn.members.get(key="birth_cert").case, users[HANDLERS["birth_cert"]])
    with django_assert_max_num_queries(20):  # more member cases, the same queries
        assert client.get(f"/portal/bundle-cases/{newborn.pk}/").status_code == 200


@pytest.mark.parametrize("path", ["/portal/bundles/", GUIDE])
def test_public_pages_link_the_bundles_in_the_navigation(client, county, path):
    assert 'data-testid="nav-bundle-list"' in client.get(path).content.decode()
