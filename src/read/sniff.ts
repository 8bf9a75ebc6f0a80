import { ReadError } from '../model/diagnostics.js';

/**
 * What a file really is, from its first bytes: mammoth, exceljs and JSZip answer
 * "not a zip" to a PDF, a legacy .doc, an encrypted package and a CSV alike, which
 * tells an analyst nothing. Throws a ReadError saying what to do for anything that
 * is not a zip package.
 */
export type Sniffed = 'zip';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function utf16(s: string): Buffer {
  return Buffer.from(s, 'utf16le');
}

export function sniff(buf: Buffer, fileName: string): Sniffed {
  if (buf.length === 0) throw new ReadError('FILE_EMPTY', 'The file is empty (0 bytes): it probably failed to download or save. Ask for it again.');
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 0x03 || buf[2] === 0x05 || buf[2] === 0x07)) {
    if (isOpenDocument(buf)) throw new ReadError('OPENDOCUMENT_FILE', 'This is an OpenDocument file (LibreOffice .odt/.ods). Open it and save it as Word (.docx) or Excel (.xlsx), then run again.');
    return 'zip';
  }
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') throw new ReadError('PDF_FILE', 'This is a PDF. Ratings cannot be read reliably from a PDF: ask the partnership for the Word or Excel original.');
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE)) {
    if (buf.includes(utf16('EncryptedPackage'))) throw new ReadError('ENCRYPTED_FILE', 'This Office file is password-protected (encrypted). Ask the partnership to remove the password, or open it with the password and save an unprotected copy.');
    if (buf.includes(utf16('WordDocument'))) throw new ReadError('LEGACY_WORD', 'This is a Word 97–2003 document (.doc). Open it in Word or LibreOffice and save it as .docx, then run again.');
    if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) throw new ReadError('LEGACY_EXCEL', 'This is an Excel 97–2003 workbook (.xls). Open it in Excel or LibreOffice and save it as .xlsx, then run again.');
    throw new ReadError('UNKNOWN_FORMAT', 'This is an old-style Office container that is neither a Word nor an Excel document selfeval can read. Save it as .docx or .xlsx.');
  }
  const head = buf.subarray(0, Math.min(buf.length, 4096));
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
    throw new ReadError('TEXT_FILE', 'This is a UTF-16 text file (perhaps a CSV saved as "Unicode text" and renamed), not a Word or Excel document. The Word or Excel return is needed.');
  if (head.subarray(0, 5).toString('latin1') === '{\\rtf') throw new ReadError('RTF_FILE', 'This is a Rich Text (.rtf) file. Open it in Word and save it as .docx, then run again.');
  if (looksLikeText(head)) {
    const ext = fileName.toLowerCase().slice(fileName.lastIndexOf('.'));
    throw new ReadError('TEXT_FILE', `This is a plain text${/[,;\t]/.test(head.toString('utf8')) ? ' or CSV' : ''} file${ext === '.csv' || ext === '.txt' ? '' : `, not a real ${ext} document (it may have been renamed)`}. The Word or Excel return is needed.`);
  }
  throw new ReadError('UNKNOWN_FORMAT', 'The file is not a Word or Excel document (its first bytes match no known format). It may be damaged or something else renamed: ask for the file again.');
}

function looksLikeText(b: Buffer): boolean {
  if (b.length === 0) return false;
  let bad = 0;
  for (const byte of b) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) bad++;
  }
  if (bad / b.length > 0.02) return false;
  // Valid UTF-8 (or plain 8-bit text with few controls)
  const s = b.toString('utf8');
  return (s.match(/\uFFFD/g)?.length ?? 0) / s.length < 0.05;
}

/** OpenDocument packages start with an uncompressed "mimetype" entry naming the type. */
function isOpenDocument(b: Buffer): boolean {
  if (b.readUInt32LE(0) !== 0x04034b50 || b.length < 38) return false;
  const nameLen = b.readUInt16LE(26);
  const extraLen = b.readUInt16LE(28);
  const name = b.toString('latin1', 30, 30 + nameLen);
  if (name !== 'mimetype') return false;
  const start = 30 + nameLen + extraLen;
  return b.toString('latin1', start, start + 50).startsWith('application/vnd.oasis.opendocument');
}
