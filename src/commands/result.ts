/** What a command hands back to cli.ts, the only place that writes and sets the exit code. */
export type CommandResult = { stdout: string; stderr: string; exitCode: 0 | 1 | 2 };

/** Streams long output (parse --format json of a large batch) to stdout as it is produced. cli.ts owns it. */
export type Output = { write(chunk: string): void; flush(): Promise<void> };
