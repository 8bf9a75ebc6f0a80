import { Option, type Command } from 'commander';
import { progressReporter } from '../io/progress.js';
import { compareDiagnostics } from '../model/order.js';
import { countSeverities } from '../model/diagnostics.js';
import { renderReturnsTable } from '../report/returns-table.js';
import { renderErrorLines } from '../report/diagnostics.js';
import { colourFor } from '../report/style.js';
import { addReadingOptions, readInputs, type ReadingOptions } from './common.js';
import type { CommandResult, Output } from './result.js';
import type { Diagnostic } from '../model/schema.js';

/** Indents every line after the first (a nested value in pretty JSON). */
const indentTail = (text: string) => text.split('\n').map((l, i) => (i ? '  ' + l : l)).join('\n');

type ParseOptions = ReadingOptions & { format: 'text' | 'json' };

export function parseCommand(program: Command, done: (r: CommandResult) => void, out?: Output): Command {
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
    const json = o.format === 'json';
    const fileDiags: Diagnostic[] = [];
    let files = 0;
    // JSON is written as each result arrives (in input order), so a batch of any size streams
    // through in constant memory; it is the same document JSON.stringify(…, null, 2) would give.
    const indent = (text: string) => text.split('\n').map((l) => '    ' + l).join('\n');
    let templateId = '';
    const run = await readInputs(inputs, o, {
      progress: progressReporter(o),
      retain: !json,
      onResult: (r) => {
        if (json && out) {
          if (files === 0) out.write(`{\n  "template": ${JSON.stringify(templateId)},\n  "results": [\n`);
          out.write((files ? ',\n' : '') + indent(JSON.stringify(r, null, 2)));
        }
        files++;
        fileDiags.push(...r.diagnostics);
      },
      onTemplate: (t) => {
        templateId = t.id;
      },
    });
    const diags = [...run.inputDiagnostics, ...fileDiags, ...run.overrideDiagnostics].sort(compareDiagnostics);
    const counts = countSeverities(diags);
    let stdout = '';
    if (json && out) {
      const rest = [...run.inputDiagnostics, ...run.overrideDiagnostics].sort(compareDiagnostics);
      out.write(`${files ? '\n  ]' : `{\n  "template": ${JSON.stringify(run.template.id)},\n  "results": []`},\n  "diagnostics": ${indentTail(JSON.stringify(rest, null, 2))}\n}\n`);
      await out.flush();
    } else {
      stdout = renderReturnsTable(run.results, run.template, colourFor(process.stdout));
    }
    const stderr = o.quiet ? '' : `${files} file(s) read: ${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.infos} info. Run "selfeval validate" to list them.\n` + renderErrorLines(diags, 1000);
    done({ stdout, stderr, exitCode: counts.errors ? 1 : 0 });
  });
  return cmd;
}
