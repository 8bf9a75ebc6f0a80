/**
 * Dates of completion, read UK day-first ("08/05/2019" is 8 May). In a cell with
 * several dates ("17 July 2019 (initially completed 08 May 2019)") the first is
 * the date of completion.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

export type DateReading = { iso: string | null; found: number; raw: string };

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null; // 31/02
  return `${y.toString().padStart(4, '0')}-${m.toString().padStart(2, '0')}-${d.toString().padStart(2, '0')}`;
}

const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => string | null }[] = [
  // 2019-05-14 (ISO, year first: unambiguous)
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, read: (m) => iso(+m[1]!, +m[2]!, +m[3]!) },
  // 08/05/2019, 8.5.19, 8-5-2019: day first
  { re: /\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b/g, read: (m) => iso(+m[3]!, +m[2]!, +m[1]!) },
  // 15 May 2019, 15th May, 2019, 15-May-19
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s\\-]+${MONTH_RE}\\.?,?[\\s\\-]+(\\d{4}|\\d{2})\\b`, 'gi'), read: (m) => iso(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!) },
  // May 15, 2019 / May 15th 2019
  { re: new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'), read: (m) => iso(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!) },
];

/** Finds every date in `text`; the earliest in the text is the date of completion. */
export function readCompletionDate(text: string): DateReading {
  const hits: { at: number; iso: string }[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      const v = p.read(m);
      if (v && !hits.some((h) => m!.index < h.at + 10 && h.at < m!.index + m![0].length)) hits.push({ at: m.index, iso: v });
    }
  }
  hits.sort((a, b) => a.at - b.at);
  return { iso: hits[0]?.iso ?? null, found: hits.length, raw: text.trim() };
}

/** An Excel serial date → ISO, honouring the 1904 date system LibreOffice may write. */
export function excelSerialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + Math.round(serial) * 86400000);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
