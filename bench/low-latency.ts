/**
 * A low-latency idle for the latency bench, the way latency benchmarks such as cyclictest do it: a
 * PM QoS request of 0 µs on /dev/cpu_dma_latency keeps idle CPUs polling instead of halting while the
 * file stays open. On this kind of VM (cpuidle-haltpoll) a halted vCPU takes a few hundred
 * microseconds to wake, and every application round trip wakes several processes (the echo server,
 * the browser's network service and renderer, a peer), which alone adds most of a millisecond.
 * The request applies to every tool alike and ends when the file is closed (or the process exits).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const QOS_DEVICE = '/dev/cpu_dma_latency';

export interface LowLatencyHold {
  /** Whether the request is in force; `why` says why not (no device, no permission). */
  readonly held: boolean;
  readonly why?: string;
  release(): void;
}

/** Asks the kernel for polling idle until `release()`; never throws (the bench then runs without it and says so). */
export function holdLowLatencyIdle(): LowLatencyHold {
  let fd: number | undefined;
  try {
    fd = openSync(QOS_DEVICE, 'w');
    const zeroMicroseconds = Buffer.alloc(4); // a 32-bit integer, the kernel's binary form
    writeSync(fd, zeroMicroseconds);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    return { held: false, why: `${QOS_DEVICE}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, release: () => undefined };
  }
  const held = fd;
  let open = true;
  return {
    held: true,
    release() {
      if (open) closeSync(held);
      open = false;
    },
  };
}
