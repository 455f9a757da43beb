import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { ALL_PROJECTIONS } from '@bti/projections';

// eslint.boundaries.cjs is plain CommonJS so that this test and eslint.config.mjs load the same rules.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const boundaries = require('../../eslint.boundaries.cjs') as Linter.Config[];

const ROOT = join(__dirname, '..', '..');

async function lint(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      { plugins: { '@typescript-eslint': tseslint.plugin as unknown as ESLint.Plugin } },
      ...boundaries,
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layers are enforced by the linter', () => {
  it.each([
    ['libs/domain/src/stafettlogg/x.ts', "import { Injectable } from '@nestjs/common';", /pure/],
    ['libs/domain/src/x.ts', "import Database from 'better-sqlite3';", /pure/],
    ['libs/domain/src/x.ts', "import { readFileSync } from 'node:fs';", /pure/],
    [
      'libs/domain/src/x.ts',
      "import type { EventStore } from '@bti/event-store';",
      /no other library/,
    ],
    ['libs/event-store/src/x.ts', "import type { Actor } from '@bti/domain';", /knows no domain/],
    ['apps/api/src/x.ts', "import { main } from '../../cli/src/main';", /another app/],
    ['apps/cli/src/x.ts', "import { ALL } from '../../api/src/projections';", /another app/],
    [
      'libs/stafettlogg/src/x.read-model.ts',
      "import { CommandHandling } from '@bti/command-handling';",
      /read side does not import the write side/,
    ],
    [
      'libs/families/src/families-queries.controller.ts',
      "import { familySlice } from './families.slice';",
      /read side does not import the write side/,
    ],
    [
      'libs/stafettlogg/src/stafettlogg.slice.ts',
      "import { StafettloggReadModel } from './stafettlogg.read-model';",
      /write side does not import the read side/,
    ],
    [
      'libs/command-handling/src/x.ts',
      "import { READ_MODEL_STORE } from '@bti/read-models';",
      /write side does not import the read side/,
    ],
    ['libs/stafettlogg/src/x.ts', "import { FAMILIES } from '@bti/families';", /another context/],
    [
      'libs/families/src/x.ts',
      "import { stafettloggRoutes } from '@bti/stafettlogg';",
      /another context/,
    ],
  ])('refuses in %s: %s', async (file, code, reason) => {
    const messages = await lint(file, `${code}\nexport const used = 1;\n`);
    expect(messages.join('\n')).toMatch(reason);
  });

  it.each([
    ['libs/domain/src/x.ts', "import { ensure } from './shared/decider';"],
    ['libs/consent/src/x.ts', "import { DispatchToStafettlogg } from '@bti/stafettlogg';"],
    [
      'libs/stafettlogg/src/stafettlogg.module.ts',
      "import { READ_MODEL_STORE } from '@bti/read-models';",
    ],
    ['libs/event-store/src/x.ts', "import type { AppConfig } from '@bti/config';"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await lint(file, `${code}\nexport const used = 1;\n`)).toEqual([]);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('spec.ts') ? [path] : [];
  });
}

describe('a context reads only its own tables', () => {
  const owner = new Map<string, string>();
  for (const projection of ALL_PROJECTIONS)
    for (const table of projection.tables) owner.set(table, projection.name);

  it('knows which projection owns each table', () => {
    expect(owner.size).toBeGreaterThan(ALL_PROJECTIONS.length);
  });

  it.each(['municipality', 'families', 'concerns', 'stafettlogg', 'consent'])(
    'libs/%s names no other context’s table in SQL or a document query',
    (context) => {
      const own = new Set<string>();
      const files = sources(join(ROOT, 'libs', context, 'src'));
      const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
      for (const projection of ALL_PROJECTIONS) {
        const defined = projection.tables.some(
          (table) => text.includes(`'${table}'`) || text.includes(`${table} (`),
        );
        if (defined) projection.tables.forEach((table) => own.add(table));
      }
      const used: string[] = [];
      for (const file of files) {
        const code = readFileSync(file, 'utf8');
        for (const match of code.matchAll(
          /\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?: IF NOT EXISTS)?)\s+([a-z_]+)/g,
        ))
          used.push(`${relative(ROOT, file)}: ${match[1]}`);
        for (const match of code.matchAll(
          /(?:getDocument|findDocuments|listDocuments)\w*\(\s*'([a-z_]+)'/g,
        ))
          used.push(`${relative(ROOT, file)}: ${match[1]}`);
      }
      const foreign = used.filter((use) => {
        const table = use.split(': ')[1];
        return owner.has(table) && !own.has(table);
      });
      expect(foreign).toEqual([]);
    },
  );
});

describe('the OpenAPI description names each schema once', () => {
  it('gives no two classes the description documents the same name', () => {
    // Swagger names a schema by its class: two classes of one name gave one of them the other's
    // schema (meetings' and the log's ReasonDto), which Nest only warned of at start.
    const files = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps', 'api'))];
    const places = new Map<string, string[]>();
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      if (!code.includes('@nestjs/swagger')) continue;
      for (const [, name] of code.matchAll(/^export class (\w+)/gm))
        places.set(name, [...(places.get(name) ?? []), relative(ROOT, file)]);
    }
    expect(places.size).toBeGreaterThan(50);
    expect([...places].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
