"""Who sees what: a helper only what they carry, a hall admin their roster, a county leader
their key projects, the public what concerns them."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.assist import actionlog, selectors, services
from onewindow.assist.models import Consent
from onewindow.cases import services as cases
from onewindow.cases.models import CaseState
from onewindow.core.errors import NotFound, PermissionDenied

from .conftest import FORM, TODAY, apply_for


@pytest.fixture
def two_helpers(helper, users, staff_user, enterprise, published, give):
    """郑丽 carries 张三 (with his consent) and a case she filled in for him; the second
    helper carries the enterprise, with its written consent."""
    other = staff_user("bangban2", ["helper"])
    services.helper_create(actor=users["dating"], user_id=other.pk, phone="0917-5512367")
    services.assignment_create(
        actor=users["dating"], helper_id=helper.pk, kind="person", applicant_id=users["zhangsan"].pk
    )
    services.assignment_create(
        actor=users["dating"], helper_id=other.pk, kind="enterprise", enterprise_id=enterprise.pk
    )
    give()
    theirs = services.consent_create(
        actor=other,
        helper_id=other.pk,
        method=Consent.Method.PHONE,
        scope=Consent.Scope.ALL,
        enterprise_id=enterprise.pk,
        grantor_id=users["qiye"].pk,
        recording_ref="LY-1",
        valid_until=TODAY + dt.timedelta(days=3),
    )
    mine = apply_for(helper, published, applicant_id=users["zhangsan"].pk)
    cases.submit(actor=helper, case_id=mine.pk)
    ent_case = cases.apply(
        actor=users["qiye"],
        item_id=published.item_id,
        channel="pc",
        enterprise_id=enterprise.pk,
        form_data=FORM,
    )
    actionlog.sync()
    return {"other": other, "mine": mine, "theirs_case": ent_case, "theirs_consent": theirs}


def test_a_helper_sees_only_what_they_carry(two_helpers, helper, users):
    view = selectors.one_to_one(helper)
    assert [a.applicant for a in view["people"]] == [users["zhangsan"]]
    assert view["enterprises"] == []
    assert [c.pk for c in view["cases"]] == [two_helpers["mine"].pk]
    assert view["cases"][0].acceptance_due is not None  # the clock, in the window's terms
    assert {c.helper_id for c in view["consents"]} == {helper.pk}
    assert {a.helper_id for a in view["actions"]} == {helper.pk}
    assert {a.helper_id for a in selectors.assignments(helper)} == {helper.pk}
    assert {c.helper_id for c in selectors.consents(helper)} == {helper.pk}
    assert {a.helper_id for a in selectors.action_log(helper)} == {helper.pk}
    # Not another helper's view, nor theirs through an ID.
    with pytest.raises(NotFound):
        selectors.one_to_one(helper, two_helpers["other"].pk)
    assert not selectors.consents(helper).filter(pk=two_helpers["theirs_consent"].pk).exists()


def test_the_other_helper_sees_the_enterprise_and_its_cases(two_helpers, helper, users):
    other = two_helpers["other"]
    view = selectors.one_to_one(other)
    assert [a.enterprise.name for a in view["enterprises"]] == ["陕西眉香猕猴桃有限公司"]
    assert [c.pk for c in view["cases"]] == [two_helpers["theirs_case"].pk]
    assert [c.pk for c in view["expiring"]] == [two_helpers["theirs_consent"].pk]


def test_the_hall_admin_sees_the_roster_with_loads(two_helpers, helper, users):
    roster = {p.user.username: p for p in selectors.roster(users["dating"])}
    assert roster["bangban"].load == 1
    assert roster["bangban2"].load == 1
    assert roster["bangban"].consent_count == 1
    view = selectors.one_to_one(users["dating"], helper.pk)
    assert [c.pk for c in view["cases"]] == [two_helpers["mine"].pk]
    assert {a.helper_id for a in selectors.assignments(users["dating"])} == {
        helper.pk,
        two_helpers["other"].pk,
    }


def test_the_public_see_what_concerns_them(two_helpers, helper, users):
    zhangsan, qiye = users["zhangsan"], users["qiye"]
    assert [a.helper for a in selectors.my_helpers(zhangsan)] == [helper]
    assert [a.helper for a in selectors.my_helpers(qiye)] == [two_helpers["other"]]
    assert {c.applicant_id for c in selectors.consents(zhangsan)} == {zhangsan.pk}
    assert [c.pk for c in selectors.consents(qiye)] == [two_helpers["theirs_consent"].pk]
    assert {a.applicant_id for a in selectors.action_log(zhangsan)} == {zhangsan.pk}
    assert list(selectors.action_log(qiye)) == [
        a for a in selectors.action_log(qiye) if a.enterprise_id is not None
    ]
    roster = list(selectors.roster(zhangsan))
    assert {p.user.username for p in roster} == {"bangban", "bangban2"}
    with pytest.raises(PermissionDenied):
        selectors.one_to_one(zhangsan)


def test_a_county_leader_sees_their_projects_with_the_cases_clocks(
    helper, users, enterprise, published, staff_user, county
):
    project = services.project_create(
        actor=users["dating"],
        name="冷链物流园",
        enterprise_id=enterprise.pk,
        investment=100,
        leader_id=users["lingdao"].pk,
    )
    case = cases.apply(
        actor=users["qiye"],
        item_id=published.item_id,
        channel="pc",
        enterprise_id=enterprise.pk,
        form_data=FORM,
    )
    cases.accept(actor=users["chuangkou"], case_id=case.pk)
    services.project_add_case(actor=users["dating"], project_id=project.pk, case_id=case.pk)
    [row] = selectors.leader_projects(users["lingdao"])
    assert row == project
    [listed] = row.case_rows
    assert listed.state == CaseState.ACCEPTED
    assert listed.clock == "还剩 5 个工作日"
    other_leader = staff_user("lingdao2", ["county_leader"], hall=None, department="县政府办")
    assert selectors.leader_projects(other_leader) == []
    # A helper sees only projects they carry.
    assert list(selectors.projects(helper)) == []
    services.assignment_create(
        actor=users["dating"], helper_id=helper.pk, kind="project", project_id=project.pk
    )
    assert list(selectors.projects(helper)) == [project]
    assert list(selectors.projects(users["qiye"])) == [project]
    assert list(selectors.projects(users["zhangsan"])) == []
