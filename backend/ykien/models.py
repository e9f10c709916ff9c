"""Every table, imported once so that ``metadata`` is complete (for Alembic and the tests)."""

from ykien.accounts import models as _accounts  # noqa: F401
from ykien.comments import models as _comments  # noqa: F401
from ykien.consultations import models as _consultations  # noqa: F401
from ykien.core import audit as _audit  # noqa: F401
from ykien.core.db import metadata
from ykien.meetings import models as _meetings  # noqa: F401
from ykien.periodic import models as _periodic  # noqa: F401
from ykien.stats import models as _stats  # noqa: F401
from ykien.syntheses import models as _syntheses  # noqa: F401
from ykien.units import models as _units  # noqa: F401
from ykien.works import models as _works  # noqa: F401

__all__ = ["metadata"]
