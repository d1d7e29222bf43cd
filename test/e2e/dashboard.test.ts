// The dashboard in a real browser (Debian's chromium, headless, driven by playwright-core; nothing
// downloaded) while two real Claude Code sessions work: the page goes live without a reload, shows
// both sessions and the conflict cell, a message, and drops a session when it ends. The slash
// command starts the dashboard or gives the URL of the one running.
// DASHBOARD_SCREENSHOTS=1 writes the light and dark screenshots into docs/ (shown in the README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Sandbox, Session, cliBundle, oneShot, repoRoot } from '../harness/claude.js';
import { get, startCli } from '../dashboard/harness.js';
import type { FakeApi } from '../harness/fake-api.js';

const CHROMIUM = '/usr/bin/chromium';
const T = 'mcp__plugin_context-sync_sync__';
const CART = `export interface Item { price: number; qty: number }

export function total(items: Item[]): number {
  return items.reduce((sum, i) => sum + i.price * i.qty, 0);
}

export function applyDiscount(amount: number, percent: number): number {
  return amount * (1 - percent / 100);
}
`;
const edit = (file: string, old_string: string, new_string: string) => ({ tool: 'Edit', input: { file_path: file, old_string, new_string } });

async function browser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ccs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Problems the page itself reports: script errors, refused resources (the page's policy), failed requests. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // The event stream is cut when the test closes the page or the server: not a problem of the page.
    if (!r.url().includes('/events')) problems.push(`request failed: ${r.url()}`);
  });
  return problems;
}

