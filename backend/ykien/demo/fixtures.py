"""The demo's data files (``data/*.json``), read from the installed package."""

import json
from importlib.resources import files
from typing import Any


def read_data(name: str) -> Any:
    """The parsed content of ``data/<name>``, shipped inside the package (wheel included)."""
    return json.loads(files("ykien.demo").joinpath("data", name).read_text(encoding="utf-8"))
