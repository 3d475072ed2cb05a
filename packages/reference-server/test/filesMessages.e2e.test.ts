import { newClientMessageId, openFileDownload, uploadFileFromPath } from '@imkit/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/expectCode.js';
import { fileClient, takeFileViolations } from './support/fileContractCheck.js';
import { mp3, PNG, webm, writeTemp } from './support/fileSamples.js';
import { groupCrew } from './support/groupCrew.js';
import { pointers, rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { befriend, friendsWithConversation, registerUser, type TestUser } from './support/users.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
afterEach(() => {
  expect(takeFileViolations()).toEqual([]);
});

async function upload(user: TestUser, name: string, bytes: Buffer) {
  return uploadFileFromPath(await fileClient(t.url, user), writeTemp(name, bytes));
}

/** Alice and Bob, friends, and a function that sends raw message bodies as Alice. */
async function chat() {
  const pair = await friendsWithConversation(t.url);
  const token = await pair.alice.client.getAccessToken();
  const send = (content: unknown, clientMessageId = newClientMessageId()) =>
    rawRequest(t.url, 'POST', `/conversations/${pair.conversationId}/messages`, {
      token,
      body: { client_message_id: clientMessageId, content },
    });
  const history = async () =>
    (await pair.bob.client.listMessages({ path: { conversation_id: pair.conversationId } })).items;
  return { ...pair, send, history };
}

describe('media messages name uploaded files; the server fills in the rest', () => {
  it('completes image, audio, video and file content, and members can download them', async () => {
    const { alice, bob, send, history } = await chat();
    const image = await upload(alice, 'summit.png', PNG);
    const audio = await upload(alice, 'take.mp3', mp3());
    const video = await upload(alice, 'clip.webm', webm());
    const thumbnail = await upload(alice, 'thumb.png', PNG);
    const doc = await upload(alice, 'topo.txt', Buffer.from('route: 5.10a\n'));
    const url = (id: string) => `${t.url}/files/${id}/content`;
    const cases = [
      [
        { type: 'image', file_id: image.id, width: 1, height: 1, caption: 'top' },
        { url: url(image.id), size: image.size },
      ],
      [
        { type: 'audio', file_id: audio.id, duration_ms: 5200 },
        { url: url(audio.id), size: audio.size },
      ],
      [
        { type: 'video', file_id: video.id, thumbnail_file_id: thumbnail.id, duration_ms: 1000 },
        { url: url(video.id), size: video.size },
      ],
      [
        { type: 'file', file_id: doc.id, name: 'Topo.txt' },
        { url: url(doc.id), size: doc.size, content_type: 'text/plain; charset=utf-8' },
      ],
    ] as const;
    for (const [content, filled] of cases) {
      const answer = await send(content);
      expect(answer.status).toBe(201);
      expect(answer.body?.content).toEqual({ ...content, ...filled });
    }
    expect((await history()).map((m) => m.content)).toEqual(
      cases.map(([content, filled]) => ({ ...content, ...filled })),
    );
    const bobFiles = await fileClient(t.url, bob);
    for (const file of [image, audio, video, thumbnail, doc]) {
      const download = await openFileDownload(bobFiles, file.id);
      expect([download.status, download.contentLength]).toEqual([200, file.size]);
      download.body.resume();
    }
  });

  it('answers a retry with the same message, not a conflict', async () => {
    const { alice, send } = await chat();
    const image = await upload(alice, 'a.png', PNG);
    const id = newClientMessageId();
    const first = await send({ type: 'image', file_id: image.id }, id);
    const again = await send({ type: 'image', file_id: image.id }, id);
    expect([first.status, again.status, again.body?.id]).toEqual([201, 200, first.body?.id]);
  });

  it('refuses a file that is not an image in an image message or as a video thumbnail', async () => {
    const { alice, send, history } = await chat();
    const doc = await upload(alice, 'notes.txt', Buffer.from('not an image'));
    const video = await upload(alice, 'clip.webm', webm());
    const image = await send({ type: 'image', file_id: doc.id });
    expect([image.status, image.body?.code, ...pointers(image)]).toEqual([
      422,
      'validation.failed',
      '/body/content/file_id',
    ]);
    const thumb = await send({ type: 'video', file_id: video.id, thumbnail_file_id: doc.id });
    expect([thumb.status, thumb.body?.code, ...pointers(thumb)]).toEqual([
      422,
      'validation.failed',
      '/body/content/thumbnail_file_id',
    ]);
    expect(await history()).toEqual([]);
    // Nothing was recorded: the video was not sent, so it still expires.
    const info = await alice.client.getFile({ path: { file_id: video.id } });
    expect(info.expires_at).not.toBeNull();
  });

  it("refuses someone else's file, an unknown one and a deleted one with file.not_found", async () => {
    const { alice, send, history } = await chat();
    const carol = await registerUser(t.url, 'carol');
    const carols = await upload(carol, 'c.png', PNG);
    const deleted = await upload(alice, 'd.png', PNG);
    await alice.client.deleteFile({ path: { file_id: deleted.id } });
    for (const fileId of [carols.id, 'no-such-file', deleted.id]) {
      const answer = await send({ type: 'image', file_id: fileId });
      expect([answer.status, answer.body?.code, ...pointers(answer)]).toEqual([
        422,
        'file.not_found',
        '/body/content/file_id',
      ]);
    }
    expect(await history()).toEqual([]);
    // Carol's file stays hers alone.
    expect(await failure(alice.client.getFile({ path: { file_id: carols.id } }))).toEqual({
      status: 404,
      code: 'file.not_found',
    });
  });

  it('lets a member forward a file received in one conversation to another', async () => {
    const { alice, bob, conversationId } = await chat();
    const dave = await registerUser(t.url, 'dave');
    await befriend(bob, dave);
    const other = await bob.client.openDirectConversation({ body: { user_id: dave.user.id } });
    const image = await upload(alice, 'a.png', PNG);
    await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'image', file_id: image.id },
      },
    });
    expect(await failure(dave.client.getFile({ path: { file_id: image.id } }))).toMatchObject({
      status: 404,
    });
    await bob.client.sendMessage({
      path: { conversation_id: other.id },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'image', file_id: image.id },
      },
    });
    expect((await dave.client.getFile({ path: { file_id: image.id } })).id).toBe(image.id);
  });
});

