"""A sentence that names a buyer paying for or using a supplier's product, but no technology term: "The
Toledo Police Department pays $32,500 a year for its Clearview licence", "市公安局采购了科大讯飞的产品".

When the supplier is one the knowledge base knows to make a single kind of surveillance technology, the
sentence states a deployment of that technology; a supplier of several kinds (Huawei) or an unknown one
states none, since the sentence does not say which.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from counterwatch.extract.lexicon import lexicon
from counterwatch.model import Mention

if TYPE_CHECKING:
    from counterwatch.extract.facts import SentenceMentions

# The buyer pays for, licenses, buys or runs the product.
_USE_CUE = re.compile(r"\b(?:pays?|paid|paying|licen[cs]es?|subscription|contract(?:ed|s)?|purchased|bought|"
                      r"procured|signed|uses|used|using|deployed|installed|runs|ran)\b|采购|购买|合同|中标|采用|使用|部署",
                      re.I)


def supplier_technologies(sm: SentenceMentions) -> list[Mention]:
    """Technology mentions standing for single-technology suppliers the sentence says a buyer uses or buys."""
    if sm.technologies or sm.programs or not sm.buyers or not _USE_CUE.search(sm.sentence.text):
        return []
    kb = lexicon().kb
    out = []
    for supplier in sm.suppliers:
        known = kb.supplier(supplier.attr("supplier_id")) if supplier.attr("supplier_id") else None
        if known is not None and len(known.technologies) == 1:
            out.append(Mention("technology", known.technologies[0], supplier.start, supplier.end, supplier.text))
    return out
