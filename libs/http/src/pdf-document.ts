/**
 * A plain, printable PDF of headed paragraphs: A4 pages, Helvetica (one of the standard fonts every
 * reader has, so nothing is embedded), text wrapped to the page and continued on new pages. Enough for
 * a consent form a family reads, prints and signs; no layout engine, no dependencies.
 */
export interface PdfBlock {
  readonly heading?: string;
  readonly lines: readonly string[];
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 56;
const BODY_SIZE = 11;
const HEADING_SIZE = 13;
const TITLE_SIZE = 17;
const LEADING = 15;
/** Helvetica's average advance at 11 pt is about 5.3 pt: this many characters fill a line. */
const CHARS_PER_LINE = 88;

/** WinAnsi (the standard fonts' encoding) for the few characters outside Latin-1 that we write. */
const WIN_ANSI_EXTRA: Record<string, number> = {
  '–': 0x96,
  '—': 0x97,
  '’': 0x92,
  '‘': 0x91,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '€': 0x80,
};

/** A string as a PDF literal in WinAnsi: Latin-1 as it is, a few typographic marks mapped, the rest "?". */
function pdfText(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0x3f;
    const latin1 = code <= 0xff && (code < 0x80 || code >= 0xa0);
    const byte = WIN_ANSI_EXTRA[char] ?? (latin1 ? code : 0x3f);
    const ch = String.fromCharCode(byte);
    out += ch === '(' || ch === ')' || ch === '\\' ? `\\${ch}` : ch;
  }
  return out;
}

function wrap(text: string, width = CHARS_PER_LINE): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

export function pdfDocument(title: string, blocks: readonly PdfBlock[]): Buffer {
  type Line = { size: number; bold: boolean; text: string; gapBefore: number };
  const lines: Line[] = [{ size: TITLE_SIZE, bold: true, text: title, gapBefore: 0 }];
  for (const block of blocks) {
    if (block.heading)
      lines.push({ size: HEADING_SIZE, bold: true, text: block.heading, gapBefore: 10 });
    block.lines.forEach((text, i) =>
      wrap(text).forEach((part, j) =>
        lines.push({
          size: BODY_SIZE,
          bold: false,
          text: part,
          gapBefore: i > 0 && j === 0 ? 4 : 0,
        }),
      ),
    );
  }
  const pages: string[] = [];
  let content = '';
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of lines) {
    const step = LEADING * (line.size / BODY_SIZE) + line.gapBefore;
    if (y - step < MARGIN) {
      pages.push(content);
      content = '';
      y = PAGE_HEIGHT - MARGIN;
    }
    y -= step;
    content += `BT /${line.bold ? 'F2' : 'F1'} ${line.size} Tf ${MARGIN} ${y.toFixed(1)} Td (${pdfText(line.text)}) Tj ET\n`;
  }
  pages.push(content);

  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] =
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  pages.forEach((stream, i) => {
    const pageId = pageIds[i];
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] =
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`;
  });

  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(pdf, 'latin1');
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++)
    pdf += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
