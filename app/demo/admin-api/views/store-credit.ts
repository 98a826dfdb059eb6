// Store credit: StoreCreditAccount and its transactions, a customer's `storeCreditAccounts`, and the
// `storeCreditAccountCredit` mutation. Shopify accepts either an account id or the owner's id; given a customer id it
// finds that customer's account in the credited currency or opens one (accounts are one per owner and currency).
// The userError codes are StoreCreditAccountCreditUserErrorCode's and the messages their documented descriptions
// (https://shopify.dev/docs/api/admin-graphql/2026-10/enums/StoreCreditAccountCreditUserErrorCode).
import type { RequestContext, View } from "../context";
import { connection, type ConnectionArgs } from "../connection";
import { parseGid, toGid } from "../ids";
import { isAmount, moneyV2, parseAmount } from "../money";
import { applySearch, textMatches } from "../search";
import {
  byNumericId,
  isoSeconds,
  type ShopState,
  type StoreCreditAccountRecord,
  type StoreCreditTransactionRecord,
} from "../state";
import { customerView } from "./customers";
import { recordSearchWarnings } from "./search-warnings";

function transactionView(shop: ShopState, transaction: StoreCreditTransactionRecord): View {
  const account = shop.storeCreditAccounts.get(transaction.accountId)!;
  const money = (amount: bigint) => moneyV2(amount, account.currencyCode);
  const common = {
    id: transaction.id,
    account: () => storeCreditAccountView(shop, account),
    amount: money(transaction.amount),
    balanceAfterTransaction: money(transaction.balanceAfter),
    createdAt: transaction.createdAt,
    // Credits made through the Admin API are adjustments; order payments/refunds are the other system events.
    event: transaction.kind === "credit" ? "ADJUSTMENT" : "ORDER_PAYMENT",
    origin: null,
  };
  return transaction.kind === "credit"
    ? {
        __typename: "StoreCreditAccountCreditTransaction",
        ...common,
        expiresAt: transaction.expiresAt,
        // Debits are not modelled against individual credits, so a credit's remaining amount is all of it.
        remainingAmount: money(transaction.amount),
      }
    : { __typename: "StoreCreditAccountDebitTransaction", ...common };
}

export function storeCreditAccountView(shop: ShopState, account: StoreCreditAccountRecord): View {
  return {
    __typename: "StoreCreditAccount",
    id: account.id,
    balance: moneyV2(account.balance, account.currencyCode),
    owner: () => {
      const customer = shop.customers.get(account.ownerId);
      return customer ? withStoreCreditAccounts(shop, customerView(shop, customer)) : null;
    },
    transactions: (args: ConnectionArgs) =>
      connection(
        "StoreCreditAccountTransaction",
        shop.storeCreditTransactions.filter((transaction) => transaction.accountId === account.id),
        args,
        (transaction) => transaction.id,
        (transaction) => transactionView(shop, transaction),
      ),
  };
}

function accountsOf(shop: ShopState, ownerId: string): StoreCreditAccountRecord[] {
  return [...shop.storeCreditAccounts.values()].filter((account) => account.ownerId === ownerId).sort(byNumericId);
}

/** Adds HasStoreCreditAccounts' field to an owner's view (customers.ts builds the rest of the Customer). */
export function withStoreCreditAccounts(shop: ShopState, owner: View): View {
  return {
    ...owner,
    storeCreditAccounts: (args: ConnectionArgs & { query?: string | null }, context: RequestContext) => {
      const { items, unsupported } = applySearch(accountsOf(shop, String(owner.id)), args.query, (account, term) =>
        term.field === "currency_code" ? textMatches(account.currencyCode, term.value) : undefined,
      );
      recordSearchWarnings(context, "storeCreditAccounts", args.query, unsupported);
      return connection(
        "StoreCreditAccount",
        items,
        args,
        (account) => account.id,
        (account) => storeCreditAccountView(shop, account),
      );
    },
  };
}

export function storeCreditNodeById(shop: ShopState, id: string): View | null {
  const account = shop.storeCreditAccounts.get(id);
  return account ? storeCreditAccountView(shop, account) : null;
}

export function storeCreditQueryFields(shop: ShopState) {
  return { storeCreditAccount: ({ id }: { id: string }) => storeCreditNodeById(shop, id) };
}

