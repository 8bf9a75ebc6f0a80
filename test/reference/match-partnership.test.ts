import { describe, expect, it } from 'vitest';
import { editDistance, normaliseName, partnershipMatcher } from '../../src/reference/match-partnership.js';

const m = partnershipMatcher();

describe('partnership names', () => {
  it('normalises suffixes, "&" and "City of"', () => {
    expect(normaliseName('Perth & Kinross Integration Joint Board')).toBe('perth and kinross');
    expect(normaliseName('City of Edinburgh Council')).toBe('edinburgh');
    expect(normaliseName('Glasgow City HSCP (combined HSCP, NHSGGC and Glasgow City response)')).toBe('glasgow city');
  });
  it.each([
    ['Aberdeen City Health and Social Care Partnership', 'Aberdeen City'],
    ['Dumfries & Galloway IJB', 'Dumfries and Galloway'],
    ['City of Edinburgh', 'Edinburgh'],
    ['Comhairle nan Eilean Siar', 'Western Isles'],
    ['Clacks and Stirling', 'Clackmannanshire and Stirling'],
    ['Stirling Council', 'Clackmannanshire and Stirling'],
    ['The Highland Council', 'Highland'],
    ['Glasgow', 'Glasgow City'],
  ])('%s is %s exactly', (name, p) => {
    expect(m.match(name)).toMatchObject({ kind: 'exact', partnership: p });
  });
  it('accepts a misspelling only when one name is clearly nearest', () => {
    expect(m.match('Inverclyd HSCP')).toMatchObject({ kind: 'loose', partnership: 'Inverclyde', distance: 1 });
    expect(m.match('Aberdeen Cty')).toMatchObject({ kind: 'loose', partnership: 'Aberdeen City' });
    // "Eest Lothian" is one edit from both East and West Lothian: ambiguous.
    expect(m.match('Eest Lothian').kind).toBe('ambiguous');
  });
  it('never decides by a health board name or a substring', () => {
    expect(m.match('NHS Greater Glasgow and Clyde').kind).toBe('ambiguous');
    expect(m.match('NHS Highland').kind).toBe('ambiguous');
    expect(m.match('NHS Fife').kind).toBe('ambiguous');
    expect(m.match('Greater Glasgow and Clyde').kind).not.toBe('exact');
    expect(m.match('Renfrewshire East Side Collaborative').kind).toBe('unknown');
  });
  it('reads a partnership from a file name, longest name first', () => {
    expect(m.matchFileName('returns/east_renfrewshire_msg_self_eval_final.docx')).toMatchObject({ kind: 'exact', partnership: 'East Renfrewshire' });
    expect(m.matchFileName('Fife IJB - MSG Self Evaluation May 2019.docx')).toMatchObject({ kind: 'exact', partnership: 'Fife' });
    expect(m.matchFileName('self-evaluation.docx').kind).toBe('unknown');
  });
  it('adds analyst aliases', () => {
    const withAlias = partnershipMatcher([{ name: 'Orkney Health and Care', partnership: 'Orkney Islands' }]);
    expect(withAlias.match('Orkney Health and Care')).toMatchObject({ kind: 'exact', partnership: 'Orkney Islands' });
  });
  it('editDistance counts a transposition as one edit', () => {
    expect(editDistance('lothain', 'lothian')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('a partnership inside a file name or title never comes from a health board', () => {
  const m = partnershipMatcher();
  it.each(['NHS Greater Glasgow and Clyde return.docx', 'NHS Highland self evaluation.docx', 'Greater Glasgow and Clyde MSG.xlsx'])('%s names no partnership', (f) => {
    expect(m.matchFileName(f).kind).not.toBe('exact');
  });
  it('still finds a partnership beside words that are not names', () => {
    expect(m.matchFileName('Highland Partnership MSG self evaluation.docx')).toMatchObject({ kind: 'exact', partnership: 'Highland' });
    expect(m.inText('MSG self-evaluation – Glasgow City IJB')).toMatchObject({ kind: 'exact', partnership: 'Glasgow City' });
  });
});
