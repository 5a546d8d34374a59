/**
 * Operator commands on the application database (DATABASE_URL; migrations are applied first).
 *
 *   npm run admin:create -- --username <name> [--full-name "…"] [--email a@b]
 *       Creates the FIRST administrator, only while no active administrator exists. The password
 *       is read from ADMIN_BOOTSTRAP_PASSWORD if set, else from standard input (one line; not
 *       echoed on a terminal) — never from the command line, where `ps` and shell history see it.
 *       Later administrators are created by an administrator through the API.
 *   npm run admin:deactivate-demo
 *       Deactivates every demo account (prisma/seed.ts) that still opens with a published demo
 *       password — the fix when a production start refuses because of them.
 *
 * Compiled: `node dist/scripts/admin.js create --username …` (the Docker image has no tsx step).
 */
import readline from 'node:readline';
import { ConfigError, loadConfig } from '../config';
import { createDb } from '../db';
import { migrateDatabase } from '../prisma/migrate';
import { accountsWithDefaultPassword, createFirstAdmin, StartupRefused } from '../prisma/setup';

const say = (m: string) => console.error(`[admin] ${m}`);

function option(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** One line from stdin; on a terminal, asked for without echo. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  const rl = readline.createInterface({ input, output: process.stderr, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stderr.write('New administrator password: ');
  muted._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command] = argv;
  const config = loadConfig({ ...env, SEED_DEMO: 'false' });
  await migrateDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  try {
    if (command === 'create') {
      const username = option(argv, '--username');
      if (!username) {
        say(
          'usage: admin create --username <name> [--full-name "…"] [--email a@b]  (password on stdin or ADMIN_BOOTSTRAP_PASSWORD)',
        );
        return 2;
      }
      const password = config.ADMIN_BOOTSTRAP_PASSWORD ?? (await readPassword());
      const result = await createFirstAdmin(db, {
        username,
        password,
        fullName: option(argv, '--full-name'),
        email: option(argv, '--email'),
      });
      if (!result.created) {
        say(`no administrator created: ${result.reason}`);
        return 1;
      }
      say(`administrator "${username}" created`);
      return 0;
    }
    if (command === 'deactivate-demo') {
      const open = await accountsWithDefaultPassword(db, config);
      const people = await db.prisma.person.findMany({
        where: { username: { in: open } },
        select: { id: true, username: true },
      });
      for (const p of people) {
        await db.prisma.person.update({ where: { id: p.id }, data: { active: false } });
        await db.prisma.auditLog.create({
          data: {
            action: 'admin.person.deactivate-demo',
            entity: 'person',
            entityId: p.id,
            before: { active: true },
            after: { username: p.username, active: false },
          },
        });
      }
      say(
        open.length
          ? `deactivated ${open.length} demo account(s): ${open.join(', ')}`
          : 'no active account uses a demo password',
      );
      return 0;
    }
    say('commands: create --username <name> | deactivate-demo');
    return 2;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      say(
        e instanceof ConfigError || e instanceof StartupRefused
          ? e.message
          : e instanceof Error
            ? (e.stack ?? e.message)
            : String(e),
      );
      process.exit(1);
    },
  );
}
