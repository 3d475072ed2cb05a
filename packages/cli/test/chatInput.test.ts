import { describe, expect, it } from 'vitest';
import { parseChatInput } from '../src/chat/chatInput.js';

describe('parseChatInput (issue 6 #14)', () => {
  it.each([
    ['/quit', { kind: 'quit' }],
    ['  /Quit  ', { kind: 'quit' }],
    ['/help', { kind: 'help' }],
    ['/qiut', { kind: 'unknown', command: '/qiut' }],
    ['/nick alice', { kind: 'unknown', command: '/nick' }],
    ['//shrug', { kind: 'send', text: '/shrug' }],
    ['//', { kind: 'send', text: '/' }],
    ['/', { kind: 'send', text: '/' }],
    ['/ shrug', { kind: 'send', text: '/ shrug' }],
    ['/usr/bin is here', { kind: 'send', text: '/usr/bin is here' }],
    ['hello /quit', { kind: 'send', text: 'hello /quit' }],
    ['   ', { kind: 'skip' }],
    ['\t', { kind: 'skip' }],
  ])('reads %j', (line, expected) => {
    expect(parseChatInput(line)).toEqual(expected);
  });
});
