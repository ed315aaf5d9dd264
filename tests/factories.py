"""factory-boy factories for tests that need objects beyond the demo county."""

from __future__ import annotations

import itertools

import factory

from onewindow.core.validators import resident_id_check_char, uscc_check_char
from onewindow.identity.models import Enterprise, User

_seq = itertools.count(1)


def make_resident_id(n: int | None = None, birth: str = "19900101") -> str:
    n = next(_seq) if n is None else n
    first17 = f"610326{birth}{n % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def make_uscc(n: int | None = None) -> str:
    n = next(_seq) if n is None else n
    first17 = f"91610326MA{n:07d}"
    return first17 + uscc_check_char(first17)


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"citizen{n}")
    name = factory.Sequence(lambda n: f"市民{n}")
    kind = User.Kind.PUBLIC
    password = factory.django.Password("Demo#2026")

    @factory.post_generation
    def id_number(self, create, extracted, **kwargs):
        self.set_id_number(extracted or make_resident_id())
        if create:
            self.save()


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"眉县测试企业{n}有限公司")
    uscc = factory.LazyFunction(make_uscc)
    legal_rep_name = "王五"
