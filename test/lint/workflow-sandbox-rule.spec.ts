import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../infra/paths';

// The guard rail that keeps workflow code deterministic is a lint rule: prove it bites.
describe('lint rule: workflow code imports nothing the sandbox cannot run', () => {
  // The real eslint CLI with the project's config, fed the probe on stdin.
  const lint = async (code: string, filePath = 'workflows/probe.workflow.ts'): Promise<string[]> => {
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', filePath], {
      cwd: PROJECT_ROOT,
      input: code,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
    return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ["import { readFileSync } from 'node:fs';", /Node built-ins/],
    ["import * as crypto from 'crypto';", /Node built-ins/],
    ["import { Injectable } from '@nestjs/common';", /Nest/],
    ["import { PrismaClient } from '../libs/db/prisma';", /database/],
    ["import { Client } from '@temporalio/client';", /only @temporalio\/workflow/],
    ["import { Context } from '@temporalio/activity';", /only @temporalio\/workflow/],
    ["import { createActivities } from '../activities';", /activity types only/],
  ])('refuses %s', async (line, reason) => {
    const messages = await lint(`${line}\nexport const x = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(reason);
  });

  it('allows type imports and the workflow SDK', async () => {
    const code = [
      "import type { RegistryActivities } from '../libs/domain';",
      "import type { PrismaClient } from '../libs/db/prisma';",
      "import { proxyActivities } from '@temporalio/workflow';",
      'export const a = proxyActivities<RegistryActivities>({ startToCloseTimeout: 1000 });',
      'export type P = PrismaClient;',
    ].join('\n');
    expect(await lint(code)).toEqual([]);
  });

  it('applies to the domain library too', async () => {
    expect(await lint("import { join } from 'node:path';\nexport const j = join;\n", 'libs/domain/probe.ts')).toHaveLength(1);
  });
});
