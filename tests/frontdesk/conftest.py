from tests.cases.conftest import (  # noqa: F401  (fixtures)
    enterprise,
    expert_review,
    published,
    travel,
)
from tests.catalog.conftest import content, make_item, reference  # noqa: F401
