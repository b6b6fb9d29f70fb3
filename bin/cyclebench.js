#!/usr/bin/env node
// The CLI entry: loads the bundle and exits with the command's code. An error that escapes even the
// CLI's own handler (a broken install, a bundle that fails to load) is internal: exit 6, never 3.
const INTERNAL = 6;
import('../dist/cli.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code ?? 0;
      // Benchmark code that left timers or sockets open would keep the process (and a CI job) alive.
      setTimeout(() => {
        const left = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap');
        console.error(
          `cyclebench: benchmark code left ${left.length} handle(s) open (${[...new Set(left)].join(', ')}); exiting anyway. Close them in an 'after' hook.`,
        );
        process.exit();
      }, 500).unref();
    },
    (err) => {
      console.error(`cyclebench: internal error: ${err?.stack ?? err}\nThis is a bug in cyclebench (exit ${INTERNAL}); please report it.`);
      process.exitCode = INTERNAL;
    },
  );
