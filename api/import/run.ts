/**
 * One import run over the rows of a file, inside one database transaction: every row checked by its sheet's schema
 * (derived from the admin API's), then resolved against the registry on its natural key (unit and bloc code,
 * bloc + unit, username, the province's council + username, bloc + year + unit) and created, updated or left as
 * it is. A row that fails is reported (sheet, row, column, message) and skipped; rows that depend on it fail in
 * turn (no such unit …). The same file run again finds every row unchanged. A dry run is this run rolled back.
 */
import type { Tx } from '../writes';
import { assignRole } from '../routes/admin/people';
import { day, isoDay } from '../routes/admin/shared';
import { importHistory } from './history';
import { typed, type RawRow } from './read';
import { SHEETS, SHEET_KEYS, columnsOf, type SheetKey } from './sheets';

export interface RowError {
  sheet: SheetKey;
  /** The worksheet's name in the template. */
  sheetTitle: string;
  row: number;
  /** The column's header and its key (null when the error is about the whole row). */
  column: string | null;
  field: string | null;
  message: string;
}
export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}
export type Outcome = 'created' | 'updated' | 'unchanged';
export interface Parsed<T = Record<string, unknown>> {
  raw: RawRow;
  v: T;
}

/** The state of one run: errors, counts, and whether anyone's office changed (rosters to re-send). */
export class ImportRun {
  readonly errors: RowError[] = [];
  readonly counts = Object.fromEntries(
    SHEET_KEYS.map((k) => [k, { created: 0, updated: 0, unchanged: 0, failed: 0 }]),
  ) as Record<SheetKey, Counts>;
  officesChanged = false;
  private readonly failedRows = new Set<string>();
  constructor(
    readonly tx: Tx,
    readonly province: { id: string; code: string; name: string },
    readonly opts: { passwordHash: string; today: string },
  ) {}

  fail(raw: RawRow, field: string | null, message: string): void {
    const c = field ? SHEETS[raw.sheet].columns.find((x) => x.key === field) : undefined;
    this.errors.push({
      sheet: raw.sheet,
      sheetTitle: SHEETS[raw.sheet].title,
      row: raw.row,
      column: c?.header ?? null,
      field,
      message,
    });
    const id = `${raw.sheet}:${raw.row}`;
    if (!this.failedRows.has(id)) {
      this.failedRows.add(id);
      this.counts[raw.sheet].failed++;
    }
  }
  failed(raw: RawRow): boolean {
    return this.failedRows.has(`${raw.sheet}:${raw.row}`);
  }
  done(raw: RawRow, outcome: Outcome): void {
    if (!this.failed(raw)) this.counts[raw.sheet][outcome]++;
  }

  /** A unit of this province by code (dissolved ones only where history allows them). */
  async unit(raw: RawRow, field: string, code: string, opts: { dissolved?: boolean } = {}) {
    const u = await this.tx.unit.findUnique({
      where: { code },
      select: { id: true, provinceId: true, dissolvedOn: true },
    });
    if (!u || u.provinceId !== this.province.id) return this.fail(raw, field, `no unit ${code} in this province`);
    if (u.dissolvedOn && !opts.dissolved) return this.fail(raw, field, `the unit ${code} is dissolved`);
    return u;
  }
  async bloc(raw: RawRow, field: string, code: string) {
    const b = await this.tx.bloc.findUnique({ where: { code } });
    if (!b || b.provinceId !== this.province.id) return this.fail(raw, field, `no bloc ${code} in this province`);
    return b;
  }
}

