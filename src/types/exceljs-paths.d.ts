// exceljs ships types for its index only; these two modules are what the index re-exports
// as Workbook and ValueType (src/read/xlsx/workbook.ts casts them to those types).
declare module 'exceljs/lib/doc/workbook.js' {
  const Workbook: unknown;
  export default Workbook;
}
declare module 'exceljs/lib/doc/enums.js' {
  const enums: unknown;
  export default enums;
}
