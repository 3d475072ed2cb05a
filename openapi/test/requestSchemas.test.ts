import { describe, expect, it } from 'vitest';
import { resolve } from './exampleCases.js';
import { type Bundle, bundleOperations, loadBundle } from './loadBundle.js';

const spec = loadBundle();
const operations = bundleOperations(spec);
const schemasOf = spec.components.schemas as Bundle;

/** Every schema reachable from `node`, following `$ref`s once each, with a readable path. */
function reachable(node: unknown, path: string, seen = new Set<string>()): Array<[string, Bundle]> {
  if (!node || typeof node !== 'object') return [];
  const schema = node as Bundle;
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    return reachable(resolve(spec, schema), schema.$ref.split('/').pop()!, seen);
  }
  const found: Array<[string, Bundle]> = [[path, schema]];
  for (const [key, child] of Object.entries(schema)) {
    if (['example', 'examples', 'enum', 'const', 'default'].includes(key)) continue;
    found.push(...reachable(child, `${path}/${key}`, seen));
  }
  return found;
}

const requestSchemas = operations.flatMap((op) => {
  const content = op.operation.requestBody
    ? (resolve(spec, op.operation.requestBody).content as Bundle)
    : {};
  return Object.values(content).flatMap((media) =>
    reachable((media as Bundle).schema, `${op.operationId} body`),
  );
});

describe('request schemas describe only what a client may send (issue 6 #5)', () => {
  it('reach no readOnly property from any request body, so the SDK cannot send one', () => {
    expect(requestSchemas.length).toBeGreaterThan(200);
    const readOnly = requestSchemas.filter(([, schema]) => schema.readOnly === true);
    expect(readOnly.map(([path]) => path)).toEqual([]);
  });

  it('offer every message content type but tombstone to senders', () => {
    const sendable = Object.keys(schemasOf.SendableMessageContent.discriminator.mapping);
    const all = schemasOf.MessageType.enum as string[];
    expect(sendable.sort()).toEqual(all.filter((type) => type !== 'tombstone').sort());
  });

  it('keeps each sendable content a copy of its full content minus the read-only fields', () => {
    const drift = Object.entries(schemasOf.SendableMessageContent.discriminator.mapping).flatMap(
      ([type, ref]) => {
        const send = resolve(spec, { $ref: ref as string });
        const full = resolve(spec, { $ref: schemasOf.MessageContent.discriminator.mapping[type] });
        const writable = Object.entries(full.properties as Bundle).filter(([, s]) => !s.readOnly);
        const expected = Object.fromEntries(writable);
        return JSON.stringify(send.properties) === JSON.stringify(expected) ? [] : [type];
      },
    );
    expect(drift).toEqual([]);
  });

  it('states a byte limit on every free-form object a request may carry', () => {
    const freeForm = requestSchemas.filter(
      ([, s]) => s.type === 'object' && !s.properties && !s.allOf && !s.oneOf,
    );
    expect(freeForm.length).toBeGreaterThan(0);
    expect(freeForm.filter(([, s]) => !(s['x-max-bytes'] > 0)).map(([p]) => p)).toEqual([]);
  });
});

describe('URL fields (issue 6 #5)', () => {
  it('accept only http and https URLs everywhere in the contract', () => {
    const urls = reachable(spec.components, 'components').filter(([, s]) => s.format === 'uri');
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter(([, s]) => s.pattern !== '^https?://').map(([p]) => p)).toEqual([]);
  });
});

describe('JSON depth (issue 6 #5)', () => {
  it('states one nesting limit for every JSON body', () => {
    expect(spec['x-max-json-depth']).toBeGreaterThanOrEqual(8);
    expect(spec['x-max-json-depth']).toBeLessThanOrEqual(64);
  });
});
