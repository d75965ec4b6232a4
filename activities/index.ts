import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../libs/db/prisma';
import type { CalendarActivities, RecordActivities, RegistryActivities } from '../libs/domain';
import { archiveRun } from './archive';
import type { SealKey } from '../libs/record/seal';
import { createCalendarActivities } from './calendar.activities';
import { createHeadActivities } from './head.activities';
import type { HeadActivities } from '../libs/record/head';
import { createRecordActivities } from './record.activities';
import { createRegistryActivities } from './registry.activities';

export interface ActivityDeps {
  prisma: PrismaClient;
  /** The system's key, which seals every record entry. */
  sealKey: SealKey;
  /** To fetch the histories of closed runs for the archive. */
  temporal: Client;
}

/** All activities the decision worker registers. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createRegistryActivities(deps),
    ...createRecordActivities(deps),
    ...createCalendarActivities(deps),
    ...createHeadActivities(deps),
    archiveRun: (input: Parameters<RecordActivities['archiveRun']>[0]) => archiveRun(deps, input),
  } satisfies RegistryActivities & RecordActivities & CalendarActivities & HeadActivities;
}
