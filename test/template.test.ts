import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATE } from '../src/template/load.js';
import { TemplateSchema } from '../src/template/schema.js';

describe('the built-in template', () => {
  it('passes its own schema (the same check a --template file gets)', () => {
    expect(TemplateSchema.safeParse(BUILT_IN_TEMPLATE).success).toBe(true);
  });
  it('has 6 key features, 25 proposals, 3 not for local completion and the four levels', () => {
    expect(BUILT_IN_TEMPLATE.keyFeatures.length).toBe(6);
    expect(BUILT_IN_TEMPLATE.proposals.length).toBe(25);
    expect(BUILT_IN_TEMPLATE.proposals.filter((p) => !p.localCompletion).map((p) => p.id)).toEqual(['3.2', '3.3', '5.3']);
    expect(BUILT_IN_TEMPLATE.scale.map((s) => s.label)).toEqual(['Not yet established', 'Partly established', 'Established', 'Exemplary']);
    // Descriptors transcribed for every local proposal but 3.4, whose section the seed lacks.
    for (const p of BUILT_IN_TEMPLATE.proposals) expect(p.descriptors.length, p.id).toBe(p.localCompletion && p.id !== '3.4' ? 4 : 0);
  });
  it('rejects a template whose levels are out of order', () => {
    const bad = { ...BUILT_IN_TEMPLATE, scale: [...BUILT_IN_TEMPLATE.scale].reverse() };
    expect(TemplateSchema.safeParse(bad).success).toBe(false);
  });
});
