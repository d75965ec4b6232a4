import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { art, refusal, RefusalCode, type StepSignature } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { checkPublicKey, keyIdOf, verifySignature, type SignatureAlgorithm } from '../../../../libs/record/signatures';
import { ProcedureRefusedError } from '../errors';
import type { RegisterKeyDto } from './dto/actor-key.dto';

/** The registry of actors' public keys, and the check of a signed step against it. */
@Injectable()
export class KeysService {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async register(dto: RegisterKeyDto) {
    const publicKey = dto.publicKey.toLowerCase();
    try {
      checkPublicKey(dto.algorithm, publicKey);
    } catch (err) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`publicKey: ${(err as Error).message}`] });
    }
    const validFrom = new Date(dto.validFrom);
    const validTo = new Date(dto.validTo);
    if (validTo <= validFrom) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['validTo must be after validFrom'] });
    const keyId = keyIdOf(dto.algorithm, publicKey);
    const { count } = await this.prisma.actorKey.createMany({ data: [{ keyId, actorId: dto.actorId, algorithm: dto.algorithm, publicKey, validFrom, validTo }], skipDuplicates: true });
    if (!count) throw new ConflictException(`this public key is already registered as ${keyId}`);
    return this.prisma.actorKey.findUniqueOrThrow({ where: { keyId } });
  }

  async revoke(keyId: string, reason: string) {
    const key = await this.prisma.actorKey.findUnique({ where: { keyId } });
    if (!key) throw new NotFoundException(`no key ${keyId}`);
    if (key.revokedAt) throw new ConflictException(`key ${keyId} was revoked on ${key.revokedAt.toISOString()}`);
    return this.prisma.actorKey.update({ where: { keyId }, data: { revokedAt: new Date(), revocationReason: reason } });
  }

  list(actorId?: string) {
    return this.prisma.actorKey.findMany({ where: actorId ? { actorId } : {}, orderBy: { registeredAt: 'asc' } });
  }

  /**
   * Checks the signature of a step against the actor's registered key: the key
   * is the actor's, valid now and not revoked, and the signature holds.
   * Returns the signature as the record keeps it; refuses otherwise.
   */
  async checkStepSignature(actorId: string, message: Buffer, sig: { keyId: string; value: string }, idempotencyKey: string): Promise<StepSignature> {
    const bad = (why: string): never => {
      throw new ProcedureRefusedError(refusal(RefusalCode.BadSignature, `the step's signature is not accepted: ${why}`, art(33), art(38)));
    };
    const key = await this.prisma.actorKey.findUnique({ where: { keyId: sig.keyId } });
    if (!key) bad(`no key ${sig.keyId} is registered`);
    if (key!.actorId !== actorId) bad(`key ${sig.keyId} belongs to another actor`);
    const now = new Date();
    if (key!.revokedAt && key!.revokedAt <= now) bad(`key ${sig.keyId} was revoked on ${key!.revokedAt.toISOString()}`);
    if (now < key!.validFrom || now >= key!.validTo) bad(`key ${sig.keyId} is valid from ${key!.validFrom.toISOString()} to ${key!.validTo.toISOString()}`);
    if (!verifySignature(key!.algorithm as SignatureAlgorithm, key!.publicKey, message, sig.value)) bad('the signature does not match the step');
    return { keyId: key!.keyId, algorithm: key!.algorithm, value: sig.value, idempotencyKey };
  }
}
