import { pdfDocument } from './pdf-document';

describe('pdfDocument', () => {
  const text = (pdf: Buffer) => pdf.toString('latin1');

  it('writes a PDF whose cross-reference table points at every object', () => {
    const pdf = text(pdfDocument('Samtykke', [{ heading: 'Hvem', lines: ['Helsestasjonen'] }]));
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const entries = pdf
      .slice(startxref)
      .split('\n')
      .slice(3)
      .filter((l) => / n $/.test(l));
    entries.forEach((entry, i) => {
      const offset = Number(entry.slice(0, 10));
      expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    const length = Number(/\/Length (\d+) >>\nstream\n/.exec(pdf)?.[1]);
    const start = pdf.indexOf('stream\n') + 'stream\n'.length;
    expect(pdf.slice(start + length, start + length + 'endstream'.length)).toBe('endstream');
  });

  it('keeps Norwegian letters in WinAnsi, escapes parentheses and continues on new pages', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `Linje ${i} (æøå ÆØÅ) – ok \\ ferdig`);
    const pdf = pdfDocument('Tittel', [{ lines }]);
    const raw = text(pdf);
    expect(raw).toContain('(Linje 0 \\(\xe6\xf8\xe5 \xc6\xd8\xc5\\) \x96 ok \\\\ ferdig) Tj');
    expect(Number(/\/Count (\d+)/.exec(raw)?.[1])).toBeGreaterThan(1);
  });

  it('wraps a long paragraph instead of running off the page', () => {
    const long = 'ord '.repeat(200).trim();
    const raw = text(pdfDocument('T', [{ lines: [long] }]));
    const shown = [...raw.matchAll(/\((ord[^)]*)\) Tj/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(5);
    expect(Math.max(...shown.map((l) => l.length))).toBeLessThanOrEqual(88);
    expect(shown.join(' ')).toBe(long);
  });
});
