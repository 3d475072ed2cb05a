import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '@imkit/mock-server';
import { createImkitClient, type ImkitClient } from '@imkit/sdk';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyTo } from '../proxy.js';

/** Debian's Chromium (`apt-get install chromium`, which `.ci/run` does); `IMKIT_TEST_CHROMIUM` names another. */
const CHROMIUM = process.env.IMKIT_TEST_CHROMIUM ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'correct horse battery';

let server: TestServer;
let outDir: string;
let bundle: Rolldown.OutputChunk[];
let site: PreviewServer;
let url: string;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  outDir = await mkdtemp(join(tmpdir(), 'imkit-web-chat-'));
  const output = await build({ root, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const outputs = Array.isArray(output) ? output : [output];
  bundle = outputs
    .flatMap((o) => ('output' in o ? o.output : []))
    .filter((f) => f.type === 'chunk');
  site = await preview({
    root,
    logLevel: 'silent',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, proxy: proxyTo(server.url) },
  });
  url = site.resolvedUrls?.local[0] ?? '';
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Registers `username` through the API (the page only logs in). */
async function register(username: string): Promise<ImkitClient & { id: string }> {
  const client = createImkitClient({ baseUrl: server.url });
  const { user } = await client.register({ body: { username, password: PASSWORD } });
  return Object.assign(client, { id: user.id });
}

/** A fresh browser context (its own storage) with the page logged in as `username`. */
async function loggedIn(username: string, query = ''): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}${query}`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('#login button');
  await page.waitForSelector('#app:not([hidden]), #login-error:not(:empty)');
  expect(await page.textContent('#login-error'), 'the login was refused').toBe('');
  return page;
}

describe('the web chat example in headless Chromium (issue 12)', () => {
  it('two users chat live, with unread counts and typing', async () => {
    const alice = await register('web_alice');
    const bob = await register('web_bob');
    const request = await alice.sendFriendRequest({ body: { user_id: bob.id } });
    await bob.acceptFriendRequest({ path: { request_id: request.id } });
    await alice.openDirectConversation({ body: { user_id: bob.id } });

    const alicePage = await loggedIn('web_alice');
    const bobPage = await loggedIn('web_bob');
    await alicePage.click('#conversations li');
    await alicePage.fill('#text', 'hi Bob, are you there?');
    await alicePage.press('#text', 'Enter');
    await alicePage.waitForSelector('#messages li:has-text("hi Bob, are you there?")');

    // Bob has not opened the conversation: the list shows one unread message, live.
    await bobPage.waitForSelector('#conversations li .unread:has-text("1")');
    await bobPage.click('#conversations li');
    await bobPage.waitForSelector('#messages li:has-text("hi Bob, are you there?")');
    await bobPage.waitForSelector('#conversations li:not(:has(.unread))');

    // Bob types: Alice sees it; then his answer arrives live and the indicator goes.
    await bobPage.type('#text', 'yes!');
    await alicePage.waitForSelector('#typing:has-text("web_bob is typing")');
    await bobPage.press('#text', 'Enter');
    await alicePage.waitForSelector('#messages li:has-text("yes!")');
    expect(await alicePage.textContent('#typing')).toBe('');
    expect(await alicePage.locator('#messages li').allTextContents()).toEqual([
      'web_alicehi Bob, are you there?',
      'web_bobyes!',
    ]);
  });

  it('runs with no server at all on MSW in the browser (?mock)', async () => {
    const page = await loggedIn('alice', '?mock');
    // The spec's example conversation page, answered by the service worker.
    await page.waitForSelector('#conversations li');
    expect(await page.locator('#conversations li').count()).toBeGreaterThan(0);
  });

  it('ships a bundle with no `ws` and no Node built-ins', () => {
    const modules = bundle.flatMap((chunk) => chunk.moduleIds);
    expect(modules.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const offending = modules.filter(
      (id) =>
        /[\\/]node_modules[\\/]ws[\\/]/.test(id) ||
        builtins.has(id) ||
        id.includes('__vite-browser-external'),
    );
    expect(offending).toEqual([]);
  });
});
