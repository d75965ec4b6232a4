import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { PrismaClient } from '../db/prisma';
import { authorityEventsFor } from './authority-log-store';
import { expectedAuthorityEvents } from './authority-log';
import { BUNDLE_FORMAT, type ActorKeyInfo, type DecisionBundle } from './bundle';
import type { BundleCommentAnswers } from './comment-answers';
import type { ExpertDisqualificationInfo } from './experts';
import { MEETING_ROLES, minutedPersons, type AppointmentInfo, type OrganisationInfo, type RegistrarKeyInfo } from './offices';
import { logPositions } from './log-store';
import type { Checkpoint } from './seal';
import type { RecordHead } from './head';
import type { SignatureAlgorithm } from './signatures';
import type { GovernmentLevel, OrganisationKind } from '../domain';

/**
 * One decision's record as a bundle for inspectors: entries with their seals
 * and signatures, the keys, the given checkpoint (none before the first is
 * signed) with every entry's leaf in the log and an inclusion proof of every
 * entry it covers (the others are pending), and the Temporal history of every
 * run (archived ones from the record, a run still open from Temporal).
 */
export async function exportBundle(prisma: PrismaClient, temporal: Client, id: string, checkpoint: Checkpoint | null | undefined, head?: RecordHead): Promise<DecisionBundle> {
  // With a sealed head, the entries it counts and no later one: the bundle is the record as of the head's seal.
  const rows = await prisma.decisionStep.findMany({ where: { decisionId: id, ...(head ? { seq: { lt: head.entries } } : {}) }, orderBy: { seq: 'asc' } });
  const entries = rows.map((r) => ({ seq: r.seq, canonical: r.entry ?? '', hash: r.entryHash ?? '', seal: r.seal ?? '', sealKeyId: r.sealKeyId ?? '' }));
  const inclusion = await logPositions(prisma, id, checkpoint?.treeSize ?? 0);
  // The entries as stored; one that no longer parses still goes into the bundle, for the verifier to name.
  const parsed = rows.map((r) => parseEntry(r.entry));
  const keyIds = [...new Set(parsed.map((e) => e?.signature?.keyId).filter((k): k is string => typeof k === 'string'))];
  const actorKeys = await prisma.actorKey.findMany({ where: { keyId: { in: keyIds } } });
  const systemKeys = await prisma.systemKey.findMany();
  const authority = await officesOf(prisma, rows.map((r) => parseEntry(r.entry) as OfficeParts | undefined));
  const archived = new Map((await prisma.workflowHistory.findMany({ where: { decisionId: id } })).map((h) => [h.runId, JSON.parse(h.history)]));
  // A run the record says it archived comes from the archive and nowhere else: a lost archive shows as lost.
  const archivedByRecord = new Set(parsed.filter((e) => e?.action === 'archiveHistory').map((e) => e?.payload?.runId));
  const histories = [];
  for (const runId of [...new Set(rows.map((r) => r.runId))]) {
    const history = archived.get(runId) ?? (archivedByRecord.has(runId) ? undefined : JSON.parse(historyToJSON(await temporal.workflow.getHandle(id, runId).fetchHistory())));
    if (history) histories.push({ runId, history });
  }
  const keys = actorKeys.map(actorKeyInfo);
  // The registrars' acts behind the offices and keys, as the global log holds them, proven under the same checkpoint.
  const authorityEvents = await authorityEventsFor(prisma, expectedAuthorityEvents({ ...authority, actorKeys: keys }), checkpoint?.treeSize ?? 0);
  const commentAnswers = await commentAnswersOf(prisma, id, parsed);
  const experts = await disqualificationsOf(prisma, parsed, authority.registrarKeys ?? []);
  // The steps refused, up to the head's seal where there is one (statute tester: an offline inspector saw none of them).
  const refusals = await prisma.stepRefusal.findMany({ where: { decisionId: id, ...(head ? { attemptedAt: { lte: new Date(head.signedAt) } } : {}) }, orderBy: { id: 'asc' } });
  return {
    format: BUNDLE_FORMAT,
    decisionId: id,
    exportedAt: new Date().toISOString(),
    entries,
    checkpoint: checkpoint ?? null,
    ...(head ? { head } : {}),
    inclusion,
    actorKeys: keys,
    systemKeys: systemKeys.map((k) => ({ keyId: k.keyId, algorithm: k.algorithm as SignatureAlgorithm, publicKey: k.publicKey })),
    histories,
    ...authority,
    ...(experts.registrarKeys.length ? { registrarKeys: experts.registrarKeys } : {}),
    authorityEvents,
    ...(commentAnswers.length ? { commentAnswers } : {}),
    expertDisqualifications: experts.expertDisqualifications,
    ...(refusals.length
      ? {
          refusals: refusals.map((r) => ({
            attemptedAt: r.attemptedAt.toISOString(),
            action: r.action,
            actor: { id: r.actorId, name: r.actorName, role: r.actorRole, organisation: r.actorOrganisation },
            code: r.code,
            message: r.message,
            articles: r.articles,
            payload: r.payload,
          })),
        }
      : {}),
  };
}

