import { Option, type Command } from 'commander';
import { progressReporter } from '../io/progress.js';
import { compareDiagnostics } from '../model/order.js';
import { countSeverities } from '../model/diagnostics.js';
import { renderReturnsTable } from '../report/returns-table.js';
import { colourFor } from '../report/style.js';
import { addReadingOptions, allDiagnostics, readInputs, type ReadingOptions } from './common.js';
import type { CommandResult } from './result.js';

type ParseOptions = ReadingOptions & { format: 'text' | 'json' };

export function parseCommand(program: Command, done: (r: CommandResult) => void): Command {
  const cmd = program
    .command('parse')
    .description('read returns into the proposal-rating model and print them')
    .argument('<inputs...>', 'return files and folders of returns')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addReadingOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  selfeval parse fixtures/returns/2019
  selfeval parse "Fife IJB - MSG Self Evaluation May 2019.docx" --format json`,
  );
  cmd.action(async (inputs: string[], o: ParseOptions) => {
    const run = await readInputs(inputs, o, { progress: progressReporter(o) });
    const diags = allDiagnostics(run).sort(compareDiagnostics);
    const counts = countSeverities(diags);
    let stdout: string;
    if (o.format === 'json') {
      stdout = JSON.stringify({ template: run.template.id, results: run.results, diagnostics: run.inputDiagnostics.sort(compareDiagnostics) }, null, 2) + '\n';
    } else {
      stdout = renderReturnsTable(run.results, run.template, colourFor(process.stdout));
    }
    const stderr = o.quiet ? '' : `${run.results.length} file(s) read: ${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.infos} info. Run "selfeval validate" to list them.\n`;
    done({ stdout, stderr, exitCode: counts.errors ? 1 : 0 });
  });
  return cmd;
}
