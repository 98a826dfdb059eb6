// Save and Discard for a card that saves on its own (several forms on one page, where one contextual save bar
// would not say which card it saves): both off until the card differs from what is saved.
import { Button } from "@shopify/polaris";
import { useAdminTranslation } from "../i18n/admin-messages";

type Props = { dirty: boolean; saving: boolean; onSave: () => void; onDiscard: () => void; saveLabel: string; saveAccessibilityLabel?: string };

export function CardSaveButtons({ dirty, saving, onSave, onDiscard, saveLabel, saveAccessibilityLabel }: Props) {
  const t = useAdminTranslation();
  return (
    <>
      <Button variant="primary" disabled={!dirty} loading={saving} accessibilityLabel={saveAccessibilityLabel} onClick={onSave}>
        {saveLabel}
      </Button>
      <Button disabled={!dirty} onClick={onDiscard}>
        {t("admin.waysToEarn.discard")}
      </Button>
    </>
  );
}
