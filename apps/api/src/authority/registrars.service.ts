import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { verifySignature, type SignatureAlgorithm } from '../../../../libs/record/signatures';

/**
 * Registrars' endorsements: keys, organisations and appointments are entered
 * only on a registrar's signature over exactly what is done, and (for
 * organisations and appointments) only by a registrar of the government
 * concerned.
 */
@Injectable()
export class RegistrarsService {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The registrar that endorsed `message`; 403 when none did, or it is another government's. */
  async endorsed(endorsement: { keyId: string; value: string }, message: Buffer, what: { zh: string; en: string }, government?: { id: string; name: string }) {
    const registrar = await this.prisma.registrarKey.findUnique({ where: { keyId: endorsement.keyId } });
    if (!registrar) throw forbidden(`${what.zh}须经登记员签名认可；${endorsement.keyId} 不是登记员密钥`, `${what.en} must be endorsed by a registrar; ${endorsement.keyId} is not a registrar key`);
    if (government && registrar.governmentId !== government.id) {
      throw forbidden(
        `${what.zh}应当由${government.name}（${government.id}）的登记员签名认可，${registrar.name}（${endorsement.keyId}）是${registrar.governmentId ?? '未指定政府'}的登记员`,
        `${what.en} must be endorsed by a registrar of ${government.id}; ${endorsement.keyId} is a registrar of ${registrar.governmentId ?? 'no government'}`,
      );
    }
    if (!verifySignature(registrar.algorithm as SignatureAlgorithm, registrar.publicKey, message, endorsement.value)) {
      throw forbidden(`${what.zh}未经认可：登记员签名（${endorsement.keyId}）与所登记内容不符`, `${what.en} is not endorsed: the registrar's signature (${endorsement.keyId}) does not match it`);
    }
    return registrar;
  }
}

const forbidden = (zh: string, en: string) => new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `${zh}（${en}）` });
