import { promises as fsp } from 'node:fs';
import { Option, type Command } from 'commander';
import { analyse } from '../analysis/analyse.js';
import { selectReturns } from '../analysis/select.js';
import { compareRounds, type CompareRating, type CompareSide, type Comparison } from '../analysis/compare.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../io/paths.js';
import { progressReporter } from '../io/progress.js';
import { sha256, writeOutputSet } from '../io/write-outputs.js';
import { countSeverities } from '../model/diagnostics.js';
import { byCodePoint, compareDiagnostics } from '../model/order.js';
import type { Diagnostic } from '../model/schema.js';
import { readRatingsCsv } from '../read/ratings-csv.js';
import { loadAliases } from '../reference/aliases.js';
import { partnershipMatcher } from '../reference/match-partnership.js';
import { compareCsvFiles } from '../report/compare-csv.js';
import { renderComparison } from '../report/compare-text.js';
import { renderErrorLines } from '../report/diagnostics.js';
import { colourFor } from '../report/style.js';
import { loadTemplate } from '../template/load.js';
import type { Template } from '../template/schema.js';
import { addReadingOptions, allDiagnostics, readRound, type ReadingOptions } from './common.js';
import type { CommandResult } from './result.js';

type CompareOptions = ReadingOptions & {
  format: 'text' | 'json';
  out?: string;
  baselineRound?: string;
  repeatRound?: string;
  repeatTemplate?: string;
  bom?: boolean;
};

/** One round as compare sees it, and where it came from. */
type ReadSide = { side: CompareSide; source: string; kind: 'returns' | 'ratings.csv'; files: number; diagnostics: Diagnostic[]; inputFiles: string[] };

/** A side is an archived ratings.csv when it names a .csv file; otherwise returns to read. */
async function isRatingsCsv(path: string): Promise<boolean> {
  if (!/\.csv$/i.test(path)) return false;
  try {
    return (await fsp.stat(path)).isFile();
  } catch {
    return false;
  }
}

async function readSide(path: string, role: 'baseline' | 'repeat', template: Template, templateFile: string | undefined, roundOption: string | undefined, o: CompareOptions): Promise<ReadSide> {
  const source = displayPath(path);
  if (await isRatingsCsv(path)) {
    const matcher = partnershipMatcher(loadAliases(o.aliases));
    const csv = readRatingsCsv(await fsp.readFile(path), source, template, matcher);
    return { side: { round: roundOption ?? csv.round ?? role, template, ratings: csv.ratings }, source, kind: 'ratings.csv', files: 1, diagnostics: csv.diagnostics, inputFiles: [path] };
  }
  // The same one-return-per-partnership rule as analyse, analysts' "use" decisions included.
  const run = await readRound([path], { ...o, template: templateFile }, { progress: progressReporter(o), ...(roundOption ? { round: roundOption } : {}), ...(o.out ? { out: o.out } : {}) });
  const analysis = analyse(run.results, run.template, roundOption ? { round: roundOption } : {}, selectReturns(run.results, run.use));
  const ratings: CompareRating[] = analysis.ratings
    .filter((r) => r.used)
    .map((r) => ({ partnership: r.partnership, proposal: r.proposal, respondent: r.respondent, body: r.body, status: r.status, rating: r.rating, level: r.level, modifier: r.modifier, flags: r.flags, file: r.file }));
  return { side: { round: analysis.round, template: run.template, ratings }, source, kind: 'returns', files: run.results.length, diagnostics: [...allDiagnostics(run), ...analysis.diagnostics], inputFiles: run.inputFiles };
}

/**
 * Digest of what was compared: both rounds' labels, templates and normalised used
 * rating rows, sorted. Not file paths or bytes, so an archived ratings.csv and the
 * documents it came from give the same digest (and the same outputs).
 */
export function comparisonDigest(baseline: CompareSide, repeat: CompareSide): string {
  const lines: string[] = [];
  for (const [role, s] of [['baseline', baseline], ['repeat', repeat]] as const) {
    const rows = s.ratings
      .map((r) => JSON.stringify([role, r.partnership, r.proposal, r.respondent, r.body, r.status, r.rating, r.level, r.modifier, [...r.flags].sort(byCodePoint)]))
      .sort(byCodePoint);
    lines.push(JSON.stringify([role, s.round, s.template.id, s.template.scale.length]), ...rows);
  }
  return sha256(lines.join('\n'));
}

