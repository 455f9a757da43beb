/** A section of a document between two markers, rewritten from the code that is its source. */
export class GeneratedSection {
  readonly start: string;
  readonly end: string;

  constructor(name: string) {
    this.start = `<!-- ${name}:start (written by \`npm run cli -- docs\`) -->`;
    this.end = `<!-- ${name}:end -->`;
  }

  /** What the document has between the markers. */
  read(doc: string): string {
    const start = doc.indexOf(this.start);
    const end = doc.indexOf(this.end);
    if (start < 0 || end < start) throw new Error(`no ${this.start} … ${this.end} section`);
    return doc.slice(start + this.start.length, end);
  }

  /** The document with the section replaced by `content`. */
  write(doc: string, content: string): string {
    this.read(doc);
    return `${doc.slice(0, doc.indexOf(this.start) + this.start.length)}\n\n${content}\n\n${doc.slice(doc.indexOf(this.end))}`;
  }
}
