"""Admin of bundles: drafts are edited and published through the publication checks (a
refused publication lists its reasons); versions in force and bundle cases are read-only."""

from __future__ import annotations

from onewindow.bundles import selectors
from onewindow.bundles.models import Bundle, BundleMember, BundleStatus, BundleVersion


def post_action(client, url: str, action: str, pks: list[int]):
    return client.post(
        url, {"action": action, "_selected_action": [str(pk) for pk in pks]}, follow=True
    )


def test_changelists_and_a_bundle_case_render(newborn, users, login_client):
    client = login_client(users["admin"])
    html = client.get("/admin/bundles/bundle/").content.decode()
    assert "新生儿出生" in html
    assert "企业信息变更" in html
    html = client.get("/admin/bundles/bundleversion/?status=published").content.decode()
    assert "交房即交证" in html
    page = client.get(f"/admin/bundles/bundlecase/{newborn.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert newborn.number in html
    assert "《出生医学证明》办理（首签）" in html
    assert "“一件事”受理回执" in html
    # Nothing to save on a bundle case: it is told by its members.
    assert 'name="_save"' not in html


def test_a_new_draft_is_edited_and_a_bad_one_is_not_published(county, users, login_client):
    client = login_client(users["admin"])
    bundle = selectors.bundle_by_code("newborn")
    in_force = bundle.published_version
    response = post_action(client, "/admin/bundles/bundle/", "new_drafts", [bundle.pk])
    assert "已为“新生儿出生”新建草稿 v2" in response.content.decode()
    draft = BundleVersion.objects.get(bundle=bundle, status=BundleStatus.DRAFT)
    # The editor makes the household registration wait for the vaccination certificate,
    # which waits for the household registration: a cycle.
    BundleMember.objects.filter(version=draft, key="vaccination").update(after=["hukou"])
    BundleMember.objects.filter(version=draft, key="hukou").update(after=["vaccination"])
    response = post_action(client, "/admin/bundles/bundleversion/", "publish_drafts", [draft.pk])
    html = response.content.decode()
    assert "“新生儿出生”不能发布" in html
    assert "循环依赖" in html
    draft.refresh_from_db()
    bundle.refresh_from_db()
    assert draft.status == BundleStatus.DRAFT
    assert bundle.published_version_id == in_force.pk

    BundleMember.objects.filter(version=draft, key="hukou").update(after=["birth_cert"])
    response = post_action(client, "/admin/bundles/bundleversion/", "check_drafts", [draft.pk])
    assert "检查通过" in response.content.decode()
    response = post_action(client, "/admin/bundles/bundleversion/", "publish_drafts", [draft.pk])
    assert "已发布“新生儿出生”v2" in response.content.decode()
    bundle.refresh_from_db()
    assert bundle.published_version_id == draft.pk


def test_a_version_in_force_cannot_be_changed(county, users, login_client):
    client = login_client(users["admin"])
    version = selectors.bundle_by_code("newborn").published_version
    page = client.get(f"/admin/bundles/bundleversion/{version.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="promised_limit"' not in html  # shown, not editable
    assert 'name="members-0-key"' not in html
    client.post(
        f"/admin/bundles/bundleversion/{version.pk}/change/",
        {"name": "改名", "promised_limit": "1"},
    )
    version.refresh_from_db()
    assert version.name == "新生儿出生"
    assert version.promised_limit == 10
    assert Bundle.objects.get(code="newborn").name == "新生儿出生"
