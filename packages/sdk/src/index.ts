/**
 * @imkit/sdk: the typed imkit client. One method per operation of the imkit OpenAPI spec,
 * automatic token refresh, typed errors, pagination and a realtime client that resumes without
 * loss or duplicates. Runtime entries: `node.js` (with `ws`) and `browser.js`; this module
 * carries the shared surface and every type.
 * @packageDocumentation
 */

export type {
  ImkitClient,
  ImkitClientExtras,
  ImkitClientOptions,
} from './createImkitClient.js';
export { createImkitClient } from './createImkitClient.js';
export type {
  AuthSession,
  Conversation,
  ConversationPage,
  components,
  ErrorCode,
  FieldError,
  Friend,
  FriendPage,
  FriendRequest,
  FriendRequestAcceptedEvent,
  FriendRequestCreatedEvent,
  FriendRequestPage,
  FriendRequestRejectedEvent,
  FriendRequestStatus,
  Health,
  LoginRequest,
  MarkReadRequest,
  Message,
  MessageContent,
  MessageCreatedEvent,
  MessagePage,
  MessageReadEvent,
  OpenDirectConversationRequest,
  operations,
  Password,
  Presence,
  Problem,
  paths,
  ReadReceipt,
  RealtimeAckFrame,
  RealtimeAuthFrame,
  RealtimeClientFrame,
  RealtimeErrorFrame,
  RealtimeEvent,
  RealtimeEventFrame,
  RealtimeHelloFrame,
  RealtimePingFrame,
  RealtimePongFrame,
  RealtimeResumeFrame,
  RealtimeServerFrame,
  RefreshRequest,
  RegisterRequest,
  RejectFriendRequestRequest,
  SendFriendRequestRequest,
  SendMessageRequest,
  StreamPosition,
  TextContent,
  User,
  Username,
  UserPage,
  UserRef,
  UserSummary,
} from './generated/openapi.js';
export { operationRoutes } from './generated/operations.js';
export type { ClientErrorCode, ImkitErrorCode, ImkitErrorInit } from './ImkitError.js';
export { ImkitError, isImkitError } from './ImkitError.js';
export type { IterateMessagesOptions } from './iterateMessages.js';
export { newClientMessageId } from './newClientMessageId.js';
export type {
  CallOptions,
  OperationArgs,
  OperationId,
  OperationInput,
  OperationMethods,
  OperationResult,
} from './operationTypes.js';
export type { Page, PageItem, PaginatedOperationId } from './paginate.js';
export type { BackoffOptions } from './realtime/backoff.js';
export { RealtimeClient } from './realtime/RealtimeClient.js';
export type {
  RealtimeEventData,
  RealtimeEventListeners,
  RealtimeEventMeta,
  RealtimeEventType,
  RealtimeLifecycleListeners,
  RealtimeListeners,
  RealtimeOptions,
  RealtimeState,
  WebSocketConstructor,
  WebSocketLike,
} from './realtime/types.js';
export type { TokenStore, Tokens } from './tokenStore.js';
export { MemoryTokenStore } from './tokenStore.js';