interface CreditInput {
  creditAmount: { amount: string; currencyCode: string };
  expiresAt?: string | null;
}

type CreditError = { field: string[]; message: string; code: string };

const AMOUNT_FIELD = ["creditInput", "creditAmount", "amount"];
const CURRENCY_FIELD = ["creditInput", "creditAmount", "currencyCode"];

/** The account to credit, or why there is none. A customer's missing account is opened only once all checks pass. */
function target(shop: ShopState, id: string, currencyCode: string): StoreCreditAccountRecord | CreditError | "open" {
  const type = parseGid(id)?.type;
  if (type === "StoreCreditAccount") {
    const account = shop.storeCreditAccounts.get(id);
    if (!account) {
      return { field: ["id"], message: "The store credit account could not be found.", code: "ACCOUNT_NOT_FOUND" };
    }
    if (account.currencyCode !== currencyCode) {
      return {
        field: CURRENCY_FIELD,
        message: "The currency provided does not match the currency of the store credit account.",
        code: "MISMATCHING_CURRENCY",
      };
    }
    return account;
  }
  // Company locations (B2B) can own accounts too; the stand-in has none, so such an id has no owner here.
  if (type !== "Customer" || !shop.customers.has(id)) {
    return { field: ["id"], message: "Owner does not exist.", code: "OWNER_NOT_FOUND" };
  }
  // Store credit is held in a currency the shop sells in: its own or an enabled presentment currency.
  const currencies = new Set([shop.shop.currencyCode, ...shop.shop.enabledPresentmentCurrencies]);
  if (!currencies.has(currencyCode)) {
    return {
      field: CURRENCY_FIELD,
      message: "The currency provided is not currently supported.",
      code: "UNSUPPORTED_CURRENCY",
    };
  }
  return accountsOf(shop, id).find((account) => account.currencyCode === currencyCode) ?? "open";
}

function creditErrors(input: CreditInput, now: Date): CreditError[] {
  const errors: CreditError[] = [];
  const { amount } = input.creditAmount;
  if (!isAmount(amount) || parseAmount(amount) <= 0n) {
    errors.push({
      field: AMOUNT_FIELD,
      message: "A positive amount must be used to credit a store credit account.",
      code: "NEGATIVE_OR_ZERO_AMOUNT",
    });
  }
  if (input.expiresAt && Date.parse(input.expiresAt) <= now.getTime()) {
    errors.push({
      field: ["creditInput", "expiresAt"],
      message: "The expiry date must be in the future.",
      code: "EXPIRES_AT_IN_PAST",
    });
  }
  return errors;
}

export function storeCreditMutationFields(shop: ShopState) {
  return {
    storeCreditAccountCredit: (
      { id, creditInput }: { id: string; creditInput: CreditInput },
      context: RequestContext,
    ) => {
      const now = context.now();
      const { currencyCode } = creditInput.creditAmount;
      const found = target(shop, id, currencyCode);
      const errors = [
        ...(typeof found === "object" && "code" in found ? [found] : []),
        ...creditErrors(creditInput, now),
      ];
      if (errors.length > 0) {
        return {
          __typename: "StoreCreditAccountCreditPayload",
          storeCreditAccountTransaction: null,
          userErrors: errors.map((error) => ({ __typename: "StoreCreditAccountCreditUserError", ...error })),
        };
      }
      let account = found as StoreCreditAccountRecord | "open";
      if (account === "open") {
        account = { id: toGid("StoreCreditAccount", shop.ids.take()), ownerId: id, currencyCode, balance: 0n };
        shop.storeCreditAccounts.set(account.id, account);
      }
      const amount = parseAmount(creditInput.creditAmount.amount);
      account.balance += amount;
      const transaction: StoreCreditTransactionRecord = {
        id: toGid("StoreCreditAccountCreditTransaction", shop.ids.take()),
        accountId: account.id,
        kind: "credit",
        amount,
        balanceAfter: account.balance,
        expiresAt: creditInput.expiresAt ? isoSeconds(new Date(creditInput.expiresAt)) : null,
        createdAt: isoSeconds(now),
      };
      shop.storeCreditTransactions.push(transaction);
      return {
        __typename: "StoreCreditAccountCreditPayload",
        storeCreditAccountTransaction: transactionView(shop, transaction),
        userErrors: [],
      };
    },
  };
}
