import { startPostgres } from '../test/support/postgres';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
(async () => {
  const s = await startPostgres();
  try {
    const orig = pg.Client.prototype.query;
    (pg.Client.prototype as any).query = function (...a: any[]) {
      const r = (orig as any).apply(this, a);
      if (r instanceof Promise) return r.then((res: any) => { for (const x of Array.isArray(res) ? res : [res]) for (const f of x?.fields ?? []) if ([18].includes(f.dataTypeID) || f.dataTypeID>=16384) console.log('FIELD', f.name, f.dataTypeID, typeof a[0] === 'object' ? a[0].text.slice(0, 80) : ''); return res; }, (e: any) => { console.log('ERR', e.message); throw e; });
      return r;
    };
    const { createMigration } = await import('../prisma/migrate');
    await createMigration(s.url, 'x', { dir: '/tmp/pgmig-test', log: console.log });
  } catch (e) { console.log('FAIL', (e as Error).message.slice(0, 300)); }
  finally { await s.stop(); }
})();
