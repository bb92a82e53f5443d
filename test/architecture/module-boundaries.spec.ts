/**
 * Each module owns its tables (issue 14): only the lib that defines an entity imports its class, and
 * only it names the entity's table in SQL or a query builder. Others call the owning lib's service or
 * an exported query function with their EntityManager. This reads the sources as text (no compiler):
 * the tables and entity classes each lib defines, then every other lib's and app's imports and SQL.
 *
 * Not checked: libs/database, which lists every entity for the DataSource and holds the migrations
 * (the schema's one history). The demo seed (libs/seed) is held to it like any lib: it writes through
 * the owning libs' bulk insert functions. Tests and specs may reach anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../..');
const SCHEMA_OWNER = 'database';

interface SourceFile {
  path: string;
  owner: string;
  text: string;
}

function sources(dir: string, owner: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !/\.(spec|e2e-spec|browser-spec)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(root, path), owner, text: readFileSync(path, 'utf8') };
    });
}

const libs = readdirSync(join(root, 'libs')).filter((name) => name !== SCHEMA_OWNER);
const libFiles = libs.flatMap((lib) => sources(join(root, 'libs', lib, 'src'), lib));
const appFiles = ['api', 'worker', 'cli'].flatMap((app) => sources(join(root, 'apps', app, 'src'), `app:${app}`));

/** table → owning lib, entity class → owning lib, from `@Entity('table') … export class Name`. */
const tableOwner = new Map<string, string>();
const entityOwner = new Map<string, string>();
for (const file of libFiles) {
  for (const match of file.text.matchAll(/@Entity\(\s*'([a-z_]+)'[^)]*\)\s*(?:@[\s\S]*?)?export class (\w+)/g)) {
    tableOwner.set(match[1], file.owner);
    entityOwner.set(match[2], file.owner);
  }
}

/** Names of tables a piece of SQL reads or writes. */
const SQL_TABLE = /\b(?:FROM|JOIN|UPDATE|INTO|TABLE|USING)\s+(?:ONLY\s+)?"?([a-z_]+)"?/gi;

function foreignTables(file: SourceFile): string[] {
  const found = new Set<string>();
  // SQL sits in string and template literals; comments are prose about tables, not queries.
  const code = file.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const match of code.matchAll(SQL_TABLE)) {
    const owner = tableOwner.get(match[1].toLowerCase());
    if (owner && owner !== file.owner) found.add(match[1]);
  }
  return [...found];
}

function foreignEntities(file: SourceFile): string[] {
  const found = new Set<string>();
  for (const match of file.text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    if (match[1]) continue; // a type-only import reaches no table
    for (const raw of match[2].split(',')) {
      const name = raw
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0];
      if (raw.trim().startsWith('type ')) continue;
      const owner = entityOwner.get(name);
      if (owner && owner !== file.owner) found.add(`${name} (${match[3]})`);
    }
  }
  for (const match of file.text.matchAll(/from\s+'(@app\/([a-z-]+)\/[^']*\.entit(?:y|ies))'/g)) {
    if (match[2] !== file.owner) found.add(match[1]);
  }
  return [...found];
}

describe('module boundaries', () => {
  it('finds the tables each lib owns', () => {
    expect(tableOwner.get('venues')).toBe('venues');
    expect(tableOwner.get('venue_tasks')).toBe('logistics');
    expect(tableOwner.size).toBeGreaterThanOrEqual(20);
    expect(libFiles.some((file) => file.path === 'libs/seed/src/seed-demo.ts')).toBe(true); // the demo seed is checked too
  });

  it('no lib or app names another lib’s table in SQL', () => {
    const offences = [...libFiles, ...appFiles].flatMap((file) =>
      foreignTables(file).map((table) => `${file.path}: ${table} (owned by ${tableOwner.get(table)})`),
    );
    expect(offences).toEqual([]);
  });

  it('no lib or app imports another lib’s entity class', () => {
    const offences = [...libFiles, ...appFiles].flatMap((file) => foreignEntities(file).map((entity) => `${file.path}: ${entity}`));
    expect(offences).toEqual([]);
  });
});
