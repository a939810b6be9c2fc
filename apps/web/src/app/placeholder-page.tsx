import { useDocumentTitle } from './use-document-title';

interface PlaceholderPageProps {
  title: string;
  summary: string;
  coming: readonly string[];
}

/** An area that exists in the navigation but whose screens are still being built. */
export function PlaceholderPage({ title, summary, coming }: PlaceholderPageProps) {
  useDocumentTitle(title);
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <section className="card placeholder" aria-labelledby="coming-heading">
        <p>{summary}</p>
        <h2 id="coming-heading">Coming here</h2>
        <ul>
          {coming.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
