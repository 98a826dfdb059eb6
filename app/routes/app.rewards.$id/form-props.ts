import type { RewardFormField, RewardFormValues } from "../../rules/reward-form";

/** What every card of the reward form gets: the form's values, how to change one, and a field's error text. */
export type RewardFormProps = {
  values: RewardFormValues;
  set: (field: RewardFormField, value: string) => void;
  error: (field: RewardFormField) => string | undefined;
};
