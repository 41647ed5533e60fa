// Imported first by every process entry (CLI and browser shell, Electron main, bench). React is loaded from
// node_modules at run time (external to the CLI bundle) and picks its development build unless NODE_ENV says
// otherwise: that build checks every element and records owner stacks, which made the report's markup about twenty
// times slower (1,200 controls: ~1 s instead of ~50 ms). A user's process runs production React; tests set
// NODE_ENV=test themselves and keep React's checks.
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
