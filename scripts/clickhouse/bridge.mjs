// ClickHouse's HTTP interface in front of chDB (ClickHouse 26.7 as a library), for development and
// tests on machines where no ClickHouse server installs. One engine, one data directory, loopback
// only, requests run one at a time. What it speaks, and what it does not, is in README.md here.
//
//   node bridge.mjs DATA_DIR [PORT]    prints MALLARD_CLICKHOUSE_URL=http://127.0.0.1:PORT
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Session } from 'chdb';

const [dataDir, portArgument] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: node bridge.mjs DATA_DIR [PORT]');
  process.exit(2);
}
const session = new Session(dataDir);
const timezone = (await session.queryAsync('SELECT timezone()', {format: 'TabSeparated'})).text().trim();
const version = (await session.queryAsync('SELECT version()', {format: 'TabSeparated'})).text().trim();

// URL parameters of the protocol that are not settings of the query.
const PROTOCOL = new Set(['query', 'query_id', 'database', 'default_format', 'user', 'password', 'session_id', 'session_timeout',
  'session_check', 'compress', 'decompress', 'enable_http_compression', 'wait_end_of_query', 'buffer_size', 'client_protocol_version']);
const INSERT = /^\s*INSERT\s+INTO\s+(?:TABLE\s+)?([A-Za-z0-9_.`"]+)\s*(?:\(([^)]*)\))?\s*(?:SETTINGS\s+.*?\s+)?FORMAT\s+([A-Za-z]+)\s*$/is;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

let queue = Promise.resolve();
/** Runs requests one after the other: settings and the current database are the session's. */
function serialized(work) {
  const turn = queue.then(work, work);
  queue = turn.catch(() => undefined);
  return turn;
}

function requestBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A setting's value as SQL: numbers as they are, anything else quoted. */
function literal(value) {
  return /^-?\d+(\.\d+)?$/.test(value) ? value : `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

async function answer(request, response) {
  const url = new URL(request.url, 'http://127.0.0.1');
  if (url.pathname === '/ping' || (request.method === 'GET' && url.pathname === '/' && !url.searchParams.has('query'))) {
    response.writeHead(200, {'Content-Type': 'text/plain; charset=UTF-8'}).end('Ok.\n');
    return;
  }
  const parameters = url.searchParams;
  const body = await requestBody(request);
  const header = (name) => request.headers[name.toLowerCase()];
  const queryId = parameters.get('query_id') || header('X-ClickHouse-Query-Id') || randomUUID();
  const database = parameters.get('database') || header('X-ClickHouse-Database') || '';
  const format = parameters.get('default_format') || header('X-ClickHouse-Format') || 'TabSeparated';
  const bind = {};
  const settings = {};
  for (const [name, value] of parameters) {
    if (name.startsWith('param_')) bind[name.slice(6)] = value;
    else if (!PROTOCOL.has(name)) settings[name] = value;
  }
  for (const name of [database, ...Object.keys(settings)]) {
    if (name && !NAME.test(name)) throw Object.assign(new Error(`Code: 115. DB::Exception: Bad name: ${name}. (UNKNOWN_SETTING)`), {code: 115});
  }
  let sql = parameters.get('query') || '';
  const insert = sql && body.length > 0 ? INSERT.exec(sql) : null;
  if (!insert) sql = sql ? `${sql}\n${body}` : body.toString();

  const summary = await serialized(async () => {
    const prefix = (database ? `USE ${database};\n` : '') + Object.entries(settings).map(([name, value]) => `SET ${name} = ${literal(value)};\n`).join('');
    try {
      if (prefix) await session.queryAsync(prefix + 'SELECT 1', {format: 'Null'});
      if (insert) {
        const [, table, columns, insertFormat] = insert;
        const written = await session.insert({table, values: body, format: insertFormat, settings,
          columns: columns ? columns.split(',').map((column) => column.trim()) : undefined});
        return {bytes: Buffer.alloc(0), read: 0, written: written.rowsWritten, writtenBytes: written.bytesWritten, elapsed: written.elapsed};
      }
      const result = Object.keys(bind).length ? await session.queryBindAsync(sql, bind, {format}) : await session.queryAsync(sql, {format});
      return {bytes: Buffer.from(result.bytes()), read: result.rowsRead, readBytes: result.bytesRead, written: 0, elapsed: result.elapsed};
    } finally {
      // Settings and database last for this request only, as over HTTP without a session.
      const reset = Object.keys(settings).map((name) => `SET ${name} = DEFAULT;\n`).join('') + (database ? 'USE default;\n' : '');
      if (reset) await session.queryAsync(reset + 'SELECT 1', {format: 'Null'}).catch(() => undefined);
    }
  });
  response.writeHead(200, {
    'Content-Type': format.startsWith('JSON') ? 'application/json; charset=UTF-8' : 'application/octet-stream',
    'X-ClickHouse-Format': format,
    'X-ClickHouse-Query-Id': queryId,
    'X-ClickHouse-Timezone': timezone,
    'X-ClickHouse-Server-Display-Name': `chdb-bridge ${version}`,
    'X-ClickHouse-Summary': JSON.stringify({read_rows: String(summary.read), read_bytes: String(summary.readBytes || 0),
      written_rows: String(summary.written), written_bytes: String(summary.writtenBytes || 0), total_rows_to_read: '0',
      result_rows: '0', result_bytes: String(summary.bytes.length), elapsed_ns: String(Math.round(summary.elapsed * 1e9))}),
  }).end(summary.bytes);
}

const server = createServer((request, response) => {
  answer(request, response).catch((error) => {
    const code = Number((/Code: (\d+)/.exec(error.message) || [])[1]) || (Number.isInteger(error.code) ? error.code : 1000);
    response.writeHead(code === 60 || code === 81 ? 404 : 500, {'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Exception-Code': String(code)}).end(`${error.message}\n`);
  });
});
server.listen(Number(portArgument || 0), '127.0.0.1', () => {
  console.log(`MALLARD_CLICKHOUSE_URL=http://127.0.0.1:${server.address().port}`);
});
const stop = () => server.close(() => {
  session.close();
  process.exit(0);
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
