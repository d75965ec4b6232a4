// @ts-check
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// What the Temporal workflow sandbox cannot run (or must not reach): Node
// built-ins, Nest, Prisma, and the client/worker/activity/testing SDK packages.
// Types may still be imported from anywhere.
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const workflowSandbox = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins do not run in the workflow sandbox; do it in an activity.', allowTypeImports: true })),
  patterns: [
    { group: ['@nestjs/*'], message: 'Workflow code must not import Nest.', allowTypeImports: true },
    { group: ['@prisma/*', 'prisma', '**/generated/prisma/**', '**/libs/db/**'], message: 'Workflow code must not touch the database; call an activity.', allowTypeImports: true },
    {
      group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing', '@temporalio/client/*', '@temporalio/worker/*', '@temporalio/activity/*', '@temporalio/testing/*'],
      message: 'Workflow code may import only @temporalio/workflow and @temporalio/common.',
      allowTypeImports: true,
    },
    { group: ['**/activities', '**/activities/**'], message: 'Workflows import activity types only (import type).', allowTypeImports: true },
  ],
};

// What the browser cannot run: Node built-ins and the server's packages. The web application shares the
// domain's and the record's plain modules with the API, and takes the API's answer types as types only.
const browserSafe = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins do not run in the browser.', allowTypeImports: true })),
  patterns: [
    { group: ['@nestjs/*', '@temporalio/*', '@prisma/*', 'prisma', 'pg', '**/libs/db/**', '**/libs/nest/**'], message: 'The web application talks to the API only.', allowTypeImports: true },
    { group: ['**/apps/api/**', '**/workflows/**', '**/workflows', '**/libs/record/bundle', '**/libs/record/signatures'], message: 'Server code: import its types only (import type).', allowTypeImports: true },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', '.data/', 'libs/db/generated/', 'coverage/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', browserSafe] },
  },
  {
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts', 'test/fixtures/workflows*/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', workflowSandbox] },
  },
);
