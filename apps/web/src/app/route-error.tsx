import { isRouteErrorResponse, useRouteError } from 'react-router';
import { errorMessage, isApiError } from './api';
import { NotFoundPage } from './not-found-page';
import { useDocumentTitle } from './use-document-title';

function ErrorContent() {
  const error = useRouteError();
  useDocumentTitle('Something went wrong');
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const message = isApiError(error) ? errorMessage(error) : 'Something unexpected went wrong.';
  return (
    <div className="card error-page">
      <h1>Kalendaryo could not load this page</h1>
      <p role="alert">{message}</p>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        Try again
      </button>
    </div>
  );
}

/**
 * Shown when a page cannot be loaded (server down, unexpected failure). Inside the app frame
 * (`inLayout`) it fills <main>; otherwise it brings its own.
 */
export function RouteError({ inLayout = false }: { inLayout?: boolean }) {
  if (inLayout) return <ErrorContent />;
  return (
    <main id="main" className="app-main app-main--bare" tabIndex={-1}>
      <ErrorContent />
    </main>
  );
}
