import {
  createGroupAnnouncement,
  deleteGroupAnnouncement,
  listGroupAnnouncements,
} from '../domain/groupAnnouncements.js';
import { listGroupEvents, markGroupEventsRead } from '../domain/groupEventFeed.js';
import type { Services } from '../domain/Services.js';
import { getUnreadCounts } from '../domain/unreadCounts.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/**
 * Handlers of group announcements, of the caller's group event feed and of the unread counts
 * (`listGroupAnnouncements`, `createGroupAnnouncement`, `deleteGroupAnnouncement`,
 * `listGroupEvents`, `markGroupEventsRead`, `getUnreadCounts`). Who may call the announcement
 * operations is checked before the handler by the `GroupGate` (`input.group`).
 */
export function groupAnnouncementHandlers(services: Services): OperationHandlers {
  return {
    async listGroupAnnouncements({ path, query }) {
      return { status: 200, body: await listGroupAnnouncements(services, path.group_id, query) };
    },
    async createGroupAnnouncement({ body, group }) {
      const announcement = await createGroupAnnouncement(services, group!, body.content);
      return { status: 201, body: announcement };
    },
    async deleteGroupAnnouncement({ path, group }) {
      await deleteGroupAnnouncement(services, group!, path.announcement_id);
      return { status: 204 };
    },
    async listGroupEvents({ auth, query }) {
      return { status: 200, body: await listGroupEvents(services, auth.userId, query) };
    },
    async markGroupEventsRead({ auth, body }) {
      return {
        status: 200,
        body: await markGroupEventsRead(services, auth.userId, body.up_to_event_id),
      };
    },
    async getUnreadCounts({ auth }) {
      return { status: 200, body: await getUnreadCounts(services.db, auth.userId) };
    },
  };
}
