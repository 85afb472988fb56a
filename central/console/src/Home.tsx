import { fill } from '../../../core/console/format.js';
import { AREAS_BY_ROLE } from '../../../core/console/roles.js';
import type { Me } from './api.js';
import { useFormat } from './format.js';
import { AVAILABLE_AREAS } from './areas.js';

export function Home({ me, navigate }: { me: Me; navigate: (to: string) => void }) {
  const f = useFormat();
  const { s } = f;
  const areas = AREAS_BY_ROLE[me.user.role].filter((a) => AVAILABLE_AREAS.includes(a));
  return (
    <main className="page">
      <h1>{fill(s.ui.home.heading, { name: me.user.name })}</h1>
      <p>{fill(s.ui.home.role, { role: s.ui.roles[me.user.role] })}</p>
      <section className="card">
        <h2>{s.ui.home.areas}</h2>
        <ul className="area-list">
          {areas.map((a) => (
            <li key={a}>
              <a
                href={`/console/${a}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/console/${a}`);
                }}
              >
                {s.ui.areas[a]}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{f.plural(s.ui.home.stores, me.stores.length)}</h2>
        <ul className="store-list">
          {me.stores.map((store) => (
            <li key={store.id}>
              <span className="store-name">{store.name}</span> <span className="muted">{store.id} · {store.currency}</span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
