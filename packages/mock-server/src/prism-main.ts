import { startPrismMock } from './startPrismMock.js';

// The entry of `npm run mock`: Prism on the bundled spec's examples, on PORT (default 4010).
const port = Number(process.env.PORT ?? 4010);
const mock = await startPrismMock({ port, stdio: 'inherit' });
process.stdout.write(`imkit mock (Prism) listening on ${mock.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    mock.process.kill(signal);
  });
}
mock.process.once('exit', (code) => {
  process.exitCode = code ?? 0;
});
