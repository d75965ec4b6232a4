import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `node dist/infra/bench/profile.js DIR [section]`: where the API's and the
 * worker's CPU time went while a section of `npm run bench:api --profile DIR`
 * ran (the first section by default). Per process: the time by package (a
 * node_modules package, our own file under dist/, Node's internals, the
 * garbage collector, idle), and our functions by inclusive time.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What a frame is charged to: a package, one of our files, Node itself, or a pseudo-frame such as (garbage collector). */
export function packageOf(f: CallFrame): string {
  const url = f.url;
  if (!url) return f.functionName || '(anonymous)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [a, b] = url.slice(nm + '/node_modules/'.length).split('/');
    return a.startsWith('@') ? `${a}/${b}` : a;
  }
  if (url.startsWith('node:')) return 'node (internals)';
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return `ours: ${url.slice(dist + '/dist/'.length)}`;
  return url;
}

function summarise(profile: CpuProfile, fromMs: number, toMs: number, top = 15): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let t = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] / 1000;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (t < fromMs || t > toMs) continue;
    const node = byId.get(profile.samples[i])!;
    total += dt;
    const pkg = packageOf(node.callFrame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.url.includes('/dist/') || f.url.includes('/node_modules/')) continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url.slice(f.url.indexOf('/dist/') + 6)}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  const busy = total - (byPackage.get('(idle)') ?? 0);
  const pct = (x: number) => `${((100 * x) / (total || 1)).toFixed(1).padStart(5)}%`;
  const lines = [`  ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy (${pct(busy).trim()})`, '  by package (self time):'];
  for (const [k, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`    ${pct(v)}  ${k}`);
  lines.push('  our functions (inclusive time):');
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`    ${pct(v)}  ${k}`);
  return lines;
}

function main(): void {
  const [dir, sectionName] = process.argv.slice(2);
  if (!dir || !existsSync(join(dir, 'windows.json'))) {
    console.error('usage: node dist/infra/bench/profile.js DIR [section]   (DIR as given to npm run bench:api -- --profile DIR)');
    process.exit(2);
  }
  const windows = JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as { files: { file: string; name: string; spawnedAtMs: number }[]; sections: { name: string; fromMs: number; toMs: number }[] };
  const section = sectionName ? windows.sections.find((s) => s.name === sectionName) : windows.sections[0];
  if (!section) throw new Error(`no section ${sectionName} in ${dir}/windows.json (${windows.sections.map((s) => s.name).join(', ')})`);
  console.log(`section ${section.name}: ${((section.toMs - section.fromMs) / 1000).toFixed(0)} s`);
  for (const f of windows.files) {
    const path = join(dir, f.file);
    if (!existsSync(path)) continue;
    // The profile's clock starts with its process: the section's window, from the process's spawn.
    const from = section.fromMs - f.spawnedAtMs;
    const to = section.toMs - f.spawnedAtMs;
    if (to <= 0) continue;
    console.log(`${f.name} (${f.file}):`);
    for (const line of summarise(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, from, to)) console.log(line);
  }
}

if (require.main === module) main();
