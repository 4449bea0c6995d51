"""A PDF page's text read by where its characters stand, for pages whose content stream does not write the text in
reading order. pdfium's text follows the stream: a generator that writes a table column by column, or its cells in
any order, gives one cell per line, each row's label far from its values. Read by position, each line is the
characters on one baseline (top of the page first), left to right, a gap wider than a third of the line's height
between two tokens; that is how the table is seen. A character's extent is its loose box (its advance and the
font's height, as pdfium gives them), where the glyph's own box would open gaps inside words, around punctuation."""

import ctypes

_SAME_LINE = 0.3  # of a character's height: baselines nearer than this are one line
_TOKEN_GAP = 0.3  # of a character's height: a wider gap between two characters separates tokens


def lines_by_position(textpage) -> list[list[tuple[str, float, float]]]:
    """The page's lines, top first, each its tokens left to right with their left and right edges (points). Each
    character is read by its index in the text layer (a character outside the BMP is two there, a surrogate
    pair); the spaces and line breaks pdfium adds, and the spaces printed, are left out: gaps are measured."""
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    chars: list[tuple[float, float, float, float, str]] = []  # (-baseline, left, right, height, char)
    count = pdfium_c.FPDFText_CountChars(handle)
    for i in range(count):
        code = pdfium_c.FPDFText_GetUnicode(handle, i)
        if code < 0x20 or 0xDC00 <= code <= 0xDFFF:  # a glyph with no character (0), or a pair's second half
            continue
        if 0xD800 <= code <= 0xDBFF:
            low = pdfium_c.FPDFText_GetUnicode(handle, i + 1) if i + 1 < count else 0
            if not 0xDC00 <= low <= 0xDFFF:
                continue
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        ch = chr(code)
        if ch.isspace() or pdfium_c.FPDFText_IsGenerated(handle, i) == 1:
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(handle, i, box):
            continue
        height = box.top - box.bottom or 1.0
        baseline = y.value if pdfium_c.FPDFText_GetCharOrigin(handle, i, x, y) else box.bottom
        chars.append((-baseline, box.left, box.right, height, ch))
    chars.sort()
    lines: list[list[tuple[float, float, float, float, str]]] = []
    line_at = 0.0  # the current line's baseline (negated)
    for c in chars:
        if not lines or c[0] - line_at > _SAME_LINE * c[3]:
            lines.append([])
            line_at = c[0]
        lines[-1].append(c)
    out: list[list[tuple[str, float, float]]] = []
    for line in lines:
        line.sort(key=lambda c: c[1])
        tokens: list[list] = []  # [text, left, right]
        for _, x0, x1, height, ch in line:
            if tokens and x0 - tokens[-1][2] <= _TOKEN_GAP * height:
                tokens[-1][0] += ch
                tokens[-1][2] = max(tokens[-1][2], x1)
            else:
                tokens.append([ch, x0, x1])
        out.append([(t, x0, x1) for t, x0, x1 in tokens])
    return out
