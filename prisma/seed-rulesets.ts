/** Rule-sets for the seed: JSON files written by the domain engineer, loaded defensively, never compiled. */
import fs from 'node:fs';
import path from 'node:path';

export interface RuleSetRow {
  code: string;
  version: number;
  scope: string;
  provinceCode: string | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  body: Record<string, unknown>;
}

/** Rule-set code → province, for files that do not name their province. */
const RULESET_PROVINCE: Record<string, string> = { 'can-tho': 'CT', 'tay-ninh': 'TN' };

function parseDate(v: unknown): Date | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return null;
  const d = new Date(v.length === 10 ? `${v}T00:00:00.000Z` : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function loadRuleSetFiles(dir: string): { rows: RuleSetRow[]; skipped: string[] } {
  const rows: RuleSetRow[] = [];
  const skipped: string[] = [];
  if (!fs.existsSync(dir)) return { rows, skipped };
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const where = path.join(dir, file);
    try {
      const body: unknown = JSON.parse(fs.readFileSync(where, 'utf8'));
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not a JSON object');
      const b = body as Record<string, unknown>;
      const code = b['code'];
      const version = Number(b['version']);
      const effectiveFrom = parseDate(b['effectiveFrom']);
      if (typeof code !== 'string' || code.length === 0) throw new Error('missing "code"');
      if (!Number.isInteger(version) || version < 1) throw new Error('missing or invalid "version"');
      if (!effectiveFrom) throw new Error('missing or invalid "effectiveFrom"');
      const effectiveTo =
        b['effectiveTo'] === undefined || b['effectiveTo'] === null ? null : parseDate(b['effectiveTo']);
      if (b['effectiveTo'] != null && !effectiveTo) throw new Error('invalid "effectiveTo"');
      const provinceCode = typeof b['provinceCode'] === 'string' ? b['provinceCode'] : (RULESET_PROVINCE[code] ?? null);
      rows.push({
        code,
        version,
        scope: typeof b['scope'] === 'string' ? b['scope'] : 'provincial',
        provinceCode,
        effectiveFrom,
        effectiveTo,
        body: b,
      });
    } catch (e) {
      skipped.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { rows, skipped };
}
