// Event-loop delay of this process (perf_hooks' histogram, plus a timer that notes when each
// stall over STALL_MS happened), reported to a parent process over IPC: the bench asks for
// the figures of each phase (boot, searches, an import) and resets them between phases.
// Started only when the process has an IPC channel, so a plain `npm start` runs without it.
import { monitorEventLoopDelay } from "node:perf_hooks";

export type EventLoopStats = {
  /** Samples of perf_hooks' histogram (one per 10 ms of loop time). */
  count: number;
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** Each time the loop was blocked for more than STALL_MS: when (epoch ms) and for how long. */
  stalls: { at: number; ms: number }[];
};

export type EventLoopRequest = { type: "event-loop-stats"; id: number; reset: boolean };

const STALL_MS = 100;
const TICK_MS = 20;

export function startEventLoopMonitor(): { stats: (reset: boolean) => EventLoopStats; stop: () => void } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let stalls: EventLoopStats["stalls"] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late > STALL_MS) stalls.push({ at: Date.now() - Math.round(late), ms: Math.round(late) });
    last = now;
  }, TICK_MS);
  timer.unref();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const stats = (reset: boolean): EventLoopStats => {
    const result = {
      count: histogram.count,
      maxMs: ms(histogram.max),
      p99Ms: ms(histogram.percentile(99)),
      meanMs: ms(histogram.mean),
      stalls,
    };
    if (reset) {
      histogram.reset();
      stalls = [];
    }
    return result;
  };
  return { stats, stop: () => (histogram.disable(), clearInterval(timer)) };
}

/** Answers the parent's requests for event-loop figures, when there is a parent to answer. */
export function reportEventLoopToParent(): void {
  if (!process.send) return;
  const monitor = startEventLoopMonitor();
  process.on("message", (message: EventLoopRequest) => {
    if (message?.type !== "event-loop-stats") return;
    process.send?.({ type: "event-loop-stats", id: message.id, stats: monitor.stats(message.reset) });
  });
  // The IPC channel must not keep the server alive on its own.
  process.channel?.unref();
}
