import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type PrismMock, startPrismMock } from '../src/index.js';

describe('startPrismMock', () => {
  let mock: PrismMock;

  beforeAll(async () => {
    mock = await startPrismMock({ port: await freePort() });
  }, 60_000);

  afterAll(async () => {
    await mock?.close();
  });

  it('answers GET /health with the spec example', async () => {
    const response = await fetch(`${mock.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('stops the Prism process on close', async () => {
    const other = await startPrismMock({ port: await freePort() });
    await other.close();
    expect(other.process.exitCode !== null || other.process.signalCode !== null).toBe(true);
  }, 60_000);
});
