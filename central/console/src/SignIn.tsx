import { useState, type FormEvent } from 'react';
import { api, errorCode, type Me } from './api.js';
import { useFormat } from './format.js';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { s } = useFormat();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(s.ui.signIn.required);
      return;
    }
    setWorking(true);
    setError(null);
    try {
      onSignedIn(await api<Me>('POST', '/session', { email: email.trim(), password }));
    } catch (err) {
      setError(s.errors[errorCode(err)]);
      setPassword('');
    } finally {
      setWorking(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{s.ui.signIn.heading}</h1>
        <label>
          {s.ui.signIn.email}
          <input type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label>
          {s.ui.signIn.password}
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={working}>
          {working ? s.ui.signIn.working : s.ui.signIn.submit}
        </button>
      </form>
    </main>
  );
}
