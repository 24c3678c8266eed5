import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';

const NAV = [
  { href: '/', label: 'Search' },
  { href: '/document', label: 'Document' },
  { href: '/graph', label: 'Graph' },
  { href: '/commitments', label: 'Commitments' },
  { href: '/timeline', label: 'Timeline' },
];

export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const current = (href: string) => (href === '/' ? location === '/' : location.startsWith(href));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Entente
        </Link>
        <nav aria-label="Views">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
            <li>
              <a href="/ide">GraphQL IDE</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
