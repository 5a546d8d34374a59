/** The state the Government-flag API tests share (test/api/government-flag.test.ts and the modules beside this file). */
import { unzip } from '../../support/zip';
import { bodyText, docxParagraphs, pdfToText, squash } from '../../documents/helpers';
import { vnDateOf } from '../../../domain/government-flag';
import { startSystem, type System } from '../../support/system';

export let sys: System;
/** Registers the start (before all) and the stop (after all) of the one real system of these tests. */
export function withGovFlagSystem(): void {
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys?.stop());
}

// A year whose 30 June N+1 deadline is still ahead and whose submission can be dated today.
export const today = vnDateOf(Date.now());
export const year = Number(today.slice(5, 7)) <= 6 ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));

/** A dossier document of the province's selection for year `y`, as bytes (or the JSON error). */
export const dossier = (provinceId: string, y: number, kind: string, format: string) =>
  `/api/provinces/${provinceId}/government-flag/${y}/documents/${kind}.${format}`;
export async function download(pathname: string, as?: string) {
  const res = await fetch(`${sys.base}${pathname}`, {
    headers: as ? { authorization: `Bearer ${await sys.login(as)}` } : {},
  });
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    body,
    json: () => JSON.parse(body.toString('utf8')) as { error: { code: string; message: string } },
  };
}
/** The text of a downloaded DOCX or PDF, whitespace squashed. */
export function textOf(format: 'docx' | 'pdf', body: Buffer): string {
  if (format === 'pdf') {
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return squash(bodyText(pdfToText(body)));
  }
  expect(body.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  return squash(docxParagraphs(unzip(body).get('word/document.xml')!.toString('utf8')).join('\n'));
}
