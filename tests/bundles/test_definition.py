"""Defining and publishing a bundle: what a reviewer would refuse is refused at publication,
with a message naming the problem — an applicant never meets it."""

from __future__ import annotations

import pytest

from onewindow.bundles import definition, selectors, services
from onewindow.bundles.models import Bundle, BundleStatus, BundleVersion
from onewindow.catalog.models import FormField, Item
from onewindow.core.errors import Conflict, InvalidInput, PermissionDenied


def item_id(name: str) -> int:
    return Item.objects.get(published_version__name=name).pk


def dept(county, short: str) -> int:
    return county["departments"][short].pk


YES_NO = [["yes", "是"], ["no", "否"]]


def define(county, members, *, questions=None, labels=None, code="test_bundle", actor=None):
    return services.bundle_define(
        actor=actor,
        code=code,
        name="测试一件事",
        audience="person",
        lead_department_id=dept(county, "县卫健局"),
        promised_limit=10,
        members=members,
        questions=questions or [],
        labels=labels or {},
    )


def publish_errors(version: BundleVersion) -> list[str]:
    with pytest.raises(InvalidInput) as exc:
        services.version_publish(actor=None, version_id=version.pk)
    version.refresh_from_db()
    assert version.status == BundleStatus.DRAFT  # nothing published
    return exc.value.details["errors"]  # type: ignore[no-any-return]


def test_the_seed_bundles_are_published_and_pass_every_check(county):
    bundles = Bundle.objects.filter(published_version__isnull=False)
    assert bundles.count() == 27
    for bundle in bundles:
        version = bundle.published_version
        assert version is not None
        assert definition.check(definition.load(version)) == []


def test_a_cyclic_dependency_is_refused(county):
    version = define(
        county,
        [
            {"key": "a", "item_id": item_id("预防接种证办理"), "after": ["b"]},
            {"key": "b", "item_id": item_id("出生登记（申报户口）"), "after": ["c"]},
            {"key": "c", "item_id": item_id("科学育儿指导服务登记"), "after": ["a"]},
        ],
    )
    errors = publish_errors(version)
    assert any("循环依赖" in e and "→" in e for e in errors), errors


def test_an_unpublished_member_item_is_refused(county):
    item = Item.objects.get(published_version__name="科学育儿指导服务登记")
    version = define(
        county,
        [
            {"key": "a", "item_id": item_id("预防接种证办理")},
            {"key": "b", "item_id": item.pk},
        ],
    )
    Item.objects.filter(pk=item.pk).update(published_version=None)  # withdrawn meanwhile
    errors = publish_errors(version)
    assert any("未发布或已停用" in e for e in errors), errors


def test_an_answer_that_selects_no_member_is_refused(county):
    version = define(
        county,
        [
            {"key": "a", "item_id": item_id("预防接种证办理"), "when": {"q": ["yes"]}},
            {"key": "b", "item_id": item_id("科学育儿指导服务登记"), "when": {"q": ["yes"]}},
        ],
        questions=[{"key": "q", "text": "是否需要？", "options": YES_NO}],
    )
    errors = publish_errors(version)
    assert "回答为“否”时没有需要办理的本县事项" in errors


def test_an_answer_that_drops_a_needed_predecessor_is_refused(county):
    version = define(
        county,
        [
            {"key": "a", "item_id": item_id("出生登记（申报户口）"), "when": {"q": ["yes"]}},
            {"key": "b", "item_id": item_id("科学育儿指导服务登记"), "after": ["a"]},
        ],
        questions=[{"key": "q", "text": "是否落户？", "options": YES_NO}],
    )
    errors = publish_errors(version)
    assert any("前序成员“a”不办理" in e for e in errors), errors


