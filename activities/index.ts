import type { PrismaClient } from '../libs/db/prisma';
import { createCalendarActivities } from './calendar.activities';
import { createRecordActivities } from './record.activities';
import { createRegistryActivities } from './registry.activities';

export interface ActivityDeps {
  prisma: PrismaClient;
}

/** All activities the decision worker registers. */
export function createActivities(deps: ActivityDeps) {
  return { ...createRegistryActivities(deps), ...createRecordActivities(deps), ...createCalendarActivities(deps) };
}
