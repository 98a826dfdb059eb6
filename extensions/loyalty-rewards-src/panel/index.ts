// The panel asset (loyalty-panel.js), fetched with the texts of the shopper's locale when the shopper opens the
// launcher or at once on a page with a "Rewards page" block (load-panel.ts).
import { mountInline, openDialog } from "./mount";

window.loyaltyRewardsPanel ??= { open: openDialog, mount: mountInline };
