import { diagnostic, ReadError } from '../../model/diagnostics.js';
import type { Diagnostic } from '../../model/schema.js';
import type { ReturnDraft } from '../assemble.js';
import type { ReadContext } from '../context.js';
import { excelSerialToIso } from '../dates.js';
import { foldText } from '../marks.js';
import type { OpcPackage } from '../package.js';
import type { ZipArchive } from '../zip/zip.js';
import { prepareWorkbook } from './package.js';
import { findHeaders, readPlanTable, readTemplateTable, type PlanTable, type TableHeader, type TemplateTable } from './tables.js';
import { loadWorkbook, sheetRef, type XCell, type XSheet } from './workbook.js';

/**
 * An Excel return → the model. Every visible sheet is searched for the return's
 * tables by their header words (flat: a rating column; matrix: a column per level;
 * action plan: the partner bodies' ratings). The flat or matrix table with the most
 * proposal rows is the return; an action plan beside it is read as the partner
 * bodies' ratings, exactly as Glasgow City's Word appendix is. A workbook with only
 * an action plan is read from it (its Overall Rating is the overall). The
 * partnership, contact and date come from labelled cells ("Name of Partnership" |
 * value), else the partnership from a title row, the workbook's title or the sheet
 * name (assemble.ts falls back to the file name).
 */
export async function readXlsxReturn(zip: ZipArchive, opc: OpcPackage, file: string, ctx: ReadContext): Promise<{ draft: ReturnDraft; diagnostics: Diagnostic[] }> {
  const { mainPart } = opc;
  const diags: Diagnostic[] = [];
  const pkg = prepareWorkbook(zip, opc);
  const sheets = await loadWorkbook(pkg);

  const hidden = sheets.filter((s) => s.state !== 'visible');
  if (hidden.length) {
    const names = hidden.map((s) => `"${s.name}"`).join(', ');
    diags.push(diagnostic(file, 'HIDDEN_SHEET', hidden.map((s) => sheetRef(s.name)).join(', '), `The workbook has ${hidden.length === 1 ? 'a hidden sheet' : `${hidden.length} hidden sheets`} (${names}), not read as the return. If the ratings are there, unhide the sheet and run again.`));
  }
  const visible = sheets.filter((s) => s.state === 'visible');

  // --- the tables of every visible sheet ------------------------------------------------------
  const headers = new Map<XSheet, TableHeader[]>();
  const templates: TemplateTable[] = [];
  const plans: PlanTable[] = [];
  for (const sheet of visible) {
    const hs = findHeaders(ctx, sheet);
    headers.set(sheet, hs);
    hs.forEach((h, i) => {
      if (h.layout === 'action-plan') plans.push(readPlanTable(file, ctx, h, hs[i + 1]));
      else templates.push(readTemplateTable(file, ctx, h, hs[i + 1]));
    });
  }
  // The return is the table with most filled-in proposal rows (a blank copy of the template on
  // another sheet has the same rows, none filled), then most proposal rows; sheet order breaks ties.
  const filled = (t: TemplateTable) => [...t.found.values()].filter((f) => (f.decision.rating.level !== null || f.decision.rating.flags.some((x) => x !== 'no_mark')) || f.evidence !== '').length;
  let chosen: TemplateTable | null = null;
  for (const t of templates) {
    if (t.found.size === 0) continue;
    if (!chosen || filled(t) > filled(chosen) || (filled(t) === filled(chosen) && t.found.size > chosen.found.size)) chosen = t;
  }
  const planFilled = (p: PlanTable) => [...p.plan.rows.values()].filter((row) => row.overall?.rating.level != null || row.bodies.some((b) => b.rating.level !== null)).length;
  const usedPlans = plans.filter((p) => p.plan.rows.size > 0).sort((a, b) => planFilled(b) - planFilled(a));
  if (!chosen && usedPlans.length === 0) {
    const why = headers.size === 0 ? 'no visible sheet' : 'no sheet with a header row naming a rating column, the four levels, or partner bodies\' ratings, followed by rows naming proposals (1.1 … 6.3)';
    throw new ReadError('NOT_A_RETURN', `This workbook is not a self-evaluation return: it has ${why}.${hidden.length ? ` Its hidden sheets (${hidden.map((s) => `"${s.name}"`).join(', ')}) were not read: if the return is there, unhide it and run again.` : ''}`, mainPart);
  }
  if (chosen) diags.push(...chosen.diagnostics);
  for (const p of usedPlans) diags.push(...p.diagnostics);

  // --- partnership, contact, date ----------------------------------------------------------------
  const mainSheet = (chosen?.header ?? usedPlans[0]!.header).sheet;
  const tableSheets = [mainSheet, ...usedPlans.map((p) => p.header.sheet)].filter((s, i, a) => a.indexOf(s) === i);
  const order = [...tableSheets, ...visible.filter((s) => !tableSheets.includes(s))];
  const excluded = new Map<XSheet, Set<number>>();
  for (const [sheet, hs] of headers) excluded.set(sheet, new Set(hs.flatMap((h) => [h.row, h.top])));
  for (const t of [...templates, ...plans]) for (const r of t.rowsUsed) excluded.get(t.header.sheet)!.add(r);
  const front = findFront(order, excluded, pkg.date1904);

  // Title rows: the cells above the first table of each sheet read, apart from labelled cells.
  const titles: { text: string; location: string }[] = [];
  for (const sheet of tableSheets) {
    const first = headers.get(sheet)?.[0]?.top ?? Infinity;
    for (const r of sheet.rows) {
      if (r >= first) break;
      for (const c of sheet.row(r)) if (!c.merged && c.text.trim() && !front.used.has(c.location)) titles.push({ text: c.text.replace(/\s+/g, ' ').trim(), location: c.location });
    }
  }
  let name = front.name;
  if (!name) {
    const candidates = [...titles, { text: pkg.coreTitle, location: 'workbook title (docProps/core.xml)' }, { text: mainSheet.name, location: `sheet name ${sheetRef(mainSheet.name)}` }];
    for (const t of candidates) {
      const n = nameInTitle(ctx, t.text);
      if (n) {
        name = { text: n, location: t.location };
        break;
      }
    }
  }

  // --- the proposals --------------------------------------------------------------------------------
  const proposals: ReturnDraft['proposals'] = [];
  for (const prop of ctx.template.proposals) {
    const f = chosen?.found.get(prop.id);
    if (f) diags.push(...f.decision.diagnostics);
    proposals.push({
      proposal: prop.id,
      ratings: f ? [{ respondent: 'overall', body: '', rating: f.decision.rating }] : [],
      evidence: f?.evidence ?? '',
      improvementActions: f?.actions ?? '',
      consensus: null,
      consensusRaw: '',
      actionPlan: null,
    });
  }
  const draft: ReturnDraft = {
    format: 'xlsx',
    layout: chosen ? `excel-${chosen.header.layout}` : 'excel-action-plan',
    partnershipAsWritten: name?.text ?? '',
    partnershipLocation: name?.location ?? sheetRef(mainSheet.name),
    contact: front.contact?.text ?? '',
    dateRaw: front.date?.text ?? '',
    dateLocation: front.date?.location ?? sheetRef(mainSheet.name),
    dateIso: front.date?.iso ?? null,
    draftSignals: [
      ...titles.slice(0, 12).map((t) => ({ where: 'title', text: t.text })),
      ...tableSheets.flatMap((s) => s.headerFooter.map((text) => ({ where: 'page header', text }))),
      { where: 'document title', text: pkg.coreTitle },
      ...tableSheets.map((s) => ({ where: 'sheet name', text: s.name })),
    ],
    proposals,
    actionPlans: usedPlans.map((p) => p.plan),
    hadTemplateMarks: chosen !== null,
  };
  return { draft, diagnostics: diags };
}

