import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colour only on a terminal, never under NO_COLOR or FORCE_COLOR=0. chalk's own
 * detection ignores NO_COLOR, so the level is decided here and renderers receive
 * an instance rather than importing chalk's global one.
 */
export function colourFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const force = env.FORCE_COLOR;
  let level: 0 | 1 | 2 | 3 = 0;
  if (force === '0' || force === 'false' || noColor) level = 0;
  else if (force !== undefined && force !== '') level = 1;
  else if (stream.isTTY) level = 1;
  return new Chalk({ level });
}

export const plain = new Chalk({ level: 0 });
