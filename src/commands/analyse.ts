import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { analyse, type Analysis } from '../analysis/analyse.js';
import { selectReturns } from '../analysis/select.js';
import { progressReporter } from '../io/progress.js';
import { checkOutputFolder, sha256, writeOutputSet, type Written } from '../io/write-outputs.js';
import { countSeverities } from '../model/diagnostics.js';
import { compareDiagnostics } from '../model/order.js';
import type { Diagnostic, ReadResult } from '../model/schema.js';
import { analysisCsvFiles } from '../report/analysis-csv.js';
import { renderAnalysis } from '../report/analyse-text.js';
import { renderErrorLines } from '../report/diagnostics.js';
import { colourFor } from '../report/style.js';
import { addReadingOptions, allDiagnostics, positiveInt, readRound, type ReadingOptions } from './common.js';
import type { CommandResult } from './result.js';

type AnalyseOptions = ReadingOptions & { format: 'text' | 'json'; out?: string; round?: string; bom?: boolean; thinEvidence: number };

/** Digest of the inputs: every file's path and bytes' SHA-256, in path order, and the template, aliases and overrides used. */
export function inputsDigest(results: readonly ReadResult[], extra: readonly string[] = []): string {
  const files = extra.map((p) => {
    try {
      return `${p}\t${sha256(readFileSync(p))}`;
    } catch {
      return `${p}\t`;
    }
  });
  return sha256([...results.map((r) => `${r.file}\t${r.sha256}`), ...files].sort().join('\n'));
}

export function analyseCommand(program: Command, done: (r: CommandResult) => void): Command {
  const cmd = program
    .command('analyse')
    .alias('analyze')
    .description('the national picture: distribution, consensus and agreement across the partnerships')
    .argument('<inputs...>', 'return files and folders of returns (one round)')
    .option('--out <dir>', 'write the CSV files and summary.json into this folder')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(['text', 'json']).default('text'))
    .option('--round <label>', 'name of the round (default: the year of the latest date of completion)')
    .option('--bom', 'start each CSV with a UTF-8 byte-order mark (for Excel)')
    .addOption(new Option('--thin-evidence <words>', 'Exemplary ratings with fewer evidence words are highlighted').argParser(positiveInt('--thin-evidence')).default(25));
  addReadingOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  selfeval analyse fixtures/returns/2019
  selfeval analyse returns/2019 --out results/2019 --bom
  selfeval analyse returns/2019 --format json > analysis.json`,
  );
  cmd.action(async (inputs: string[], o: AnalyseOptions) => {
    if (o.out) await checkOutputFolder(o.out);
    // Results stream in; returns that cannot be used are compacted at once, so memory stays
    // flat however many files there are (see streamingSelection).
    const run = await readRound(inputs, o, { progress: progressReporter(o), ...(o.round ? { round: o.round } : {}), ...(o.out ? { out: o.out } : {}) });
    const analysis = analyse(run.results, run.template, { ...(o.round ? { round: o.round } : {}), thinEvidenceWords: o.thinEvidence }, selectReturns(run.results, run.use));
    const diags: Diagnostic[] = [...allDiagnostics(run), ...analysis.diagnostics].sort(compareDiagnostics);
    const counts = countSeverities(diags);
    const digest = inputsDigest(run.results, [o.template, o.aliases, o.overrides].filter((x): x is string => !!x).map((p) => p));
    if (o.out) {
      const files = analysisCsvFiles(analysis, diags, { bom: !!o.bom });
      await writeOutputSet(o.out, files, [...inputs, ...run.inputFiles], (written) => ({ name: 'summary.json', content: summaryJson(analysis, counts, digest, run.results.length, written) }));
    }
    const stdout = o.format === 'json' ? JSON.stringify({ ...analysis, inputs: { files: run.results.length, digest }, diagnostics: diags }, null, 2) + '\n' : renderAnalysis(analysis, counts, colourFor(process.stdout));
    const stderr = o.quiet ? '' : `${run.results.length} file(s) read; ${counts.errors} error(s), ${counts.warnings} warning(s).${o.out ? ` Outputs written to ${o.out}.` : ''}\n` + renderErrorLines(diags, 1000);
    done({ stdout, stderr, exitCode: counts.errors ? 1 : 0 });
  });
  return cmd;
}

function summaryJson(a: Analysis, counts: { errors: number; warnings: number; infos: number }, digest: string, files: number, outputs: readonly Written[]): string {
  const national = a.keyFeatures.find((k) => k.keyFeature === 'all' && k.respondent === 'overall');
  return (
    JSON.stringify(
      {
        tool: 'selfeval',
        command: 'analyse',
        template: a.template,
        round: a.round,
        inputs: { files, digest },
        coverage: a.coverage,
        national: national?.distribution ?? null,
        highlights: a.highlights,
        diagnostics: counts,
        outputs: outputs.map((f) => ({ file: f.name, bytes: f.bytes, sha256: f.sha256 })),
      },
      null,
      2,
    ) + '\n'
  );
}
