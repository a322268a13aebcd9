/**
 * Server-side fixes as code: one renderer per framework turns a `CorsPolicy` (what the server must
 * send) into a snippet. Explanations say which policy fixes a reason; this file only renders.
 */

/** What the server must do for the failing request. */
export interface CorsPolicy {
  /** The exact origin to allow (`*` only for non-credentialed requests). */
  readonly allowOrigin: string;
  readonly allowCredentials: boolean;
  /** Methods to list in Access-Control-Allow-Methods (empty: none needed). */
  readonly allowMethods: readonly string[];
  /** Header names to list in Access-Control-Allow-Headers (empty: none needed). */
  readonly allowHeaders: readonly string[];
  /** Answer OPTIONS itself with 204, before authentication and redirects. */
  readonly answerPreflight: boolean;
}

export const FRAMEWORKS = ['express', 'nginx', 'apache', 'caddy', 'spring', 'aspnet', 'django', 'fastapi', 'go'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const FRAMEWORK_LABEL: Record<Framework, string> = {
  express: 'Express (cors)',
  nginx: 'nginx',
  apache: 'Apache httpd',
  caddy: 'Caddy',
  spring: 'Spring (WebMvcConfigurer)',
  aspnet: 'ASP.NET Core',
  django: 'Django (django-cors-headers)',
  fastapi: 'FastAPI (CORSMiddleware)',
  go: 'Go net/http',
};

const q = (s: string): string => JSON.stringify(s);
const list = (items: readonly string[]): string => items.map(q).join(', ');

function express(p: CorsPolicy): string {
  const lines = [
    "import cors from 'cors';",
    '',
    'const corsOptions = {',
    `  origin: ${q(p.allowOrigin)},`,
    ...(p.allowCredentials ? ['  credentials: true,'] : []),
    ...(p.allowMethods.length > 0 ? [`  methods: [${list(p.allowMethods)}],`] : []),
    ...(p.allowHeaders.length > 0 ? [`  allowedHeaders: [${list(p.allowHeaders)}],`] : []),
    '};',
    '// Register first: before auth, routers and error handlers, so OPTIONS and errors get the headers too.',
    'app.use(cors(corsOptions));',
  ];
  return lines.join('\n');
}

function nginx(p: CorsPolicy): string {
  const common = [
    `add_header Access-Control-Allow-Origin ${q(p.allowOrigin)} always;`,
    ...(p.allowCredentials ? ['add_header Access-Control-Allow-Credentials "true" always;'] : []),
    ...(p.allowOrigin === '*' ? [] : ['add_header Vary "Origin" always;']),
  ];
  const pre = [
    ...common,
    ...(p.allowMethods.length > 0 ? [`add_header Access-Control-Allow-Methods ${q(p.allowMethods.join(', '))} always;`] : []),
    ...(p.allowHeaders.length > 0 ? [`add_header Access-Control-Allow-Headers ${q(p.allowHeaders.join(', '))} always;`] : []),
    'add_header Access-Control-Max-Age 600 always;',
    'return 204;',
  ];
  return [
    'location /api/ {',
    ...(p.answerPreflight || p.allowMethods.length > 0 || p.allowHeaders.length > 0
      ? ['    if ($request_method = OPTIONS) {', ...pre.map((l) => `        ${l}`), '    }']
      : []),
    '    # `always` also adds them to 4xx/5xx responses.',
    ...common.map((l) => `    ${l}`),
    '    proxy_pass http://backend;',
    '}',
  ].join('\n');
}

function apache(p: CorsPolicy): string {
  return [
    '# mod_headers + mod_rewrite; `always` also covers error responses.',
    `Header always set Access-Control-Allow-Origin ${q(p.allowOrigin)}`,
    ...(p.allowCredentials ? ['Header always set Access-Control-Allow-Credentials "true"'] : []),
    ...(p.allowMethods.length > 0 ? [`Header always set Access-Control-Allow-Methods ${q(p.allowMethods.join(', '))}`] : []),
    ...(p.allowHeaders.length > 0 ? [`Header always set Access-Control-Allow-Headers ${q(p.allowHeaders.join(', '))}`] : []),
    ...(p.allowOrigin === '*' ? [] : ['Header always merge Vary "Origin"']),
    ...(p.answerPreflight ? ['RewriteEngine On', 'RewriteCond %{REQUEST_METHOD} OPTIONS', 'RewriteRule ^ - [R=204,L]'] : []),
  ].join('\n');
}

function caddy(p: CorsPolicy): string {
  return [
    'example.com {',
    '    header {',
    `        Access-Control-Allow-Origin ${q(p.allowOrigin)}`,
    ...(p.allowCredentials ? ['        Access-Control-Allow-Credentials "true"'] : []),
    ...(p.allowMethods.length > 0 ? [`        Access-Control-Allow-Methods ${q(p.allowMethods.join(', '))}`] : []),
    ...(p.allowHeaders.length > 0 ? [`        Access-Control-Allow-Headers ${q(p.allowHeaders.join(', '))}`] : []),
    ...(p.allowOrigin === '*' ? [] : ['        Vary Origin']),
    '        defer',
    '    }',
    ...(p.answerPreflight ? ['    @preflight method OPTIONS', '    respond @preflight 204'] : []),
    '    reverse_proxy backend:8080',
    '}',
  ].join('\n');
}

function spring(p: CorsPolicy): string {
  return [
    '@Bean',
    'public WebMvcConfigurer corsConfigurer() {',
    '    return new WebMvcConfigurer() {',
    '        @Override',
    '        public void addCorsMappings(CorsRegistry registry) {',
    '            registry.addMapping("/**")',
    `                .allowedOrigins(${q(p.allowOrigin)})`,
    ...(p.allowMethods.length > 0 ? [`                .allowedMethods(${list(p.allowMethods)})`] : []),
    ...(p.allowHeaders.length > 0 ? [`                .allowedHeaders(${list(p.allowHeaders)})`] : []),
    ...(p.allowCredentials ? ['                .allowCredentials(true)'] : []),
    '                ;',
    '        }',
    '    };',
    '}',
    '// With Spring Security, also call http.cors(Customizer.withDefaults()) so preflights skip authentication.',
  ].join('\n');
}

function aspnet(p: CorsPolicy): string {
  return [
    'builder.Services.AddCors(options => options.AddPolicy("site", policy => policy',
    `    .WithOrigins(${q(p.allowOrigin)})`,
    p.allowMethods.length > 0 ? `    .WithMethods(${list(p.allowMethods)})` : '    .AllowAnyMethod()',
    p.allowHeaders.length > 0 ? `    .WithHeaders(${list(p.allowHeaders)})` : '    .AllowAnyHeader()',
    ...(p.allowCredentials ? ['    .AllowCredentials()'] : []),
    '));',
    '// ...',
    'app.UseRouting();',
    'app.UseCors("site"); // before UseAuthentication, UseAuthorization and any redirect middleware',
  ].join('\n');
}

function django(p: CorsPolicy): string {
  return [
    '# settings.py (pip install django-cors-headers)',
    'from corsheaders.defaults import default_headers, default_methods',
    '',
    'INSTALLED_APPS += ["corsheaders"]',
    'MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")  # first, above CommonMiddleware',
    p.allowOrigin === '*' ? 'CORS_ALLOW_ALL_ORIGINS = True' : `CORS_ALLOWED_ORIGINS = [${q(p.allowOrigin)}]`,
    ...(p.allowCredentials ? ['CORS_ALLOW_CREDENTIALS = True'] : []),
    ...(p.allowMethods.length > 0 ? [`CORS_ALLOW_METHODS = (*default_methods, ${list(p.allowMethods)})`] : []),
    ...(p.allowHeaders.length > 0 ? [`CORS_ALLOW_HEADERS = (*default_headers, ${list(p.allowHeaders)})`] : []),
  ].join('\n');
}

function fastapi(p: CorsPolicy): string {
  return [
    'from fastapi.middleware.cors import CORSMiddleware',
    '',
    'app.add_middleware(',
    '    CORSMiddleware,',
    `    allow_origins=[${q(p.allowOrigin)}],`,
    ...(p.allowCredentials ? ['    allow_credentials=True,'] : []),
    `    allow_methods=[${p.allowMethods.length > 0 ? list(p.allowMethods) : '"GET", "POST"'}],`,
    ...(p.allowHeaders.length > 0 ? [`    allow_headers=[${list(p.allowHeaders)}],`] : []),
    ')',
  ].join('\n');
}

function go(p: CorsPolicy): string {
  const originLine =
    p.allowOrigin === '*'
      ? ['\t\th.Set("Access-Control-Allow-Origin", "*")']
      : [
          `\t\tif r.Header.Get("Origin") == ${q(p.allowOrigin)} {`,
          `\t\t\th.Set("Access-Control-Allow-Origin", ${q(p.allowOrigin)})`,
          ...(p.allowCredentials ? ['\t\t\th.Set("Access-Control-Allow-Credentials", "true")'] : []),
          '\t\t}',
          '\t\th.Add("Vary", "Origin")',
        ];
  return [
    'func withCORS(next http.Handler) http.Handler {',
    '\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {',
    '\t\th := w.Header()',
    ...originLine,
    '\t\tif r.Method == http.MethodOptions {',
    ...(p.allowMethods.length > 0 ? [`\t\t\th.Set("Access-Control-Allow-Methods", ${q(p.allowMethods.join(', '))})`] : []),
    ...(p.allowHeaders.length > 0 ? [`\t\t\th.Set("Access-Control-Allow-Headers", ${q(p.allowHeaders.join(', '))})`] : []),
    '\t\t\tw.WriteHeader(http.StatusNoContent)',
    '\t\t\treturn',
    '\t\t}',
    '\t\tnext.ServeHTTP(w, r)',
    '\t})',
    '}',
  ].join('\n');
}

export function renderSnippet(framework: Framework, policy: CorsPolicy): string {
  switch (framework) {
    case 'express':
      return express(policy);
    case 'nginx':
      return nginx(policy);
    case 'apache':
      return apache(policy);
    case 'caddy':
      return caddy(policy);
    case 'spring':
      return spring(policy);
    case 'aspnet':
      return aspnet(policy);
    case 'django':
      return django(policy);
    case 'fastapi':
      return fastapi(policy);
    case 'go':
      return go(policy);
    default: {
      const _exhaustive: never = framework;
      return _exhaustive;
    }
  }
}

export function renderAllSnippets(policy: CorsPolicy): Record<Framework, string> {
  // A report renders the same few policies for thousands of blocked exchanges: a pure memo keyed
  // by the policy's fields. Each caller gets its own copy of the record (the strings are shared).
  const key = JSON.stringify([policy.allowOrigin, policy.allowCredentials, policy.allowMethods, policy.allowHeaders, policy.answerPreflight]);
  let rendered = RENDERED.get(key);
  if (rendered === undefined) {
    rendered = Object.fromEntries(FRAMEWORKS.map((f) => [f, renderSnippet(f, policy)])) as Record<Framework, string>;
    if (RENDERED.size >= RENDERED_LIMIT) RENDERED.clear();
    RENDERED.set(key, rendered);
  }
  return { ...rendered };
}

/** Bounded (cleared when full): one entry per distinct policy. */
const RENDERED = new Map<string, Readonly<Record<Framework, string>>>();
const RENDERED_LIMIT = 256;
