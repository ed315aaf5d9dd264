"""首问负责: the consultation logging form in a real browser at a phone's width — only the
chosen outcome's inputs show, the 转办人员 list follows the department (htmx), and a
follow-up is added in place."""

from __future__ import annotations

import pytest
import time_machine
from playwright.sync_api import Page, expect

from onewindow.consult.models import Consultation
from onewindow.consult.states import State
from tests.consult.conftest import MONDAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def monday():
    """A Monday with no holiday near, so the follow-up deadline never needs next year's
    calendar (the site loads no calendar data)."""
    with time_machine.travel(MONDAY, tick=False):
        yield


def test_log_and_refer_on_a_phone(monday, mobile_page: Page, login, site: str, shots_dir):
    tab = login(mobile_page, "chuangkou")
    tab.goto(f"{site}/window/consultations/new/")
    # Nothing wider than the screen.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    answer = tab.locator("#log-answer")
    department = tab.locator("#log-to_department_id")
    note = tab.locator("#log-note")
    # 当场答复 (the default): the answer shows, the referral does not.
    expect(answer).to_be_visible()
    expect(department).to_be_hidden()
    expect(note).to_be_hidden()
    tab.get_by_test_id("outcome-referred").click()
    expect(answer).to_be_hidden()
    expect(department).to_be_visible()
    expect(note).to_be_visible()
    tab.locator("#log-asker_name").fill("赵师傅")
    tab.locator("#log-asker_phone").fill("13709172288")
    tab.locator("#log-question").fill("电梯年检过期，使用登记证要不要重新办？")
    department.select_option(label="眉县市场监督管理局")
    # htmx reloads the people of that department.
    staff = tab.locator("#log-to_staff_id")
    expect(staff.locator("option", has_text="赵军")).to_have_count(1)
    staff.select_option(label="赵军")
    note.fill("请特种设备股答复")
    tab.screenshot(path=str(shots_dir / "consult-log-mobile.png"), full_page=True)
    with tab.expect_navigation():
        tab.get_by_test_id("log-submit").click()
    c = Consultation.objects.get()
    assert c.state == State.REFERRED
    assert c.referred_to.username == "shenpi"
    assert tab.url == f"{site}/window/consultations/{c.pk}/"
    expect(tab.get_by_test_id("referred")).to_contain_text("赵军")
    # A follow-up record, swapped in without leaving the tab.
    tab.locator("#follow-up-note").fill("已电话联系，等待答复")
    tab.get_by_test_id("follow-up-submit").click()
    expect(tab.get_by_test_id("follow-up-saved")).to_be_visible()
    expect(tab.get_by_test_id("follow-up")).to_have_count(2)
    assert tab.url == f"{site}/window/consultations/{c.pk}/"
