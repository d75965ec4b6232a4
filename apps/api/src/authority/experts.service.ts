import { ConflictException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { panelDisqualification } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { expertDisqualificationMessage } from '../../../../libs/record/endorsement';
import { canonicalize } from '../../../../libs/record/jcs';
import { ProcedureRefusedError } from '../errors';
import { AuthorityService } from './authority.service';
import type { DisqualifyExpertDto } from './dto/authority.dto';
import { RegistrarsService } from './registrars.service';

/**
 * The expert pools' disqualifications (Arts. 21, 41): an expert or institution that breached professional ethics or the
 * decree with serious consequences loses the qualification (取消评估资格, Art. 41). A registrar of the government whose
 * pool it concerns enters it on its signature; no panel of a decision of that government, or of a government below it
 * (which may use the pool above, Art. 21 para. 3), names the expert while it is in force.
 */
@Injectable()
export class ExpertsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly registrars: RegistrarsService,
    private readonly authority: AuthorityService,
  ) {}

  async disqualify(dto: DisqualifyExpertDto) {
    const path = await this.authority.pathOf(dto.governmentId);
    if (!path || path[0].kind !== 'government') throw unprocessable(`governmentId：${dto.governmentId} 不是已登记的人民政府`, `governmentId: ${dto.governmentId} is not a registered government`);
    const validFrom = new Date(dto.validFrom);
    const validTo = dto.validTo ? new Date(dto.validTo) : null;
    if (validTo && validTo <= validFrom) throw unprocessable('validTo：终止时间必须晚于起始时间', 'validTo must be after validFrom');
    const record = { id: dto.id, expertId: dto.expertId, expertName: dto.expertName, governmentId: dto.governmentId, reason: dto.reason, basisHash: dto.basisHash ?? null, validFrom, validTo };
    const registrar = await this.registrars.endorsed(
      dto.endorsement,
      expertDisqualificationMessage(record),
      { zh: `取消专家${dto.expertName}（${dto.expertId}）的评估资格`, en: `the disqualification of expert ${dto.expertId}` },
      { id: path[0].id, name: path[0].name },
    );
    const { count } = await this.prisma.expertDisqualification.createMany({ data: [{ ...record, endorsedBy: registrar.keyId, endorsement: dto.endorsement.value }], skipDuplicates: true });
    const stored = await this.prisma.expertDisqualification.findUniqueOrThrow({ where: { id: dto.id } });
    // The same disqualification sent again is answered as the first time.
    if (!count && canonicalize(recordOf(stored)) !== canonicalize(recordOf(record))) {
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `编号 ${dto.id} 已用于另一取消资格记录（id ${dto.id} is already used for another disqualification）` });
    }
    return stored;
  }

  list(expertId?: string) {
    return this.prisma.expertDisqualification.findMany({ where: expertId ? { expertId } : {}, orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }] });
  }

  /**
   * Art. 41 (with Arts. 20, 21): refused when the panel names an expert disqualified, at `at`, for the pool of the
   * decision's government or of one above it; a decision registered before offices were checked knows no government,
   * so every pool's disqualifications hold for it.
   */
  async assertEligible(decisionId: string, experts: unknown, at = new Date()): Promise<void> {
    if (!Array.isArray(experts)) return;
    const ids = experts.map((e) => (e as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
    if (!ids.length) return;
    const decision = await this.prisma.decision.findUnique({ where: { id: decisionId }, select: { governmentId: true } });
    const governments = decision?.governmentId ? ((await this.authority.pathOf(decision.governmentId)) ?? []).filter((o) => o.kind === 'government').map((o) => o.id) : undefined;
    // The register's entries for these experts, in the order entered; the rule (shared with the offline verifier) decides.
    const entered = await this.prisma.expertDisqualification.findMany({ where: { expertId: { in: ids } }, orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }] });
    const refused = panelDisqualification(experts, entered.map(({ registeredAt: _, ...d }) => d), governments, at.getTime());
    if (refused) throw new ProcedureRefusedError(refused);
  }
}

function recordOf(d: { id: string; expertId: string; expertName: string; governmentId: string; reason: string; basisHash: string | null; validFrom: Date; validTo: Date | null }) {
  return { id: d.id, expertId: d.expertId, expertName: d.expertName, governmentId: d.governmentId, reason: d.reason, basisHash: d.basisHash, validFrom: d.validFrom.toISOString(), validTo: d.validTo?.toISOString() ?? null };
}

const unprocessable = (zh: string, en: string) => new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: `${zh}（${en}）` });
