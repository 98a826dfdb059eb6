// The customer page's support cards (app/routes/app.customers.$id.tsx): issued rewards with their revoke / resolve
// buttons, issuing a reward by hand, and the log of support actions. They post to /app/customers/:id/support.
export { IssuedRewardsCard, type IssuedRewardRow } from "./issued-rewards-card";
export { GrantRewardCard } from "./grant-reward-card";
export { SupportLogCard, type SupportLogRow } from "./support-log-card";
