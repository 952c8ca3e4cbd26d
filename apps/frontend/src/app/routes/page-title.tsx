import { useEffect } from 'react';

export function PageTitle({ title }: { title: string }) {
  useEffect(() => {
    document.title = `${title} · Cruddur`;
  }, [title]);
  return <h1 className="page-title">{title}</h1>;
}
