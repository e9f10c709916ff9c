"""The works export's columns (CSV or XLSX through ``reports/tables.py``, whose rules keep every
cell a value, never a formula), in ``labels=vi|en|codes``."""

from collections.abc import Callable
from typing import Any

from ykien.reports.tables import Cell, Column
from ykien.reports.vocabulary import ORGANIZATIONS, YES_NO, Language, label, words
from ykien.works.access import is_overdue
from ykien.works.vocabulary import KINDS, STATUSES

Row = dict[str, Any]


def work_columns(language: Language) -> list[Column[Row]]:
    def col(vi: str, en: str, code: str, get: Callable[[Row], Cell], width: float) -> Column[Row]:
        return Column(words(language, vi, en, code), get, width)

    def overdue(r: Row) -> str:
        yes = is_overdue(r["status"], r["due_on"])
        return label(YES_NO, "yes" if yes else "no", language)

    return [
        col("Mã", "Id", "id", lambda r: str(r["id"]), 38),
        col("Đơn vị", "Unit", "unit", lambda r: r["unit_name"], 28),
        col("Mã đơn vị", "Unit code", "unit_code", lambda r: r["unit_code"], 12),
        col(
            "Tổ chức đăng ký",
            "Organisation",
            "organization",
            lambda r: label(ORGANIZATIONS, r["organization"], language),
            20,
        ),
        col("Loại", "Kind", "kind", lambda r: label(KINDS, r["kind"], language), 12),
        col("Tên công trình, phần việc", "Title", "title", lambda r: r["title"], 48),
        col("Mô tả", "Description", "description", lambda r: r["description"], 48),
        col(
            "Giá trị dự kiến (đồng)",
            "Estimated value (VND)",
            "value_vnd",
            lambda r: r["value_vnd"],
            18,
        ),
        col("Ngày đăng ký", "Registered on", "registered_on", lambda r: r["registered_on"], 14),
        col("Hạn hoàn thành", "Due on", "due_on", lambda r: r["due_on"], 14),
        col("Tình trạng", "Status", "status", lambda r: label(STATUSES, r["status"], language), 16),
        col("Ngày hoàn thành", "Completed on", "completed_on", lambda r: r["completed_on"], 14),
        col("Quá hạn", "Overdue", "overdue", overdue, 10),
    ]
