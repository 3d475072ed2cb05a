import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NGINX_CONFIG, renderNginxConfig } from './NginxBalancer.js';

const config = fs.readFileSync(NGINX_CONFIG, 'utf8');

describe('the nginx configuration of deploy/nginx/imkit.conf', () => {
  it('is the one the README shows (after its header comment)', () => {
    const readme = fs.readFileSync(
      path.resolve(path.dirname(NGINX_CONFIG), '../../README.md'),
      'utf8',
    );
    const shown = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
    const body = config.slice(config.indexOf('\n\n') + 2);
    expect(shown).toBe(body);
  });

  it('is rendered for the test with its own listen port and one upstream per process', () => {
    const rendered = renderNginxConfig(config, 9000, [9001, 9002, 9003]);
    expect(rendered).toContain('listen 127.0.0.1:9000;');
    expect(rendered.match(/server 127\.0\.0\.1:\d+/g)).toEqual([
      'server 127.0.0.1:9001',
      'server 127.0.0.1:9002',
      'server 127.0.0.1:9003',
    ]);
    expect(() => renderNginxConfig(config, 9000, [9001, 9002])).toThrow(
      /2 "server 127.0.0.1:<port>" lines \(found 3\)/,
    );
  });
});
