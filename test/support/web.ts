import type { AddressInfo, Server } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { defaultWebDir } from '../../apps/api/src/web/static';
import { roleZh } from '../../libs/domain/procedure/rules/words';
import type { Actor } from '../../libs/domain';
import { startBrowser } from './browser';
import { startSystem } from './system';

/**
 * The web application's browser tests share this: the real system (API
 * serving the built app, worker, test PostgreSQL and Temporal, or the
 * time-skipping Temporal server at `temporalAddress` where statutory periods
 * must pass) listening on a port, and Chromium with a fresh profile; and the
 * gestures every page needs.
 */
export async function startWebSystem(opts: { temporalAddress?: string } = {}) {
  if (!existsSync(join(defaultWebDir(), 'index.html'))) throw new Error(`the web application is not built in ${defaultWebDir()}: run npm run build first`);
  const system = await startSystem({ sealAlgorithm: 'ed25519', web: true, temporalAddress: opts.temporalAddress });
  // The system is closed whatever fails after it started, and whatever the browser does at the end: a test PostgreSQL
  // and Temporal server were seen left running after a local run of the browser tests.
  try {
    await listenOnCallbackPort(system.api);
    const base = `http://127.0.0.1:${(system.api.getHttpServer().address() as AddressInfo).port}`;
    const browser = await startBrowser();
    return {
      system,
      base,
      page: browser.page,
      close: async () => {
        try {
          await browser.close();
        } finally {
          await system.close();
        }
      },
    };
  } catch (err) {
    await system.close().catch(() => undefined);
    throw err;
  }
}

/** Listens on one of the ports whose sign-in callback the test provider accepts (test/setup/global-setup.ts): the first one free. */
async function listenOnCallbackPort(api: INestApplication): Promise<void> {
  const ports = (process.env.WEB_TEST_PORTS ?? '').split(',').filter(Boolean).map(Number);
  for (const port of ports) {
    try {
      await new Promise<void>((resolve, reject) => {
        const server = api.getHttpServer() as Server;
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  throw new Error(`no free sign-in callback port among ${ports.join(', ') || '(none: run through jest)'}`);
}

/** Picks an option of an Ant Design select by the select's label and the option's. */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  const select = scope.getByLabel(label, { exact: true });
  // The choice shows in the select once taken; on a busy machine a click can land while the list is still opening or
  // the last one closing (seen once in a full run: the default stayed), so the choice is looked for and made again.
  // Looked for exactly: '… · 杭州市交通运输局' is a prefix of '… · 杭州市交通运输局政策法规处', and a substring test
  // took the one still shown for the one asked (a CI run: the step then stayed in the other office).
  const shows = () =>
    select.evaluate((el, o) => {
      // Ant Design 6 writes a single select's value as the text of its content, beside the search input.
      const chosen = el.closest('.ant-select')?.querySelector('.ant-select-content');
      return chosen?.textContent === o || chosen?.getAttribute('title') === o;
    }, option);
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(option, { exact: true }).click();
    if (await shows()) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`${label}: the choice ${option} did not take in three tries`);
}

/**
 * The official makes their signing key on the 签署 page (the page must be
 * open); answers its public half as shown. What the page fills in from the
 * sign-in and the person's offices is left as it is (`office`: the one to
 * choose among several); what it does not, is typed.
 */
export async function enrolInBrowser(page: Page, official: Actor, office?: string): Promise<string> {
  const form = page.getByTestId('enrol-form');
  const id = form.getByLabel('工号');
  await id.waitFor();
  if (await id.isEditable()) await id.fill(official.id);
  const name = form.getByLabel('姓名');
  if (await name.isEditable()) await name.fill(official.name);
  if (await form.getByLabel('任职').count()) {
    if (office) await choose(page, form, '任职', office);
  } else {
    await choose(page, form, '角色', roleZh(official.role));
    await form.getByLabel('单位').fill(official.organisation);
  }
  await form.getByRole('button', { name: '生成密钥' }).click();
  return (await page.getByTestId('enrolment').getByTestId('public-key').textContent())!.trim();
}

/**
 * Signs the browser in as the test account `sub` through the run's OpenID
 * Connect provider, as a person would: 登录, the provider's login page, back
 * to the application. Whoever was signed in before, and the language they
 * chose, are forgotten first.
 */
export async function signInAs(page: Page, base: string, sub: string): Promise<void> {
  // No retry: the stalls seen here now and then (no 登录 at /app/, or none back from the provider) were the sign-in
  // settings rate-limited with the public's requests after 60 page loads a minute, read by the application as sign-in off.
  const timeout = 20_000;
  await page.context().clearCookies();
  await page.goto(`${base}/app/`);
  // Evaluated in the page: the browser's own storage. The session goes, and so does a language chosen before (a test
  // that failed in English left every later sign-in looking for 'Sign in' under 登录).
  await page.evaluate('sessionStorage.clear(); localStorage.clear()');
  await page.goto(`${base}/app/`);
  await page.getByRole('button', { name: /^登\s*录$/ }).click({ timeout }); // Ant Design spaces a two-character label
  await page.locator('#login').fill(sub, { timeout });
  await page.locator('#password').fill(`test-${sub}`, { timeout });
  await page.getByRole('button', { name: /登录/ }).click({ timeout });
  await page.waitForURL((u) => u.pathname.startsWith('/app') && !u.pathname.endsWith('/auth/callback'), { timeout });
  await page.getByRole('button', { name: '退出登录' }).waitFor({ timeout });
}
