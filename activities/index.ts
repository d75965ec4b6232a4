import type { PrismaClient } from '../libs/db/prisma';
import type { SealKey } from '../libs/record/seal';
import { createCalendarActivities } from './calendar.activities';
import { createRecordActivities } from './record.activities';
import { createRegistryActivities } from './registry.activities';

export interface ActivityDeps {
  prisma: PrismaClient;
  /** The system's key, which seals every record entry. */
  sealKey: SealKey;
}

/** All activities the decision worker registers. */
export function createActivities(deps: ActivityDeps) {
  return { ...createRegistryActivities(deps), ...createRecordActivities(deps), ...createCalendarActivities(deps) };
}