export function compareCommand(program: Command, done: (r: CommandResult) => void): Command {
  const cmd = program
    .command('compare')
    .description('change between two rounds: per partnership and proposal, per proposal with paired tests, per key feature, nationally')
    .argument('<baseline>', 'the earlier round: a folder of returns, one return, or a ratings.csv written by "selfeval analyse --out"')
    .argument('<repeat>', 'the later round, likewise')
    .option('--out <dir>', 'write the CSV files and compare.json into this folder')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(['text', 'json']).default('text'))
    .option('--baseline-round <label>', "name of the baseline round (default: a ratings.csv's round, else the year of the latest date of completion)")
    .option('--repeat-round <label>', 'name of the repeat round (default: likewise)')
    .option('--repeat-template <file>', 'the template JSON of the repeat round, when it differs from --template');
  addReadingOptions(cmd);
  cmd.option('--bom', 'start each CSV with a UTF-8 byte-order mark (for Excel)');
  cmd.addHelpText(
    'after',
    `
Each round gives one return per partnership (as analyse chooses). Ratings are matched by
partnership, proposal, respondent and body; anything in one round only is listed, not dropped.
Paired tests are two-sided: per proposal across the partnerships rated in both rounds, and per
key feature and nationally on each partnership's mean movement (pairs are never pooled).

Examples:
  selfeval compare fixtures/returns/2019 fixtures/returns/2020
  selfeval compare results/2019/ratings.csv returns/2020 --out results/change-2019-2020
  selfeval compare returns/2019 returns/2020 --format json > change.json`,
  );
  cmd.action(async (baselinePath: string, repeatPath: string, o: CompareOptions) => {
    const baseTemplate = await loadTemplate(o.template);
    const repeatTemplateFile = o.repeatTemplate ?? o.template;
    const repTemplate = await loadTemplate(repeatTemplateFile);
    if (baseTemplate.scale.length !== repTemplate.scale.length)
      throw new UsageError(`the baseline template (${baseTemplate.id}) has ${baseTemplate.scale.length} levels and the repeat template (${repTemplate.id}) ${repTemplate.scale.length}: rounds on different scales cannot be compared level by level.`);
    const b = await readSide(baselinePath, 'baseline', baseTemplate, o.template, o.baselineRound, o);
    const r = await readSide(repeatPath, 'repeat', repTemplate, repeatTemplateFile, o.repeatRound, o);
    const comparison = compareRounds(b.side, r.side, { baseline: b.source, repeat: r.source });
    // Each side applies the overrides on its own; a decision is stale only if neither side used it
    // (it is then reported once, from the baseline's reading).
    const staleKey = (d: Diagnostic) => `${d.file}\u0000${d.location}`;
    const staleInRepeat = new Set(r.diagnostics.filter((d) => d.code === 'OVERRIDE_STALE').map(staleKey));
    // (An archived ratings.csv side applies no overrides, so the other side alone decides.)
    const diags = [
      ...b.diagnostics.filter((d) => d.code !== 'OVERRIDE_STALE' || r.kind === 'ratings.csv' || staleInRepeat.has(staleKey(d))),
      ...r.diagnostics.filter((d) => d.code !== 'OVERRIDE_STALE' || b.kind === 'ratings.csv'),
      ...comparison.diagnostics,
    ].sort(compareDiagnostics);
    const counts = countSeverities(diags);
    const digest = comparisonDigest(b.side, r.side);
    if (o.out) {
      const files = compareCsvFiles(comparison, { bom: !!o.bom });
      await writeOutputSet(o.out, [...files, { name: 'compare.json', content: compareJson(comparison, digest, b.side, r.side, files) }], [baselinePath, repeatPath, ...b.inputFiles, ...r.inputFiles]);
    }
    const inputs = {
      digest,
      baseline: { source: b.source, kind: b.kind, files: b.files, ratings: b.side.ratings.length },
      repeat: { source: r.source, kind: r.kind, files: r.files, ratings: r.side.ratings.length },
    };
    const stdout = o.format === 'json' ? JSON.stringify({ ...comparison, inputs, diagnostics: diags }, null, 2) + '\n' : renderComparison(comparison, counts, colourFor(process.stdout));
    done({ stdout, stderr: o.quiet ? '' : messages(b, r, diags, counts, o.out), exitCode: counts.errors ? 1 : 0 });
  });
  return cmd;
}

function messages(b: ReadSide, r: ReadSide, diags: readonly Diagnostic[], counts: { errors: number; warnings: number }, out: string | undefined): string {
  const side = (s: ReadSide, role: string) =>
    `${role} ${s.side.round}: ${s.kind === 'ratings.csv' ? `${s.side.ratings.length} used rating(s) from ${s.source}` : `${s.files} file(s) read from ${s.source}`}`;
  return `${side(b, 'baseline')}; ${side(r, 'repeat')}; ${counts.errors} error(s), ${counts.warnings} warning(s).${out ? ` Outputs written to ${out}.` : ''}\n` + renderErrorLines(diags, 10, 'see them with --format json');
}

function compareJson(c: Comparison, digest: string, b: CompareSide, r: CompareSide, outputs: { name: string; content: string }[]): string {
  return (
    JSON.stringify(
      {
        tool: 'selfeval',
        command: 'compare',
        templates: c.templates,
        rounds: c.rounds,
        inputs: { digest, ratings: { baseline: b.ratings.length, repeat: r.ratings.length } },
        coverage: c.coverage,
        national: { movement: c.national.movement, test: c.national.test },
        highlights: c.highlights,
        outputs: outputs.map((f) => ({ file: f.name, bytes: Buffer.byteLength(f.content), sha256: sha256(f.content) })),
      },
      null,
      2,
    ) + '\n'
  );
}
