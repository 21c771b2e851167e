/** A one-line progress bar on a terminal (stderr), silent when not a terminal. */
export function progressBar(enabled: boolean, label: string, write: (t: string) => void = (t) => process.stderr.write(t)) {
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!enabled || total <= 0) return;
      const pct = Math.min(100, Math.floor((done / total) * 100));
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%`);
    },
    done() {
      if (enabled && last >= 0) write('\n');
    },
  };
}
