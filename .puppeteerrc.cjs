// Chromium comes from the system (Debian's `chromium`, or CHROMIUM_PATH); never download one.
module.exports = { skipDownload: true };
