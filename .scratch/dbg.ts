import { loadSchemaEngine, readMigrations } from '../prisma/migrate';
import { schemaFor } from '../prisma/provider-schema';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
(async () => {
  const { SchemaEngine } = await loadSchemaEngine();
  const f = new PrismaBetterSqlite3({ url: ':memory:' });
  const e = await SchemaEngine.new({ datamodels: [['schema.prisma', schemaFor('sqlite')]] }, (l: unknown) => void l, bindMigrationAwareSqlAdapterFactory(f));
  const ml = readMigrations('sqlite', '/tmp/nomig');
  const filters = { externalTables: [], externalEnums: [] };
  try { console.log(await e.applyMigrations({ migrationsList: ml, filters })); } catch (x) { console.log('apply err', x); }
  try { console.log(await e.devDiagnostic({ migrationsList: ml, filters })); } catch (x) { console.log('devDiag err', x); }
  try { const o = await e.createMigration({ draft: false, migrationName: 'init', migrationsList: ml, schema: { files: [{ path: 'schema.prisma', content: schemaFor('sqlite') }] }, filters }); console.log(o.generatedMigrationName, o.migrationScript?.slice(0, 300)); } catch (x) { console.log('create err', x); }
})();
