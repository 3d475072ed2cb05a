import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as browser from '../src/browser.js';
import * as index from '../src/index.js';
import { LazyWebSocket } from '../src/lazyWebSocket.js';
import * as node from '../src/node.js';

const packageDir = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, packageDir), 'utf8');

describe('package entries', () => {
  it('re-exports every component schema of the spec as a type by its name', () => {
    const spec = JSON.parse(read('../../openapi/dist/openapi.json')) as {
      components: { schemas: object };
    };
    const blocks = read('src/index.ts').matchAll(
      /export type \{([^}]*)\} from '\.\/generated\/openapi\.js'/g,
    );
    const exported = new Set([...blocks].flatMap((block) => block[1]?.match(/\w+/g) ?? []));
    const missing = Object.keys(spec.components.schemas).filter((name) => !exported.has(name));
    expect(missing).toEqual([]);
  });

  it('gives the node entry the runtime surface of index plus the file helpers, and the browser entry all but the group helpers', () => {
    const names = Object.keys(index).sort();
    // The group helpers stay out of the browser entry: its size budget has no room for them.
    const nodeOnly = ['GroupReferenceError', 'iterateGroupMembers', 'resolveGroup'];
    expect(names).toEqual(
      [
        'ImkitError',
        'MemoryTokenStore',
        'createImkitClient',
        'isImkitError',
        'newClientMessageId',
        'operationRoutes',
        'RealtimeClient',
        ...nodeOnly,
      ].sort(),
    );
    // Reading and writing local files needs Node: the file helpers are in its entry only.
    const fileHelpers = [
      'downloadFileToPath',
      'fileNameFromDisposition',
      'openFileDownload',
      'uploadFileFromPath',
    ];
    expect(Object.keys(node).sort()).toEqual([...names, ...fileHelpers].sort());
    expect(Object.keys(browser).sort()).toEqual(names.filter((name) => !nodeOnly.includes(name)));
  });

  it.skipIf(!existsSync(new URL('dist/browser.js', packageDir)))(
    'keeps `ws` out of the built browser entry and its chunks',
    () => {
      const imports = (file: string): string[] =>
        [
          ...read(`dist/${file}`).matchAll(/from\s*["']([^"']+)["']|import\s*["']([^"']+)["']/g),
        ].map((match) => match[1] ?? match[2] ?? '');
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const target of imports(file)) if (target.startsWith('./')) visit(target.slice(2));
      };
      visit('browser.js');
      const external = [...seen].flatMap(imports).filter((target) => !target.startsWith('./'));
      expect(external).not.toContain('ws');
      // The node entry loads `ws` at the first connection, not when imported (issue 7).
      expect(imports('node.js')).not.toContain('ws');
      expect(read('dist/node.js')).toMatch(/require\w*\("ws"\)/);
    },
  );

  it('opens Node realtime sockets with `ws`, loaded at the first connection (issue 7)', () => {
    const socket = new LazyWebSocket('ws://127.0.0.1:9/realtime') as unknown as WebSocket;
    socket.on('error', () => {});
    expect(socket).toBeInstanceOf(WebSocket);
    expect(socket.url).toBe('ws://127.0.0.1:9/realtime');
    socket.terminate();
  });
});
