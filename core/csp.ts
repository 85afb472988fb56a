/**
 * The renderer's Content Security Policy, the same in the Electron window and in browser
 * mode: only our own files; no inline scripts, no eval, no remote anything. The one
 * allowance is 'wasm-unsafe-eval': compiling our own WebAssembly (the camera's code reader,
 * a file of ours from 'self'); JavaScript eval stays forbidden.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