/**
 * The disqualifications under Art. 41 the panels were checked against (experts.ts): every one entered for an expert a
 * panel of the record names, whichever pool and time (the verifier applies the rule), and the registrars that entered
 * them, added to those of the offices. A record without a panel carries none.
 */
async function disqualificationsOf(prisma: PrismaClient, entries: ReturnType<typeof parseEntry>[], registrarKeys: RegistrarKeyInfo[]) {
  const expertIds = new Set<string>();
  for (const e of entries) {
    if (e?.action !== 'appointExpertPanel' || !Array.isArray(e.payload?.experts)) continue;
    for (const x of e.payload.experts) if (typeof (x as { id?: unknown } | null)?.id === 'string') expertIds.add((x as { id: string }).id);
  }
  // None named: none carried, the section there all the same (the head says it is carried: head.ts CARRIED_SECTIONS).
  if (!expertIds.size) return { registrarKeys: [] as RegistrarKeyInfo[], expertDisqualifications: [] as ExpertDisqualificationInfo[] };
  const rows = await prisma.expertDisqualification.findMany({ where: { expertId: { in: [...expertIds] } }, orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }] });
  const expertDisqualifications: ExpertDisqualificationInfo[] = rows.map((d) => ({
    id: d.id,
    expertId: d.expertId,
    expertName: d.expertName,
    governmentId: d.governmentId,
    reason: d.reason,
    basisHash: d.basisHash,
    validFrom: d.validFrom.toISOString(),
    validTo: d.validTo?.toISOString() ?? null,
    registeredAt: d.registeredAt.toISOString(),
    endorsedBy: d.endorsedBy,
    endorsement: d.endorsement,
  }));
  const known = new Set(registrarKeys.map((r) => r.keyId));
  const missing = [...new Set(rows.map((d) => d.endorsedBy))].filter((k) => !known.has(k));
  const more = missing.length ? await prisma.registrarKey.findMany({ where: { keyId: { in: missing } }, orderBy: { keyId: 'asc' } }) : [];
  const merged = [...registrarKeys, ...more.map((r) => ({ keyId: r.keyId, algorithm: r.algorithm as SignatureAlgorithm, publicKey: r.publicKey, governmentId: r.governmentId }))];
  return { registrarKeys: more.length ? merged : [], expertDisqualifications };
}

/** The answers of each draft whose adoption report signs them by their root (comment-answers.ts). */
async function commentAnswersOf(prisma: PrismaClient, id: string, entries: ReturnType<typeof parseEntry>[]): Promise<BundleCommentAnswers[]> {
  const versions = entries
    .filter((e) => e?.action === 'submitAdoptionReport')
    .map((e) => e?.payload?.commentsAnswered?.draftVersion)
    .filter((v): v is number => Number.isInteger(v));
  const out: BundleCommentAnswers[] = [];
  for (const draftVersion of [...new Set(versions)]) {
    const rows = await prisma.commentAnswer.findMany({ where: { decisionId: id, draftVersion }, select: { commentHash: true, groupHash: true }, orderBy: { commentHash: 'asc' } });
    const received = await prisma.publicComment.count({ where: { decisionId: id, draftVersion } });
    out.push({ draftVersion, answers: rows.map((r) => ({ receipt: r.commentHash, group: r.groupHash })), received });
  }
  return out;
}

type ActorKeyRow = Awaited<ReturnType<PrismaClient['actorKey']['findMany']>>[number];
type OrganisationRow = Awaited<ReturnType<PrismaClient['organisation']['findMany']>>[number];
type AppointmentRow = Awaited<ReturnType<PrismaClient['appointment']['findMany']>>[number];

/** A key as bundles carry it and as its logged events fix it. */
export const actorKeyInfo = (k: ActorKeyRow): ActorKeyInfo => ({
  keyId: k.keyId,
  actorId: k.actorId,
  algorithm: k.algorithm as SignatureAlgorithm,
  publicKey: k.publicKey,
  validFrom: k.validFrom.toISOString(),
  validTo: k.validTo.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  endorsedBy: k.endorsedBy,
  endorsement: k.endorsement,
  revocationReason: k.revocationReason,
  revocationEndorsedBy: k.revocationEndorsedBy,
  revocationEndorsement: k.revocationEndorsement,
});

