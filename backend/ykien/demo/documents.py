"""Draft documents of the demo consultation (Kiên Giang, 2020 congresses).

The consultation follows the Kiên Giang Front's plan for the 2020 congresses: residential areas and
Front committees comment on the draft Political Report of the 11th provincial Party congress and on
the three draft documents of the 13th National Congress. The section trees paraphrase the usual
layout of such reports; the texts stay general on purpose and carry no figures.

Numbering scheme, the same in every document: a part or chapter is a Roman numeral ("II"), an item
inside it adds an Arabic number ("II.3"), a point inside an item adds a letter ("II.3.b"). Headings
that open a part keep the document's own wording ("Phần thứ nhất. …").

The documents are data, in ``data/documents.json``: a list of ``DocumentCreate`` bodies without
``consultation_id`` (``code``, ``title``, ``sections`` with ``number``, ``heading``, ``text``,
``children``).
"""

from typing import Any

from ykien.demo.fixtures import read_data

DOCUMENTS: list[dict[str, Any]] = read_data("documents.json")
