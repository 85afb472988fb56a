import { useEffect, useState } from 'react';

/** The console's own paths under /console/, with the browser's back and forward buttons. */
export function usePath(): [string, (to: string) => void] {
  const [path, setPath] = useState(() => location.pathname + location.search);
  useEffect(() => {
    const onPop = () => setPath(location.pathname + location.search);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = (to: string) => {
    if (to === location.pathname + location.search) return;
    history.pushState(null, '', to);
    setPath(to);
    scrollTo(0, 0);
  };
  return [path, navigate];
}
