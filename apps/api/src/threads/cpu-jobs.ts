import type { NearDuplicateGroup } from '../../../../libs/comments/similarity';
import type { BundleVerdict, DecisionBundle, TrustedKeys } from '../../../../libs/record/bundle';

/**
 * The work the API does on its worker threads (thread-pool.ts, cpu.worker.ts): pure computations of libs/ that cost
 * seconds of CPU at volume and would stop the event loop answering everyone else meanwhile.
 */
export interface CpuJobs {
  /** An inspector's verification of a decision's record (libs/record/bundle.ts). */
  verifyBundle: { input: { bundle: DecisionBundle; trusted: TrustedKeys }; output: BundleVerdict };
  /**
   * The near-duplicate grouping of a draft's comments (libs/comments/similarity.ts), 100,000 of them in about 1.7 s:
   * comment i is ids[i], exactKeys[i] and signatures[i·SIGNATURE_BYTES …], the signatures one buffer, moved to the
   * thread rather than copied.
   */
  groupNearDuplicates: { input: { ids: string[]; exactKeys: string[]; signatures: Uint8Array }; output: NearDuplicateGroup[] };
}

export type CpuJobKind = keyof CpuJobs;

/** A job as posted to a thread, and its answer. */
export type CpuJobMessage = { [K in CpuJobKind]: { kind: K; input: CpuJobs[K]['input'] } }[CpuJobKind];
export type CpuJobAnswer = { output: unknown } | { error: string };
