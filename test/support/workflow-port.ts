import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '../../db';
import { ACTS } from '../../api/routes/acts';
import { getCycle } from '../../workflows/messages';
import type { CyclePort, BlocCast } from './scenario';
import type { Actor } from '../../contracts/common';

/** Drives a cycle straight through the Temporal client, acting as seeded people (no HTTP). */
export function workflowPort(
  env: TestWorkflowEnvironment,
  db: Db,
  cycleId: string,
): CyclePort & { actorOf(username: string): Promise<Actor> } {
  const actors = new Map<string, Actor>();
  const actorOf = async (username: string): Promise<Actor> => {
    const cached = actors.get(username);
    if (cached) return cached;
    const person = await db.prisma.person.findUniqueOrThrow({ where: { username }, include: { roles: true } });
    const actor: Actor = {
      personId: person.id,
      unitId: person.unitId ?? undefined,
      roles: [...new Set(person.roles.map((r) => r.role as Actor['roles'][number]))],
    };
    actors.set(username, actor);
    return actor;
  };
  return clientPort(env, cycleId, actorOf);
}

/** The same port with people from anywhere (a database above, an in-memory bloc in the fast tests). */
export function clientPort(
  env: TestWorkflowEnvironment,
  cycleId: string,
  actorOf: (username: string) => Promise<Actor>,
): CyclePort & { actorOf(username: string): Promise<Actor> } {
  return {
    actorOf,
    async act(username, path, body, requestId = randomUUID()) {
      const route = ACTS.find((a) => a.path === path);
      if (!route) throw new Error(`no act ${path}`);
      const workflowId = route.target === 'council' ? `${cycleId}-council` : cycleId;
      const payload = { ...body, requestId, actor: await actorOf(username) };
      return env.client.workflow
        .getHandle(workflowId)
        .executeUpdate(route.update, { args: [payload as never], updateId: requestId });
    },
    view: () => env.client.workflow.getHandle(cycleId).query(getCycle),
    sleep: (ms) => env.sleep(ms),
  };
}

/** The error type and message of a refused act (an Update the workflow rejected). */
export async function rejection(p: Promise<unknown>): Promise<{ type: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause as { type?: string; message: string };
      return { type: cause.type ?? '?', message: cause.message };
    }
    throw e;
  }
  throw new Error('expected the act to be rejected');
}

/** Who acts for which unit in a seeded bloc. */
export async function castOf(db: Db, blocCode: string): Promise<BlocCast> {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({
    where: { code: blocCode },
    include: { memberships: { include: { unit: { include: { people: { include: { roles: true } } } } } } },
  });
  const officerOf: Record<string, string> = {};
  for (const m of bloc.memberships) {
    const officer = m.unit.people.find((p) => p.roles.some((r) => r.role === 'unitOfficer'));
    if (officer) officerOf[m.unitId] = officer.username;
  }
  const council = await db.prisma.council.findFirstOrThrow({
    where: { provinceId: bloc.provinceId },
    include: { members: { include: { person: true } }, roleAssignments: { include: { person: true } } },
  });
  const secretary = council.roleAssignments.find((r) => r.role === 'councilSecretary')!.person.username;
  const admin = (
    await db.prisma.roleAssignment.findFirstOrThrow({ where: { role: 'admin' }, include: { person: true } })
  ).person.username;
  return {
    officerOf,
    councilMembers: council.members.map((m) => m.person.username),
    councilSecretary: secretary,
    admin,
  };
}
