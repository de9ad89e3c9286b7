// The progress bar on standard error: files done of total, rate, time left. Drawn only on a
// terminal, at most ten times a second, after a short delay (a quick run shows none). The delay is
// PLAN_PARSE_PROGRESS_DELAY_MS milliseconds when that is set (0 draws from the first file done,
// which is how the tests see a bar however fast the machine).
import { monotonicMs } from './clock.js';

/** Milliseconds before the bar first shows. */
export const PROGRESS_DELAY_MS = 300;
/** Milliseconds between two drawings at least. */
const REDRAW_MS = 100;

/** The delay the environment asks for (PLAN_PARSE_PROGRESS_DELAY_MS, a whole number of milliseconds), else the default. */
export function progressDelayMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.PLAN_PARSE_PROGRESS_DELAY_MS?.trim();
  return raw && /^\d{1,7}$/u.test(raw) ? Number(raw) : PROGRESS_DELAY_MS;
}

export interface ProgressState {
  readonly done: number;
  /** Null while unknown (records streaming in). */
  readonly total: number | null;
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
  readonly elapsedMs: number;
  readonly unit: string;
}

export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

/** The bar as one line of at most `width` columns. */
export function renderProgress(state: ProgressState, width: number): string {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.done / seconds : 0;
  const mbps = seconds > 0 ? state.bytesDone / 1e6 / seconds : 0;
  const counts = state.total === null ? `${state.done} ${state.unit}s` : `${state.done}/${state.total} ${state.unit}s`;
  const speed = `${rate.toFixed(rate < 10 ? 1 : 0)}/s ${mbps.toFixed(1)} MB/s`;
  let eta = '';
  if (state.total !== null && state.done < state.total) {
    // by bytes when sizes are known: one big file does not throw the estimate off
    const share = state.bytesTotal ? state.bytesDone / state.bytesTotal : state.done / state.total;
    eta = share > 0 ? ` ETA ${formatClock((seconds / share) * (1 - share))}` : ' ETA --:--';
  }
  const tail = ` ${counts} ${speed}${eta}`;
  if (state.total === null) return tail.trim().slice(0, width);
  const share = state.bytesTotal ? state.bytesDone / state.bytesTotal : state.total > 0 ? state.done / state.total : 1;
  const percent = `${String(Math.floor(Math.min(1, share) * 100)).padStart(3)}%`;
  const barWidth = Math.max(0, Math.min(30, width - tail.length - percent.length - 3));
  if (barWidth < 5) return `${percent}${tail}`.slice(0, width);
  const filled = Math.round(Math.min(1, share) * barWidth);
  return `${percent} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`;
}

export interface Progress {
  /** Redraw soon with the new figures. */
  update(done: number, bytesDone: number): void;
  /** The total became known (or grew). */
  setTotal(total: number | null, bytesTotal: number | null): void;
  /** Write a line of text (an error, a warning) without tearing the bar. */
  write(text: string): void;
  /** Take the bar off the screen. */
  stop(): void;
}

/**
 * A progress bar on `stream` when `enabled`; otherwise lines pass through and nothing is drawn.
 * It shows once `delayMs` have passed: redrawn every tenth of a second, and at once on an update
 * while no bar is showing (so a run that has done a file after the delay shows one, whatever
 * the timer did meanwhile).
 */
export function makeProgress(
  stream: NodeJS.WritableStream & { columns?: number },
  enabled: boolean,
  unit: string,
  now: () => number = monotonicMs,
  delayMs: number = progressDelayMs(process.env),
): Progress {
  const started = now();
  let done = 0;
  let bytesDone = 0;
  let total: number | null = null;
  let bytesTotal: number | null = null;
  let shown = false;
  let drawnAt = -Infinity;
  let timer: ReturnType<typeof setInterval> | null = null;
  const draw = (): void => {
    const at = now();
    if (at - started < delayMs) return;
    const width = Math.max(20, (stream.columns || 80) - 1);
    stream.write(`\r${renderProgress({ done, total, bytesDone, bytesTotal, elapsedMs: at - started, unit }, width)}\x1b[K`);
    shown = true;
    drawnAt = at;
  };
  const clear = (): void => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  if (enabled) {
    timer = setInterval(draw, REDRAW_MS);
    timer.unref();
  }
  return {
    update(d, b) {
      done = d;
      bytesDone = b;
      if (enabled && !shown && now() - drawnAt >= REDRAW_MS) draw();
    },
    setTotal(t, b) {
      total = t;
      bytesTotal = b;
    },
    write(text) {
      if (!enabled) {
        stream.write(text);
        return;
      }
      clear();
      stream.write(text);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      clear();
    },
  };
}
