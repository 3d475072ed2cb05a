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

describe('parseChatInput: commands about a message (issue 10)', () => {
  it.each([
    ['/reply #3 sure, 8pm', { kind: 'reply', to: { number: 3 }, text: 'sure, 8pm' }],
    ['/reply 12   two  spaces', { kind: 'reply', to: { number: 12 }, text: 'two  spaces' }],
    ['/REPLY m-0001 ok', { kind: 'reply', to: { id: 'm-0001' }, text: 'ok' }],
    ['/edit #1 fixed typo', { kind: 'edit', message: { number: 1 }, text: 'fixed typo' }],
    ['/react #2 👍', { kind: 'react', message: { number: 2 }, emoji: '👍' }],
    ['/react 2 👩‍💻', { kind: 'react', message: { number: 2 }, emoji: '👩‍💻' }],
    ['/recall #4', { kind: 'recall', message: { number: 4 } }],
    ['/file ./photos/cat one.png', { kind: 'file', path: './photos/cat one.png' }],
  ])('reads %j', (line, expected) => {
    expect(parseChatInput(line)).toEqual(expected);
  });

  it.each([
    ['/reply', '/reply <msg> <text>'],
    ['/reply #3', '/reply <msg> <text>'],
    ['/reply #3    ', '/reply <msg> <text>'],
    ['/edit', '/edit <msg> <text>'],
    ['/react #2', '/react <msg> <emoji>'],
    ['/react #2 👍 👎', '/react <msg> <emoji>'],
    ['/recall', '/recall <msg>'],
    ['/recall #4 now', '/recall <msg>'],
    ['/recall bad/id', '/recall <msg>'],
    ['/file', '/file <path>'],
  ])('refuses %j with how to type it', (line, usage) => {
    expect(parseChatInput(line)).toEqual({ kind: 'invalid', usage });
  });
});
