import type { RegistryDeps } from './registry.activities';
import { createRegistryActivities } from './registry.activities';

export type ActivityDeps = RegistryDeps;

/** All activities the decision worker registers. */
export function createActivities(deps: ActivityDeps) {
  return { ...createRegistryActivities(deps) };
}
