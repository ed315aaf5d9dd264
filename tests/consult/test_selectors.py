"""Who sees which consultations, the list's filters, and the overdue view."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.consult import selectors, services
from onewindow.consult.selectors import Filters
from onewindow.core.errors import InvalidInput, NotFound, PermissionDenied

from .conftest import PHONE, at


@pytest.fixture
def world(log, users, departments, town_clerk, labour_approver, travel):
    """Five consultations: answered, referred to 县市场监管局, referred to the 人社 approver
    by name, referred by the town clerk to `chuangkou` by name, and one at the town centre."""
    with travel(at(2026, 2, 27, 10)):  # the Friday before
        answered = log("answered", asker_name="马先生", question="周六开门吗？")
    market = log("referred", to_department_id=departments["县市场监管局"].pk)
    labour = log("referred", to_staff_id=labour_approver.pk, asker_phone="0917-5523318")
    to_clerk = log("referred", actor=town_clerk, to_staff_id=users["chuangkou"].pk)
    town = log("follow_up", actor=town_clerk, asker_name="李女士", question="宅基地建房")
    return {
        "answered": answered,
        "market": market,
        "labour": labour,
        "to_clerk": to_clerk,
        "town": town,
    }


def seen(user) -> set[str]:
    return set(selectors.visible(user).values_list("number", flat=True))


def names(world, *keys: str) -> set[str]:
    return {world[k].number for k in keys}


@pytest.mark.parametrize(
    ("username", "keys"),
    [
        # Hall staff: their hall's, and what was referred to them by name.
        ("chuangkou", ("answered", "market", "labour", "to_clerk")),
        ("bangban", ("answered", "market", "labour")),
        ("dating", ("answered", "market", "labour")),
        # Department staff: what was referred to their department.
        ("shenpi", ("market",)),
        ("bumen", ("market",)),
        # County-wide roles: everything.
        ("ducha", ("answered", "market", "labour", "to_clerk", "town")),
        ("lingdao", ("answered", "market", "labour", "to_clerk", "town")),
        ("rexian", ("answered", "market", "labour", "to_clerk", "town")),
        ("admin", ("answered", "market", "labour", "to_clerk", "town")),
        # The public: nothing.
        ("zhangsan", ()),
    ],
)
def test_scope(world, users, username, keys):
    assert seen(users[username]) == names(world, *keys)


def test_scope_of_the_added_staff(world, town_clerk, labour_approver):
    assert seen(town_clerk) == names(world, "to_clerk", "town")
    assert seen(labour_approver) == names(world, "labour")


def test_referral_to_a_window_reaches_that_windows_hall(log, county, town_clerk, users):
    window = county["halls"]["横渠镇"].windows.get(number="01")
    c = log("referred", to_window_id=window.pk)
    assert c.number in seen(town_clerk)
    assert services.may(c, town_clerk, "follow_up")
    assert not services.may(c, town_clerk, "close")


def test_detail_is_scoped_and_not_for_the_public(world, users):
    assert selectors.consultation_detail(users["shenpi"], world["market"].pk) == world["market"]
    with pytest.raises(NotFound) as exc:
        selectors.consultation_detail(users["shenpi"], world["labour"].pk)
    assert exc.value.message == "咨询登记不存在或您无权查看"
    with pytest.raises(PermissionDenied):
        selectors.consultation_detail(users["zhangsan"], world["market"].pk)
    with pytest.raises(PermissionDenied):
        selectors.consultations(users["zhangsan"])


def test_actions_follow_the_role(world, users):
    market = world["market"]
    assert selectors.actions_for(market, users["chuangkou"]) == ["refer", "follow_up", "close"]
    assert selectors.actions_for(market, users["dating"]) == ["refer", "follow_up", "close"]
    assert selectors.actions_for(market, users["shenpi"]) == ["follow_up"]
    assert selectors.actions_for(market, users["ducha"]) == []
    assert selectors.actions_for(world["answered"], users["chuangkou"]) == []


def list_of(user, **filters) -> list[str]:
    return list(selectors.consultations(user, Filters(**filters)).values_list("number", flat=True))


def test_filters(world, users):
    ducha = users["ducha"]
    assert list_of(ducha)[0] == world["town"].number  # newest first
    assert set(list_of(ducha, state="closed")) == names(world, "answered")
    assert set(list_of(ducha, state="pending")) == names(
        world, "market", "labour", "to_clerk", "town"
    )
    assert set(list_of(ducha, state="follow_up")) == names(world, "town")
    assert set(list_of(ducha, since=dt.date(2026, 3, 2))) == names(
        world, "market", "labour", "to_clerk", "town"
    )
    assert set(list_of(ducha, until=dt.date(2026, 2, 27))) == names(world, "answered")
    assert list_of(ducha, since=dt.date(2026, 2, 28), until=dt.date(2026, 3, 1)) == []
    town_clerk = world["town"].responsible
    assert set(list_of(ducha, responsible_id=town_clerk.pk)) == names(world, "to_clerk", "town")
    # Text: the number, the asker, the question, the answer.
    assert set(list_of(ducha, q="李女士")) == names(world, "town")
    assert set(list_of(ducha, q="宅基地")) == names(world, "town")
    assert set(list_of(ducha, q="周六")) == names(world, "answered")
    assert set(list_of(ducha, q=world["labour"].number)) == names(world, "labour")
    # A whole phone number is found by its digest; part of one finds nothing (it is
    # stored encrypted).
    assert set(list_of(ducha, q="0917 5523318")) == names(world, "labour")
    assert len(list_of(ducha, q=PHONE)) == 4
    assert list_of(ducha, q=PHONE[-4:]) == []
    # The scope still applies.
    assert set(list_of(users["shenpi"], state="pending")) == names(world, "market")


def test_bad_filters_are_refused(world, users):
    with pytest.raises(InvalidInput) as exc:
        selectors.consultations(users["ducha"], Filters(state="done"))
    assert exc.value.details["field"] == "state"
    assert "pending 未办结" in exc.value.message
    with pytest.raises(InvalidInput) as exc:
        selectors.consultations(
            users["ducha"], Filters(since=dt.date(2026, 3, 5), until=dt.date(2026, 3, 1))
        )
    assert exc.value.message == "起始日期晚于截止日期：请重新选择日期范围"


def test_overdue_after_n_working_days(log, users, departments, travel):
    referred = log("referred", to_department_id=departments["县市场监管局"].pk)
    deferred = log("follow_up")
    answered = log("answered")
    closed_late = log("follow_up")
    services.consultation_close(
        actor=users["chuangkou"],
        consultation_id=closed_late.pk,
        result="已答复",
        asker_informed=True,
    )
    dating = users["dating"]
    # Due Wednesday 4 March: not overdue on Wednesday, overdue from Thursday.
    assert list(selectors.overdue(dating, today=dt.date(2026, 3, 4))) == []
    overdue = list(selectors.overdue(dating, today=dt.date(2026, 3, 5)))
    assert overdue == [referred, deferred]
    assert answered not in overdue
    # The workbench counts.
    assert selectors.summary(dating, today=dt.date(2026, 3, 5)) == {
        "pending": 2,
        "overdue": 2,
        "mine": 0,
    }
    assert selectors.summary(users["chuangkou"], today=dt.date(2026, 3, 4)) == {
        "pending": 2,
        "overdue": 0,
        "mine": 2,
    }
    assert selectors.summary(users["shenpi"], today=dt.date(2026, 3, 5))["overdue"] == 1


def test_the_overdue_period_is_a_setting_in_working_days(log, settings):
    settings.CONSULT_FOLLOW_UP_DAYS = 5
    c = log("follow_up")  # Monday 2 March + 5 working days = Monday 9 March
    assert c.follow_up_due == dt.date(2026, 3, 9)
    assert selectors.overdue(c.responsible, today=dt.date(2026, 3, 9)).count() == 0
    assert selectors.overdue(c.responsible, today=dt.date(2026, 3, 10)).count() == 1


def test_the_deadline_skips_holidays(log, travel):
    with travel(at(2026, 4, 3, 10)):  # Friday before 清明 (4–6 April 2026)
        c = log("follow_up")
    assert c.follow_up_due == dt.date(2026, 4, 8)


def test_list_query_count_does_not_grow_with_rows(world, users, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        rows = list(selectors.consultations(users["ducha"]))
        assert [r.responsible.name for r in rows]
        assert [r.referred_department.name for r in rows if r.referred_department]
