import type { Command } from 'commander';
import { loadTemplate } from '../template/load.js';
import type { CommandResult } from './result.js';

/** Prints the template in use as JSON: the starting point for a later round's --template file. */
export function templateCommand(program: Command, done: (r: CommandResult) => void): Command {
  return program
    .command('template')
    .description('print the template (proposals, levels, descriptors) as JSON, to start a --template file')
    .option('--template <file>', 'check and print this template file instead of the built-in one')
    .addHelpText('after', '\nExamples:\n  selfeval template > msg-2020.json\n  selfeval template --template msg-2020.json   # validates it')
    .action(async (o: { template?: string }) => {
      done({ stdout: JSON.stringify(await loadTemplate(o.template), null, 2) + '\n', stderr: '', exitCode: 0 });
    });
}
