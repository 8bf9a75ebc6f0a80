import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';

export type CliRun = { stdout: string; stderr: string; code: number };

/** Runs the built CLI as a user would, without colour, from `cwd` (default: the project root). */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/selfeval.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    input: opts.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/**
 * A golden transcript of a run: the command, stdout, stderr (with `out` replaced by
 * "<out>" so no machine path is pinned) and the exit code, as Markdown.
 */
export function transcript(command: string, run: CliRun, out?: string): string {
  const stderr = out ? run.stderr.split(out).join('<out>') : run.stderr;
  return [`# ${command}`, '', '(FORCE_COLOR=0)', '', '## stdout', '', '```', run.stdout.trimEnd(), '```', '', '## stderr', '', '```', stderr.trimEnd(), '```', '', `Exit code: ${run.code}`, ''].join('\n');
}