/** An organisation as bundles carry it and as its logged event fixes it. */
export const organisationInfo = (o: OrganisationRow): OrganisationInfo => ({ id: o.id, name: o.name, kind: o.kind as OrganisationKind, parentId: o.parentId, level: o.level as GovernmentLevel | null, creditCode: o.creditCode, endorsedBy: o.endorsedBy, endorsement: o.endorsement });

/** An appointment as bundles carry it and as its logged events fix it. */
export const appointmentInfo = (a: AppointmentRow): AppointmentInfo => ({
  id: a.id,
  personId: a.personId,
  personName: a.personName,
  role: a.role,
  organisationId: a.organisationId,
  validFrom: a.validFrom.toISOString(),
  validTo: a.validTo.toISOString(),
  endorsedBy: a.endorsedBy,
  endorsement: a.endorsement,
  endedAt: a.endedAt?.toISOString() ?? null,
  endReason: a.endReason,
  endEndorsedBy: a.endEndorsedBy,
  endEndorsement: a.endEndorsement,
});

type OfficeParts = { action?: unknown; office?: { appointmentId?: unknown; path?: { id?: unknown }[] }; authority?: Record<string, unknown>; payload?: { undertakingDepartment?: unknown } };

/**
 * The appointments the entries relied on, the organisations their offices and
 * the decision's authority name (each with every one above it), and the
 * registrars that endorsed them: what the verifier needs to check the offices.
 */
async function officesOf(prisma: PrismaClient, entries: (OfficeParts | undefined)[]) {
  const appointmentIds = new Set<string>();
  const orgIds = new Set<string>();
  for (const e of entries) {
    if (typeof e?.office?.appointmentId === 'string') appointmentIds.add(e.office.appointmentId);
    for (const p of Array.isArray(e?.office?.path) ? e.office.path : []) if (typeof p?.id === 'string') orgIds.add(p.id);
  }
  const reg = entries[0];
  if (reg?.authority) {
    for (const v of Object.values(reg.authority)) if (typeof v === 'string') orgIds.add(v);
    if (typeof reg.payload?.undertakingDepartment === 'string') orgIds.add(reg.payload.undertakingDepartment);
  }
  if (!appointmentIds.size && !orgIds.size) return {};
  const appointments = await prisma.appointment.findMany({ where: { id: { in: [...appointmentIds] } }, orderBy: { id: 'asc' } });
  for (const a of appointments) orgIds.add(a.organisationId);
  // Up the hierarchy from every organisation named, a level at a time.
  const organisations = new Map<string, Awaited<ReturnType<typeof prisma.organisation.findMany>>[number]>();
  for (let wanted = [...orgIds]; wanted.length; ) {
    const found = await prisma.organisation.findMany({ where: { id: { in: wanted } } });
    for (const o of found) organisations.set(o.id, o);
    wanted = [...new Set(found.map((o) => o.parentId).filter((p): p is string => !!p && !organisations.has(p)))];
  }
  // Art. 30: the offices in the organ's meeting of those the minutes name and of the one presiding, in the organisations
  // on the undertaking unit's path (where the organ is), every term of theirs: the verifier checks who sat offline.
  const minuted = [...new Set(entries.flatMap((e) => minutedPersons(e)))];
  const unit = reg?.payload?.undertakingDepartment;
  if (minuted.length && typeof unit === 'string') {
    const onPath: string[] = [];
    for (let o = organisations.get(unit); o && !onPath.includes(o.id); o = o.parentId ? organisations.get(o.parentId) : undefined) onPath.push(o.id);
    const sat = await prisma.appointment.findMany({ where: { personId: { in: minuted }, role: { in: [...MEETING_ROLES] }, organisationId: { in: onPath } }, orderBy: { id: 'asc' } });
    for (const a of sat) if (!appointments.some((x) => x.id === a.id)) appointments.push(a);
    appointments.sort((a, b) => a.id.localeCompare(b.id));
  }
  const registrarIds = new Set([...organisations.values()].map((o) => o.endorsedBy));
  for (const a of appointments) [a.endorsedBy, a.endEndorsedBy].forEach((k) => k && registrarIds.add(k));
  const registrars = await prisma.registrarKey.findMany({ where: { keyId: { in: [...registrarIds] } }, orderBy: { keyId: 'asc' } });
  return {
    organisations: [...organisations.values()].sort((a, b) => a.id.localeCompare(b.id)).map(organisationInfo),
    appointments: appointments.map(appointmentInfo),
    registrarKeys: registrars.map((r) => ({ keyId: r.keyId, algorithm: r.algorithm as SignatureAlgorithm, publicKey: r.publicKey, governmentId: r.governmentId })),
  };
}

function parseEntry(text: string | null): { action?: string; signature?: { keyId?: unknown }; payload?: { runId?: string; commentsAnswered?: { draftVersion?: unknown }; experts?: unknown } } | undefined {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
