import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { authenticateRequest } from '../auth/authenticateRequest.js';
import type { Services } from '../domain/Services.js';
import { GroupGate } from '../groups/GroupGate.js';
import { accountHandlers } from '../handlers/accountHandlers.js';
import { authHandlers } from '../handlers/authHandlers.js';
import { conversationHandlers } from '../handlers/conversationHandlers.js';
import { conversationSettingsHandlers } from '../handlers/conversationSettingsHandlers.js';
import { fileHandlers } from '../handlers/fileHandlers.js';
import { friendHandlers } from '../handlers/friendHandlers.js';
import { groupAnnouncementHandlers } from '../handlers/groupAnnouncementHandlers.js';
import { groupHandlers } from '../handlers/groupHandlers.js';
import { groupLifecycleHandlers } from '../handlers/groupLifecycleHandlers.js';
import { groupMemberHandlers } from '../handlers/groupMemberHandlers.js';
import { groupRequestHandlers } from '../handlers/groupRequestHandlers.js';
import { messageHandlers } from '../handlers/messageHandlers.js';
import { messageSearchHandlers } from '../handlers/messageSearchHandlers.js';
import { realtimeHandlers } from '../handlers/realtimeHandlers.js';
import { socialHandlers } from '../handlers/socialHandlers.js';
import { systemHandlers } from '../handlers/systemHandlers.js';
import { userHandlers } from '../handlers/userHandlers.js';
import { ApiError } from '../http/ApiError.js';
import { buildRouter } from '../http/buildRouter.js';
import { logAppError, problemMiddleware } from '../http/problemMiddleware.js';
import { reportRefusal, setRateLimitHeaders } from '../http/rateLimits/rateLimitHeaders.js';
import { securityHeaders } from '../http/securityHeaders.js';
import { compileValidators } from '../spec/compileValidators.js';
import type { OpenApiDocument } from '../spec/loadSpec.js';

/** Largest JSON body accepted, in bytes. A text message is at most 5000 characters. */
const MAX_JSON_BYTES = 256 * 1024;

/**
 * Builds the Koa application (no socket): problem-details errors, JSON body parsing,
 * and one route per implemented spec operation, validated against the spec.
 * @returns the app and the spec operations it does not implement yet.
 */
export function createApp(
  services: Services,
  spec: OpenApiDocument,
): { app: Koa; unimplemented: string[] } {
  const app = new Koa({ proxy: services.config.trustProxy, maxIpsCount: 1 });
  const limits = services.rateLimits;
  const gate = new GroupGate(spec, () => services.db);
  const { router, unimplemented } = buildRouter({
    spec,
    validators: compileValidators(spec),
    handlers: {
      ...systemHandlers(services, spec.info.version),
      ...authHandlers(services),
      ...userHandlers(services),
      ...friendHandlers(services),
      ...conversationHandlers(services),
      ...groupHandlers(services),
      ...groupLifecycleHandlers(services),
      ...groupMemberHandlers(services),
      ...groupRequestHandlers(services, gate),
      ...groupAnnouncementHandlers(services),
      ...messageHandlers(services),
      ...messageSearchHandlers(services),
      ...conversationSettingsHandlers(services),
      ...fileHandlers(services),
      ...accountHandlers(services),
      ...socialHandlers(services),
      ...realtimeHandlers(),
    },
    authenticate: (ctx) =>
      reportRefusal(ctx, () =>
        limits.authenticate(ctx.ip, () => authenticateRequest(services, ctx)),
      ),
    authorize: (operationId, path, auth) => gate.check(operationId, path, auth),
    beforeOperation: async (ctx, operationId, auth) => {
      const states = await reportRefusal(ctx, () =>
        limits.consume(operationId, ctx.ip, auth?.userId),
      );
      setRateLimitHeaders(ctx, states);
    },
  });
  app.use(securityHeaders());
  app.on('error', logAppError(services.logger));
  app.use(problemMiddleware(services.logger));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: MAX_JSON_BYTES, encoding: 'utf-8' }));
  app.use(router.routes());
  app.use(async (ctx) => {
    const allowed = router.match(ctx.path, ctx.method);
    if (allowed.path.length > 0) {
      throw new ApiError(405, 'method.not_allowed', `${ctx.method} is not allowed on ${ctx.path}.`);
    }
    throw new ApiError(404, 'route.not_found', `No operation at ${ctx.method} ${ctx.path}.`);
  });
  return { app, unimplemented };
}
