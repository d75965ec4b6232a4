import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { latestCheckpoint, proveConsistency, proveInclusion } from '../../../../libs/record/log-store';

/** The largest tree size or entry number a request may name: PostgreSQL's integer. */
const MAX_INDEX = 2 ** 31 - 1;

const whole = (v: string | undefined, name: string, min: number): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d{1,10}$/.test(v) || Number(v) < min || Number(v) > MAX_INDEX) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${name}：必须是 ${min} 到 ${MAX_INDEX} 之间的整数（${name} must be a whole number from ${min} to ${MAX_INDEX}）`] });
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

  systemKeys() {
    return this.prisma.systemKey.findMany({ orderBy: { registeredAt: 'asc' } });
  }

  registrarKeys() {
    return this.prisma.registrarKey.findMany({ orderBy: { registeredAt: 'asc' } });
  }
}
