import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False while the server-rendered markup has not been hydrated: a button that does nothing until then is
 * disabled, so a fast click is never silently lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
