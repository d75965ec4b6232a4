import { ACTION_NAMES, type ActionName } from './commands';
import { isOpen, rolesFor } from './rules';
import type { Role } from './roles';
import type { ProcedureState } from './state';

/**
 * The open tasks, per role: the steps the rules would accept from that role
 * now, given the right content (role, phase, hold and each rule's
 * payload-independent preconditions).
 */
export function openTasks(s: ProcedureState): { role: Role; action: ActionName }[] {
  return ACTION_NAMES.flatMap((action) => rolesFor(action).filter((role) => isOpen(s, action, role)).map((role) => ({ role, action })));
}
