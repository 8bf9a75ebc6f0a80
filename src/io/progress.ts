/**
 * Progress on stderr for long batches: count, rate and current file, on a terminal
 * only, never with --quiet. Starts after about a second so quick runs stay silent.
 */
export function progressReporter(opts: { quiet?: boolean; stream?: NodeJS.WriteStream }): ((done: number, total: number, file: string) => void) | undefined {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet || !stream.isTTY) return undefined;
  const start = Date.now();
  let last = 0;
  return (done, total, file) => {
    const now = Date.now();
    const elapsed = now - start;
    if (elapsed < 1000 || (now - last < 100 && done < total)) return;
    last = now;
    const rate = done / (elapsed / 1000);
    const name = file.length > 50 ? '…' + file.slice(-49) : file;
    stream.write(`\r\x1b[2K${done}/${total} files, ${rate.toFixed(0)}/s  ${name}`);
    if (done === total) stream.write('\r\x1b[2K');
  };
}
