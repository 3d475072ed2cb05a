import { createImkitClient, isImkitError } from '@imkit/sdk';
import { API_PREFIX } from '../proxy.js';
import { ChatApp } from './chatApp.js';
import { byId } from './dom.js';

/** `?mock`: every API call is answered in the browser from the spec's examples. */
const mock = new URLSearchParams(location.search).has('mock');

async function main(): Promise<void> {
  if (mock) {
    const { startMockApi } = await import('./startMockApi.js');
    await startMockApi();
  }
  const client = createImkitClient({ baseUrl: `${location.origin}${API_PREFIX}` });
  const form = byId<HTMLFormElement>('login');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byId('login-error');
    error.textContent = '';
    try {
      const session = await client.login({
        body: {
          login: byId<HTMLInputElement>('username').value.trim(),
          password: byId<HTMLInputElement>('password').value,
        },
      });
      form.hidden = true;
      await new ChatApp(client, session.user, !mock).start();
    } catch (failure) {
      error.textContent = isImkitError(failure) ? failure.message : String(failure);
    }
  });
}

void main();
