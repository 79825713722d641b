/**
 * The playground in a real browser: Debian's headless Chromium driven by playwright-core against
 * `startPlayground` (the same start as `npm run playground`: the simulated cloud, the bot in all
 * roles on a real Redis, the web chat). A person's path through it: status, check, enable as the
 * requester, approve as the approver until "Done", then a gcfsd storm that ends as one alert per
 * problem. The final page is saved as test-output/playground.png (the README's picture is one).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type Playground, startPlayground } from '../../playground/start-playground';
import { STORM_PROBLEMS } from '../../playground/sim/storm';
import { TEST_REDIS_URL } from '../support/redis-url';
import { until } from '../support/until';

jest.setTimeout(120_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = path.join(__dirname, '../../test-output');
const WAIT_MS = 45_000;

let playground: Playground;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`);
  }
  playground = await startPlayground({ REDIS_URL: TEST_REDIS_URL, PORT: '0', PATH: process.env.PATH });
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`http://127.0.0.1:${playground.port}/playground`);
});

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
});

/** Types a command as `user` and sends it. */
async function run(user: 'alice' | 'bob', text: string): Promise<void> {
  await page.selectOption('#user', user);
  await page.fill('#command', text);
  await page.click('#send');
}

/** The channel's message that holds `text`, once it shows. */
async function messageWith(text: string) {
  const message = page.locator('#channel .message', { hasText: text }).last();
  await message.waitFor({ timeout: WAIT_MS });
  return message;
}

it('says on the page that the cloud is simulated', async () => {
  await page.locator('#simulated-banner', { hasText: /simulated/i }).waitFor({ timeout: WAIT_MS });
});

it('answers status and check from the simulated cloud', async () => {
  await run('alice', '/imagestream status shop');
  await messageWith('Image streaming on shop');
  await run(
    'alice',
    'check us-east1-docker.pkg.dev/acme-prod/web/frontend:v5 --cluster web --location us-east1 --pool default-pool',
  );
  await messageWith('Eligible: this image will be streamed');
});

it('enables streaming through an approval: refused for the requester, approved by the approver, then done', async () => {
  await run('alice', 'enable shop');
  const request = await messageWith('Approve');
  const id = await request.getAttribute('data-id');
  // Alice is no approver (and asked for it): her Approve is refused, privately.
  await request.locator('button[data-action="imagestream_approve"]').click();
  await page
    .locator('#channel .message.private', { hasText: 'Only approvers can approve this request' })
    .waitFor({ timeout: WAIT_MS });
  // Bob approves; the same message moves on in place until the change is done.
  await page.selectOption('#user', 'bob');
  const same = page.locator(`#channel .message[data-id="${id}"]`);
  await same.locator('button[data-action="imagestream_approve"]').click();
  await page.locator(`#channel .message[data-id="${id}"]`, { hasText: 'Done' }).waitFor({ timeout: WAIT_MS });
});

it('turns a gcfsd storm into one alert per problem, updated in place', async () => {
  await page.click('#storm');
  const alerts = page.locator('#channel .message:has(button[data-action="imagestream_mute_1h"])');
  // Every problem's alert shows, and the storm has ended (the simulator says so).
  const stormRunning = async () => {
    const sim = (await (await fetch(`http://127.0.0.1:${playground.port}/playground/sim`)).json()) as {
      storm: { running: boolean };
    };
    return sim.storm.running;
  };
  await until(
    async () => !(await stormRunning()) && (await alerts.count()) >= STORM_PROBLEMS.length,
    WAIT_MS,
    'every problem of the storm to show its alert',
    async () => ({ alerts: await alerts.count() }),
  );
  expect(await alerts.count()).toBe(STORM_PROBLEMS.length);
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, 'playground.png'), fullPage: true });
});
