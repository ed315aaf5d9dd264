from __future__ import annotations

import pytest

from onewindow.catalog import search, selectors, services
from onewindow.catalog.models import SearchPosting


@pytest.fixture
def catalog(make_item):
    return {
        "food": make_item("000103001000"),
        "birth": make_item(
            "000201001000",
            department="县公安局",
            name="新生儿出生登记",
            themes=["birth"],
            service_objects="1",
            high_frequency=True,
            result_name="户口簿",
            faq=[],
            special_procedures=[],
            legal_basis="《中华人民共和国户口登记条例》第七条",
            conditions="婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居申报出生登记。",
            materials=[
                {"material_type": "出生医学证明"},
                {"material_type": "居民身份证", "tolerable": True},
            ],
            fields=[{"key": "child.name"}, {"key": "applicant.id_number"}],
        ),
        "draft": make_item("000103003000", name="餐饮服务食品安全检查", publish=False),
    }


def names(q: str, **filters) -> list[str]:
    result = selectors.find_items(q=q, filters=selectors.Filters(**filters))
    return [v.name for v in result.versions]


def test_colloquial_queries_find_items_through_synonyms(catalog):
    assert names("生孩子") == ["新生儿出生登记"]
    assert names("我想开饭店") == ["食品经营许可"]
    result = selectors.find_items(q="生孩子怎么上户口")
    assert result.query.expanded_from == ("生孩子",)


def test_words_in_the_name_outrank_words_elsewhere(catalog):
    # 出生医学证明 is a material of the birth item; 食品 is in the food item's name.
    assert names("食品 出生")[0] == "食品经营许可"
    assert names("许可") == ["食品经营许可"]


def test_only_published_versions_are_found(catalog):
    assert "餐饮服务食品安全检查" not in names("餐饮")
    assert "餐饮服务食品安全检查" not in names("餐饮服务食品安全检查")


def test_filters_combine_with_the_query(catalog, county):
    police = county["departments"]["县公安局"].pk
    assert names("", department_id=police) == ["新生儿出生登记"]
    assert names("登记", theme="birth") == ["新生儿出生登记"]
    assert names("", service_object="2") == ["食品经营许可"]
    # Without a query: implementation-code order (县公安局's code sorts before 县市场监管局's).
    assert names("", high_frequency=True, online_only=True) == ["新生儿出生登记", "食品经营许可"]
    assert names("出生", level=5) == []


def test_search_by_code_and_unknown_words(catalog):
    code = catalog["birth"].item.implementation_code
    assert names(code) == ["新生儿出生登记"]
    assert names("火星签证") == []
    assert names("") == ["新生儿出生登记", "食品经营许可"]


def test_retiring_removes_the_item_from_search(catalog, users):
    services.item_retire(actor=users["admin"], item_id=catalog["food"].item_id, opinion="取消")
    assert names("食品") == []
    assert not SearchPosting.objects.filter(version=catalog["food"]).exists()


def test_tokens_and_reindex(catalog):
    assert "新生儿" in search.tokens("新生儿出生登记")
    assert "的" not in search.tokens("我的孩子")
    before = SearchPosting.objects.count()
    assert search.reindex_all() == 2
    assert SearchPosting.objects.count() == before
