// SIGINT and SIGTERM during a run: the first stops it (nothing more is started, workers are stopped,
// temporary files removed, the summary says what was done) and it exits 128 + the signal's number;
// a second one exits at once, after the synchronous clean-up.

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The exit code after a signal, as a shell reports a process killed by it: 128 + its number. */
export const SIGNAL_EXIT_CODES: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** Where signals come from: the process, or a stand-in in tests. */
export interface SignalSource {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
}

export interface Interrupt {
  /** The first signal received; null before one. */
  readonly received: StopSignal | null;
  /** Aborts on the first signal. */
  readonly signal: AbortSignal;
  /** Resolves with the first signal; never resolves when none comes. */
  readonly whenReceived: Promise<StopSignal>;
  /** Stop listening: a later signal has its default effect again. */
  dispose(): void;
}

/**
 * Listen for SIGINT and SIGTERM. `onSecond` runs on a second signal (synchronous clean-up, then exit);
 * it is not expected to return.
 */
export function listenForSignals(source: SignalSource, onSecond: (signal: StopSignal) => void): Interrupt {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  let announce: (signal: StopSignal) => void = () => undefined;
  const whenReceived = new Promise<StopSignal>((resolve) => {
    announce = resolve;
  });
  const listeners = SIGNALS.map((name) => {
    const listener = (): void => {
      if (received !== null) {
        onSecond(received);
        return;
      }
      received = name;
      controller.abort();
      announce(name);
    };
    source.on(name, listener);
    return [name, listener] as const;
  });
  return {
    get received() {
      return received;
    },
    signal: controller.signal,
    whenReceived,
    dispose() {
      for (const [name, listener] of listeners) source.off(name, listener);
    },
  };
}
