import * as z from 'zod';
import { DIAGNOSTIC_CODES } from './diagnostic-codes.js';
import { RESPONDENT_ORDER } from './respondents.js';

/**
 * The proposal-rating model every reader produces and every analysis consumes.
 * Types are inferred from these schemas; returns are validated at the reader
 * boundary (see `parseReturn`) so analysis code can trust them.
 */

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

const codes = Object.keys(DIAGNOSTIC_CODES) as [keyof typeof DIAGNOSTIC_CODES, ...(keyof typeof DIAGNOSTIC_CODES)[]];
export const DiagnosticCodeSchema = z.enum(codes);

export const DiagnosticSchema = z.strictObject({
  /** The input file, relative to the working directory with forward slashes. */
  file: z.string(),
  /** Where to look: "table 12, row 3, cell 2", "front table", "Sheet1!D14", "word/document.xml". */
  location: z.string(),
  severity: SeveritySchema,
  /** Stable SCREAMING_SNAKE code; every code is listed in the README. */
  code: DiagnosticCodeSchema,
  /** Proposal id ("2.3") or "" when the diagnostic is about the whole file. */
  proposal: z.string(),
  /** Plain English for an analyst, saying what to do. */
  message: z.string(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export const RespondentSchema = z.enum(RESPONDENT_ORDER);
export type Respondent = z.infer<typeof RespondentSchema>;
export { RESPONDENT_ORDER };

export const ModifierSchema = z.enum(['plus', 'minus']);
export type Modifier = z.infer<typeof ModifierSchema>;

/** Flags carried by a rating into ratings.csv: why a value may be disputed. */
export const RatingFlagSchema = z.enum([
  'split', // two or more levels marked: level = the lowest
  'no_mark', // the rating row was empty
  'unrecognised', // the rating row held something that is not a known mark
  'not_for_local', // a mark on a proposal not for local completion (not counted)
  'tracked_change', // the rating was decided by a tracked change (accepted state used)
  'checkbox_glyph_conflict', // a checkbox's checked state and its glyph disagree
  'formatting_mark', // level read from formatting of the Indicator row (bold/highlight/strike)
  'shading_mark', // level read from a shaded rating cell with no text
  'formula_no_cache', // a formula cell with no cached value
  'blank_body', // a partner body's rating left blank
  'overall_conflict', // overall differs from the template mark or from the bodies
  'overridden', // set by an analyst's override
]);
export type RatingFlag = z.infer<typeof RatingFlagSchema>;

export const RatingLabelSchema = z.enum([
  'Not yet established',
  'Partly established',
  'Established',
  'Exemplary',
  'Not rated',
  'Not for local completion',
]);
export type RatingLabel = z.infer<typeof RatingLabelSchema>;

export const RatingSchema = z.strictObject({
  /** The label written to outputs; "Not rated" when no level could be read. */
  label: RatingLabelSchema,
  /** 1–4 (the template's scale), or null when not rated / not for local completion. */
  level: z.number().int().min(1).nullable(),
  /** "Established +" → plus. */
  modifier: ModifierSchema.nullable(),
  /** Every level that carried a mark, ascending (two or more: a split mark). */
  marked: z.array(z.number().int().min(1)),
  flags: z.array(RatingFlagSchema),
  /** What was in the file, as text (for messages and evidence of how it was read). */
  raw: z.string(),
  /** Where the rating was read. */
  location: z.string(),
});
export type Rating = z.infer<typeof RatingSchema>;

export const RespondentRatingSchema = z.strictObject({
  respondent: RespondentSchema,
  /** The partner body's name as written ("GCC", "Stirling Council"); "" for overall. */
  body: z.string(),
  rating: RatingSchema,
});
export type RespondentRating = z.infer<typeof RespondentRatingSchema>;

export const ProgressSchema = z.enum(['Complete', 'In progress', 'Not started', 'N/A']);

export const ActionPlanEntrySchema = z.strictObject({
  action: z.string(),
  leadOfficer: z.string(),
  timescale: z.string(),
  update: z.string(),
  /** Normalised progress, or null when blank or unrecognised (raw text in progressRaw). */
  progress: ProgressSchema.nullable(),
  progressRaw: z.string(),
});
export type ActionPlanEntry = z.infer<typeof ActionPlanEntrySchema>;

export const ProposalReturnSchema = z.strictObject({
  proposal: z.string(),
  /** The overall rating first, then partner bodies in respondent order. */
  ratings: z.array(RespondentRatingSchema),
  /** Evidence / notes: plain text, one line per paragraph or bullet. */
  evidence: z.string(),
  /** Words in the evidence (tokens holding a letter, digit or "&"). */
  evidenceWords: z.number().int().min(0),
  /** Proposed improvement actions: plain text, one line per paragraph or bullet. */
  improvementActions: z.string(),
  /** Recorded consensus among partner bodies (Y/N column), null when not recorded. */
  consensus: z.boolean().nullable(),
  consensusRaw: z.string(),
  /** The action plan row for this proposal, when the return has one. */
  actionPlan: ActionPlanEntrySchema.nullable(),
});
export type ProposalReturn = z.infer<typeof ProposalReturnSchema>;

export const FormatSchema = z.enum(['docx', 'xlsx']);
export const StatusSchema = z.enum(['final', 'draft']);

export const ReturnSchema = z.strictObject({
  file: z.string(),
  format: FormatSchema,
  /** Layout the reader recognised: "word-template", "excel-flat", "excel-matrix", "excel-action-plan". */
  layout: z.string(),
  template: z.string(),
  /** Canonical partnership name, or null when it could not be decided (an error diagnostic says why). */
  partnership: z.string().nullable(),
  /** The name as written in the return (or the file name it was taken from). */
  partnershipAsWritten: z.string(),
  contact: z.string(),
  /** ISO 8601 date of completion, or null. */
  completedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  completedOnRaw: z.string(),
  status: StatusSchema,
  /** Why the status is draft, e.g. "title", "header watermark", "file name". */
  statusReason: z.string(),
  /** SHA-256 of the file's bytes, for the input digest and overrides. */
  sha256: z.string(),
  /** One entry per template proposal, in template order. */
  proposals: z.array(ProposalReturnSchema),
});
export type Return = z.infer<typeof ReturnSchema>;

/** What reading one file yields: a return (or null when unusable) and the diagnostics. */
export const ReadResultSchema = z.strictObject({
  file: z.string(),
  /** SHA-256 of the file's bytes ("" when it could not be read), for the inputs digest. */
  sha256: z.string(),
  return: ReturnSchema.nullable(),
  diagnostics: z.array(DiagnosticSchema),
});
export type ReadResult = z.infer<typeof ReadResultSchema>;
