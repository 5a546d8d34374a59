/**
 * What the authorisation-matrix tests share (test/api/authz.test.ts and the modules beside this file): the one
 * real system of the file, the matrix's people, and a multipart evidence upload. Exported `let`s are live
 * bindings, so the modules see the system once the setup has run.
 */
import { PEOPLE, type Person } from '../../support/every-act';
import { systemForThisFile, type CallResult, type System } from '../../support/system';

export let sys: System;

/** Registers the start (before all) and the stop (after all) of the one real system of the file. */
export function withAuthzSystem(): void {
  sys = systemForThisFile();
}

export const everyone = Object.keys(PEOPLE) as Person[];

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A multipart evidence upload (the helper's call() sends JSON only). */
export async function upload(
  user: string | undefined,
  cycleId: string,
  fields: { unitId: string; criterionId: string },
): Promise<CallResult> {
  const form = new FormData();
  form.set('unitId', fields.unitId);
  form.set('criterionId', fields.criterionId);
  form.set('file', new Blob([PDF], { type: 'application/pdf' }), 'minh-chung.pdf');
  const headers: Record<string, string> = user ? { authorization: `Bearer ${await sys.login(user)}` } : {};
  const res = await fetch(`${sys.base}/api/cycles/${encodeURIComponent(cycleId)}/evidence`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
