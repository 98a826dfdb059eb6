// Gives admin pages the translated messages the app layout loaded for the admin's locale.
import { createContext, useContext, type ReactNode } from "react";
import { translator, type Messages } from "./index";

const AdminMessagesContext = createContext<Messages>({});

export function AdminMessagesProvider({ messages, children }: { messages: Messages; children: ReactNode }) {
  return <AdminMessagesContext.Provider value={messages}>{children}</AdminMessagesContext.Provider>;
}

export function useAdminTranslation() {
  return translator(useContext(AdminMessagesContext));
}
