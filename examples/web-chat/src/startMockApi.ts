import { API_PREFIX } from '../proxy.js';

/**
 * Answers every API call in the browser from the spec's examples (MSW's service worker), for
 * `?mock`: the page works with no server at all. Loaded only in that mode, with the spec.
 */
export async function startMockApi(): Promise<void> {
  const [{ setupWorker }, { mockHandlersFromSpec }, spec] = await Promise.all([
    import('msw/browser'),
    import('@imkit/mock-server/browser'),
    import('@imkit/openapi/openapi.json'),
  ]);
  const handlers = mockHandlersFromSpec(spec.default, `${location.origin}${API_PREFIX}`);
  await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });
  // On a first visit the worker may be active before it controls this page; until it does,
  // requests would go past it to the network.
  // Waits at most 3 s: a page loaded with a forced reload is never controlled.
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
      setTimeout(resolve, 3000);
    });
  }
}
