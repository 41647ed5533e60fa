// The `tenken` process (bin/tenken.cjs → dist/cli.cjs): the CLI, which starts the browser shell for `tenken web`.
// This composition root is the one place that knows both shells; the browser shell loads only when asked for.
import './app/production-mode';
import { runCli } from './cli/main';

void runCli(process.argv.slice(2), undefined, async (opts, lang, io) =>
  (await import('./web/launch')).runWeb(opts, lang, io),
).then((code) => {
  process.exitCode = code;
});
