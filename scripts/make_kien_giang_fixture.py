"""Generate the committed Kiên Giang fixture from the MIT-licensed `vietnamadminunits` dataset.

Run once by a developer (the package is not a runtime dependency):

    pip download --no-deps -d /tmp/vau vietnamadminunits && unzip -o /tmp/vau/*.whl -d /tmp/vau/x
    python scripts/make_kien_giang_fixture.py /tmp/vau/x/vietnamadminunits/data/dataset.db

It writes `backend/ykien/demo/data/kien_giang_units.json`: the pre-2025 province, its 15
district-level units and their communes, with official codes and names.
"""

import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "backend/ykien/demo/data/kien_giang_units.json"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def main(db_path: str) -> None:
    con = sqlite3.connect(db_path)
    rows = con.execute(
        "SELECT province, provinceCode, district, districtCode, ward, wardCode"
        " FROM admin_units_legacy WHERE provinceCode = '91'"
        " ORDER BY CAST(districtCode AS INTEGER), CAST(wardCode AS INTEGER)"
    ).fetchall()
    province = {"code": rows[0][1], "name": nfc(rows[0][0]), "districts": []}
    districts: dict[str, dict[str, object]] = {}
    for _, _, d_name, d_code, w_name, w_code in rows:
        if d_code not in districts:
            districts[d_code] = {"code": d_code, "name": nfc(d_name), "communes": []}
            province["districts"].append(districts[d_code])  # type: ignore[attr-defined]
        districts[d_code]["communes"].append({"code": w_code, "name": nfc(w_name)})  # type: ignore[attr-defined]
    OUT.write_text(json.dumps(province, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_communes = sum(len(d["communes"]) for d in districts.values())  # type: ignore[arg-type]
    print(f"{OUT}: {len(districts)} districts, {n_communes} communes")


if __name__ == "__main__":
    main(sys.argv[1])
