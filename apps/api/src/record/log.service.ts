import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { AUTHORITY_LOG_ID } from '../../../../libs/record/authority-log';
import { latestCheckpoint, proveConsistency, proveInclusion } from '../../../../libs/record/log-store';

/** The largest tree size or entry number a request may name: PostgreSQL's integer. */
const MAX_INDEX = 2 ** 31 - 1;

const whole = (v: string | undefined, name: string, min: number, max = MAX_INDEX): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d{1,10}$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${name}：必须是 ${min} 到 ${max} 之间的整数（${name} must be a whole number from ${min} to ${max}）`] });
  }
  return Number(v);
};
const positive = (v: string | undefined, name: string) => whole(v, name, 1);

/** The global verifiable log as the API answers for it: checkpoints, inclusion and consistency proofs (RFC 6962 / 9162), and the keys that check them. */
@Injectable()
export class LogService {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async checkpoint() {
    const c = await latestCheckpoint(this.prisma);
    if (!c) throw new NotFoundException('尚未签署检查点（no checkpoint has been signed yet）');
    return c;
  }

  async consistency(first?: string, second?: string) {
    const a = positive(first, 'first');
    const b = positive(second, 'second');
    if (!a || !b) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['first、second：两个树的大小均须提供（first and second tree sizes are required）'] });
    const proof = await proveConsistency(this.prisma, a, b);
    if (!proof) throw new NotFoundException(`无法给出从 ${a} 到 ${b} 的一致性证明：日志没有这么大，或 first 大于 second（no consistency proof from ${a} to ${b}: the log is smaller, or first > second）`);
    return proof;
  }

  async inclusion(id: string, seqText: string, treeSize?: string) {
    const seq = whole(seqText, 'seq', 0)!;
    const size = positive(treeSize, 'treeSize') ?? (await latestCheckpoint(this.prisma))?.treeSize;
    if (!size) throw new NotFoundException('尚未签署检查点，请指定 treeSize（no checkpoint has been signed yet; name a treeSize）');
    const proof = await proveInclusion(this.prisma, id, seq, size);
    if (!proof) throw new NotFoundException(`决策 ${id} 的第 ${seq} 条记录不在大小为 ${size} 的日志中（step ${seq} of decision ${id} is not in the log of size ${size}）`);
    return proof;
  }

  /**
   * The registrars' acts in the global log, in log order, a page at a time
   * (after `after`, at most `limit`): what a monitor reads to see every
   * appointment, end, key and revocation, and checks against the checkpoints.
   */
  async authorityEvents(after?: string, limit?: string) {
    const from = whole(after, 'after', 0);
    const take = whole(limit, 'limit', 1, 1000) ?? 100;
    const events = await this.prisma.authorityEvent.findMany({ where: from === undefined ? {} : { seq: { gt: from } }, orderBy: { seq: 'asc' }, take });
    const leaves = await this.prisma.logLeaf.findMany({ where: { decisionId: AUTHORITY_LOG_ID, seq: { in: events.map((e) => e.seq) } }, select: { seq: true, idx: true } });
    const leafOf = new Map(leaves.map((l) => [l.seq, Number(l.idx)]));
    return events.map((e) => ({ seq: e.seq, kind: e.kind, subjectId: e.subjectId, recordedAt: e.recordedAt.toISOString(), canonical: e.canonical, leafIndex: leafOf.get(e.seq) ?? null }));
  }

  systemKeys() {
    return this.prisma.systemKey.findMany({ orderBy: { registeredAt: 'asc' } });
  }

  registrarKeys() {
    return this.prisma.registrarKey.findMany({ orderBy: { registeredAt: 'asc' } });
  }
}
