/** Types for prisma/provider-schema.js (plain CommonJS, shared with scripts/prisma-generate.js). */
export type DbProvider = 'sqlite' | 'postgresql';
export declare const ROOT: string;
export declare const SQLITE_SCHEMA_PATH: string;
export declare const POSTGRES_SCHEMA_PATH: string;
export declare const CLIENT_OUTPUT: Record<DbProvider, string>;
/** Schema text for `provider`, derived from prisma/schema.prisma (the SQLite source). */
export declare function schemaFor(provider: DbProvider, source?: string, schemaDir?: string): string;
