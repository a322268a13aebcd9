/**
 * PowerShell for a `HandoffRequest`: `Invoke-WebRequest` with splatted parameters, as DevTools'
 * "Copy as PowerShell" does (devtools-frontend `NetworkLogView.generatePowerShellCommand`). A
 * cmdlet takes .NET strings, so no native-argument quoting is involved (see quote-powershell.ts).
 *
 * Windows PowerShell 5.1 will not take some headers in `-Headers`: `Content-Type` goes to
 * `-ContentType`, `User-Agent` to `-UserAgent`, cookies into a `WebRequestSession`; `Host`,
 * `Connection`, `Content-Length` and `Accept-Encoding` are the transport's (DevTools drops the same
 * list). The body is sent as bytes (`-Body` with a `byte[]`: UTF-8 of the text, or base64 for
 * bytes that are not UTF-8): a string body is encoded as ISO-8859-1 by Windows PowerShell 5.1 and
 * as UTF-8 by PowerShell 7, and only bytes are exact in both. The answer's status line and headers are printed (`RawContent`), as `curl -i` does.
 */
import { toBase64 } from './bytes.ts';
import type { HandoffNote } from './notes.ts';
import { NOTE_TEXT } from './notes.ts';
import { powershellString } from './quote-powershell.ts';
import type { HandoffRequest } from './request-parts.ts';

const TRANSPORT = new Set(['host', 'connection', 'proxy-connection', 'content-length', 'expect', 'accept-encoding', 'transfer-encoding']);

function cookies(value: string): { name: string; value: string }[] {
  return value
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? { name: '', value: pair } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
}

function hostOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(url)?.[1] ?? '';
}

export function renderPowerShell(request: HandoffRequest): string {
  const notes: HandoffNote[] = [...request.notes, 'powershell-error-status'];
  const session: string[] = [];
  const params: string[] = [`  Uri = ${powershellString(request.url)}`, `  Method = ${powershellString(request.method)}`];
  const headerLines: string[] = [];
  for (const h of request.headers) {
    const name = h.name.toLowerCase();
    if (name.startsWith(':') || TRANSPORT.has(name)) continue;
    if (name === 'content-type') params.push(`  ContentType = ${powershellString(h.value)}`);
    else if (name === 'user-agent') params.push(`  UserAgent = ${powershellString(h.value)}`);
    else if (name === 'cookie') {
      for (const c of cookies(h.value)) {
        const args = [c.name, c.value, '/', hostOf(request.url)].map(powershellString).join(', ');
        session.push(`$session.Cookies.Add((New-Object System.Net.Cookie(${args})))`);
      }
    } else headerLines.push(`    ${powershellString(h.name)} = ${powershellString(h.value)}`);
  }
  if (headerLines.length > 0) params.push(`  Headers = @{\n${headerLines.join('\n')}\n  }`);
  if (session.length > 0) params.push('  WebSession = $session');
  const body = request.body;
  if (body !== null) {
    const text = body.text;
    params.push(
      text !== null
        ? `  Body = [System.Text.Encoding]::UTF8.GetBytes(${powershellString(text)})`
        : `  Body = [System.Convert]::FromBase64String('${toBase64(body.bytes)}')`,
    );
  }
  const lines = [
    ...notes.map((n) => `# ${NOTE_TEXT[n]}`),
    ...(session.length > 0 ? ['$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession', ...session] : []),
    '$request = @{',
    ...params,
    '}',
    '(Invoke-WebRequest -UseBasicParsing @request).RawContent',
  ];
  return lines.join('\n');
}
