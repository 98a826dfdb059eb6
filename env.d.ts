/// <reference types="vite/client" />
/// <reference types="@remix-run/node" />

/** True in the offline demo's build (`npm run demo`, LOYALTY_DEMO=1): set by vite.config.ts `define`. */
declare const __OFFLINE_DEMO__: boolean;
