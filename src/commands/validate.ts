import { Option, type Command } from 'commander';
import { progressReporter } from '../io/progress.js';
import { compareDiagnostics } from '../model/order.js';
import { countSeverities } from '../model/diagnostics.js';
import { renderDiagnostics, renderGithub } from '../report/diagnostics.js';
import { colourFor } from '../report/style.js';
import { addReadingOptions, readInputs, type ReadingOptions } from './common.js';
import type { Diagnostic } from '../model/schema.js';
import type { CommandResult } from './result.js';
import { writeNewFile } from '../io/write-outputs.js';
import { suggestOverrides } from '../overrides/suggest.js';

type ValidateOptions = ReadingOptions & { format: 'text' | 'json' | 'github'; strict?: boolean; suggestOverrides?: string; force?: boolean };

export function validateCommand(program: Command, done: (r: CommandResult) => void): Command {
  const cmd = program
    .command('validate')
    .description('check returns and list every diagnostic; exit 1 on errors (or warnings with --strict)')
    .argument('<inputs...>', 'return files and folders of returns')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--strict', 'warnings fail validation too')
    .option('--suggest-overrides <file>', 'write a starter overrides file: one commented-out row per warning that needs a decision')
    .option('--force', 'replace an existing --suggest-overrides file');
  addReadingOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  selfeval validate fixtures/returns/2019
  selfeval validate returns/ --strict --format github    # annotations in a GitHub workflow
  selfeval validate returns/2019 --suggest-overrides decisions.csv
  selfeval validate returns/2019 --overrides decisions.csv --strict`,
  );
  cmd.action(async (inputs: string[], o: ValidateOptions) => {
    // Only diagnostics are kept, unless a starter file needs the returns: large batches stay small.
    const fileDiags: Diagnostic[] = [];
    let files = 0;
    let read = 0;
    const run = await readInputs(inputs, o, {
      progress: progressReporter(o),
      retain: !!o.suggestOverrides,
      onResult: (r) => {
        files++;
        if (r.return) read++;
        fileDiags.push(...r.diagnostics);
      },
    });
    const diags = [...run.inputDiagnostics, ...fileDiags, ...run.overrideDiagnostics].sort(compareDiagnostics);
    const counts = countSeverities(diags);
    const failed = counts.errors > 0 || (o.strict === true && counts.warnings > 0);
    let stdout: string;
    if (o.format === 'json') {
      stdout = JSON.stringify({ ok: !failed, strict: !!o.strict, files, read, ...counts, diagnostics: diags }, null, 2) + '\n';
    } else if (o.format === 'github') {
      stdout = renderGithub(diags);
    } else {
      stdout = renderDiagnostics(diags, colourFor(process.stdout));
    }
    if (o.suggestOverrides) {
      await writeNewFile(o.suggestOverrides, suggestOverrides(run.results, diags, o.suggestOverrides), !!o.force, [...inputs, ...run.inputFiles]);
    }
    const stderr = o.quiet ? '' : `${files} file(s), ${read} read as returns: ${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.infos} info. ${failed ? 'Validation failed.' : 'Validation passed.'}\n`;
    done({ stdout, stderr, exitCode: failed ? 1 : 0 });
  });
  return cmd;
}
