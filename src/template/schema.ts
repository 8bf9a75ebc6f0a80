import * as z from 'zod';

/**
 * The self-evaluation template as data. Readers find proposals, levels and
 * descriptors only through this object, so a later round with a revised form
 * is a new JSON file (`--template FILE`), not a code change.
 */
/** The MSG's four levels, lowest first: fixed, because ratings.csv and compare carry these labels. */
export const MSG_LEVELS = ['Not yet established', 'Partly established', 'Established', 'Exemplary'] as const;

export const LevelSchema = z.strictObject({
  /** 1 = lowest. Levels are ordinal codes, used as numbers only by the statistics. */
  level: z.number().int().min(1),
  /** The label as printed in the template's Rating row, e.g. "Partly established". */
  label: z.string().min(1),
});

export const ProposalSchema = z.strictObject({
  /** "1.1" … "6.3": key feature and number within it. */
  id: z.string().regex(/^\d+\.\d+$/),
  keyFeature: z.number().int().min(1),
  title: z.string().min(1),
  /** false for proposals that national bodies answer (3.2, 3.3, 5.3 in 2019). */
  localCompletion: z.boolean(),
  /**
   * The Indicator row: one descriptor per level, lowest first. An empty string
   * means the descriptor is not known (see the template file for why).
   */
  descriptors: z.array(z.string()),
});

export const KeyFeatureSchema = z.strictObject({
  number: z.number().int().min(1),
  title: z.string().min(1),
});

export const TemplateSchema = z
  .strictObject({
    /** Stable identifier written into every output, e.g. "msg-2019". */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    title: z.string().min(1),
    /** The rating scale, lowest first. K = scale.length for every statistic. */
    scale: z.array(LevelSchema).min(3),
    keyFeatures: z.array(KeyFeatureSchema).min(1),
    proposals: z.array(ProposalSchema).min(1),
  })
  .superRefine((t, ctx) => {
    t.scale.forEach((l, i) => {
      if (l.level !== i + 1) ctx.addIssue({ code: 'custom', path: ['scale', i, 'level'], message: `levels must be 1..K in order; got ${l.level} at position ${i + 1}` });
      // The rating labels are part of the model and every output (ratings.csv, compare):
      // a later round may reword proposals and descriptors, not the MSG's four levels.
      const want = MSG_LEVELS[i];
      if (want && l.label.trim().toLowerCase().replace(/\s+/g, ' ') !== want.toLowerCase())
        ctx.addIssue({ code: 'custom', path: ['scale', i, 'label'], message: `level ${i + 1} must be "${want}" (the MSG scale; case and spacing may differ), got "${l.label}"` });
    });
    if (t.scale.length !== MSG_LEVELS.length) ctx.addIssue({ code: 'custom', path: ['scale'], message: `the scale must have the MSG's ${MSG_LEVELS.length} levels (${MSG_LEVELS.join(', ')}), got ${t.scale.length}` });
    const features = new Set(t.keyFeatures.map((k) => k.number));
    const ids = new Set<string>();
    t.proposals.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['proposals', i, 'id'], message: `duplicate proposal id ${p.id}` });
      ids.add(p.id);
      if (!features.has(p.keyFeature)) ctx.addIssue({ code: 'custom', path: ['proposals', i, 'keyFeature'], message: `key feature ${p.keyFeature} is not declared` });
      if (p.descriptors.length !== 0 && p.descriptors.length !== t.scale.length)
        ctx.addIssue({ code: 'custom', path: ['proposals', i, 'descriptors'], message: `expected ${t.scale.length} descriptors (one per level) or none, got ${p.descriptors.length}` });
    });
  });

export type Level = z.infer<typeof LevelSchema>;
export type Proposal = z.infer<typeof ProposalSchema>;
export type KeyFeature = z.infer<typeof KeyFeatureSchema>;
export type Template = z.infer<typeof TemplateSchema>;
