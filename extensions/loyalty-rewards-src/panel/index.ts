// The panel asset (loyalty-panel.js), fetched by the loader when the shopper opens the launcher or when a
// "Rewards page" block is on the page.
import { PANEL_READY_EVENT } from "../shared";
import { mountInline, openDialog } from "./mount";

window.loyaltyRewardsPanel ??= { open: openDialog, mount: mountInline };
document.dispatchEvent(new Event(PANEL_READY_EVENT));
