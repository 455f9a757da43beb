import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNotFound, DomainRuleViolation, RULE_CODES_BY_CONTEXT } from '@bti/domain';
import { GeneratedSection } from './generated-section';

/** Run from the project's root (as `npm run cli` does). */
export const DOMAIN_DOC = join(process.cwd(), 'docs', 'domain.md');
const SECTION = new GeneratedSection('rule-codes');

/** The rule codes of every context, from the deciders' own code unions: one line per context. */
export function ruleCodesList(): string {
  return Object.entries(RULE_CODES_BY_CONTEXT)
    .map(([context, codes]) => {
      const listed = [...codes]
        .sort()
        .map((code) =>
          isNotFound(new DomainRuleViolation(code, '')) ? `\`${code}\` (404)` : `\`${code}\``,
        );
      return `- **${context}** (422 unless marked): ${listed.join(', ')}`;
    })
    .join('\n');
}

/** The codes docs/domain.md lists per context, read back from its rule-code section. */
export function ruleCodesInDoc(doc: string): Record<string, string[]> {
  const section = SECTION.read(doc);
  return Object.fromEntries(
    [...section.matchAll(/^- \*\*([a-z]+)\*\*[^:]*: (.*)$/gm)].map(([, context, codes]) => [
      context,
      [...codes.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]),
    ]),
  );
}

/** docs/domain.md with its rule-code section as the code says it should be. */
export function domainDocWithRuleCodes(doc: string): string {
  return SECTION.write(doc, ruleCodesList());
}

export function writeRuleCodes(): void {
  writeFileSync(DOMAIN_DOC, domainDocWithRuleCodes(readFileSync(DOMAIN_DOC, 'utf8')));
  process.stdout.write(`rule codes written to ${DOMAIN_DOC}\n`);
}
