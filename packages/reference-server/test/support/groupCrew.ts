import type { Group } from '@imkit/sdk';
import { befriend, registerUser, type TestUser } from './users.js';

/** The four users of {@link groupCrew} and the group Alice created. */
export interface GroupCrew {
  /** The group's owner. */
  alice: TestUser;
  /** A member, Alice's friend. */
  bob: TestUser;
  /** A member, Alice's friend. */
  carol: TestUser;
  /** An outsider: registered, nobody's friend, in no group. */
  dave: TestUser;
  /** The group `Climbers` as `createGroup` answered it. */
  group: Group;
}

/**
 * Registers Alice, Bob, Carol and Dave on the server at `url`, makes Bob and Carol Alice's
 * friends, and has Alice create the group `Climbers` with Bob and Carol as plain members.
 * @param url the server's base URL.
 * @throws whatever the SDK throws when a registration, friendship or `createGroup` fails.
 */
export async function groupCrew(url: string): Promise<GroupCrew> {
  const [alice, bob, carol, dave] = (await Promise.all(
    ['alice', 'bob', 'carol', 'dave'].map((name) => registerUser(url, name)),
  )) as [TestUser, TestUser, TestUser, TestUser];
  await befriend(alice, bob);
  await befriend(alice, carol);
  const group = await alice.client.createGroup({
    body: { name: 'Climbers', member_ids: [bob.user.id, carol.user.id] },
  });
  return { alice, bob, carol, dave, group };
}
