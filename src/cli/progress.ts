// Progress of a build, so a cold build shows life from its first second: on a terminal one
// line updated in place; otherwise (a pipe, a log file, CI) one plain line per PDF rendered.
export interface Progress {
  rendered(what: string): void;
  /** Clears the line on a terminal before the build's own lines are printed. */
  done(): void;
}

export function progress(stream: NodeJS.WriteStream = process.stdout): Progress {
  let n = 0;
  let shown = false;
  return {
    rendered(what) {
      n++;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K  rendering… ${n} done, last ${what}`);
        shown = true;
      } else stream.write(`  rendered ${what}\n`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** What a build interrupted by Ctrl-C did and did not write, from the files it reported written. */
export function interruptedMessage(written: string[]): string {
  if (!written.length) return 'brochure: interrupted before anything was written: out/ holds the PDFs of the last good build, unchanged';
  const some = written.slice(0, 3).join(', ') + (written.length > 3 ? `, and ${written.length - 3} more` : '');
  return `brochure: interrupted: ${written.length} PDF${written.length === 1 ? ' was' : 's were'} written (${some}); the others were not: run the build again to finish`;
}
