/**
 * Prisma CLI configuration. Only `prisma generate` is used on this project (through
 * scripts/prisma-generate.js, which generates BOTH clients): Prisma 7's migrate/db commands need a
 * native schema engine that cannot be downloaded offline, so migrations go through the WASM schema
 * engine in prisma/migrate.ts instead (`npm run db:migrate`, `npm run db:migration:create`).
 *
 * The datasource URL is only read by CLI commands that talk to a database; the application reads
 * DATABASE_URL itself (db/index.ts).
 */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations/sqlite',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    url: process.env['DATABASE_URL'] ?? 'file:./data/thidua.db',
  },
});
