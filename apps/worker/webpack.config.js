// The worker's bundle (Nest's webpack defaults) with a second entry: the giấy mời rendering thread,
// which node:worker_threads starts from its own file, dist/apps/worker/letter-thread.js, beside main.js
// (libs/invitations/src/letter/letter-threads.ts looks for it there).
const { dirname, join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'letter-thread': join(__dirname, '../../libs/invitations/src/letter/letter-thread.ts'),
  },
  // Nest names the bundle apps/worker/main.js under dist: both entries keep that folder.
  output: { ...options.output, filename: `${dirname(options.output.filename)}/[name].js` },
});
