import { readFileSync } from 'node:fs';
import { runsUnsealed, textChainLine, verifyBundle, type DecisionBundle, type TrustedKeys } from '../libs/record/bundle';
import type { RecordEntry } from '../libs/record/chain';
import { VERIFICATION_CHECKS } from '../libs/record/checks';

/**
 * The inspectors' verifier: no server, no database, no network.
 *   node dist/infra/verify-bundle.js <bundle.json> <trusted-keys.json>
 * trusted-keys.json: {"systemKeys": [...], "registrarKeys": [...]} as
 * published by the government (GET /system-keys, GET /registrar-keys): the
 * bundle's actor keys, organisations and appointments count where a trusted
 * registrar endorsed them; "actorKeys" (GET /actor-keys) may be added. Without
 * registrarKeys only a record from before offices were checked verifies. Exits 0 only when every
 * check holds; otherwise names the first failure and exits 1. Entries logged
 * after the bundle's checkpoint (or before the first) are verified in every
 * other respect and reported as pending: still 0. The bundle must carry the
 * record's head the system sealed at export (libs/record/head.ts): nothing
 * else shows that no entry after its last one was left out.
 */
function main(): number {
  const [bundleFile, trustedFile] = process.argv.slice(2);
  if (!bundleFile || !trustedFile) {
    console.error('usage: verify-bundle <bundle.json> <trusted-keys.json>');
    return 2;
  }
  // A file that cannot be read, or is not JSON (a download cut short), says nothing of the record: said so, exit 2
  // (inspector tester: it read as a tampered record, in English only).
  const bundle = readJson(bundleFile, '核验包') as DecisionBundle | undefined;
  const trusted = readJson(trustedFile, '可信密钥文件') as TrustedKeys | undefined;
  if (bundle === undefined || trusted === undefined) return 2;
  // JSON, but no object (null, false, 0, ""): not a bundle, said so (retest: exit 2 without a word).
  if (typeof bundle !== 'object' || bundle === null) {
    console.error(`FAILED: 核验包 ${bundleFile} 不是核验包（JSON 对象），请重新导出（${bundleFile} is not a bundle: not a JSON object; export it again）`);
    return 2;
  }
  // A keys file of another shape is the inspector's file, not the bundle, at fault (tester: blamed on the bundle).
  const notKeys = trustedKeysProblem(trusted);
  if (notKeys) {
    console.error(`FAILED: 可信密钥文件 ${trustedFile} 格式不对（${notKeys}）：应为 {"systemKeys": [...], "registrarKeys": [...]}，即 GET /system-keys、GET /registrar-keys 的答复（${trustedFile} is not a trusted-keys file: ${notKeys} (expected {"systemKeys": [...], "registrarKeys": [...]}, as GET /system-keys and GET /registrar-keys give them)）`);
    return 2;
  }
  const verdict = verifyBundle(bundle, trusted, { requireHead: true });
  if (verdict.ok) {
    const covered = verdict.entries - verdict.pending;
    console.log(
      `OK: decision ${bundle.decisionId}: ${verdict.entries} entries, signed, sealed, chained, lawful in order, matching the workflow history; ` +
        (verdict.pending ? `${covered} of them in the log of size ${verdict.treeSize}` : `in the log of size ${verdict.treeSize}`) +
        `（核验通过：决策 ${bundle.decisionId} 的 ${verdict.entries} 条记录均经签名、封印、链接，程序合法，与工作流历史一致）`,
    );
    if (verdict.pending) {
      console.log(
        `PENDING: ${verdict.pending} ${verdict.pending === 1 ? 'entry was' : 'entries were'} logged ${verdict.treeSize ? `after the bundle's checkpoint (size ${verdict.treeSize})` : 'before any checkpoint was signed'}, ` +
          'so no inclusion proof covers them yet; an inspector who needs them covered fetches the bundle again after the next checkpoint' +
          `（其中 ${verdict.pending} 条记录尚无日志包含证明，可在下一个检查点后重新导出核验）`,
      );
    }
    // The run still open has no archive entry sealing its history: only the steps it recorded are matched against the
    // record (inspector tester: its other events, rewritten, still read "matching the workflow history").
    for (const runId of runsUnsealed(bundle.entries.map((e) => JSON.parse(e.canonical) as RecordEntry), bundle.histories ?? [])) {
      console.log(
        `OPEN RUN: the history of run ${runId}, still open, is sealed by no archive entry yet: its recordStep events are matched against the record's entries, its other events are not verified` +
          `（工作流运行 ${runId} 尚未结束，其历史尚未归档封存：只核对了其中记入决策记录的步骤，其他事件未经核验）`,
      );
    }
    if (verdict.completeAsOf) {
      // How old that is, said: an older genuine bundle is complete only as of its seal (retest).
      const days = Math.floor((Date.now() - Date.parse(verdict.completeAsOf)) / 86_400_000);
      console.log(`COMPLETE: the record had these ${verdict.entries} entries and no other when the system sealed its head at ${verdict.completeAsOf} (${days < 1 ? 'less than a day ago' : `${days} day${days === 1 ? '' : 's'} ago`}); entries made since are not in this bundle（系统封印时记录共 ${verdict.entries} 条，此后的记录不在本核验包中）`);
    }
    // The steps refused: listed, not verified (no entry of the record; statute tester: the inspector saw none).
    const refused = bundle.refusals ?? [];
    if (refused.length) {
      const byCode = new Map<string, number>();
      for (const r of refused) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
      const codes = [...byCode].map(([code, n]) => `${code} ×${n}`).join(', ');
      console.log(`REFUSED: ${refused.length} step${refused.length === 1 ? ' was' : 's were'} refused (${codes}), from ${refused[0].attemptedAt} to ${refused[refused.length - 1].attemptedAt}; listed in the bundle's "refusals", as the system kept them: a refusal changes nothing, so it is not part of the signed record and is not verified（另有 ${refused.length} 次办理请求被拒绝，见核验包的 refusals；拒绝不改变决策，不属于签名记录，未经核验，仅供参考）`);
    }
    // The chain of texts of each pass that reached a decision (Arts. 25, 30, 32).
    for (const t of verdict.texts ?? []) console.log(textChainLine(t));
    return 0;
  }
  // Said in Chinese too, by the check that failed (fresh-eyes tester: the inspector's own tool spoke English only).
  const check = VERIFICATION_CHECKS.find((c) => c.id === verdict.check);
  console.error(`FAILED: decision ${bundle.decisionId}: ${verdict.failure} [check: ${verdict.check}]${check ? `（核验未通过：${check.zh}）` : '（核验未通过）'}`);
  return 1;
}

/** The file's JSON, or undefined with the reason said (in Chinese first) where it cannot be read or parsed. */
function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(`FAILED: ${what} ${file} 无法读取或不是完整的 JSON 文件（${reason}）：请重新下载或检查路径；这不说明决策记录本身有问题（${file} cannot be read or is not whole JSON: download it again or check the path; this says nothing of the record）`);
    return undefined;
  }
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`FAILED: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}

/** What is wrong with a trusted-keys file, if anything: its lists, where given, are lists. */
function trustedKeysProblem(t: unknown): string | undefined {
  if (!t || typeof t !== 'object' || Array.isArray(t)) return 'it is not a JSON object';
  const keys = t as Record<string, unknown>;
  if (!Array.isArray(keys.systemKeys)) return 'it has no "systemKeys" list';
  for (const name of ['actorKeys', 'registrarKeys']) if (keys[name] !== undefined && !Array.isArray(keys[name])) return `its "${name}" is not a list`;
  return undefined;
}
