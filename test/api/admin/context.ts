/**
 * The state the admin tests share (test/api/admin.test.ts and the resource modules beside this file): one real
 * system started once per run, the seeded provinces, and the bloc and units the earlier tests create for the later
 * ones. Exported `let`s are live bindings, so the resource modules see the values once the setup has run.
 */
import { randomUUID } from 'node:crypto';
import { startSystem, type System } from '../../support/system';
import { expectStatus, personIdOf } from '../../support/writes';

export let sys: System;
export let adminId: string;
export let ct: { id: string; code: string };
export let tn: { id: string; code: string };
export const NON_ADMINS = ['ct.ca', 'ct.tk', 'ct.hd1'] as const;
export const X = '00000000-0000-4000-8000-000000000000';

/** Registers the start (before all) and the stop (after all) of the one real system of the admin tests. */
export function withAdminSystem(): void {
  beforeAll(async () => {
    sys = await startSystem();
    adminId = await personIdOf(sys, 'admin');
  }, 120_000);

  afterAll(() => sys?.stop());
}

export function setProvinces(canTho: { id: string; code: string }, tayNinh: { id: string; code: string }): void {
  ct = canTho;
  tn = tayNinh;
}

/** The bloc created by 'create a bloc' (test/api/admin/blocs.ts), used by the membership tests after it. */
export let bloc: { id: string; code: string };
export function setBloc(created: { id: string; code: string }): void {
  bloc = created;
}

/** Units created through the API, by code. */
export const unitIds: Record<string, string> = {};

export const newUnit = async (code: string, province = ct.id) => {
  const res = await sys.call('POST', '/api/admin/units', {
    as: 'admin',
    key: randomUUID(),
    body: { code, name: `Đơn vị ${code}`, shortName: code, provinceId: province, womenRatio: 0.5 },
  });
  expectStatus(res, 201);
  unitIds[code] = res.body.id;
  return res.body.id as string;
};
