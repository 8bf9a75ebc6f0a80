import { describe, expect, it } from 'vitest';
import { levelNames, parseRatingText, readMarkText } from '../../src/read/marks.js';
import { BUILT_IN_TEMPLATE } from '../../src/template/load.js';

const names = levelNames(BUILT_IN_TEMPLATE);
const read = (s: string) => readMarkText(s, names, 4);
const rating = (s: string) => parseRatingText(s, names, 4);

describe('readMarkText: what counts as a mark in a level cell', () => {
  it.each(['X', 'x', ' X ', 'Х', 'х', '✓', '✔', '√', '☑', '☒', 'Yes', 'yes', 'XX', '(x)'])('"%s" is a mark', (s) => {
    expect(read(s)).toEqual({ kind: 'mark', modifier: null });
  });
  it('reads modifiers beside a mark', () => {
    expect(read('X+')).toEqual({ kind: 'mark', modifier: 'plus' });
    expect(read('X +')).toEqual({ kind: 'mark', modifier: 'plus' });
    expect(read('X -')).toEqual({ kind: 'mark', modifier: 'minus' });
    expect(read('x−')).toEqual({ kind: 'mark', modifier: 'minus' });
  });
  it('reads a level named in words, with a modifier', () => {
    expect(read('Established')).toEqual({ kind: 'named', level: 3, modifier: null });
    expect(read('Established +')).toEqual({ kind: 'named', level: 3, modifier: 'plus' });
    expect(read('partly  ESTABLISHED')).toEqual({ kind: 'named', level: 2, modifier: null });
  });
  it('treats blanks and empty boxes as no mark', () => {
    expect(read('')).toEqual({ kind: 'empty' });
    expect(read('   ')).toEqual({ kind: 'empty' });
    expect(read('☐')).toEqual({ kind: 'empty' });
  });
  it.each(['?', 'tbc', 'see notes', '+', '-', 'N/A', 'maybe'])('"%s" is unrecognised, never silently empty', (s) => {
    expect(read(s).kind).toBe('unknown');
  });
});

describe('parseRatingText: ratings written as text', () => {
  it.each([
    ['Partly Established', 2, null],
    ['2 - Partly established', 2, null],
    ['Established +', 3, 'plus'],
    ['3', 3, null],
    ['Level 4', 4, null],
    ['not yet established', 1, null],
    ['Exemplary.', 4, null],
  ])('"%s" → level %d', (s, level, modifier) => {
    expect(rating(s)).toEqual({ level, modifier });
  });
  it('refuses numbers and words that disagree, and numbers off the scale', () => {
    expect(rating('2 - Established')).toBeNull();
    expect(rating('5')).toBeNull();
    expect(rating('0')).toBeNull();
    expect(rating('good')).toBeNull();
  });
});
