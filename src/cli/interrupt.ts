import { CpbError } from '../errors.js';

/**
 * Ctrl-C or SIGTERM during a build: close the browser (so its work fails fast) and let the build
 * unwind through its `finally`, which throws the staged outputs away. A second signal ends the
 * process at once.
 */
export class Interruption {
  private signalled = false;
  private readonly handler = () => {
    if (this.signalled) process.exit(130);
    this.signalled = true;
    void this.onSignal();
  };

  constructor(private readonly onSignal: () => Promise<void>) {
    process.on('SIGINT', this.handler);
    process.on('SIGTERM', this.handler);
  }

  get happened(): boolean {
    return this.signalled;
  }

  /** Throws if a signal came, so nothing is committed after it. */
  check(): void {
    if (this.signalled) {
      throw new CpbError('The build was interrupted', { rule: 'build/interrupted', hint: 'Nothing was changed; run the build again.' });
    }
  }

  dispose(): void {
    process.off('SIGINT', this.handler);
    process.off('SIGTERM', this.handler);
  }
}
