import type { ActionName } from './commands';
import type { StepContext } from './rules';
import { check, rolesFor } from './rules';
import type { Role } from './roles';
import type { ProcedureState } from './state';
import { ACTION_NAMES } from './commands';

/**
 * The open tasks, per role: the steps the rules would accept from that role
 * now, judged on the payload-independent rules (a probe actor from outside the
 * undertaking unit, an empty payload; payload errors do not count as closed).
 */
export function openTasks(s: ProcedureState, ctx: StepContext): { role: Role; action: ActionName }[] {
  const tasks: { role: Role; action: ActionName }[] = [];
  for (const action of ACTION_NAMES) {
    for (const role of rolesFor(action)) {
      const refusal = check(s, { action, actor: { id: '__probe__', name: 'probe', role, organisation: '__probe__' }, payload: {} } as never, ctx);
      if (!refusal || refusal.code === 'INVALID_PAYLOAD') tasks.push({ role, action });
    }
  }
  return tasks;
}
