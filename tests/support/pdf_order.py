"""A PDF with its pages' text written out of reading order, as some generators write it: a table column by column,
or text objects in any order (the reading-order probe of benchmarks.extractors and tests/test_pdf_reading_order.py;
pypdf, a development dependency)."""

import io
import random


def written_out_of_order(data: bytes, order: str, seed: int = 0) -> bytes:
    """The PDF with each page's text objects (BT … ET) in another order: `columns` (left to right, each column top
    to bottom) or `shuffled`. What the pages show does not change."""
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, NameObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    rng = random.Random(seed)
    for page in writer.pages:
        stream = ContentStream(page.get_contents(), writer)
        others, blocks, block, first, at = [], [], None, None, None
        for operands, op in stream.operations:
            if op == b"BT":
                block, at = [(operands, op)], None
                first = len(others) if first is None else first
            elif block is not None:
                block.append((operands, op))
                if op in (b"Tm", b"Td") and at is None:  # where the object starts (Td: from the origin, after BT)
                    at = (float(operands[-2]), float(operands[-1]))
                if op == b"ET":
                    blocks.append((at or (0.0, 0.0), block))
                    block = None
            else:
                others.append((operands, op))
        if first is None:
            continue
        if order == "columns":
            blocks.sort(key=lambda b: (round(b[0][0] / 40), -b[0][1]))
        else:
            rng.shuffle(blocks)
        stream.operations = others[:first] + [o for _, b in blocks for o in b] + others[first:]
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
