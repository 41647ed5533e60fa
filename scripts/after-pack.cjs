// electron-builder afterPack hook (electron-builder.yml `afterPack`): flips Electron's fuses in the packaged binary
// before it is signed. Fuses are switches compiled into the Electron executable that turn off whole ways of running
// it as something other than this app (a test reads this file: test/electron/fuses.test.ts).
'use strict';
const { join } = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuses every packaged Tenken has. */
const FUSES = {
  // `ELECTRON_RUN_AS_NODE=1 Tenken.exe script.js` would run any script with the app's identity.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other session data are encrypted with the OS key store (Tenken keeps none, but nothing in clear).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (e.g. --require) and --inspect would let anyone inject code or attach a debugger.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder records (macOS and Windows; Linux has no such check),
  // and the app is loaded from app.asar only, never from a loose app/ folder put beside it.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The app is served from app://, never file://, so file: gets no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron executable electron-builder has just written for this platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  await flipFuses(electronBinary(context), {
    version: FuseVersion.V1,
    // Flipping fuses breaks macOS's ad-hoc signature; electron-builder signs properly afterwards where configured.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
    ...FUSES,
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinary = electronBinary;
