import { useEffect } from 'react';

export const APP_NAME = 'Kalendaryo';

/** Sets the browser tab title to "<page> · Kalendaryo" while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