describe('files in groups', () => {
  it('are readable by current members only: not outsiders, not removed members', async () => {
    const { alice, bob, carol, dave, group } = await groupCrew(t.url);
    const image = await upload(bob, 'g.png', PNG);
    await bob.client.sendMessage({
      path: { conversation_id: group.conversation_id },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'image', file_id: image.id },
      },
    });
    expect((await carol.client.getFile({ path: { file_id: image.id } })).id).toBe(image.id);
    expect((await alice.client.getFile({ path: { file_id: image.id } })).id).toBe(image.id);
    expect((await failure(dave.client.getFile({ path: { file_id: image.id } }))).code).toBe(
      'file.not_found',
    );
    await alice.client.removeGroupMember({ path: { group_id: group.id, user_id: carol.user.id } });
    expect((await failure(carol.client.getFile({ path: { file_id: image.id } }))).code).toBe(
      'file.not_found',
    );
  });
});

describe('group cards', () => {
  it("are filled in from the group's name and avatar", async () => {
    const { alice, bob, conversationId } = await chat();
    const group = await alice.client.createGroup({
      body: { name: 'Boulderers', avatar_url: 'https://example.com/b.png' },
    });
    const card = await alice.client.sendMessage({
      path: { conversation_id: conversationId },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'card', card_type: 'group', id: group.id },
      },
    });
    const expected = {
      type: 'card',
      card_type: 'group',
      id: group.id,
      title: 'Boulderers',
      avatar_url: 'https://example.com/b.png',
    };
    expect(card.content).toEqual(expected);
    const seen = await bob.client.listMessages({ path: { conversation_id: conversationId } });
    expect(seen.items.map((m) => m.content)).toEqual([expected]);
  });

  it('refuse a group that does not exist or was dismissed, pointing at the id', async () => {
    const { alice, send, history } = await chat();
    const group = await alice.client.createGroup({ body: { name: 'Short-lived' } });
    await alice.client.dismissGroup({ path: { group_id: group.id } });
    for (const id of ['no-such-group', group.id]) {
      const answer = await send({ type: 'card', card_type: 'group', id });
      expect([answer.status, answer.body?.code, ...pointers(answer)]).toEqual([
        422,
        'group.not_found',
        '/body/content/id',
      ]);
    }
    expect(await history()).toEqual([]);
  });
});
