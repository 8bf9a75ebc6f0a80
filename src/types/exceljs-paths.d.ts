// exceljs ships types for its index only; this module is what the index re-exports as
// Workbook (src/read/xlsx/workbook.ts casts it to that type).
declare module 'exceljs/lib/doc/workbook.js' {
  const Workbook: unknown;
  export default Workbook;
}