def test_conflicting_field_definitions_are_refused_until_given_one_label(county):
    # Two members ask the same data element under different names.
    vaccination = Item.objects.get(published_version__name="预防接种证办理").published_version
    FormField.objects.filter(version=vaccination, element__key="child.name").update(
        label="宝宝姓名"
    )
    members = [
        {"key": "a", "item_id": item_id("预防接种证办理")},
        {"key": "b", "item_id": item_id("科学育儿指导服务登记")},
    ]
    errors = publish_errors(define(county, members))
    assert any("合并表单冲突" in e and "child.name" in e and "宝宝姓名" in e for e in errors)
    # The editor settles the name for the merged form; now it publishes.
    version = define(county, members, labels={"child.name": "新生儿姓名"}, code="test_bundle2")
    published = services.version_publish(actor=None, version_id=version.pk)
    assert published.status == BundleStatus.PUBLISHED
    guide = selectors.guide(published.bundle)
    assert [f.label for f in guide.form if f.key == "child.name"] == ["新生儿姓名"]


def test_an_external_member_cannot_be_a_predecessor(county):
    version = define(
        county,
        [
            {"key": "bank", "external_name": "开户许可", "external_body": "人民银行（市级权限）"},
            {"key": "a", "item_id": item_id("预防接种证办理"), "after": ["bank"]},
        ],
    )
    errors = publish_errors(version)
    assert any("不能以外部事项“bank”为前序" in e for e in errors), errors


def test_the_message_of_a_refused_publication_names_the_bundle_and_problem(county):
    version = define(
        county,
        [{"key": "a", "item_id": item_id("预防接种证办理"), "after": ["a"]}],
    )
    with pytest.raises(InvalidInput) as exc:
        services.version_publish(actor=None, version_id=version.pk)
    assert exc.value.message.startswith("“测试一件事”不能发布：")
    assert "至少要有两个成员事项" in exc.value.message
    assert "不能以自身为前序" in exc.value.message


def test_define_rejects_unknown_items_departments_and_duplicate_keys(county):
    with pytest.raises(InvalidInput, match="事项 999999 不存在"):
        define(county, [{"key": "a", "item_id": 999999}])
    with pytest.raises(InvalidInput, match="成员代码重复：a"):
        define(
            county,
            [
                {"key": "a", "item_id": item_id("预防接种证办理")},
                {"key": "a", "item_id": item_id("科学育儿指导服务登记")},
            ],
        )
    with pytest.raises(InvalidInput, match="牵头部门 0 不存在"):
        services.bundle_define(
            actor=None,
            code="x",
            name="x",
            audience="person",
            lead_department_id=0,
            promised_limit=1,
            members=[],
        )
    assert not Bundle.objects.filter(code__in=["test_bundle", "x"]).exists()


def test_only_editors_define_bundles(county, users):
    with pytest.raises(PermissionDenied):
        define(county, [], actor=users["zhangsan"])
    with pytest.raises(PermissionDenied):
        define(county, [], actor=users["shenpi"])


def test_a_new_draft_replaces_the_version_in_force_only_when_published(county, users):
    bundle = selectors.bundle_by_code("newborn")
    old = bundle.published_version
    assert old is not None
    draft = services.version_new_draft(actor=users["dating"], bundle_id=bundle.pk)
    assert draft.number == old.number + 1
    assert draft.members.count() == old.members.count()
    with pytest.raises(Conflict, match="已有一个草稿版本"):
        services.version_new_draft(actor=users["dating"], bundle_id=bundle.pk)
    bundle.refresh_from_db()
    assert bundle.published_version_id == old.pk  # the draft is not in force yet
    services.version_publish(actor=users["dating"], version_id=draft.pk)
    bundle.refresh_from_db()
    old.refresh_from_db()
    assert bundle.published_version_id == draft.pk
    assert old.status == BundleStatus.RETIRED
    with pytest.raises(Conflict, match="只有草稿可以发布"):
        services.version_publish(actor=users["dating"], version_id=old.pk)


def test_a_department_drafts_and_the_county_centre_publishes(county, users):
    version = define(
        county,
        [
            {"key": "a", "item_id": item_id("预防接种证办理")},
            {"key": "b", "item_id": item_id("科学育儿指导服务登记")},
        ],
        actor=users["bumen"],  # 县市场监管局 department admin: may draft
    )
    with pytest.raises(PermissionDenied, match="经政务服务中心（大厅管理员）审核后发布"):
        services.version_publish(actor=users["bumen"], version_id=version.pk)
    version.refresh_from_db()
    assert version.status == BundleStatus.DRAFT
    published = services.version_publish(actor=users["dating"], version_id=version.pk)
    assert published.status == BundleStatus.PUBLISHED
