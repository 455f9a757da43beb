/**
 * What a document a person reads (minutes, an archive package) says where a text was a family's
 * personal data and has been erased: it says so, rather than leave a gap or a dash.
 */
export const ERASED_WORDS = '(slettet)';

/** A text of a family's personal data as a document shows it: the text, or that it was erased. */
export const erasable = (text: string | null): string => text ?? ERASED_WORDS;

/** A value as HTML text: every markup character escaped, an absent value as a dash. */
export function escapeHtml(value: string | number | null | undefined): string {
  return (value === null || value === undefined ? '—' : String(value)).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export type HtmlCell = string | number | null | undefined;

/** A table with a header row; "Ingen." when there are no rows. Every cell is escaped. */
export function htmlTable(headers: readonly string[], rows: readonly HtmlCell[][]): string {
  if (rows.length === 0) return '<p>Ingen.</p>';
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A definition list of label → value, every value escaped. */
export function htmlFacts(facts: readonly [string, HtmlCell][]): string {
  return `<dl>${facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

/** A printable document in the given language; `body` is HTML made with the helpers above. */
export function htmlDocument(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}dt{font-weight:bold}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}
