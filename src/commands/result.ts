/** What a command hands back to cli.ts, the only place that writes and sets the exit code. */
export type CommandResult = { stdout: string; stderr: string; exitCode: 0 | 1 | 2 };
