import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="centered-page">
      <div className="card" style={{ maxWidth: 420, textAlign: 'center' }}>
        <h1 className="page-header__title">Page not found</h1>
        <p className="muted" style={{ margin: '8px 0 16px' }}>
          The page you are looking for does not exist or has moved.
        </p>
        <Link className="button button--primary" href="/">
          Go to your dashboard
        </Link>
      </div>
    </main>
  );
}
