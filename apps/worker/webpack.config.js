// The worker's bundle (Nest's webpack defaults) with two more entries, the threads node:worker_threads
// starts from their own files beside main.js: the giấy mời rendering thread, dist/apps/worker/letter-thread.js
// (libs/invitations/src/letter/letter-threads.ts looks for it there), and the planning solver's thread,
// dist/apps/worker/solver-thread.js (libs/planning/src/solver-threads.ts).
const { dirname, join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'letter-thread': join(__dirname, '../../libs/invitations/src/letter/letter-thread.ts'),
    'solver-thread': join(__dirname, '../../libs/planning/src/solver-thread.ts'),
  },
  // Nest names the bundle apps/worker/main.js under dist: both entries keep that folder.
  output: { ...options.output, filename: `${dirname(options.output.filename)}/[name].js` },
});
