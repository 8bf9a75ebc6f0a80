import type { Template } from '../template/schema.js';
import { partnershipMatcher, type PartnershipMatcher } from '../reference/match-partnership.js';
import { proposalMatcher, type ProposalMatcher } from './proposals.js';
import { levelNames } from './marks.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip/zip.js';

/** Everything a reader needs besides the bytes: built once per run, shared by every file. */
export type ReadContext = {
  template: Template;
  partnerships: PartnershipMatcher;
  proposals: ProposalMatcher;
  levelNames: Map<string, number>;
  limits: ZipLimits;
};

export type ReadOptions = {
  template: Template;
  aliases?: ReadonlyArray<{ name: string; partnership: string }>;
  limits?: Partial<ZipLimits>;
};

export function readContext(opts: ReadOptions): ReadContext {
  return {
    template: opts.template,
    partnerships: partnershipMatcher(opts.aliases ?? []),
    proposals: proposalMatcher(opts.template),
    levelNames: levelNames(opts.template),
    limits: { ...DEFAULT_ZIP_LIMITS, ...(opts.limits ?? {}) },
  };
}
