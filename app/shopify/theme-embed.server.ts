// Is the storefront rewards launcher (the theme app extension's app embed) switched on in the live theme?
//
// Shopify keeps app embeds in the theme's config/settings_data.json under current.blocks, each as
// { type: "shopify://apps/<app>/blocks/<block handle>/<extension uuid>", disabled: boolean }. An embed the merchant
// never turned on is absent; one turned off is there with disabled: true. Reading the file needs read_themes.
import { runAdminGraphql, type AdminGraphql } from "./admin-graphql.server";
import { log } from "../log.server";

/** The app embed block: extensions/loyalty-rewards/blocks/rewards-launcher.liquid. */
export const LAUNCHER_BLOCK_HANDLE = "rewards-launcher";

export const THEME_EMBED_QUERY = `#graphql
  query ThemeEmbedStatus {
    themes(first: 1, roles: [MAIN]) {
      nodes {
        id
        name
        files(filenames: ["config/settings_data.json"], first: 1) {
          nodes {
            filename
            body {
              __typename
              ... on OnlineStoreThemeFileBodyText {
                content
              }
            }
          }
        }
      }
    }
  }
`;

export type EmbedStatus = { state: "on" | "off" | "unknown"; themeName: string | null };

/** settings_data.json may open with a /* … *\/ comment Shopify writes; JSON.parse needs it gone. */
function withoutLeadingComment(text: string): string {
  return text.replace(/^\s*\/\*[\s\S]*?\*\/\s*/, "");
}

/** Pure: whether settings_data.json has our embed enabled. "unknown" if the file cannot be read as JSON. */
export function embedStateFromSettingsData(content: string, blockHandle = LAUNCHER_BLOCK_HANDLE): "on" | "off" | "unknown" {
  let parsed: unknown;
  try {
    parsed = JSON.parse(withoutLeadingComment(content));
  } catch {
    return "unknown";
  }
  const blocks = (parsed as { current?: { blocks?: Record<string, { type?: unknown; disabled?: unknown }> } })?.current?.blocks;
  if (!blocks || typeof blocks !== "object") return "off";
  const ours = Object.values(blocks).filter(
    (block) => typeof block?.type === "string" && block.type.startsWith("shopify://apps/") && block.type.includes(`/blocks/${blockHandle}/`),
  );
  return ours.some((block) => block.disabled !== true) ? "on" : "off";
}

/**
 * Asks Shopify; when it cannot answer (or answers in a shape we cannot read) the state is "unknown", never an error
 * page. A re-authentication the library asks for (runAdminGraphql rethrows it) still reaches Remix.
 */
export async function fetchEmbedStatus(graphql: AdminGraphql): Promise<EmbedStatus> {
  const result = await runAdminGraphql(graphql, THEME_EMBED_QUERY);
  if (result.kind !== "data") {
    log.warn("ThemeEmbedStatus query failed; the embed state shows as unknown", { outcome: result.kind, reason: result.message });
    return { state: "unknown", themeName: null };
  }
  const theme = result.data.themes?.nodes[0];
  if (!theme) return { state: "unknown", themeName: null };
  const file = theme.files?.nodes[0];
  // No settings_data.json: nothing was ever configured, so no embed is on. A body that is not text cannot be read.
  if (!file) return { state: "off", themeName: theme.name };
  const state = file.body.__typename === "OnlineStoreThemeFileBodyText" ? embedStateFromSettingsData(file.body.content) : "unknown";
  return { state, themeName: theme.name };
}

/** The theme editor with our embed selected, ready to switch on (Shopify's documented deep link). */
export function embedActivationUrl(shop: string, apiKey: string, blockHandle = LAUNCHER_BLOCK_HANDLE): string {
  return `https://${shop}/admin/themes/current/editor?context=apps&activateAppId=${encodeURIComponent(apiKey)}/${blockHandle}`;
}
