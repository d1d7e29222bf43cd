// The page in headless chromium over a store a hostile peer wrote into: labels, tasks, file names,
// symbols and messages show as text and never run; the page fetches nothing but its own server;
// it follows the system's light or dark setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { FakeRegistry } from '../harness/fake-registry.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { findProject } from '../../src/sessions/project.js';
import { startCli } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('hostile store content is shown as text and never runs; nothing is fetched from elsewhere; light and dark', { skip: !existsSync(CHROMIUM) && `${CHROMIUM} is not installed` }, async () => {
  const reg = new FakeRegistry();
  const repo = join(reg.root, 'proj');
  mkdirSync(repo);
  const project = findProject(repo);
  const store = new ProjectStore(reg.store, project.key);
  const [a, b] = [reg.add(repo), reg.add(repo)];
  const task = '<img src=x onerror="window.pwned=1">';
  store.writeMeta({ v: 1, sessionId: a.sessionId, cwd: repo, worktree: project.worktree, branch: '<script>window.pwned=2</script>', startedAt: Date.now(), task });
  const file = 'src/<b onmouseover=window.pwned=3>x</b>.ts';
  const symbol = '"><svg onload=window.pwned=4>';
  for (const s of [a, b]) store.appendEdit({ v: 1, ts: Date.now(), session: s.sessionId, file, worktree: project.worktree, tool: 'Edit', ranges: [[1, 1]], symbols: [symbol] });
  const text = '</p><script>window.pwned=5</script><a href="javascript:window.pwned=6">click</a>';
  store.deliverToInbox(a.sessionId, { v: 1, id: '00000001a-aaaa', from: b.sessionId, fromLabel: '<i>b</i>', to: a.sessionId, text, sentAt: Date.now() });
  const d = await startCli(reg.env(), repo);
  const profile = mkdtempSync(join(tmpdir(), 'ccs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(d.origin) && elsewhere.push(r.url()));
    await page.goto(d.url);
    await page.locator(`#sessions-body tr[data-session="${a.sessionId}"]`).waitFor();
    await page.locator('#messages-body li[data-message]').waitFor();
    await page.locator('td.cell[data-conflict]').first().waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined, 'nothing from the store ran');
    // Peer text reaches every reader reduced to a plain line (no tag brackets), and as text, never markup.
    assert.ok((await page.locator('#sessions-body').innerText()).includes('img src=x onerror="window.pwned=1"'), 'the task is shown as plain text');
    assert.ok((await page.locator('#map-body').innerText()).includes(symbol));
    assert.ok((await page.locator('#conflicts-body').innerText()).includes(file));
    assert.ok((await page.locator('#messages-body').innerText()).includes(text));
    assert.equal(await page.locator('#messages-body a, #sessions-body img, #map-body svg, main script').count(), 0, 'no element made from store text');
    assert.deepEqual(elsewhere, []);
    assert.deepEqual(problems, []);
    // Keyboard: 4 goes to the messages.
    await page.keyboard.press('4');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'messages-title');
    // The system's colour scheme decides.
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    assert.notEqual(light, dark);
    const lum = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).reduce((s, v) => s + Number(v), 0);
    assert.ok(lum(dark) < lum(light), `dark is darker: ${dark} vs ${light}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await d.stop();
    reg.close();
  }
});
