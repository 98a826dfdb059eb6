// Gives admin pages the translated messages the app layout loaded for the admin's locale, and the locale itself
// (plural forms and numbers in texts depend on it).
import { createContext, useContext, type ReactNode } from "react";
import { DEFAULT_LOCALE, translator, type Messages } from "./index";

const AdminMessagesContext = createContext<{ messages: Messages; locale: string }>({ messages: {}, locale: DEFAULT_LOCALE });

export function AdminMessagesProvider({ messages, locale, children }: { messages: Messages; locale: string; children: ReactNode }) {
  return <AdminMessagesContext.Provider value={{ messages, locale }}>{children}</AdminMessagesContext.Provider>;
}

export function useAdminTranslation() {
  const { messages, locale } = useContext(AdminMessagesContext);
  return translator(messages, locale);
}
