// Preloaded into each service by `bench/pipeline.js --profile DIR` (node -r): SIGWINCH (ignored by
// default, and not one of the signals Nest's shutdown hooks take) starts the V8
// CPU profiler, the next SIGWINCH stops it and writes DIR/<service>-<pid>.cpuprofile (open it in Chrome
// DevTools or speedscope; bench/profile-summary.js prints the heaviest functions). Only the measured
// window is profiled, not start-up or the warm-up.
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
const name = process.env.BENCH_PROFILE_NAME ?? path.basename(process.argv[1] ?? 'node');
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
      );
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return process.stderr.write(`cpu profile: ${error.message}\n`);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}-${process.pid}.cpuprofile`);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
      fs.renameSync(`${file}.tmp`, file);
    });
  });
}
