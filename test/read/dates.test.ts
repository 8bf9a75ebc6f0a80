import { describe, expect, it } from 'vitest';
import { excelSerialToIso, readCompletionDate } from '../../src/read/dates.js';

describe('readCompletionDate: UK day-first dates', () => {
  it.each([
    ['08/05/2019', '2019-05-08'],
    ['8/5/19', '2019-05-08'],
    ['14.05.2019', '2019-05-14'],
    ['15 May 2019', '2019-05-15'],
    ['15th May 2019', '2019-05-15'],
    ['Wednesday 15 May 2019', '2019-05-15'],
    ['2019-05-14', '2019-05-14'],
    ['May 15, 2019', '2019-05-15'],
  ])('%s → %s', (raw, iso) => {
    expect(readCompletionDate(raw).iso).toBe(iso);
  });
  it('takes the first of several dates', () => {
    const d = readCompletionDate('17 July 2019 (initially completed 08 May 2019)');
    expect(d.iso).toBe('2019-07-17');
    expect(d.found).toBe(2);
  });
  it('returns null for text that is not a date, or an impossible date', () => {
    expect(readCompletionDate('sometime in spring').iso).toBeNull();
    expect(readCompletionDate('31/02/2019').iso).toBeNull();
  });
});

describe('excelSerialToIso', () => {
  it('reads the 1900 and 1904 date systems', () => {
    expect(excelSerialToIso(43599, false)).toBe('2019-05-14');
    // LibreOffice can write date1904: the same day is 1462 days smaller.
    expect(excelSerialToIso(43599 - 1462, true)).toBe('2019-05-14');
  });
});
