const { clearTimeout } = require('node:timers');

/** Resolves with true when `promise` settles within `ms`, false otherwise (the timer never lingers). */
async function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

module.exports = { within };
