// A progress bar on stderr for long imports, redrawn in place at most ten times a second.
export type ProgressStream = { write: (text: string) => unknown; columns?: number };

export function progressBar(stream: ProgressStream, { everyMs = 100 } = {}) {
  let lastDraw = 0;
  let drawn = false;
  return {
    update({ phase, done, total }: { phase: string; done: number; total: number }) {
      const now = Date.now();
      if (now - lastDraw < everyMs && done < total) return;
      lastDraw = now;
      drawn = true;
      stream.write(`\r${renderBar(phase, done, total, stream.columns)}`);
    },
    /** Clears the bar so what follows starts on a clean line. */
    end() {
      if (drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}

export function renderBar(phase: string, done: number, total: number, columns = 80): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const counts = `${done.toLocaleString("en")}/${total.toLocaleString("en")} records`;
  const label = `${phase.padEnd(10)}`;
  const width = Math.max(10, Math.min(40, columns - label.length - counts.length - 10));
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `${label}[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}% ${counts}`;
}
