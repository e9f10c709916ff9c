"""The ASGI application for uvicorn workers: ``uvicorn ykien.asgi:app``."""

from ykien.core.config import get_settings
from ykien.core.logging import configure_logging
from ykien.main import create_app

_settings = get_settings()
configure_logging(json=_settings.log_json, level=_settings.log_level)
app = create_app(_settings)
