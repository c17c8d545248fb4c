// Is a link one that every reader of a printed or shared PDF can open? Only http(s)
// addresses on a public host: not localhost, not a private network address, not a
// single-label or intranet name, not an organisation's SharePoint/OneDrive space.
import { isIP } from 'node:net';

const INTRANET_SUFFIXES = ['.local', '.localhost', '.lan', '.internal', '.intranet', '.corp', '.home', '.home.arpa'];

function privateIPv4(host: string): boolean {
  const [a, b] = host.split('.').map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function privateIPv6(host: string): boolean {
  const h = host.toLowerCase();
  return h === '::1' || h === '::' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
}

/** Why the address is not public, or undefined when it is. */
export function nonPublicReason(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'not a web address (expected http:// or https://…)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `a ${url.protocol.replace(':', '')}: address, not a web page (expected http:// or https://…)`;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return 'it points at the reader\'s own computer (localhost)';
  if (isIP(host) === 4 && privateIPv4(host)) return `${host} is a private network address`;
  if (isIP(host) === 6 && privateIPv6(host)) return `${host} is a private network address`;
  if (!isIP(host) && !host.includes('.')) return `"${host}" is an intranet name, not a public host`;
  if (INTRANET_SUFFIXES.some((s) => host.endsWith(s))) return `${host} is an intranet host`;
  if (host.endsWith('.sharepoint.com')) return `${host} is an organisation's SharePoint/OneDrive space, which asks readers to sign in`;
  return undefined;
}