test('two real sessions edit one function: the open page shows both and the conflict cell without a reload, a message, and a session ending', { skip: !existsSync(CHROMIUM) && `${CHROMIUM} is not installed (.ci/run installs it)` }, async () => {
  const sb = new Sandbox();
  sb.config({ messages: { wakeIdle: 'never' } }); // the message is shown on the page; no woken turn in the way
  const repo = sb.repo('shop', { 'src/cart.ts': CART, 'README.md': '# shop\n' });
  const file = join(repo, 'src/cart.ts');
  const [A, B] = [new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start()]);
  // The shipped bundle, as `context-sync dashboard` runs it.
  const dash = await startCli(sb.env('http://127.0.0.1:9'), repo, ['--allow-actions'], cliBundle);
  const b = await browser();
  try {
    // A fresh browser without the token is turned away.
    const stranger = await b.context.newPage();
    const refused = await stranger.goto(dash.origin + '/');
    assert.equal(refused?.status(), 401);
    await stranger.close();

    // Each session says something first, so that both are in the store with their task.
    await A.prompt('Add 20% VAT to the cart total', { text: 'Looking.' });
    await B.prompt('Round the cart total to cents', { text: 'Looking.' });

    const page = await b.context.newPage();
    const problems = watchProblems(page);
    await page.goto(dash.url);
    assert.equal(new URL(page.url()).search, '', 'the token left the address bar');
    await page.locator(`#sessions-body tr[data-session="${A.sessionId}"]`).waitFor();
    await page.locator(`#sessions-body tr[data-session="${B.sessionId}"]`).waitFor();
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    assert.equal(await page.locator('td.cell[data-conflict]').count(), 0);

    await A.prompt('Add 20% VAT to the cart total', edit(file, '  return items.reduce((sum, i) => sum + i.price * i.qty, 0);', '  const net = items.reduce((sum, i) => sum + i.price * i.qty, 0);\n  return net * 1.2;'), { text: 'Added VAT.' });
    await B.prompt('Round the cart total to cents', edit(file, '  return net * 1.2;', '  return Math.round(net * 1.2 * 100) / 100;'), { text: 'Rounded.' });
    const t0 = Date.now();
    const conflictCells = page.locator('tr[data-file="src/cart.ts"] td.cell[data-conflict]');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-file="src/cart.ts"] td.cell[data-conflict]').length === 2, undefined, { timeout: 15_000 });
    // Measured, not asserted (a shared CI machine): the target is two seconds.
    console.log(`# conflict shown ${Date.now() - t0} ms after the second edit's turn ended`);
    assert.deepEqual((await conflictCells.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-session')))).sort(), [A.sessionId, B.sessionId].sort());
    assert.match(await conflictCells.first().innerText(), /total/);
    assert.equal(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true, 'no reload');
    const conflict = page.locator('#conflicts-body li.conflict').first();
    assert.match(await conflict.innerText(), /CONFLICT in src\/cart\.ts: total/);
    assert.match(await conflict.innerText(), new RegExp(A.sessionId.slice(0, 8)));
    assert.match(await conflict.innerText(), new RegExp(B.sessionId.slice(0, 8)));

    // Keyboard: 2 goes to the map, Tab reaches the conflict link, Enter shows the conflict's details.
    await page.keyboard.press('2');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'map-title');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'conflict-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.querySelector('li.conflict:target') !== null), true, 'the conflict details are the target');

    // A message between the sessions shows up, newest first, with its delivery state.
    await A.prompt('Tell Bob', { tool: `${T}send_message`, input: { targetSessionId: B.sessionId.slice(0, 8), message: 'I am reworking total() for VAT; please leave it to me.' } }, { text: 'Told Bob.' });
    const msg = page.locator('#messages-body li[data-message]', { hasText: 'I am reworking total() for VAT' });
    await msg.waitFor({ timeout: 15_000 });
    assert.match(await msg.innerText(), /not yet delivered|delivered/);
    // And one written on the page (--allow-actions), through send_message's own checks.
    await page.selectOption('#send-to', A.sessionId);
    await page.fill('#send-text', 'From the dashboard: please commit soon.');
    await page.click('#send-form button[type=submit]');
    await page.locator('#messages-body li[data-message]', { hasText: 'From the dashboard' }).waitFor({ timeout: 15_000 });
    assert.match(await page.locator('#action-status').innerText(), /delivered to/);

    if (process.env.DASHBOARD_SCREENSHOTS) {
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(repoRoot, 'docs', `dashboard-${scheme}.png`), fullPage: true });
      }
    }

    // B ends: its row and its cells go, and the conflict with it.
    await B.close();
    await page.waitForFunction((id) => !document.querySelector(`#sessions-body tr[data-session="${id}"]`), B.sessionId, { timeout: 15_000 });
    assert.equal(await page.locator('td.cell[data-conflict]').count(), 0);
    assert.equal(await page.locator(`#sessions-body tr[data-session="${A.sessionId}"]`).count(), 1);
    assert.equal(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true, 'still no reload');
    assert.deepEqual(problems, []);
  } finally {
    await b.close();
    await dash.stop();
    await Promise.all([A.close(), B.close()]);
  }
});

/** The text the slash command put into the latest user turn. */
function commandTurn(api: FakeApi): string {
  const last = api.mainRequests.at(-1);
  const user = [...(last?.messages ?? [])].reverse().find((m: any) => m.role === 'user');
  return JSON.stringify(user?.content ?? '');
}

test('/context-sync:sync-dashboard starts the dashboard in the background, then gives the URL of the one running', async () => {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'README.md': '# p\n' });
  const first = await oneShot(sb, repo, '/context-sync:sync-dashboard', [{ text: 'Here it is.' }]);
  assert.equal(first.result.is_error, false, JSON.stringify(first.result));
  const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(commandTurn(first.api))?.[0];
  assert.ok(url, `the model was shown the URL: ${commandTurn(first.api)}`);
  const record = JSON.parse(readFileSync(join(sb.store, 'dashboard.json'), 'utf8'));
  try {
    assert.equal(record.url, url);
    // Outlives the claude process that started it, and answers.
    assert.equal((await get(url)).status, 303);
    const again = await oneShot(sb, repo, '/context-sync:sync-dashboard', [{ text: 'Same one.' }]);
    assert.ok(commandTurn(again.api).includes(url), 'the same dashboard, not a second one');
    assert.match(commandTurn(again.api), /already running/);
  } finally {
    process.kill(record.pid, 'SIGTERM');
  }
});
