import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const modulesDir = path.resolve(__dirname, '../src/modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The module a path lies in (`booking` for …/modules/booking/x.ts), or null outside `src/modules`. */
function moduleOf(file: string): string | null {
  const relative = path.relative(modulesDir, file);
  return relative.startsWith('..') ? null : relative.split(path.sep)[0]!;
}

/** Every "module → other module" import, with the files that make it (imports, re-exports, dynamic imports). */
function moduleImports(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(modulesDir)) {
    const from = moduleOf(file)!;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = moduleOf(path.resolve(path.dirname(file), fileName));
      if (to === null || to === from) continue;
      const key = `${from} → ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), path.relative(modulesDir, file)]);
    }
  }
  return edges;
}

const edges = moduleImports();

describe('module boundaries', () => {
  it('sees the modules import each other at all (the scan works)', () => {
    expect(edges.has('booking → accounts')).toBe(true);
    expect(edges.has('payment → booking')).toBe(true);
  });

  it('has no pair of modules importing each other both ways', () => {
    const twoWay = [...edges.keys()]
      .map((key) => key.split(' → ') as [string, string])
      .filter(([from, to]) => from < to && edges.has(`${to} → ${from}`))
      .map(([from, to]) => `${from} ↔ ${to}`);
    expect(twoWay).toEqual([]);
  });

  it('lets no module import admin/, the officials’ HTTP surface', () => {
    const intoAdmin = [...edges.entries()].filter(([key]) => key.endsWith('→ admin')).flatMap(([, files]) => files);
    expect(intoAdmin).toEqual([]);
  });
});

/** Statements that move seats or item states: SQL text, and Sequelize model writes on the same tables. */
const LEDGER_WRITES = [
  /\b(INSERT\s+(IGNORE\s+)?INTO|UPDATE|DELETE\s+FROM)\s+`?booking_(items|events)\b/i,
  /\bUPDATE\s+`?seat_quotas`?\s+SET\b[^`'"]*\btaken\s*=/i,
  /\bBooking(Item|Event)\.(create|bulkCreate|update|upsert|destroy|increment|decrement)\(/,
  /\bSeatQuota\.(update|increment|decrement)\(/,
  /\.(increment|decrement)\(\s*['"]taken['"]/,
];

describe('the seat ledger', () => {
  const srcDir = path.resolve(__dirname, '../src');
  const writers = (dir: string) =>
    sourceFiles(dir)
      .filter((file) => !file.endsWith('.test.ts'))
      .filter((file) => LEDGER_WRITES.some((pattern) => pattern.test(readFileSync(file, 'utf8'))))
      .map((file) => path.relative(srcDir, file));

  it('is the only code that writes item states, seats taken and booking events', () => {
    expect(writers(srcDir)).toEqual(['modules/ledger/itemLedger.ts']);
  });

  it('sees a write outside the ledger (the scan works)', () => {
    const sample = "await sql.run('UPDATE booking_items SET state = ? WHERE id = ?', ['paid', 1]);";
    expect(LEDGER_WRITES.some((pattern) => pattern.test(sample))).toBe(true);
    expect(LEDGER_WRITES.some((pattern) => pattern.test('UPDATE seat_quotas SET taken = taken + 1'))).toBe(true);
    expect(LEDGER_WRITES.some((pattern) => pattern.test('UPDATE seat_quotas SET capacity = ?'))).toBe(false);
  });

  it('depends on no business module, so booking and payment both use it', () => {
    const fromLedger = [...edges.keys()].filter((key) => key.startsWith('ledger →'));
    expect(fromLedger).toEqual([]);
  });
});
