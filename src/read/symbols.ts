/**
 * Symbol-font glyphs → the Unicode character a person sees.
 *
 * Word writes a symbol either as <w:sym w:font="Wingdings" w:char="F0FC"/> or as a
 * character in a run whose font is a symbol font; LibreOffice re-saves the first as
 * the second with the private-use code U+F0FC. Both map through the font's table.
 * A glyph not in the table stays as "<font> U+XXXX" so it is reported as an
 * unrecognised mark rather than silently dropped.
 */

const WINGDINGS: Record<number, string> = {
  0xfc: '✓', // check mark
  0xfb: '✗', // ballot x
  0xfd: '☒', // ballot box with x
  0xfe: '☑', // ballot box with check
  0x78: '☒', // x in a box
  0xa8: '☐', // empty ballot box
  0x6f: '☐', // white square
  0x71: '☐', // shadowed white square
  0x6e: '■', // black square
  0x6c: '●', // black circle
  0xa1: '○', // white circle
};

const WINGDINGS_2: Record<number, string> = {
  0x50: '✓', // check mark
  0x4f: '✗', // ballot x
  0x51: '✗', // heavy ballot x
  0x52: '☑', // ballot box with check
  0x53: '☒', // ballot box with x
  0x54: '☒', // ballot box with heavy x
  0xa3: '☐', // empty box
  0x2a: '☐', // white square
};

const SYMBOL: Record<number, string> = {
  0xd6: '√', // radical sign, used as a tick
  0xb4: '×', // multiplication sign, used as a cross
  0xd7: '·',
};

const TABLES: Record<string, Record<number, string>> = {
  wingdings: WINGDINGS,
  'wingdings 2': WINGDINGS_2,
  symbol: SYMBOL,
};

/** The character shown for `code` in `font`; codes may be given with or without the F000 offset. */
export function symbolText(font: string, code: number): string {
  if (code <= 0x20 || code === 0xa0) return String.fromCodePoint(code); // spacing survives any font
  const f = font.trim().toLowerCase();
  const table = TABLES[f];
  const low = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  if (table) {
    const hit = table[low];
    if (hit) return hit;
    return `[${font} U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  // Not a symbol font we know: a private-use code cannot be shown faithfully.
  if (code >= 0xe000 && code <= 0xf8ff) return `[${font} U+${code.toString(16).toUpperCase()}]`;
  return String.fromCodePoint(code);
}
