import { describe, expect, it } from 'vitest';
import { checkResponse } from './contractCheck.js';

const base = 'http://127.0.0.1:1';
const problem = 'application/problem+json';

describe('the contract check used by every end-to-end test', () => {
  it('accepts a response that matches the spec', () => {
    const health = {
      status: 'ok',
      version: '0.1.0',
      time: '2026-11-21T09:30:00.000Z',
      checks: { database: 'up', redis: 'not_configured' },
    };
    expect(checkResponse('GET', `${base}/health`, 200, 'application/json', health)).toEqual([]);
  });

  it('reports a body that breaks the schema, an undocumented status and an unknown path', () => {
    expect(
      checkResponse('GET', `${base}/health`, 200, 'application/json', { status: 'ok' }),
    ).not.toEqual([]);
    expect(checkResponse('GET', `${base}/health`, 418, 'application/json', {})).toEqual([
      'GET /health → 418: status not documented',
    ]);
    expect(checkResponse('GET', `${base}/nowhere`, 200, 'application/json', {})[0]).toContain(
      'no such path',
    );
  });

  it('follows shared responses by reference', () => {
    const notFound = { type: 'x', title: 'Not found', status: 404, code: 'conversation.not_found' };
    expect(checkResponse('GET', `${base}/conversations/c1`, 404, problem, notFound)).toEqual([]);
    expect(
      checkResponse('GET', `${base}/conversations/c1`, 404, problem, { status: 404 }),
    ).not.toEqual([]);
  });
});
