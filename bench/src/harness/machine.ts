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

/**
 * How busy the machine was when the run began: the 1-minute load average against the number
 * of cores (other work on a shared machine slows imkit and its baselines alike, but not
 * exactly alike, so a busy run's ratios are noisier).
 */
export function describeLoad(): string {
  return `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores at the start`;
}
