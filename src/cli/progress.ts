import cliProgress from 'cli-progress';

/** How progress is shown: a live bar (terminal), plain lines (pipe, file, CI log) or not at all. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** Receives a solver's iterations; `done` closes the bar or prints the last line. */
export interface Progress {
  /** The model's `onIteration` hook: iteration number (0 = start) and the loss there. */
  readonly onIteration: (iteration: number, loss: number) => void;
  /** Ends the display: the bar stays at its final state, a plain final line is printed. */
  done(summary: { nIter: number; converged: boolean }): void;
  /** Ends the display after a failed fit: the bar is closed, no final line (the error follows). */
  abort(): void;
}

/**
 * `'none'` with --quiet or --json (standard error stays clean for machines), `'bar'` when
 * standard error is a terminal, `'lines'` otherwise. `LOGIT_PROGRESS=bar|lines|none` overrides
 * the terminal test (for terminals that do not say they are one).
 */
export function progressMode(stream: { isTTY?: boolean }, quiet: boolean): ProgressMode {
  if (quiet) return 'none';
  const forced = process.env.LOGIT_PROGRESS;
  if (forced === 'bar' || forced === 'lines' || forced === 'none') return forced;
  return stream.isTTY === true ? 'bar' : 'lines';
}

/** Seconds between plain progress lines: often enough to show life, rarely enough for a log. */
const LINE_INTERVAL_MS = 1000;

const fmtLoss = (v: number): string => (Number.isFinite(v) ? v.toPrecision(6) : String(v));
const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/**
 * A progress display for one fit of at most `maxIter` iterations, written to `stream`
 * (standard error). The bar (cli-progress) redraws in place with the iteration, the loss and the
 * elapsed time; it redraws from inside the synchronous solver loop, throttled to ~10 frames a
 * second. Plain mode prints the starting loss, then a line at most once a second, then a final
 * line. Cost: O(1) per iteration.
 */
export function createProgress(label: string, maxIter: number, mode: ProgressMode, stream: NodeJS.WriteStream = process.stderr): Progress {
  const t0 = performance.now();
  if (mode === 'none') {
    return { onIteration: () => {}, done: () => {}, abort: () => {} };
  }
  if (mode === 'lines') {
    let last = -Infinity;
    let lastIter = 0;
    let lastLoss = NaN;
    return {
      onIteration: (k, loss) => {
        lastIter = k;
        lastLoss = loss;
        const now = performance.now();
        if (k === 0 || now - last >= LINE_INTERVAL_MS) {
          last = now;
          stream.write(`${label}: iteration ${k}/${maxIter}, loss ${fmtLoss(loss)}, ${seconds(now - t0)}\n`);
        }
      },
      done: ({ nIter, converged }) => {
        const iters = Math.max(nIter, lastIter);
        stream.write(
          `${label}: ${converged ? 'converged' : 'stopped without converging'} after ${iters} iteration${iters === 1 ? '' : 's'}, ` +
            `loss ${fmtLoss(lastLoss)}, ${seconds(performance.now() - t0)}\n`,
        );
      },
      abort: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] iteration {value}/{total} | loss {loss} | {duration_formatted}`,
      stream,
      fps: 10,
      barsize: 24,
      hideCursor: true,
      // The solver runs synchronously: redraw from update() rather than from a timer.
      synchronousUpdate: true,
      gracefulExit: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let lastLoss = NaN;
  return {
    onIteration: (k, loss) => {
      lastLoss = loss;
      if (!started) {
        started = true;
        bar.start(maxIter, k, { loss: fmtLoss(loss) });
        return;
      }
      // One-vs-rest restarts the count per class; the bar follows it.
      bar.update(Math.min(k, maxIter), { loss: fmtLoss(loss) });
    },
    done: ({ nIter }) => {
      if (!started) bar.start(maxIter, 0, { loss: fmtLoss(lastLoss) });
      // Settle at the final count: a converged fit stops short of maxIter, and says so.
      bar.setTotal(Math.max(nIter, 1));
      bar.update(nIter, { loss: fmtLoss(lastLoss) });
      bar.stop();
    },
    abort: () => {
      if (started) bar.stop();
    },
  };
}
