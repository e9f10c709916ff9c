"""Generate the committed demo units from the MIT-licensed `vietnamadminunits` dataset (1.0.4).

Run once by a developer (the package is not a runtime dependency):

    pip download --no-deps -d /tmp/vau vietnamadminunits==1.0.4
    unzip -o /tmp/vau/*.whl -d /tmp/vau/x
    python scripts/make_kien_giang_fixture.py /tmp/vau/x/vietnamadminunits/data/dataset.db

It writes, under `backend/ykien/demo/data/`:

- `kien_giang_units.json`: the pre-2025 province, its 15 district-level units and their
  communes, with official codes and names;
- `an_giang_2025_units.json`: the An Giang province of 1 July 2025 (Kiên Giang merged into it)
  and its communes, with the lineage the dataset's converter (`converter_2025.json`, beside the
  database) gives from the old Kiên Giang communes: `[old commune code, new commune code]`
  pairs, a commune split between several new ones listed first with its default one (the
  principal successor). The new units' codes are the official ones prefixed with "2025." (the
  merged province kept code 91, and the new communes reuse old codes).
"""

import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "backend/ykien/demo/data"
OUT = DATA / "kien_giang_units.json"
OUT_2025 = DATA / "an_giang_2025_units.json"
NEW_PREFIX = "2025."


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
    main_2025(con, Path(db_path).with_name("converter_2025.json"))


def main_2025(con: sqlite3.Connection, converter_path: Path) -> None:
    """The current An Giang and the lineage from the old Kiên Giang communes."""
    rows = con.execute(
        "SELECT province, provinceCode, provinceKey, ward, wardCode, wardKey FROM admin_units"
        " WHERE provinceKey = 'tinhangiang' ORDER BY CAST(wardCode AS INTEGER)"
    ).fetchall()
    new_code = {w_key: NEW_PREFIX + w_code for *_, w_code, w_key in rows}
    old_code = {
        f"{p}_{d}_{w}": code
        for p, d, w, code in con.execute(
            "SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy"
            " WHERE provinceKey = 'tinhkiengiang'"
        )
    }
    converter = json.loads(converter_path.read_text(encoding="utf-8"))
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhangiang"]
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get("tinhangiang", {})
    lineage: list[list[str]] = []
    for old_key, targets in sorted(divided.items()):
        if old_key in old_code:  # the default new commune first: the principal successor
            for t in sorted(targets, key=lambda t: not t["isDefaultNewWard"]):
                lineage.append([old_code[old_key], new_code[t["newWardKey"]]])
    for new_key, old_keys in sorted(whole.items(), key=lambda kv: new_code[kv[0]]):
        for old_key in old_keys:
            pair = [old_code.get(old_key, ""), new_code[new_key]]
            if pair[0] and pair not in lineage:
                lineage.append(pair)
    province = {
        "code": NEW_PREFIX + rows[0][1],
        "name": nfc(rows[0][0]),
        "valid_from": "2025-07-01",
        "predecessors": [rows[0][1]],  # Kiên Giang (91) went into An Giang
        "communes": [{"code": new_code[w_key], "name": nfc(w)} for *_, w, _c, w_key in rows],
        "lineage": lineage,
    }
    OUT_2025.write_text(json.dumps(province, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT_2025}: {len(rows)} communes, {len(lineage)} lineage pairs from Kiên Giang")


if __name__ == "__main__":
    main(sys.argv[1])