type Found = { text: string; location: string; iso?: string | null };

const LABELS: { kind: 'name' | 'contact' | 'date'; re: RegExp }[] = [
  { kind: 'name', re: /^(name of (the )?)?((health and social care |hsc )?partnership|integration (joint board|authority)|ijb|hscp)( name)?$|^partnership name$/ },
  { kind: 'contact', re: /^contact\b|^completed by$|^lead (officer|contact)$|^name and e-?mail|^e-?mail( address)?$/ },
  { kind: 'date', re: /^date( of (completion|return|submission)| completed| submitted)?$|^completed on$|^completion date$|^submitted on$/ },
];

function labelKind(text: string): 'name' | 'contact' | 'date' | null {
  const f = foldText(text).replace(/[:*\s]+$/, '').trim();
  if (!f || f.length > 60) return null;
  return LABELS.find((l) => l.re.test(f))?.kind ?? null;
}

/** Labelled cells: "Name of Partnership" | value (to the right, else below), or "Partnership: value" in one cell. */
function findFront(sheets: readonly XSheet[], excluded: Map<XSheet, Set<number>>, date1904: boolean): { name?: Found; contact?: Found; date?: Found; used: Set<string> } {
  const out: { name?: Found; contact?: Found; date?: Found; used: Set<string> } = { used: new Set() };
  const valueOf = (c: XCell, kind: string): Found => {
    if (kind === 'date') {
      if (c.kind === 'date' && c.iso) return { text: c.iso, location: c.location, iso: c.iso };
      const n = Number(c.text);
      // A date typed into a cell not formatted as a date shows as its serial number.
      if (c.kind === 'number' && Number.isInteger(n) && n > 30000 && n < 60000) return { text: c.text, location: c.location, iso: excelSerialToIso(n, date1904) };
    }
    return { text: c.text.replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, ' ').trim(), location: c.location };
  };
  for (const sheet of sheets) {
    const skip = excluded.get(sheet) ?? new Set<number>();
    for (const r of sheet.rows) {
      if (skip.has(r)) continue;
      const cells = sheet.row(r);
      for (const [k, c] of cells.entries()) {
        if (c.merged || !c.text.trim()) continue;
        let kind = labelKind(c.text);
        let value: Found | null = null;
        if (kind) {
          const right = cells.slice(k + 1).find((x) => x.text.trim() && !(x.merged && x.masterCol === c.masterCol && x.masterRow === c.masterRow));
          if (right && !labelKind(right.text)) value = valueOf(right, kind);
          else if (!right) {
            const below = sheet.at(r + 1, k + 1);
            if (below.text.trim() && !labelKind(below.text) && !skip.has(r + 1)) value = valueOf(below, kind);
          }
        } else {
          const m = /^([^:：]{3,60})[:：]\s*(\S[\s\S]*)$/.exec(c.text.trim());
          kind = m ? labelKind(m[1]!) : null;
          if (m && kind) value = { text: m[2]!.replace(/\s+/g, ' ').trim(), location: c.location };
        }
        if (!kind || !value || out[kind]) continue;
        out[kind] = value;
        out.used.add(c.location);
        out.used.add(value.location);
      }
    }
  }
  return out;
}

/**
 * A partnership named inside a title ("Health and Social Care Moray – MSG self-evaluation"):
 * the longest run of words that is exactly one partnership's name. Loose matches and
 * health boards never decide here.
 */
export function nameInTitle(ctx: ReadContext, title: string): string | null {
  const m = ctx.partnerships.inText(title);
  return m.kind === 'exact' ? m.via : null;
}
