"""The roster, assignments (one helper per target, load limits, reassignment keeping the
history) and key projects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from onewindow.assist import selectors, services
from onewindow.assist.models import Assignment, HelperProfile, KeyProject, ProjectCase
from onewindow.cases import services as cases
from onewindow.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from onewindow.core.models import AuditEvent
from onewindow.notifications.models import Notification

from .conftest import FORM


def _unchanged(error, call, *args, **kwargs):
    counts = (Assignment.objects.count(), AuditEvent.objects.count(), KeyProject.objects.count())
    with pytest.raises(error) as exc:
        call(*args, **kwargs)
    assert (
        Assignment.objects.count(),
        AuditEvent.objects.count(),
        KeyProject.objects.count(),
    ) == counts
    return exc.value


@pytest.fixture
def assign(helper, users):
    def make(kind="person", *, actor=None, helper_id=None, **target):
        if not target and kind == "person":
            target = {"applicant_id": users["zhangsan"].pk}
        return services.assignment_create(
            actor=actor or users["dating"],
            helper_id=helper_id or helper.pk,
            kind=kind,
            note="需要全程指导",
            **target,
        )

    return make


@pytest.fixture
def second(users, staff_user, clock):
    """Another helper of the county centre, on the roster."""
    user = staff_user("bangban2", ["helper"])
    services.helper_create(actor=users["dating"], user_id=user.pk, phone="13800000099")
    return user


@pytest.fixture
def project(users, enterprise, county, clock):
    return services.project_create(
        actor=users["dating"],
        name="眉香猕猴桃冷链物流园",
        enterprise_id=enterprise.pk,
        investment="32000.5",
        leader_id=users["lingdao"].pk,
        department_ids=[county["departments"]["县发改局"].pk],
    )


# --- the roster -------------------------------------------------------------------------------
def test_roster_entry_checks_role_phone_and_manager(helper, users, profile, staff_user):
    assert profile.hall_id == helper.hall_id
    assert profile.tags == ["企业开办"]
    event = AuditEvent.objects.get(code="assist.helper.created")
    assert event.actor == users["dating"]
    clerk = users["chuangkou"]
    err = _unchanged(
        InvalidInput,
        services.helper_create,
        actor=users["dating"],
        user_id=clerk.pk,
        phone="0917-1",
    )
    assert "帮办代办员" in err.message
    _unchanged(
        Conflict,
        services.helper_create,
        actor=users["dating"],
        user_id=helper.pk,
        phone="0917-5512366",
    )
    other = staff_user("bangban3", ["helper"])
    err = _unchanged(
        InvalidInput, services.helper_create, actor=users["dating"], user_id=other.pk, phone="abc"
    )
    assert err.details["field"] == "phone"
    _unchanged(
        PermissionDenied,
        services.helper_create,
        actor=helper,
        user_id=other.pk,
        phone="0917-5512368",
    )
    profile = services.helper_update(
        actor=users["dating"],
        profile_id=profile.pk,
        tags="企业开办、工程建设，老年人帮办",
        max_load=5,
    )
    assert profile.tags == ["企业开办", "工程建设", "老年人帮办"]
    assert profile.max_load == 5


# --- assignments ------------------------------------------------------------------------------
def test_assigning_records_who_and_tells_the_helper(assign, helper, users):
    row = assign()
    assert row.is_active
    assert row.assigned_by == users["dating"]
    assert row.target_label == "张三"
    event = AuditEvent.objects.get(code="assist.assignment.created", object_id=str(row.pk))
    assert event.after["applicant"] == users["zhangsan"].pk
    assert Notification.objects.filter(recipient=helper, template="assist.assigned").exists()


def test_one_helper_per_target(assign, second, users):
    assign()
    err = _unchanged(Conflict, assign, helper_id=second.pk)
    assert err.code == "already_assigned"
    assert "已由帮办员郑丽帮办" in err.message
    assert "改派" in err.message


def test_the_database_refuses_a_second_active_helper_too(assign, second, users):
    first = assign()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(helper=second, kind="person", applicant=first.applicant)


def test_reassigning_keeps_the_history(assign, second, users, helper):
    old = assign()
    new = services.assignment_reassign(
        actor=users["dating"], assignment_id=old.pk, helper_id=second.pk, note="郑丽休假"
    )
    old.refresh_from_db()
    assert old.ended_at is not None
    assert old.ended_by == users["dating"]
    assert old.end_note == "改派给测试bangban2：郑丽休假"
    assert new.previous == old
    assert new.helper == second
    assert new.applicant == old.applicant
    assert [a.helper for a in selectors.history(users["dating"], new.pk)] == [second, helper]
    codes = list(
        AuditEvent.objects.filter(code__startswith="assist.assignment")
        .order_by("seq")
        .values_list("code", flat=True)
    )
    assert codes == [
        "assist.assignment.created",
        "assist.assignment.ended",
        "assist.assignment.created",
    ]
    # The ended row cannot be reassigned or ended again.
    err = _unchanged(Conflict, services.assignment_end, actor=users["dating"], assignment_id=old.pk)
    assert err.code == "assignment_ended"
    _unchanged(
        InvalidInput,
        services.assignment_reassign,
        actor=users["dating"],
        assignment_id=new.pk,
        helper_id=second.pk,
    )


def test_load_limit_and_duty(assign, profile, users, enterprise, helper):
    services.helper_update(actor=users["dating"], profile_id=profile.pk, max_load=1)
    assign()
    err = _unchanged(Conflict, assign, "enterprise", enterprise_id=enterprise.pk)
    assert err.code == "helper_full"
    assert "达到上限 1" in err.message
    err = _unchanged(
        Conflict,
        services.helper_update,
        actor=users["dating"],
        profile_id=profile.pk,
        is_active=False,
    )
    assert err.code == "helper_busy"
    services.assignment_end(actor=users["dating"], assignment_id=Assignment.objects.get().pk)
    services.helper_update(actor=users["dating"], profile_id=profile.pk, is_active=False)
    err = _unchanged(Conflict, assign, "enterprise", enterprise_id=enterprise.pk)
    assert err.code == "helper_inactive"


@pytest.mark.parametrize(
    ("kind", "target", "error", "field"),
    [
        ("person", {"enterprise_id": 1}, InvalidInput, "enterprise_id"),
        ("person", {"applicant_id": 987654}, NotFound, "applicant_id"),
        ("enterprise", {}, InvalidInput, "enterprise_id"),
        ("case", {"case_id": 987654}, NotFound, "case_id"),
        ("project", {"project_id": 987654}, NotFound, "project_id"),
        ("family", {"applicant_id": 1}, InvalidInput, "kind"),
    ],
)
def test_the_target_must_fit_the_kind(assign, kind, target, error, field):
    err = _unchanged(error, assign, kind, **target)
    assert err.details["field"] == field


def test_a_staff_account_is_not_an_applicant(assign, users):
    _unchanged(NotFound, assign, applicant_id=users["chuangkou"].pk)


def test_who_may_assign(assign, helper, users, staff_user, county):
    _unchanged(PermissionDenied, assign, actor=helper)
    _unchanged(PermissionDenied, assign, actor=users["chuangkou"])
    town = next(k for k in county["halls"] if k != "county")
    other_hall = staff_user("dating2", ["hall_admin"], hall=town)
    err = _unchanged(PermissionDenied, assign, actor=other_hall)
    assert "不在您管理的名册中" in err.message
    assert assign(actor=users["admin"]).assigned_by == users["admin"]


def test_a_case_can_be_assigned(assign, helper, users, published):
    case = cases.case_create(
        actor=users["chuangkou"],
        item_id=published.item_id,
        channel="window",
        applicant_id=users["zhangsan"].pk,
        form_data=FORM,
    )
    row = assign("case", case_id=case.pk)
    assert row.kind == "case"
    assert row.case == case
    assert case in selectors.carried_cases(helper.pk)


# --- key projects -----------------------------------------------------------------------------
def test_key_project_and_its_cases(project, users, enterprise, published, assign, helper):
    assert project.investment == Decimal("32000.50")
    assert project.leader == users["lingdao"]
    assert [d.short_name for d in project.departments.all()] == ["县发改局"]
    case = cases.apply(
        actor=users["qiye"],
        item_id=published.item_id,
        channel="pc",
        enterprise_id=enterprise.pk,
        form_data=FORM,
    )
    # The helper carrying the project may add its cases; other helpers may not.
    _unchanged(
        PermissionDenied,
        services.project_add_case,
        actor=helper,
        project_id=project.pk,
        case_id=case.pk,
    )
    assign("project", project_id=project.pk)
    services.project_add_case(actor=helper, project_id=project.pk, case_id=case.pk)
    assert list(project.cases.all()) == [case]
    err = _unchanged(
        Conflict,
        services.project_add_case,
        actor=users["dating"],
        project_id=project.pk,
        case_id=case.pk,
    )
    assert "已属于重点项目" in err.message
    # A case of someone else is not the project's.
    mine = cases.case_create(actor=users["zhangsan"], item_id=published.item_id, channel="pc")
    err = _unchanged(
        InvalidInput,
        services.project_add_case,
        actor=users["dating"],
        project_id=project.pk,
        case_id=mine.pk,
    )
    assert err.details["field"] == "case_id"
    services.project_remove_case(actor=users["dating"], project_id=project.pk, case_id=case.pk)
    assert not ProjectCase.objects.exists()


def test_project_rules(users, enterprise, project, assign):
    err = _unchanged(
        InvalidInput,
        services.project_create,
        actor=users["dating"],
        name="二期",
        enterprise_id=enterprise.pk,
        investment=100,
        leader_id=users["shenpi"].pk,
    )
    assert err.details["field"] == "leader_id"
    for bad in ("-1", "abc"):
        err = _unchanged(
            InvalidInput,
            services.project_create,
            actor=users["dating"],
            name="二期",
            enterprise_id=enterprise.pk,
            investment=bad,
            leader_id=users["lingdao"].pk,
        )
        assert err.details["field"] == "investment"
    _unchanged(
        Conflict,
        services.project_create,
        actor=users["dating"],
        name="眉香猕猴桃冷链物流园",
        enterprise_id=enterprise.pk,
        investment=1,
        leader_id=users["lingdao"].pk,
    )
    _unchanged(
        PermissionDenied,
        services.project_create,
        actor=users["bangban"],
        name="三期",
        enterprise_id=enterprise.pk,
        investment=1,
        leader_id=users["lingdao"].pk,
    )


def test_a_project_in_production_closes_its_assignments(project, users, assign):
    row = assign("project", project_id=project.pk)
    services.project_update(actor=users["dating"], project_id=project.pk, status="producing")
    row.refresh_from_db()
    assert row.ended_at is not None
    assert row.end_note == "项目已投产，帮办结束"
    err = _unchanged(
        Conflict,
        services.project_update,
        actor=users["dating"],
        project_id=project.pk,
        name="新名称",
    )
    assert "已投产" in err.message
    _unchanged(Conflict, assign, "project", project_id=project.pk)


def test_hall_admins_of_another_hall_see_no_roster(helper, users, staff_user, county):
    town = next(k for k in county["halls"] if k != "county")
    other = staff_user("dating2", ["hall_admin"], hall=town)
    assert list(selectors.roster(other)) == []
    assert [p.user for p in selectors.roster(users["dating"])] == [helper]
    assert HelperProfile.objects.count() == 1
