import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { hotQuery, type PrismaClient } from '../../../../libs/db/prisma';
import { art, governmentOf, refusal, RefusalCode, type ActorKeyView, type PathStep, type StepSignature } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { checkPublicKey, keyIdOf, verifySignature, type SignatureAlgorithm } from '../../../../libs/record/signatures';
import { assertNoPersonCaseTwin, AuthorityService } from '../authority/authority.service';
import { RegistrarsService } from '../authority/registrars.service';
import { ProcedureRefusedError } from '../errors';
import { keyEndorsementMessage, revocationEndorsementMessage } from '../../../../libs/record/endorsement';
import type { ActorKeyQueryDto, RegisterKeyDto, RevokeKeyDto } from './dto/actor-key.dto';
import { DEFAULT_PAGE, pageOf, type Page } from '../edge/paging';
import { keyEventBody, keyRevocationEventBody } from '../../../../libs/record/authority-log';
import { appendAuthorityEvent } from '../../../../libs/record/authority-log-store';
import { actorKeyInfo } from '../../../../libs/record/export';
import { isoInstant } from '../decisions/presenters';
import { LOG_APPEND_LOCK } from '../../../../libs/record/log-store';

/** The registry of actors' public keys, and the check of a signed step against it. */
@Injectable()
export class KeysService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly registrars: RegistrarsService,
    private readonly authority: AuthorityService,
  ) {}

  async register(dto: RegisterKeyDto) {
    const publicKey = dto.publicKey.toLowerCase();
    try {
      checkPublicKey(dto.algorithm, publicKey);
    } catch (err) {
      // The form each algorithm's public key takes, said as a clerk reads it; the library's own words beside.
      const form = dto.algorithm === 'sm2-sm3' ? 'SM2 公钥应为 04 加 128 位十六进制数字，且是曲线上的点' : 'Ed25519 公钥应为 64 位十六进制数字';
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`publicKey：不是有效的 ${dto.algorithm} 公钥：${form}（publicKey: ${(err as Error).message}）`] });
    }
    const validFrom = new Date(dto.validFrom);
    const validTo = new Date(dto.validTo);
    if (validTo <= validFrom) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['validTo：有效期终止时间必须晚于起始时间（validTo must be after validFrom）'] });
    // Keys are registered and revoked only on a registrar's word: its signature over exactly what is done.
    const registrar = await this.registrars.endorsed(dto.endorsement, keyEndorsementMessage({ ...dto, validFrom, validTo }), { zh: `${dto.actorId} 的密钥`, en: `the key of ${dto.actorId}` });
    await this.assertPersonsRegistrar(registrar, dto.actorId, [], { zh: `登记 ${dto.actorId} 的密钥`, en: `register a key of ${dto.actorId}` });
    const keyId = keyIdOf(dto.algorithm, publicKey);
    // The registration and its event in the global log commit together.
    const stored = await this.prisma.$transaction(async (tx) => {
      await assertNoPersonCaseTwin(tx, dto.actorId, 'actorId');
      const { count } = await tx.actorKey.createMany({
        data: [{ keyId, actorId: dto.actorId, algorithm: dto.algorithm, publicKey, validFrom, validTo, endorsedBy: dto.endorsement.keyId, endorsement: dto.endorsement.value }],
        skipDuplicates: true,
      });
      if (!count) return undefined;
      const key = await tx.actorKey.findUniqueOrThrow({ where: { keyId } });
      await appendAuthorityEvent(tx, { kind: 'key', subjectId: keyId, body: keyEventBody(actorKeyInfo(key)) });
      return key;
    });
    if (!stored) throw new ConflictException(`该公钥已登记为 ${keyId}，不能再次登记（this public key is already registered as ${keyId}）`);
    return stored;
  }

  async revoke(keyId: string, dto: RevokeKeyDto) {
    const key = await this.prisma.actorKey.findUnique({ where: { keyId } });
    if (!key) throw new NotFoundException(`no key ${keyId}`);
    if (key.revokedAt) throw new ConflictException(`密钥 ${keyId} 已于 ${isoInstant(key.revokedAt.getTime())} 注销（key ${keyId} was revoked on ${isoInstant(key.revokedAt.getTime())}）`);
    const registrar = await this.registrars.endorsed(dto.endorsement, revocationEndorsementMessage({ keyId, reason: dto.reason }), { zh: `密钥 ${keyId} 的撤销`, en: `the revocation of ${keyId}` });
    // A key signs only in the government whose registrar vouched for it, and below (checkStepSignature): that government's
    // registrar takes it back, or one above it, whatever became of the person's offices. Not another government's, which
    // had appointed the person to an office of its own to claim them (fresh-eyes tester: Guangzhou revoked Shenzhen's key).
    const what = { zh: `撤销 ${key.actorId} 的密钥 ${keyId}`, en: `revoke ${key.actorId}'s key ${keyId}` };
    const registeredBy = key.endorsedBy ? (await this.prisma.registrarKey.findUnique({ where: { keyId: key.endorsedBy }, select: { governmentId: true } }))?.governmentId : undefined;
    if (registeredBy) await this.assertAbove(registrar, registeredBy, what);
    else await this.assertPersonsRegistrar(registrar, key.actorId, [], what);
    // Only a key not yet revoked is revoked (two revocations at once cannot both land), with its event in the global log.
    // Under the log's lock, after every step recorded before it, signed with the key or not: a step on its way is
    // recorded before the revocation or refused (append_record_entry), and none recorded is voided by it (attacker: a
    // revocation between a step's check and its entry left a record that never verified again).
    const revoked = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK})`;
      const [{ last }] = await tx.$queryRaw<{ last: Date | null }[]>`SELECT max(at) AS last FROM decision_steps WHERE actor_id = ${key.actorId}`;
      const now = new Date();
      const revokedAt = last && last >= now ? new Date(last.getTime() + 1) : now;
      const { count } = await tx.actorKey.updateMany({
        where: { keyId, revokedAt: null },
        data: { revokedAt, revocationReason: dto.reason, revocationEndorsedBy: dto.endorsement.keyId, revocationEndorsement: dto.endorsement.value },
      });
      if (!count) return undefined;
      const stored = await tx.actorKey.findUniqueOrThrow({ where: { keyId } });
      await appendAuthorityEvent(tx, { kind: 'key-revocation', subjectId: keyId, body: keyRevocationEventBody(actorKeyInfo(stored)) });
      return stored;
    });
    if (!revoked) throw new ConflictException(`密钥 ${keyId} 已经注销（key ${keyId} is already revoked）`);
    return revoked;
  }

  /**
   * A registrar acts on the keys of its own government's people (fresh-eyes tester: Shenzhen's registrar revoked the key
   * of Guangzhou's mayor, and registered one for an official of the province): of a person appointed (now or to come), or
   * entered in an expert pool, in some governments, only a registrar of one of them or of a government above one acts (and, for a
   * revocation, one of the government whose registrar registered the key). A person of no government (an expert named on
   * a panel only) is any registrar's; a registrar of no government (one kept from before registrars had one) acts on any.
   */
  private async assertPersonsRegistrar(registrar: { keyId: string; name: string; governmentId: string | null }, personId: string, alsoGovernments: string[], what: { zh: string; en: string }): Promise<void> {
    if (!registrar.governmentId) return;
    const [appointments, entries] = await Promise.all([
      // Offices held now or to come: a person who moved is the new government's (second retest: Shenzhen still enrolled one
      // who had left for the province).
      this.prisma.appointment.findMany({ where: { personId, validTo: { gt: new Date() }, OR: [{ endedAt: null }, { endedAt: { gt: new Date() } }] }, select: { organisationId: true }, distinct: ['organisationId'] }),
      this.prisma.expertPoolEntry.findMany({ where: { expertId: personId }, select: { governmentId: true }, distinct: ['governmentId'] }),
    ]);
    const places = [...new Set([...appointments.map((a) => a.organisationId), ...entries.map((e) => e.governmentId), ...alsoGovernments])];
    if (!places.length) return;
    const paths = await Promise.all(places.map((id) => this.authority.pathOf(id)));
    if (paths.some((path) => path?.some((p) => p.id === registrar.governmentId))) return;
    const theirs = [...new Set(paths.map((path) => path && governmentOf(path)?.name).filter((n): n is string => !!n))].join('、');
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: `${registrar.name}（${registrar.keyId}）是${registrar.governmentId}的登记员，不能${what.zh}：其任职或者专家库所在的${theirs || '机构'}不属于本级或者下级政府，应当由该政府（或者其上级政府）的登记员办理；专家为本级政府的决策论证的，可以先将其列入本级专家库（${registrar.keyId} is a registrar of ${registrar.governmentId} and cannot ${what.en}: the person's offices and expert pools are in ${theirs || 'other organisations'}, not in ${registrar.governmentId} or below it; a registrar of theirs, or of a government above, does it; an expert arguing this government's decisions may first be entered in its pool）`,
    });
  }

  /** 403 unless the registrar is one of `government` or of a government above it (or of none: one kept from before). */
  private async assertAbove(registrar: { keyId: string; name: string; governmentId: string | null }, government: string, what: { zh: string; en: string }): Promise<void> {
    if (!registrar.governmentId) return;
    const path = await this.authority.pathOf(government);
    if (!path || path.some((p) => p.id === registrar.governmentId)) return;
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: `${registrar.name}（${registrar.keyId}）是${registrar.governmentId}的登记员，不能${what.zh}：该密钥由${path[0].name}的登记员登记，应当由该政府或者其上级政府的登记员办理（${registrar.keyId} is a registrar of ${registrar.governmentId} and cannot ${what.en}: the key was registered by a registrar of ${government}; one of it, or of a government above it, does it）`,
    });
  }

  /** A page of the registered keys (ActorKeyQueryDto) in the order of their ids. */
  async list(q: ActorKeyQueryDto): Promise<Page<ActorKeyView & Record<string, unknown>>> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const found = await this.prisma.actorKey.findMany({ where: { ...(q.actorId ? { actorId: q.actorId } : {}), ...(q.after ? { keyId: { gt: q.after } } : {}) }, orderBy: { keyId: 'asc' }, take: limit + 1 });
    const { items, nextAfter } = pageOf(found, limit, (k) => k.keyId);
    const iso = (d: Date | null) => d && d.toISOString();
    return { items: items.map((k) => ({ ...k, validFrom: k.validFrom.toISOString(), validTo: k.validTo.toISOString(), revokedAt: iso(k.revokedAt), registeredAt: k.registeredAt.toISOString() })), nextAfter };
  }

  /**
   * Checks the signature of a step against the actor's registered key: the key
   * is the actor's, valid now and not revoked, and the signature holds; and it
   * signs where it is used (`servedIn`: the path of the office the step is taken
   * in, or of the decision's government for an expert), within the government
   * whose registrar vouched for it or below it. Returns the signature as the
   * record keeps it; refuses otherwise.
   */
  async checkStepSignature(actorId: string, message: Buffer, sig: { keyId: string; value: string }, idempotencyKey: string, servedIn?: () => Promise<PathStep[] | undefined>): Promise<StepSignature> {
    const bad = (zh: string, en: string): never => {
      throw new ProcedureRefusedError(refusal(RefusalCode.BadSignature, { zh: `签名不予认可：${zh}`, en: `the signature is not accepted: ${en}` }, art(33), art(38)));
    };
    // On every sign-off: one statement straight to the pool (libs/db/prisma.ts, hotQuery).
    const [key] = await hotQuery<{ keyId: string; actorId: string; algorithm: string; publicKey: string; validFrom: Date; validTo: Date; revokedAt: Date | null; enrolledIn: string | null }>(
      this.prisma,
      'SELECT k.key_id AS "keyId", k.actor_id AS "actorId", k.algorithm, k.public_key AS "publicKey", k.valid_from AS "validFrom", k.valid_to AS "validTo", k.revoked_at AS "revokedAt", r.government_id AS "enrolledIn" FROM actor_keys k LEFT JOIN registrar_keys r ON r.key_id = k.endorsed_by WHERE k.key_id = $1',
      [sig.keyId],
    );
    if (!key) bad(`密钥 ${sig.keyId} 未登记`, `no key ${sig.keyId} is registered`);
    if (key!.actorId !== actorId) bad(`密钥 ${sig.keyId} 属于他人`, `key ${sig.keyId} belongs to another actor`);
    const now = new Date();
    // Times as every answer gives them, with their offset (a key is a person's, not a decision's: Beijing time).
    if (key!.revokedAt && key!.revokedAt <= now) bad(`密钥 ${sig.keyId} 已于 ${isoInstant(key!.revokedAt.getTime())} 撤销`, `key ${sig.keyId} was revoked on ${isoInstant(key!.revokedAt.getTime())}`);
    if (now < key!.validFrom || now >= key!.validTo) {
      const [from, to] = [isoInstant(key!.validFrom.getTime()), isoInstant(key!.validTo.getTime())];
      bad(`密钥 ${sig.keyId} 的有效期为 ${from} 至 ${to}`, `key ${sig.keyId} is valid from ${from} to ${to}`);
    }
    if (!verifySignature(key!.algorithm as SignatureAlgorithm, key!.publicKey, message, sig.value)) bad('签名与所签步骤不符', 'the signature does not match the step');
    // A registrar vouches for a key in its own government and below, not elsewhere: Guangzhou's registrar, having
    // appointed a Shenzhen official to an office of its own, enrolled a key that then signed in Shenzhen's decisions
    // (fresh-eyes tester). A key vouched for by a registrar of no government (one kept from before) signs anywhere.
    const path = key!.enrolledIn && servedIn ? await servedIn() : undefined;
    if (path && !path.some((p) => p.id === key!.enrolledIn)) {
      const enrolledIn = (await this.authority.pathOf(key!.enrolledIn!))?.[0]?.name ?? key!.enrolledIn!;
      const here = governmentOf(path);
      bad(
        `密钥 ${sig.keyId} 由${enrolledIn}的登记员登记，只在${enrolledIn}及其下级政府有效；在${here?.name ?? path[0].name}签署，请使用该政府（或者其上级政府）登记员登记的密钥`,
        `key ${sig.keyId} was vouched for by a registrar of ${key!.enrolledIn} and signs only there and below; to sign in ${here?.id ?? path[0].id}, use a key its registrar (or one above it) registered`,
      );
    }
    return { keyId: key!.keyId, algorithm: key!.algorithm, value: sig.value, idempotencyKey };
  }
}
