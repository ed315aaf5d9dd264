"""Public reads of the organisation: divisions, departments, halls, windows."""

from __future__ import annotations

import pytest

from onewindow.core.validators import uscc_error
from onewindow.org.models import Department, Division, Hall, Window

from .utils import api_get, assert_error

COUNTY_CODE = "610326000000"
TOWNS_AND_STREETS = {"首善街道", "横渠镇", "槐芽镇", "汤峪镇", "常兴镇", "金渠镇", "营头镇", "齐镇"}


@pytest.mark.parametrize(
    "path", ["/org/divisions", "/org/departments", "/org/halls", "/org/windows"]
)
def test_org_lists_are_public(county, anon, path):
    response = api_get(anon, path)

    assert response.status_code == 200
    assert isinstance(response.json(), list)
    assert response.json()


def test_divisions_under_the_county_are_its_8_towns_and_streets(county, anon):
    response = api_get(anon, "/org/divisions", {"parent_code": COUNTY_CODE})

    assert response.status_code == 200
    divisions = response.json()
    assert len(divisions) == 8
    assert {d["name"] for d in divisions} == TOWNS_AND_STREETS
    assert all(d["parent_code"] == COUNTY_CODE for d in divisions)
    assert all(d["level"] == Division.Level.TOWN for d in divisions)
    assert {d["kind"] for d in divisions} == {"town", "street"}


def test_divisions_without_filter_include_the_county(county, anon):
    divisions = api_get(anon, "/org/divisions").json()

    assert len(divisions) == Division.objects.count()
    [county_row] = [d for d in divisions if d["code"] == COUNTY_CODE]
    assert county_row["parent_code"] is None
    assert county_row["level"] == Division.Level.COUNTY


@pytest.mark.parametrize("level", [Division.Level.COUNTY, Division.Level.VILLAGE])
def test_divisions_filter_by_level(county, anon, level):
    divisions = api_get(anon, "/org/divisions", {"level": int(level)}).json()

    assert len(divisions) == Division.objects.filter(level=level).count() > 0
    assert {d["level"] for d in divisions} == {level}


def test_unknown_parent_code_gives_an_empty_list(county, anon):
    response = api_get(anon, "/org/divisions", {"parent_code": "610326999999"})

    assert response.status_code == 200
    assert response.json() == []


def test_departments_list(county, anon):
    departments = api_get(anon, "/org/departments").json()

    assert len(departments) == Department.objects.count()
    assert "县行政审批局" in {d["short_name"] for d in departments}
    for d in departments:
        assert uscc_error(d["uscc"]) is None, d
        assert d["division_code"].startswith("610326")


def test_halls_list(county, anon):
    halls = api_get(anon, "/org/halls").json()

    assert len(halls) == Hall.objects.count()
    [center] = [h for h in halls if h["name"] == "眉县政务服务中心"]
    assert center["kind"] == "county_center"
    assert center["kind_display"] == "县政务服务中心"
    assert center["division_code"] == COUNTY_CODE
    assert center["opening_hours_display"].startswith("周一至周五")


def test_windows_filtered_by_hall(county, anon):
    hall = Hall.objects.get(name="眉县政务服务中心")

    windows = api_get(anon, "/org/windows", {"hall_id": hall.pk}).json()

    assert len(windows) == Window.objects.filter(hall=hall).count() > 0
    assert {w["hall_id"] for w in windows} == {hall.pk}
    assert "A01" in {w["number"] for w in windows}
    assert all(isinstance(w["department_ids"], list) for w in windows)


def test_windows_of_a_hall_without_windows_is_empty(county, anon):
    empty = Hall.objects.filter(windows__isnull=True).order_by("pk").first()
    assert empty is not None

    response = api_get(anon, "/org/windows", {"hall_id": empty.pk})

    assert response.status_code == 200
    assert response.json() == []


def test_windows_without_filter_list_every_hall(county, anon):
    windows = api_get(anon, "/org/windows").json()

    assert len(windows) == Window.objects.count()
    assert len({w["hall_id"] for w in windows}) > 1


def test_windows_with_non_numeric_hall_id_is_422(county, anon):
    assert_error(api_get(anon, "/org/windows", {"hall_id": "abc"}), 422, "invalid", chinese=False)
