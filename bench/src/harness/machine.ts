import os from 'node:os';

/** The machine a run measured, for the report: node version, CPU model and cores, memory, OS. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const memory = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
  return [
    `node ${process.version}`,
    `${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    `${memory} RAM`,
    `${os.type()} ${os.release()} ${os.arch()}`,
  ].join(', ');
}
