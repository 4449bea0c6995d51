"""Every issue code the parser and the ingest raise, with what it means: the list analysts filter
`raw.parse_issues` by (loaded as `raw.issue_codes`, `staging.stg_issue_codes`; dbt checks every issue's code
against it, and tests/test_issue_codes.py checks that the code raises exactly these)."""


from ingestion.result import Issue

# code -> (kind, meaning). Kinds: quarantine (the input was not read; the report is kept with the reason),
# cells, tables, metadata, prose.
ISSUE_CODES: dict[str, tuple[str, str]] = {
    # quarantine: the reader could not read the input
    "empty": ("quarantine", "The file is empty or holds only whitespace."),
    "binary": ("quarantine", "The file holds binary data, not text."),
    "undecodable": ("quarantine", "The bytes decode in none of UTF-8, UTF-16, GB18030 and Big5."),
    "unsupported_format": ("quarantine", "Images, archives, OLE (.doc, .xls) and other formats the parser does not read."),
    "html_unparseable": ("quarantine", "The HTML cannot be parsed into a document."),
    "pdf_encrypted": ("quarantine", "The PDF needs a password."),
    "pdf_corrupt": ("quarantine", "The PDF cannot be opened."),
    "pdf_no_text": ("quarantine", "The PDF has no text layer (a scan): OCR is needed."),
    "pdf_text_undecodable": ("quarantine", "Most of the PDF's text layer decodes to no text (fonts printed without a "
                                           "Unicode map): OCR is needed."),
    "docx_corrupt": ("quarantine", "Not a readable DOCX: no word/document.xml, or it is not well-formed XML."),
    "too_large": ("quarantine", "The file, or a DOCX's document.xml, is larger than the limit."),
    "too_deep": ("quarantine", "The document nests too deeply to read."),
    "parse_timeout": ("quarantine", "Parsing took longer than the time limit."),
    "parser_error": ("quarantine", "The parser failed on this input (a bug to report); the input is kept."),
    "link_outside_folder": ("quarantine", "A symbolic link pointing outside the reports folder, not followed."),
    "broken_link": ("quarantine", "A symbolic link whose target does not exist."),
    "not_a_file": ("quarantine", "Not a regular file."),
    # cells: how a value was read, or why it was not
    "blank_cells": ("cells", "Cells the table prints blank: kept as NULL, never 0 (count per table)."),
    "derived_cell": ("cells", "A cell the layout did not print at all (a ragged row's lost last cell of table 四), "
                              "filled as the sum of printed cells by the template's definition."),
    "duplicate_cell": ("cells", "A cell printed twice with different values; the first printing is kept."),
    "short_row": ("cells", "A row of text with separators (tabs, pipes) holds fewer cells than its columns: read from "
                           "the left, or from the right when its label follows a blank cell; which end lost cells is "
                           "not printed."),
    "extra_cells": ("cells", "A row holds more value cells than its columns; the extra ones are not placed (table 四 "
                             "in text without separators: none is, which 15 are its cells is not printed)."),
    "missing_cells": ("cells", "Table 四 prints fewer values than its 15 cells; the rest are NULL."),
    "total_only": ("cells", "A table 三 row with one value and no separators, read as its 总计."),
    "ambiguous_cells": ("cells", "A row without separators printing fewer (or more) values than columns, with no "
                                 "positions to place them: left blank."),
    "cells_placed_by_position": ("cells", "A row that lost its blank cells (PDF text, layout-preserving text), each "
                                          "value placed in the one column its position on the page or line allows."),
    "cells_placed_by_blank_lines": ("cells", "Text with one table cell per line: a row that printed fewer values "
                                             "than columns, each value placed in the one column the blank lines "
                                             "before it (an empty cell's lines) leave."),
    "split_concatenated": ("cells", "Digits a crawler glued together, cut the one way the row's arithmetic allows."),
    "split_by_column_totals": ("cells", "Glued digits that balance their row several ways, cut the one way table "
                                        "三's column totals agree with."),
    "ambiguous_split": ("cells", "Glued digits that cannot be cut one way only: the row is left blank."),
    "unreadable_number": ("cells", "A cell prints something in a number's place that is neither a number nor a "
                                   "no-number mark (0,5: a comma grouping no thousands; text in a value column): "
                                   "kept as printed, its value null."),
    "values_before_labels": ("cells", "Text without separators that prints values under a table's header, before "
                                      "a row label names them (a PDF's reading order, where each label follows its "
                                      "row's values): no label can be paired with its values; the rows are left blank."),
    "pdf_read_by_position": ("cells", "A PDF whose content stream does not write its text in reading order (a table "
                                      "column by column, or in any order): its pages were read by where the "
                                      "characters stand, lines by baseline, as that reading gave more values."),
    "text_undecodable": ("cells", "PDF pages whose text layer decodes to no text (a font without a Unicode map): "
                                  "what they print is lost, numbers included (cells null), never read as other "
                                  "numbers."),
    # tables
    "arithmetic_violation": ("tables", "A template identity does not hold as printed (both sides given); the values "
                                       "are kept as printed, never repaired."),
    "table_missing": ("tables", "A template table was not found."),
    "table_empty": ("tables", "A table is present but holds no values."),
    "unknown_row": ("tables", "Values under a label that names no template row; not placed."),
    "unknown_column": ("tables", "A table 二 header naming fewer columns than its row prints values (a label not "
                                 "recognised): the values are read in the template's column order."),
    "unexpected_row": ("tables", "A row of the other template (2019 vs 2021) in this report's tables."),
    "pre2019_prose": ("tables", "A free-form report from before the 2019 template: its figures come from prose."),
    # metadata
    "agency_name_contaminated": ("metadata", "The title's agency name holds injected text: recovered from the text's "
                                             "evidence (warning), or not (error)."),
    "agency_inferred": ("metadata", "No title line: the agency was inferred from the body."),
    "agency_missing": ("metadata", "No agency name in the title or the body."),
    "year_inferred": ("metadata", "No title year: the report year was inferred from the body."),
    "year_missing": ("metadata", "No report year found."),
    "region_unresolved": ("metadata", "No GB/T 2260 division found for the agency."),
    # prose
    "prose_table_mismatch": ("prose", "A figure stated in prose differs from its table cell."),
    "duplicated_section": ("prose", "A passage printed twice (a section pasted again)."),
    "date_lost_characters": ("prose", "A date that lost its 年/月 characters (2019515日); prose only."),
}

# values the parser had to reconstruct, not read from a cell of their own (cut from glued digits, placed by
# position, derived by the template's definition, read as 总计), or could not and left blank:
# right by construction, but worth a look (the GX suite source_quality lists their reports)
RECONSTRUCTED = frozenset({"split_concatenated", "split_by_column_totals", "ambiguous_split", "cells_placed_by_position",
                           "cells_placed_by_blank_lines", "ambiguous_cells", "short_row", "total_only", "derived_cell",
                           "values_before_labels", "pdf_read_by_position"})


def issue(code: str, severity: str, message: str, **fields: object) -> Issue:
    """One issue as the parse reports it: a catalogued code, its severity (info, warning, error), a message that
    gives the evidence, and fields that locate it (table, row, column, pages…)."""
    return Issue(code, severity, message, tuple(fields.items()))
