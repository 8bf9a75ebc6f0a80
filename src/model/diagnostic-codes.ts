/**
 * Every diagnostic code selfeval emits, with its severity and a one-line meaning.
 * The README's diagnostics table is checked against this record by a test, so a
 * code cannot be added without being documented.
 */
type CodeInfo = { readonly severity: 'error' | 'warning' | 'info'; readonly summary: string };

export const DIAGNOSTIC_CODES = {
  // --- inputs and files -------------------------------------------------------------
  SKIPPED_HIDDEN: { severity: 'info', summary: 'A hidden file or an Office lock file (~$…) found in a folder was skipped.' },
  SKIPPED_NOT_DOCUMENT: { severity: 'info', summary: 'A file without a document extension found in a folder was skipped.' },
  NO_RETURNS: { severity: 'error', summary: 'A folder named as input holds no document files at all.' },
  FILE_NOT_FOUND: { severity: 'error', summary: 'A file or folder named as input does not exist.' },
  FILE_UNREADABLE: { severity: 'error', summary: 'The file exists but could not be read (permissions, a device, a broken link).' },
  FILE_EMPTY: { severity: 'error', summary: 'The file has no bytes: it probably failed to download or save.' },
  FILE_TOO_LARGE: { severity: 'error', summary: 'The file is larger than --max-file-size.' },
  PDF_FILE: { severity: 'error', summary: 'A PDF: the Word or Excel original is needed.' },
  LEGACY_WORD: { severity: 'error', summary: 'A legacy Word 97–2003 .doc: save it as .docx.' },
  LEGACY_EXCEL: { severity: 'error', summary: 'A legacy Excel 97–2003 .xls: save it as .xlsx.' },
  ENCRYPTED_FILE: { severity: 'error', summary: 'A password-protected Office file: remove the password and save again.' },
  OPENDOCUMENT_FILE: { severity: 'error', summary: 'An OpenDocument (.odt/.ods) file: save it as .docx or .xlsx.' },
  RTF_FILE: { severity: 'error', summary: 'A Rich Text file: save it as .docx.' },
  TEXT_FILE: { severity: 'error', summary: 'A plain text or CSV file (possibly renamed): the Word or Excel return is needed.' },
  UNKNOWN_FORMAT: { severity: 'error', summary: 'The bytes are not a Word or Excel document of any kind selfeval knows.' },
  ZIP_CORRUPT: { severity: 'error', summary: 'The document package (a zip) is truncated or corrupt.' },
  ZIP_LIMIT_EXCEEDED: { severity: 'error', summary: 'The package declares more entries or uncompressed bytes than the limits allow (a possible zip bomb).' },
  INFLATE_LIMIT_EXCEEDED: { severity: 'error', summary: 'A part inflated past its limit while being read, whatever size it declared (a zip bomb).' },
  ZIP_CRC_MISMATCH: { severity: 'error', summary: 'A part of the package does not match its checksum: the file is corrupt.' },
  XML_DOCTYPE: { severity: 'error', summary: 'An XML part carries a DOCTYPE (entity tricks); Office never writes one, so the file is refused.' },
  XML_MALFORMED: { severity: 'error', summary: 'An XML part of the package is not well-formed.' },
  XML_TOO_DEEP: { severity: 'error', summary: 'An XML part nests deeper than the limit.' },
  MAIN_PART_MISSING: { severity: 'error', summary: 'The package has no main document or workbook part: it is not a Word or Excel document.' },
  WRONG_EXTENSION: { severity: 'info', summary: 'The file is a different Office format from what its extension says; it was read as what it is.' },
  NOT_A_RETURN: { severity: 'error', summary: 'A readable Word or Excel file that is not the self-evaluation template (no proposal rating tables found).' },
  READ_TIMEOUT: { severity: 'error', summary: 'Reading the file took longer than --timeout and was stopped.' },
  READ_OUT_OF_MEMORY: { severity: 'error', summary: 'Reading the file exhausted the memory allowed to one file and was stopped.' },
  READER_FAILED: { severity: 'error', summary: 'An unexpected failure inside the reader (a bug: please report it with the file).' },
  // --- partnership, date, status ------------------------------------------------------
  PARTNERSHIP_LOOSE_MATCH: { severity: 'info', summary: 'The partnership name was matched within 2 edits of one known name.' },
  PARTNERSHIP_FROM_FILE_NAME: { severity: 'warning', summary: 'The name in the return was missing, unknown or ambiguous; the partnership was taken from the file name.' },
  PARTNERSHIP_UNKNOWN: { severity: 'error', summary: 'Neither the return nor its file name names a known partnership.' },
  PARTNERSHIP_AMBIGUOUS: { severity: 'error', summary: 'The name could be more than one partnership (e.g. a health board serving several).' },
  DATE_MISSING: { severity: 'info', summary: 'No date of completion was found.' },
  DATE_UNPARSABLE: { severity: 'warning', summary: 'The date of completion could not be read as a date.' },
  DATE_SEVERAL: { severity: 'info', summary: 'The date cell holds several dates; the first is taken as the date of completion.' },
  DRAFT_RETURN: { severity: 'info', summary: 'The return is a draft (DRAFT in its title, a heading, a page header or watermark, or its file name).' },
  // --- proposals and marks --------------------------------------------------------------
  PROPOSAL_MISSING: { severity: 'warning', summary: 'No rating table was found for a proposal: it is Not rated.' },
  PROPOSAL_DUPLICATE: { severity: 'warning', summary: 'A proposal appears twice; the first is used.' },
  PROPOSAL_BY_TITLE: { severity: 'info', summary: 'A rating table had no usable "Proposal X.Y" heading and was matched by the proposal\'s title.' },
  PROPOSAL_BY_INDICATOR: { severity: 'info', summary: 'A rating table was matched to its proposal by its indicator descriptors.' },
  PROPOSAL_BY_ORDER: { severity: 'warning', summary: 'A rating table could only be placed by its position after the previous proposal.' },
  PROPOSAL_UNKNOWN: { severity: 'warning', summary: 'A heading names a proposal that the template does not have; its table is ignored.' },
  ROW_BY_POSITION: { severity: 'info', summary: 'A rating row had no label; it follows the Indicator row, so it was read as "Our Rating".' },
  LEVEL_ORDER_ASSUMED: { severity: 'info', summary: 'A rating table had no level header row; the template\'s column order was assumed.' },
  NO_MARK: { severity: 'warning', summary: 'The rating row is empty: the proposal is Not rated.' },
  SPLIT_MARK: { severity: 'warning', summary: 'Two or more levels are marked: the lower is taken and flagged "split".' },
  UNRECOGNISED_MARK: { severity: 'warning', summary: 'The rating row holds something that is not a known mark: it is Not rated until an analyst decides.' },
  MARK_NOT_FOR_LOCAL: { severity: 'warning', summary: 'A proposal not for local completion carries a mark; it is not counted.' },
  CHECKBOX_GLYPH_CONFLICT: { severity: 'warning', summary: 'A checkbox\'s checked state and the symbol it shows disagree; the checked state is used.' },
  TRACKED_CHANGE_RATING: { severity: 'info', summary: 'The rating was decided by a tracked change; its accepted state is used.' },
  FORMATTING_MARK: { severity: 'info', summary: 'The rating row was empty and the level was read from the formatting of the Indicator row.' },
  SHADING_MARK: { severity: 'info', summary: 'The level was read from a shaded rating cell with no text.' },
  // --- Excel ------------------------------------------------------------------------------
  FORMULA_NO_CACHE: { severity: 'warning', summary: 'A rating is a formula with no cached value (open and save the file in Excel to compute it).' },
  HIDDEN_SHEET: { severity: 'info', summary: 'The workbook has hidden sheets (they were not read as returns).' },
  ROW_UNMATCHED: { severity: 'warning', summary: 'A row that looks like a proposal row could not be matched to a proposal.' },
  // --- partner bodies and action plans ----------------------------------------------------
  BODY_RATING_BLANK: { severity: 'warning', summary: 'A partner body\'s rating is blank; it is excluded from agreement.' },
  OVERALL_CONFLICTS_TEMPLATE: { severity: 'warning', summary: 'The action plan\'s Overall Rating differs from the template\'s own mark; the template\'s mark is the overall.' },
  OVERALL_CONFLICTS_BODIES: { severity: 'warning', summary: 'The overall rating is not between the two middle values of the partner bodies\' levels (recorded as given).' },
  CONSENSUS_CONTRADICTED: { severity: 'warning', summary: 'The recorded consensus (Y/N) contradicts the partner bodies\' ratings.' },
  CONSENSUS_UNRECOGNISED: { severity: 'warning', summary: 'The consensus cell holds something other than Y, N, N/A or blank.' },
  PROGRESS_UNRECOGNISED: { severity: 'info', summary: 'The action plan\'s progress is not Complete, In progress, Not started or N/A; kept as written.' },
  // --- batches, rounds, overrides ------------------------------------------------------------
  RETURN_SUPERSEDED: { severity: 'info', summary: 'Another return of the same partnership is used for this round (final over draft, then latest date, then file name).' },
  ROUND_MIXED: { severity: 'warning', summary: 'The returns used span more than six months of completion dates: the inputs may hold more than one round.' },
  RATINGS_CSV_INVALID: { severity: 'error', summary: 'An archived ratings.csv given to compare is not in the format analyse writes.' },
  ROUND_ONLY_BASELINE: { severity: 'info', summary: 'A partnership or proposal is rated in the baseline round only.' },
  ROUND_ONLY_REPEAT: { severity: 'info', summary: 'A partnership or proposal is rated in the repeat round only.' },
  OVERRIDE_APPLIED: { severity: 'info', summary: 'An analyst\'s override was applied (the message quotes its reason).' },
  OVERRIDE_STALE: { severity: 'warning', summary: 'An override matches nothing any more (the file changed or is gone).' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