/** Each row as its schema reads it; Zod issues become row errors on the issue path's column; duplicate keys fail. */
export function parseRows(run: ImportRun, rows: RawRow[]): Record<SheetKey, Parsed[]> {
  const out = Object.fromEntries(SHEET_KEYS.map((k) => [k, [] as Parsed[]])) as Record<SheetKey, Parsed[]>;
  const keyOf: Record<SheetKey, (v: Record<string, unknown>) => string> = {
    units: (v) => String(v.code),
    blocs: (v) => String(v.code),
    members: (v) => `${String(v.blocCode)}/${String(v.unitCode)}`,
    people: (v) => String(v.username),
    council: (v) => String(v.username),
    history: (v) => [v.year, v.blocCode, v.unitCode, v.awardType ?? ''].map(String).join('/'),
  };
  const seen = new Map<string, number>();
  for (const raw of rows) {
    const sheet = SHEETS[raw.sheet];
    const input = Object.fromEntries(columnsOf(sheet).map((c) => [c.key, typed(c, raw.cells[c.key])]));
    const parsed = sheet.schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        run.fail(raw, issue.path.length ? String(issue.path[0]) : null, issue.message);
      continue;
    }
    const key = `${raw.sheet}:${keyOf[raw.sheet](parsed.data)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      run.fail(raw, null, `the same record as row ${first}`);
      continue;
    }
    seen.set(key, raw.row);
    out[raw.sheet].push({ raw, v: parsed.data });
  }
  return out;
}

type Unit = { code: string; name: string; shortName: string; womenRatio?: number };
type Bloc = {
  code: string;
  name: string;
  ruleSetCode: string;
  headUnitCode?: string;
  deputyUnitCode?: string;
};
type Member = { blocCode: string; unitCode: string; joinedOn: string; reason?: string };
type Person = { username: string; fullName: string; email: string; unitCode?: string; role?: 'unitOfficer' };
type Seat = { username: string; position: 'chair' | 'viceChair' | 'member' | 'secretary' };

/** Fields of `want` that differ from `have` (undefined in `want` = not given, left as it is). */
const changes = <T extends object>(have: T, want: Partial<T>): Partial<T> =>
  Object.fromEntries(
    Object.entries(want).filter(([k, v]) => v !== undefined && have[k as keyof T] !== v),
  ) as Partial<T>;
const some = (o: object) => Object.keys(o).length > 0;

async function units(run: ImportRun, rows: Parsed[]) {
  for (const { raw, v } of rows as Parsed<Unit>[]) {
    const u = await run.tx.unit.findUnique({ where: { code: v.code } });
    if (u && u.provinceId !== run.province.id) {
      run.fail(raw, 'code', `the unit ${v.code} belongs to another province`);
      continue;
    }
    if (!u) {
      await run.tx.unit.create({ data: { ...v, provinceId: run.province.id } });
      run.done(raw, 'created');
      continue;
    }
    const diff = changes(u, { name: v.name, shortName: v.shortName, womenRatio: v.womenRatio });
    if (some(diff)) await run.tx.unit.update({ where: { id: u.id }, data: diff });
    run.done(raw, some(diff) ? 'updated' : 'unchanged');
  }
}

async function blocs(run: ImportRun, rows: Parsed[]): Promise<Map<Parsed, Outcome>> {
  const outcomes = new Map<Parsed, Outcome>();
  for (const row of rows) {
    const { raw, v } = row as Parsed<Bloc>;
    const b = await run.tx.bloc.findUnique({ where: { code: v.code } });
    if (b && b.provinceId !== run.province.id) {
      run.fail(raw, 'code', `the bloc ${v.code} belongs to another province`);
      continue;
    }
    if (
      (!b || b.ruleSetCode !== v.ruleSetCode) &&
      !(await run.tx.ruleSet.findFirst({ where: { code: v.ruleSetCode } }))
    ) {
      run.fail(raw, 'ruleSetCode', `no rule-set ${v.ruleSetCode}: publish it first (POST /api/admin/rulesets)`);
      continue;
    }
    const data = { name: v.name, ruleSetCode: v.ruleSetCode };
    if (!b) {
      await run.tx.bloc.create({ data: { code: v.code, provinceId: run.province.id, ...data } });
      outcomes.set(row, 'created');
      continue;
    }
    const diff = changes(b, data);
    if (some(diff)) await run.tx.bloc.update({ where: { id: b.id }, data: diff });
    outcomes.set(row, some(diff) ? 'updated' : 'unchanged');
  }
  return outcomes;
}

async function members(run: ImportRun, rows: Parsed[]) {
  for (const { raw, v } of rows as Parsed<Member>[]) {
    const bloc = await run.bloc(raw, 'blocCode', v.blocCode);
    const unit = await run.unit(raw, 'unitCode', v.unitCode);
    if (!bloc || !unit) continue;
    const current = await run.tx.blocMembership.findFirst({
      where: { blocId: bloc.id, unitId: unit.id, leftOn: null },
    });
    if (current) {
      if (isoDay(current.joinedOn) === v.joinedOn) run.done(raw, 'unchanged');
      else run.fail(raw, 'joinedOn', `already a member since ${isoDay(current.joinedOn)}`);
      continue;
    }
    const last = await run.tx.blocMembership.findFirst({
      where: { blocId: bloc.id, unitId: unit.id, leftOn: { not: null } },
      orderBy: { leftOn: 'desc' },
    });
    if (last?.leftOn && day(v.joinedOn) < last.leftOn) {
      run.fail(raw, 'joinedOn', `the unit left this bloc on ${isoDay(last.leftOn)}: it can rejoin from that day on`);
      continue;
    }
    await run.tx.blocMembership.create({
      data: { blocId: bloc.id, unitId: unit.id, joinedOn: day(v.joinedOn), reason: v.reason ?? null },
    });
    run.done(raw, 'created');
  }
}

/** Head and deputy (after the members): current members of the bloc, two different units. */
async function headAndDeputy(run: ImportRun, outcomes: Map<Parsed, Outcome>) {
  for (const [row, outcome] of outcomes) {
    const { raw, v } = row as Parsed<Bloc>;
    const bloc = (await run.tx.bloc.findUnique({ where: { code: v.code } }))!;
    const want: { headUnitId?: string; deputyUnitId?: string } = {};
    for (const [field, key] of [
      ['headUnitCode', 'headUnitId'],
      ['deputyUnitCode', 'deputyUnitId'],
    ] as const) {
      const code = v[field];
      if (!code) continue;
      const unit = await run.unit(raw, field, code);
      if (!unit) continue;
      if (!(await run.tx.blocMembership.findFirst({ where: { blocId: bloc.id, unitId: unit.id, leftOn: null } })))
        run.fail(raw, field, `${code} is not a current member of the bloc (sheet ${SHEETS.members.title})`);
      else want[key] = unit.id;
    }
    if (want.headUnitId && want.headUnitId === want.deputyUnitId)
      run.fail(raw, 'deputyUnitCode', 'the head and the deputy must be different units');
    if (run.failed(raw)) continue;
    const diff = changes(bloc, want);
    if (some(diff)) await run.tx.bloc.update({ where: { id: bloc.id }, data: diff });
    run.done(raw, outcome === 'unchanged' && some(diff) ? 'updated' : outcome);
  }
}

/** A person the import may touch: none of another province (unit or council), never an administrator. */
async function personOf(run: ImportRun, raw: RawRow, username: string) {
  const p = await run.tx.person.findUnique({
    where: { username },
    include: {
      unit: { select: { provinceId: true } },
      roles: { include: { council: { select: { provinceId: true } } } },
    },
  });
  if (!p) return null;
  const elsewhere =
    (p.unit && p.unit.provinceId !== run.province.id) ||
    p.roles.some((r) => r.council && r.council.provinceId !== run.province.id);
  if (elsewhere) return run.fail(raw, 'username', `${username} belongs to another province`);
  if (p.roles.some((r) => r.role === 'admin'))
    return run.fail(raw, 'username', `${username} is an administrator: not changed by an import`);
  return p;
}

async function people(run: ImportRun, rows: Parsed[]) {
  for (const { raw, v } of rows as Parsed<Person>[]) {
    const unit = v.unitCode ? await run.unit(raw, 'unitCode', v.unitCode) : null;
    if (v.unitCode && !unit) continue;
    const existing = await personOf(run, raw, v.username);
    if (run.failed(raw)) continue;
    let outcome: Outcome;
    let person: { id: string; unitId: string | null };
    if (!existing) {
      person = await run.tx.person.create({
        data: {
          username: v.username,
          fullName: v.fullName,
          email: v.email,
          unitId: unit?.id ?? null,
          passwordHash: run.opts.passwordHash,
        },
        select: { id: true, unitId: true },
      });
      outcome = 'created';
    } else {
      if (unit && existing.roles.some((r) => r.role === 'unitOfficer' && r.unitId !== unit.id)) {
        run.fail(raw, 'unitCode', 'an officer of another unit: move them with PATCH /api/admin/people/{id} first');
        continue;
      }
      const have = { fullName: existing.fullName, email: existing.email, unitId: existing.unitId };
      const diff = changes(have, { fullName: v.fullName, email: v.email, unitId: unit?.id });
      if (some(diff)) await run.tx.person.update({ where: { id: existing.id }, data: diff });
      if (diff.unitId) run.officesChanged = true;
      person = { id: existing.id, unitId: unit?.id ?? existing.unitId };
      outcome = some(diff) ? 'updated' : 'unchanged';
    }
    if (v.role === 'unitOfficer' && unit) {
      const has = await run.tx.roleAssignment.findFirst({
        where: { personId: person.id, role: 'unitOfficer', unitId: unit.id },
      });
      if (!has) {
        await assignRole(run.tx, person, { role: 'unitOfficer', unitId: unit.id });
        run.officesChanged = true;
        if (outcome === 'unchanged') outcome = 'updated';
      }
    }
    run.done(raw, outcome);
  }
}

/** The province's council (created with its usual name when it has none) and its seats and secretaries. */
async function council(run: ImportRun, rows: Parsed[]): Promise<string | null> {
  if (rows.length === 0) return null;
  const found = await run.tx.council.findFirst({
    where: { provinceId: run.province.id },
    orderBy: { createdAt: 'asc' },
  });
  const councilId =
    found?.id ??
    (
      await run.tx.council.create({
        data: { provinceId: run.province.id, name: `Hội đồng Thi đua – Khen thưởng ${run.province.name}` },
      })
    ).id;
  for (const { raw, v } of rows as Parsed<Seat>[]) {
    const person = await personOf(run, raw, v.username);
    if (run.failed(raw)) continue;
    if (!person) {
      run.fail(raw, 'username', `no person ${v.username} (sheet ${SHEETS.people.title})`);
      continue;
    }
    let outcome: Outcome = 'unchanged';
    if (v.position === 'secretary') {
      if (!person.roles.some((r) => r.role === 'councilSecretary' && r.councilId === councilId)) {
        await assignRole(run.tx, person, { role: 'councilSecretary', councilId });
        outcome = 'created';
      }
    } else {
      const seat = await run.tx.councilMember.findUnique({
        where: { councilId_personId: { councilId, personId: person.id } },
      });
      if (!seat) {
        await assignRole(run.tx, person, { role: 'councilMember', councilId, position: v.position });
        outcome = 'created';
      } else if (seat.position !== v.position) {
        await run.tx.councilMember.update({ where: { id: seat.id }, data: { position: v.position } });
        outcome = 'updated';
      }
    }
    if (outcome !== 'unchanged') run.officesChanged = true;
    run.done(raw, outcome);
  }
  return councilId;
}

/** The whole run, sheet by sheet in dependency order. */
export async function runImport(run: ImportRun, rows: RawRow[]): Promise<{ councilId: string | null }> {
  const parsed = parseRows(run, rows);
  await units(run, parsed.units);
  const blocOutcomes = await blocs(run, parsed.blocs);
  await members(run, parsed.members);
  await headAndDeputy(run, blocOutcomes);
  await people(run, parsed.people);
  const councilId = await council(run, parsed.council);
  await importHistory(run, parsed.history);
  return { councilId };
}
